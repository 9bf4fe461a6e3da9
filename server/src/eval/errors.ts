// Python exceptions as the interpreter raises and catches them: the built-in
// exception classes (with CPython's hierarchy), PyError (a raised exception
// travelling through the JavaScript stack with the location and traceback
// where it was raised), and LimitError, which no `except` can catch.

import type { Loc } from './ast';
import { PyException, PyExceptionClass, type Value } from './values';

const classes = new Map<string, PyExceptionClass>();

function define(name: string, base: string | null): PyExceptionClass {
  const cls = new PyExceptionClass(name, base ? (classes.get(base) as PyExceptionClass) : null);
  classes.set(name, cls);
  return cls;
}

define('BaseException', null);
define('Exception', 'BaseException');
define('ArithmeticError', 'Exception');
define('ZeroDivisionError', 'ArithmeticError');
define('OverflowError', 'ArithmeticError');
define('AssertionError', 'Exception');
define('AttributeError', 'Exception');
define('LookupError', 'Exception');
define('IndexError', 'LookupError');
define('KeyError', 'LookupError');
define('NameError', 'Exception');
define('UnboundLocalError', 'NameError');
define('RuntimeError', 'Exception');
define('NotImplementedError', 'RuntimeError');
define('RecursionError', 'RuntimeError');
define('StopIteration', 'Exception');
define('TypeError', 'Exception');
define('ValueError', 'Exception');
define('UnicodeError', 'ValueError');
define('ImportError', 'Exception');
define('ModuleNotFoundError', 'ImportError');
define('MemoryError', 'Exception');
define('BufferError', 'Exception');
define('EOFError', 'Exception');
define('FloatingPointError', 'ArithmeticError');
define('ReferenceError', 'Exception');
define('SystemError', 'Exception');
define('OSError', 'Exception');
define('TimeoutError', 'OSError');
define('FileNotFoundError', 'OSError');
define('PermissionError', 'OSError');
define('ConnectionError', 'OSError');
define('UnicodeDecodeError', 'UnicodeError');
define('UnicodeEncodeError', 'UnicodeError');
define('UnicodeTranslateError', 'UnicodeError');
define('KeyboardInterrupt', 'BaseException');
define('SystemExit', 'BaseException');
define('GeneratorExit', 'BaseException');
define('Warning', 'Exception');
for (const w of ['UserWarning', 'DeprecationWarning', 'PendingDeprecationWarning', 'SyntaxWarning', 'RuntimeWarning', 'FutureWarning', 'ImportWarning', 'UnicodeWarning', 'BytesWarning', 'ResourceWarning']) define(w, 'Warning');
define('PlanError', 'Exception');
define('SyntaxError', 'Exception');
define('IndentationError', 'SyntaxError');
define('TabError', 'IndentationError');
define('SecurityError', 'Exception');

/** The exception classes user code can name (`except KeyError`, `raise ValueError(...)`). */
export const EXCEPTION_CLASSES: ReadonlyMap<string, PyExceptionClass> = classes;

export function exceptionClass(name: string): PyExceptionClass {
  const cls = classes.get(name);
  if (!cls) throw new Error(`unknown exception class ${name}`);
  return cls;
}

/** One frame of a Python-style traceback: the function and the line being executed in it. */
export interface TraceFrame {
  readonly name: string;
  readonly loc: Loc;
}

/** A Python exception in flight. */
export class PyError extends Error {
  /** Where it was raised: the innermost node being evaluated. Filled by the interpreter. */
  loc: Loc | null = null;
  /** Outermost first; the last frame is where it was raised. */
  traceback: readonly TraceFrame[] | null = null;
  /** Shown after the message in diagnostics but not part of str(e), like CPython's "Did you mean" suggestions. */
  hint = '';

  constructor(readonly exception: PyException) {
    // A Python exception is control flow for user code (a loop may raise and
    // catch millions): V8's JS stack capture would cost microseconds each and
    // say nothing about the workflow, so none is taken.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(exception.cls.name);
    Error.stackTraceLimit = stackTraceLimit;
  }

  get kind(): string {
    return this.exception.cls.name;
  }
}

/** The caller withdrew the evaluation (a newer edit superseded it): not a Python error, no diagnostic. */
export class EvaluationCancelled extends Error {
  constructor() {
    super('evaluation cancelled');
  }
}

/** A limit of spec §3 was hit. Not catchable by user code; stops the file. */
export class LimitError extends PyError {
  /**
   * @param reportAt 'loop' for the step and time budgets: hit inside a loop,
   * they are reported on the innermost loop's line.
   */
  constructor(
    message: string,
    readonly reportAt: 'here' | 'loop' = 'here',
  ) {
    super(new PyException(exceptionClass('LimitError'), [message]));
  }

  get reportAtLoop(): boolean {
    return this.reportAt === 'loop';
  }
}
define('LimitError', 'BaseException');

/** Raises a built-in exception with a message. */
export function pyError(kind: string, message: string): PyError {
  return new PyError(new PyException(exceptionClass(kind), [message]));
}

export function typeError(message: string): PyError {
  return pyError('TypeError', message);
}

export function valueError(message: string): PyError {
  return pyError('ValueError', message);
}

export function keyError(key: Value): PyError {
  return new PyError(new PyException(exceptionClass('KeyError'), [key]));
}

export function indexError(message: string): PyError {
  return pyError('IndexError', message);
}

export function attributeError(message: string): PyError {
  return pyError('AttributeError', message);
}

export function planError(message: string): PyError {
  return pyError('PlanError', message);
}

/** Adds CPython's "Did you mean" suggestion to a raised error, outside str(e). */
export function withHint(error: PyError, suggestion: string | null, colon: ':' | '' = ':'): PyError {
  if (suggestion) error.hint = `. Did you mean${colon} '${suggestion}'?`;
  return error;
}
