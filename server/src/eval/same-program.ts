// Structural equality of two lowered programs (eval/ast.ts): same shapes,
// same names, same constants, same source locations. Two equal programs run
// to the same result under the same options, which is what lets the language
// server skip evaluation after an edit that changed only comments or blank
// lines at the end (the program, locations included, is unchanged).

/** True when `a` and `b` are the same plain data: primitives by value (NaN equals NaN), arrays and objects key by key, other objects by identity or by own fields with the same prototype. */
export function sameProgram(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameProgram(a[i], other[i])) return false;
    return true;
  }
  // for-in instead of Object.keys: no arrays allocated for the thousands of nodes of a program.
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  let count = 0;
  for (const key in recordA) {
    if (!Object.prototype.hasOwnProperty.call(recordA, key)) continue;
    if (!Object.prototype.hasOwnProperty.call(recordB, key) || !sameProgram(recordA[key], recordB[key])) return false;
    count++;
  }
  for (const key in recordB) {
    if (Object.prototype.hasOwnProperty.call(recordB, key)) count--;
  }
  return count === 0;
}
