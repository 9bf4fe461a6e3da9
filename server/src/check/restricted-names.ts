// The name lists of the static policy (spec §2): banned builtins with the
// substitute to suggest, RestrictedPython's reserved names and its
// frame/generator/code attributes, and NFKC identifier normalisation.

/** Banned names, each with why or what to use instead. */
export const BANNED_NAMES: ReadonlyMap<string, string> = new Map([
  ['eval', 'workflow files cannot run code from strings'],
  ['exec', 'workflow files cannot run code from strings'],
  ['compile', 'workflow files cannot run code from strings'],
  ['open', 'use ctx.read(path) to read a file when the workflow runs'],
  ['globals', 'the module namespace is not reachable'],
  ['locals', 'the local namespace is not reachable'],
  ['vars', 'the namespace of objects is not reachable'],
  ['getattr', 'use attribute access (obj.name) or a dict lookup (d[key])'],
  ['setattr', 'values in workflow files have no writable attributes; build a dict instead'],
  ['delattr', 'values in workflow files have no writable attributes'],
  ['__import__', 'import plue, plue.prompts or plue.tools with an import statement'],
  ['input', 'workflow files run without a terminal; use manual(inputs=...) and ctx.inputs'],
  ['breakpoint', 'there is no debugger in plan evaluation; use print()'],
  ['help', 'there is no interactive help in plan evaluation'],
  ['exit', 'return from the workflow function, or ctx.fail(reason)'],
  ['quit', 'return from the workflow function, or ctx.fail(reason)'],
  ['memoryview', 'raw memory is not reachable'],
  ['type', 'use isinstance(value, T)'],
  ['super', 'classes are not allowed'],
  ['object', 'classes are not allowed; use dicts'],
  ['dir', 'introspection is not allowed'],
  ['hash', 'it is not deterministic across processes; use cache_key(...) or hash_files(pattern)'],
  ['id', 'it is not deterministic across processes'],
]);

/** RestrictedPython's reserved names. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['printed', 'builtins']);

/** RestrictedPython's INSPECT_ATTRIBUTES (frame, generator, coroutine and traceback internals), plus the async-generator ones it leaves out. */
export const INSPECT_ATTRIBUTES: ReadonlySet<string> = new Set([
  'ag_await', 'ag_code', 'ag_frame', 'co_code', 'cr_await', 'cr_code', 'cr_frame', 'cr_origin', 'f_back', 'f_builtins', 'f_code', 'f_generator',
  'f_globals', 'f_locals', 'f_trace', 'gi_code', 'gi_frame', 'gi_yieldfrom', 'tb_frame', 'tb_next',
]);

/** The identifier as CPython compares it: NFKC-normalised. */
export function normalizeIdentifier(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) return text.normalize('NFKC');
  }
  return text;
}
