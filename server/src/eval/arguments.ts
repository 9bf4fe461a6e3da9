// Binding the arguments of builtins and methods to their parameters, with
// CPython-style TypeErrors (too many, missing, unexpected keyword with a
// "did you mean").

import { suggestName } from '../check/did-you-mean';
import { typeError, withHint } from './errors';
import type { Kwargs, Value } from './values';

export interface Signature {
  /** As shown in messages, e.g. `str.split` or `ctx.run`. */
  readonly name: string;
  /** Parameters that can be given by position or keyword, in order. */
  readonly params: readonly string[];
  /** How many of `params` are required. Defaults to all. */
  readonly required?: number;
  /** Parameters accepted only by position (the first N of params). */
  readonly positionalOnly?: number;
  /** Keyword-only parameters. */
  readonly keywordOnly?: readonly string[];
  /** Accepts extra positional arguments (returned as `rest`). */
  readonly varargs?: boolean;
  /** Accepts extra keyword arguments (returned as `extra`). */
  readonly varkw?: boolean;
}

export interface Bound {
  /** One slot per parameter (then keyword-only ones); undefined when not given. */
  readonly values: (Value | undefined)[];
  readonly rest: Value[];
  readonly extra: Kwargs;
}

export function bindArguments(sig: Signature, args: readonly Value[], kwargs: Kwargs): Bound {
  const params = sig.params;
  const keywordOnly = sig.keywordOnly ?? [];
  const required = sig.required ?? params.length;
  if (kwargs.size === 0 && args.length >= required && args.length <= params.length) {
    // The common call: enough positional arguments and no keywords.
    const values: (Value | undefined)[] = new Array(params.length + keywordOnly.length);
    for (let i = 0; i < values.length; i++) values[i] = args[i];
    return { values, rest: [], extra: kwargs };
  }
  const values: (Value | undefined)[] = new Array(params.length + keywordOnly.length).fill(undefined);
  if (args.length > params.length && !sig.varargs) {
    const most = params.length;
    const count = required === most ? `exactly ${most}` : `at most ${most}`;
    throw typeError(most === 0 ? `${sig.name}() takes no positional arguments` : `${sig.name}() takes ${count} positional argument${most === 1 ? '' : 's'} (${args.length} given)`);
  }
  for (let i = 0; i < Math.min(args.length, params.length); i++) values[i] = args[i];
  const rest = args.length > params.length ? args.slice(params.length) : [];
  const extra: Kwargs = new Map();
  const positionalOnly = sig.positionalOnly ?? 0;
  for (const [key, value] of kwargs) {
    let at = params.indexOf(key);
    if (at >= 0 && at < positionalOnly) at = -1;
    if (at < 0) {
      const k = keywordOnly.indexOf(key);
      if (k >= 0) at = params.length + k;
    }
    if (at < 0) {
      if (sig.varkw) {
        extra.set(key, value);
        continue;
      }
      const candidates = [...params.slice(positionalOnly), ...keywordOnly];
      const suggestion = suggestName(key, candidates);
      throw withHint(typeError(`${sig.name}() got an unexpected keyword argument '${key}'`), suggestion, '');
    }
    if (values[at] !== undefined) throw typeError(`${sig.name}() got multiple values for argument '${key}'`);
    values[at] = value;
  }
  for (let i = 0; i < required; i++) {
    if (values[i] === undefined) throw typeError(`${sig.name}() missing required argument '${params[i]}' (pos ${i + 1})`);
  }
  return { values, rest, extra };
}

/** For builtins without keyword arguments: checks the count and refuses keywords. */
export function positionalArgs(name: string, args: readonly Value[], kwargs: Kwargs, min: number, max: number): readonly Value[] {
  if (kwargs.size > 0) throw typeError(`${name}() takes no keyword arguments`);
  if (args.length < min || args.length > max) {
    // CPython's METH_NOARGS / METH_O wording: "takes no arguments", "takes exactly one argument".
    const expected = min === max && min <= 1 ? (min === 0 ? 'no arguments' : 'exactly one argument') : min === max ? `exactly ${min} arguments` : args.length < min ? `at least ${min} argument${min === 1 ? '' : 's'}` : `at most ${max} argument${max === 1 ? '' : 's'}`;
    throw typeError(`${name}() takes ${expected} (${args.length} given)`);
  }
  return args;
}
