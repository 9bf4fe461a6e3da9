// Small constructors for the catalog tables: parameters of each passing
// kind, and SymbolDocs whose signature line is written from their params, so
// the hover line and the completion data cannot disagree.

import type { ParamDoc, SymbolDoc } from './symbol-docs';

/** A positional-or-keyword parameter; required unless `dflt` is given. */
export function arg(name: string, type: string, doc: string, dflt?: string): ParamDoc {
  return dflt === undefined ? { name, kind: 'positional', type, doc } : { name, kind: 'positional', type, default: dflt, doc };
}

/** A positional-only parameter (before `/`); required unless `dflt` is given. */
export function posOnly(name: string, type: string, doc: string, dflt?: string): ParamDoc {
  return { ...arg(name, type, doc, dflt), positionalOnly: true };
}

/** A keyword-only parameter (after `*` or *args). */
export function kwOnly(name: string, type: string, dflt: string | undefined, doc: string): ParamDoc {
  return dflt === undefined ? { name, kind: 'keyword', type, doc } : { name, kind: 'keyword', type, default: dflt, doc };
}

export function star(name: string, type: string, doc: string, required = false): ParamDoc {
  return required ? { name, kind: 'star', type, doc, required } : { name, kind: 'star', type, doc };
}

export function doubleStar(name: string, type: string, doc: string): ParamDoc {
  return { name, kind: 'double-star', type, doc };
}

/** Optional although it has no default (shown as `= ...`, as typeshed does). */
export function omittable(p: ParamDoc): ParamDoc {
  return { ...p, required: false };
}

function formatParam(p: ParamDoc): string {
  const prefix = p.kind === 'star' ? '*' : p.kind === 'double-star' ? '**' : '';
  const annotated = p.type === undefined ? `${prefix}${p.name}` : `${prefix}${p.name}: ${p.type}`;
  const dflt = p.default ?? (p.required === false && (p.kind === 'positional' || p.kind === 'keyword') ? '...' : undefined);
  if (dflt === undefined) return annotated;
  return p.type === undefined ? `${annotated}=${dflt}` : `${annotated} = ${dflt}`;
}

/** The parameter list as Python writes it, with `/` after positional-only and `*` before keyword-only ones. */
export function formatParams(params: readonly ParamDoc[]): string {
  const parts: string[] = [];
  let starred = false;
  params.forEach((p, i) => {
    if (p.kind === 'keyword' && !starred) {
      parts.push('*');
      starred = true;
    }
    if (p.kind === 'star') starred = true;
    parts.push(formatParam(p));
    const next = params[i + 1];
    if (p.positionalOnly && !(next !== undefined && next.positionalOnly)) parts.push('/');
  });
  return parts.join(', ');
}

export function signatureOf(callee: string, params: readonly ParamDoc[], returns?: string): string {
  return `${callee}(${formatParams(params)})${returns === undefined ? '' : ` -> ${returns}`}`;
}

type Common = Omit<SymbolDoc, 'signature' | 'kind' | 'params'>;

export interface CallableSpec extends Common {
  readonly kind?: 'function' | 'decorator' | 'type';
  readonly params: readonly ParamDoc[];
  /** How the callee is written in the signature ('ctx.run', '@workflow'); default: the name. */
  readonly callee?: string;
  /** Overrides the generated signature (overloads, one per line). */
  readonly signature?: string;
}

export function callable(spec: CallableSpec): SymbolDoc {
  const { callee, signature, kind, ...rest } = spec;
  return { ...rest, kind: kind ?? 'function', signature: signature ?? signatureOf(callee ?? spec.name, spec.params, spec.returns) };
}

export interface ValueSpec extends Common {
  readonly kind?: 'property' | 'constant' | 'module' | 'type';
  /** How the value is written in the signature ('ctx.event', 'step.stdout'); default: the name. */
  readonly qualified?: string;
  readonly returns: string;
  /** Overrides the generated `qualified: type` line (modules show their import). */
  readonly signature?: string;
}

/** A value (property, module): its signature line is `qualified: type`. */
export function value(spec: ValueSpec): SymbolDoc {
  const { qualified, kind, signature, ...rest } = spec;
  return { ...rest, kind: kind ?? 'property', params: [], signature: signature ?? `${qualified ?? spec.name}: ${spec.returns}` };
}
