// Converting Python values into plan JSON (spec §7): None/bool/int/str and
// finite floats as themselves, lists and tuples as arrays, dicts with string
// keys as objects, run-time expressions as their "{{ path }}" placeholder,
// event objects as their data, type markers as JSON Schema. Anything else
// (functions, NaN, non-string keys ...) is a TypeError naming where it was.

import { typeError } from '../eval/errors';
import { typeName } from '../eval/operators';
import type { Host, Value } from '../eval/values';
import { PyDict, PyList, PyTuple } from '../eval/values';
import { EventObject, RuntimeExpr } from '../plue/runtime-values';
import { asType, jsonSchemaOf } from '../plue/types';
import type { PlanJson, PlanObject } from './json';

export function toPlanJson(value: Value, where: string, host: Host, depth = 0): PlanJson {
  if (depth > 100) throw typeError(`${where}: value is nested too deeply to enter a plan`);
  if (value === null || typeof value === 'boolean' || typeof value === 'string' || typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw typeError(`${where}: non-finite float cannot appear in a plan`);
    return value;
  }
  host.tick();
  if (value instanceof RuntimeExpr) return value.placeholder;
  if (value instanceof EventObject) return value.data;
  if (value instanceof PyList || value instanceof PyTuple) return value.items.map((v) => toPlanJson(v, where, host, depth + 1));
  if (value instanceof PyDict) {
    const out: PlanObject = new Map();
    for (const { key, value: v } of value.entries.values()) {
      if (typeof key !== 'string') throw typeError(`${where}: plan keys must be strings, got ${typeName(key)}`);
      out.set(key, toPlanJson(v, where, host, depth + 1));
    }
    return out;
  }
  const t = asType(value);
  if (t !== null) return jsonSchemaOf(t);
  throw typeError(`${where}: ${typeName(value)} value cannot appear in a plan`);
}
