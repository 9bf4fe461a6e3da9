// The memory model behind the memory limit (spec §3): estimated sizes of
// values as V8 holds them, used to check an allocation before it is made and
// to meter the growth of containers over a file's evaluation.

/** A list or tuple element: the slot plus a share of its boxed value. */
export const SLOT_BYTES = 16;
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
