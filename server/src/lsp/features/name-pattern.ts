// Regular expressions around a Python name taken from a document (hover,
// hints and quick-fix lookups search the text for its definition or uses).
// The name is escaped, and a name too long to be anyone's variable is not
// searched for at all: V8 refuses a pattern of a few megabytes ("Regular
// expression too large"), which a hostile document can supply (found by
// scripts/fuzz/lsp-fuzz.mjs, seed 2101).

/** Longer names are not looked up (no real identifier is this long). */
const MAX_NAME_LENGTH = 1024;

/** `source(escapedName)` as a RegExp, or null when the name is too long to search for. */
export function namePattern(name: string, source: (escapedName: string) => string, flags?: string): RegExp | null {
  if (name.length > MAX_NAME_LENGTH) return null;
  return new RegExp(source(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), flags);
}
