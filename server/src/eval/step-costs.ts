// The evaluator's cost model: how many steps (spec §3's evaluation budget)
// each operation is charged. One step is about the time of the cheapest
// operation (a loop iteration, an operator); dearer ones are charged several,
// so that a loop of any operation is ended by the step budget — not the
// wall-clock backstop — well within a second. Calibrated with bench/step-cost.mjs (docs/security.md).

/** Each statement executed (an operator, a subscript, a loop iteration: 1). */
export const STATEMENT_STEPS = 2;
/** Each item a generator expression produces (a JS generator resumed). */
export const GENERATOR_ITEM_STEPS = 10;
/** A call of a function defined in the file: a frame, its parameters bound. */
export const FUNCTION_CALL_STEPS = 5;
/** A call of a builtin, a type, a method or a bound plue API method. */
export const BUILTIN_CALL_STEPS = 4;
/** An entry a dict comprehension stores (its key hashed, the entry made). */
export const DICT_ENTRY_STEPS = 3;
/** Each piece str.split/rsplit cuts (a new string). */
export const STRING_PIECE_STEPS = 2;
/** A formatted field of an f-string (format spec parsed, value formatted). */
export const FORMAT_FIELD_STEPS = 4;
/** An exception caught by `except`: throwing and unwinding the evaluator's JS stack costs microseconds. */
export const EXCEPTION_CAUGHT_STEPS = 100;
/** Each function call an exception unwinds on its way out (about ten JavaScript frames and a rethrow). */
export const EXCEPTION_UNWIND_STEPS = 120;
