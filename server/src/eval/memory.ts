// The memory model behind the memory limit (spec §3): estimated sizes of
// values as V8 holds them, used to check an allocation before it is made and
// to meter the growth of containers over a file's evaluation.

/** A list or tuple element: the slot plus a share of its boxed value. */
export const SLOT_BYTES = 24;
/** A dict or set entry: the hash-map entry, its key string and the entry record. */
export const ENTRY_BYTES = 192;
/** A string character (UTF-16). */
export const CHAR_BYTES = 2;
/**
 * Container growth and large values are metered cumulatively (memory cannot
 * be measured back when the garbage collector frees it): a file may allocate
 * this many times its memory limit in total.
 */
export const CUMULATIVE_FACTOR = 1;

/** A fresh object (tuple, list, dict ...) held by a container: V8's object header and backing store, beyond its slot. */
export const OBJECT_BYTES = 48;
/** A big integer held by a container (ints are bigints: heap objects). */
export const BIGINT_BYTES = 16;

/** What one element costs a container being materialised (list(), comprehensions): its slot plus the value's own object. */
export function elementBytes(value: unknown): number {
  if (typeof value === 'bigint') return SLOT_BYTES + BIGINT_BYTES;
  if (typeof value === 'object' && value !== null) {
    // A small fresh tuple or list (enumerate's and zip's pairs, dict items)
    // is counted with its own slots and ints: its share of the heap is twice
    // the bare object's. Larger ones are usually shared and counted once.
    const items = (value as { readonly items?: unknown }).items;
    if (!Array.isArray(items) || items.length > SMALL_CONTAINER_ITEMS) return SLOT_BYTES + OBJECT_BYTES;
    let bytes = SLOT_BYTES + OBJECT_BYTES + items.length * SLOT_BYTES;
    for (const item of items) if (typeof item === 'bigint') bytes += BIGINT_BYTES;
    return bytes;
  }
  return SLOT_BYTES;
}

/** Up to this many items, a container's own slots count in elementBytes. */
const SMALL_CONTAINER_ITEMS = 8;
