// Stable diagnostic codes (`PLUE-SYNTAX`, `PLUE-LIMIT` ...): one per class of
// problem, derived from the diagnostic's kind (an exception class maps to its
// nearest class that has a code) and, for a prompt file, from where it was
// found; never from message text. docs/diagnostic-codes.md documents each
// code; a code never changes meaning, a new class gets a new code.

/** Where a diagnostic was found: a workflow file, or a `.prompt.md` file whose frontmatter could not be read. */
export type DiagnosticSource = 'workflow' | 'prompt';

export interface DiagnosticCodeInfo {
  /** The stable code, e.g. `PLUE-SYNTAX`. */
  readonly code: string;
  /** A short PascalCase name (a SARIF rule's name). */
  readonly name: string;
  /** One sentence: what the code means. */
  readonly summary: string;
}

const CODES = [
  { code: 'PLUE-SYNTAX', name: 'InvalidSyntax', summary: 'The file is not valid Python 3.11 source, as CPython would refuse it.' },
  { code: 'PLUE-SECURITY', name: 'RefusedConstruct', summary: 'The file uses a name, attribute, builtin or statement the workflow sandbox refuses.' },
  { code: 'PLUE-IMPORT', name: 'RefusedImport', summary: 'An import outside the allowed modules, or of a name those modules do not have.' },
  { code: 'PLUE-LIMIT', name: 'ResourceLimit', summary: 'The file exceeded a resource limit of the evaluator (size, nesting, steps, memory, call depth, time, output).' },
  { code: 'PLUE-PLAN', name: 'InvalidPlan', summary: 'The file ran but its plan cannot be built as written.' },
  { code: 'PLUE-NAME', name: 'UndefinedName', summary: 'A name was used that is not defined (or a local variable before its assignment).' },
  { code: 'PLUE-TYPE', name: 'WrongType', summary: 'An operation or call got a value of the wrong type.' },
  { code: 'PLUE-VALUE', name: 'WrongValue', summary: 'An operation or call got a value of the right type but an unacceptable value.' },
  { code: 'PLUE-KEY', name: 'MissingKey', summary: 'A dictionary was indexed with a key it does not have.' },
  { code: 'PLUE-INDEX', name: 'IndexOutOfRange', summary: 'A sequence was indexed past its end.' },
  { code: 'PLUE-ATTRIBUTE', name: 'MissingAttribute', summary: 'A value has no attribute of the name used.' },
  { code: 'PLUE-ZERO-DIVISION', name: 'DivisionByZero', summary: 'A division or modulo by zero.' },
  { code: 'PLUE-OVERFLOW', name: 'NumberOverflow', summary: 'A number does not fit where it has to go (an integer past 64 bits, a float out of range).' },
  { code: 'PLUE-ASSERTION', name: 'FailedAssertion', summary: 'An assert statement of the file failed.' },
  { code: 'PLUE-EXCEPTION', name: 'UncaughtException', summary: 'Another Python exception was raised while the file ran and nothing caught it.' },
  { code: 'PLUE-PROMPT', name: 'UnreadablePrompt', summary: 'The frontmatter of a .prompt.md file could not be read.' },
  { code: 'PLUE-INTERNAL', name: 'InternalError', summary: 'A fault of the evaluator itself, not of the file.' },
] as const satisfies readonly DiagnosticCodeInfo[];

export type DiagnosticCode = (typeof CODES)[number]['code'];

/** Every code, in the order docs/diagnostic-codes.md lists them. */
export const DIAGNOSTIC_CODES: readonly DiagnosticCodeInfo[] = CODES;

const BY_CODE: ReadonlyMap<string, DiagnosticCodeInfo> = new Map(CODES.map((c) => [c.code, c]));

/** The kinds with a code of their own. */
const KIND_CODES: ReadonlyMap<string, DiagnosticCode> = new Map<string, DiagnosticCode>([
  ['SyntaxError', 'PLUE-SYNTAX'],
  ['SecurityError', 'PLUE-SECURITY'],
  ['ImportError', 'PLUE-IMPORT'],
  ['LimitError', 'PLUE-LIMIT'],
  ['PlanError', 'PLUE-PLAN'],
  ['NameError', 'PLUE-NAME'],
  ['TypeError', 'PLUE-TYPE'],
  ['ValueError', 'PLUE-VALUE'],
  ['KeyError', 'PLUE-KEY'],
  ['IndexError', 'PLUE-INDEX'],
  ['AttributeError', 'PLUE-ATTRIBUTE'],
  ['ZeroDivisionError', 'PLUE-ZERO-DIVISION'],
  ['OverflowError', 'PLUE-OVERFLOW'],
  ['AssertionError', 'PLUE-ASSERTION'],
  ['InternalError', 'PLUE-INTERNAL'],
]);

/** Python's subclasses of the kinds above (CPython's hierarchy): they share their base's code. */
const SUBCLASS_OF: ReadonlyMap<string, string> = new Map([
  ['IndentationError', 'SyntaxError'],
  ['TabError', 'SyntaxError'],
  ['ModuleNotFoundError', 'ImportError'],
  ['UnboundLocalError', 'NameError'],
  ['UnicodeError', 'ValueError'],
  ['UnicodeDecodeError', 'ValueError'],
  ['UnicodeEncodeError', 'ValueError'],
  ['UnicodeTranslateError', 'ValueError'],
]);

/** The code of a diagnostic of `kind` found in a `source` file. */
export function diagnosticCode(kind: string, source: DiagnosticSource = 'workflow'): DiagnosticCode {
  if (source === 'prompt') return 'PLUE-PROMPT';
  return KIND_CODES.get(SUBCLASS_OF.get(kind) ?? kind) ?? 'PLUE-EXCEPTION';
}

/** What is known about `code`. */
export function codeInfo(code: DiagnosticCode): DiagnosticCodeInfo {
  return BY_CODE.get(code) as DiagnosticCodeInfo;
}

/** The anchor of a code's section in docs/diagnostic-codes.md (GitHub's heading slug: lower case). */
export function codeAnchor(code: DiagnosticCode): string {
  return code.toLowerCase();
}
