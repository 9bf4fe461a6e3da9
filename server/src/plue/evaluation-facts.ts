// What the language server learns from one evaluation, beyond the plans:
// which expressions evaluated to a step, to a run-time placeholder or to a
// trigger, and where each step was registered. Collected through the
// interpreter's observe hook while the file runs, turned into plain
// (structured-clonable) data afterwards. Bounded: at most a few values per
// source location, and locations are finite in a bounded source.

import type { Expr, Loc } from '../eval/ast';
import { PyDict, type Host, type Value } from '../eval/values';
import type { PlanJson } from '../plan/json';
import { toPlanJson } from '../plan/to-json';
import { StepHandle } from './context';
import type { Registered } from './plue-runtime';
import { EventObject, RuntimeExpr } from './runtime-values';

/** A step, named by the workflow or tool that registered it and its id there. */
export interface StepRef {
  readonly owner: string;
  readonly ownerKind: 'workflow' | 'tool';
  readonly id: string;
}

/** What one expression evaluated to, when that is worth showing in a hover. */
export type ObservedValue =
  | { readonly kind: 'step'; readonly step: StepRef }
  | { readonly kind: 'placeholder'; readonly text: string }
  | { readonly kind: 'trigger'; readonly plan: PlanJson };

export interface ObservedAt {
  readonly loc: Loc;
  /** Distinct values seen at this location (a loop may make several), at most MAX_VALUES_PER_LOC. */
  readonly values: readonly ObservedValue[];
}

/** Where a step was registered: the innermost call that returned it first. */
export interface StepSite {
  readonly step: StepRef;
  readonly loc: Loc;
}

export interface EvaluationFacts {
  readonly observed: readonly ObservedAt[];
  readonly sites: readonly StepSite[];
}

const MAX_VALUES_PER_LOC = 8;
const TRIGGERS = new Set(['push', 'pull_request', 'issue_comment', 'manual', 'schedule']);

type Pending = { kind: 'step'; handle: StepHandle } | { kind: 'placeholder'; text: string } | { kind: 'trigger'; dict: PyDict };

function locKey(loc: Loc): string {
  return `${loc.row}:${loc.col}:${loc.endRow}:${loc.endCol}`;
}

/** Collects facts during one evaluation; `observe` is the interpreter hook. */
export class FactCollector {
  private readonly byLoc = new Map<string, { loc: Loc; values: Pending[] }>();
  private readonly siteOf = new Map<StepHandle, Loc>();

  readonly observe = (e: Expr, value: Value): void => {
    let pending: Pending | null = null;
    if (value instanceof StepHandle) {
      pending = { kind: 'step', handle: value };
      if (e.k === 'call' && !this.siteOf.has(value)) this.siteOf.set(value, e.loc);
    } else if (value instanceof RuntimeExpr) {
      pending = { kind: 'placeholder', text: value.placeholder };
    } else if (value instanceof EventObject) {
      pending = { kind: 'placeholder', text: `{{ ${value.path} }}` };
    } else if (typeof value === 'string') {
      if (e.k !== 'name' && value.length < 200 && value.startsWith('{{ ') && value.endsWith(' }}')) pending = { kind: 'placeholder', text: value };
    } else if (value instanceof PyDict && e.k === 'call' && e.func.k === 'name' && TRIGGERS.has(e.func.id)) {
      pending = { kind: 'trigger', dict: value };
    }
    if (pending === null) return;
    const key = locKey(e.loc);
    let entry = this.byLoc.get(key);
    if (!entry) {
      entry = { loc: e.loc, values: [] };
      this.byLoc.set(key, entry);
    }
    if (entry.values.length >= MAX_VALUES_PER_LOC) return;
    const p = pending;
    const same = entry.values.some((v) =>
      v.kind === 'step' && p.kind === 'step' ? v.handle === p.handle : v.kind === 'placeholder' && p.kind === 'placeholder' ? v.text === p.text : v.kind === 'trigger' && p.kind === 'trigger' && v.dict === p.dict,
    );
    if (!same) entry.values.push(p);
  };

  /** The facts as plain data; steps are named through the definitions that registered them. */
  finish(registered: readonly Registered[], host: Host): EvaluationFacts {
    const refs = new Map<StepHandle, StepRef>();
    for (const r of registered) {
      for (const step of r.definition.steps) refs.set(step, { owner: r.definition.name, ownerKind: r.definition.kind, id: step.id });
    }
    const observed: ObservedAt[] = [];
    for (const { loc, values } of this.byLoc.values()) {
      const out: ObservedValue[] = [];
      for (const v of values) {
        if (v.kind === 'step') {
          const step = refs.get(v.handle);
          if (step) out.push({ kind: 'step', step });
        } else if (v.kind === 'placeholder') {
          out.push({ kind: 'placeholder', text: v.text });
        } else {
          try {
            out.push({ kind: 'trigger', plan: toPlanJson(v.dict, 'trigger', host) });
          } catch {
            // A trigger the plan could not hold is already the file's diagnostic.
          }
        }
      }
      if (out.length > 0) observed.push({ loc, values: out });
    }
    const sites: StepSite[] = [];
    for (const [handle, loc] of this.siteOf) {
      const step = refs.get(handle);
      if (step) sites.push({ step, loc });
    }
    return { observed, sites };
  }
}
