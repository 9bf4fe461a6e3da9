// A scope's variables at run time: a function call's locals, a
// comprehension's loop variables, or the module globals. `parent` is the
// lexically enclosing function frame (what closures read), not the caller.

import type { Value } from './values';

export class Frame {
  readonly vars = new Map<string, Value>();
  constructor(readonly parent: Frame | null) {}
}
