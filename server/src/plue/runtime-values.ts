// Run-time values (spec §5): expressions only known when the workflow runs
// (`event.pull_request.head`, `steps.step_1.stdout`), the event object (real
// values for fields present, expressions for the rest), and the ctx
// namespaces (secrets, env, inputs, issue, pr). An expression renders as
// "{{ path }}" wherever it meets a string; asking for its truth, iterating
// it or taking its length is a PlanError. Those three refusals are the single
// place where guarded branches and fan-out steps would later hook in.

import { attributeError, planError, typeError } from '../eval/errors';
import { formatString } from '../eval/format-spec';
import { floatRepr } from '../eval/numbers';
import { typeName } from '../eval/operators';
import type { Host, Kwargs, Value } from '../eval/values';
import { PyBuiltin, PyDict, PyList, PyObject } from '../eval/values';
import type { PlanJson, PlanObject } from '../plan/json';

/** How a value is written inside an expression path: strings JSON-quoted, numbers and constants as Python prints them. */
export function renderArg(v: Value): string {
  if (v instanceof RuntimeExpr) return v.path;
  if (v instanceof EventObject) return v.path;
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return floatRepr(v);
  if (typeof v === 'string') return JSON.stringify(v);
  throw typeError(`cannot pass ${typeName(v)} to a run-time expression`);
}

export class RuntimeExpr extends PyObject {
  readonly typeName = 'Expr';

  constructor(
    readonly path: string,
    /** The attribute names this value has (typed prompt outputs), or null for any. */
    readonly fields: readonly string[] | null = null,
  ) {
    super();
  }

  get placeholder(): string {
    return `{{ ${this.path} }}`;
  }

  override getAttr(name: string): Value | undefined {
    if (this.fields !== null && !this.fields.includes(name)) {
      throw attributeError(`'${this.path}' has no field '${name}' (fields: ${this.fields.join(', ') || 'none'})`);
    }
    return new RuntimeExpr(`${this.path}.${name}`);
  }

  override attrNames(): readonly string[] {
    return this.fields ?? [];
  }

  getItemValue(key: Value): Value {
    if (typeof key === 'string') return new RuntimeExpr(`${this.path}.${key}`);
    return new RuntimeExpr(`${this.path}[${renderArg(key)}]`);
  }

  callValue(args: Value[], kwargs: Kwargs): Value {
    const parts = args.map(renderArg);
    for (const [k, v] of kwargs) parts.push(`${k}=${renderArg(v)}`);
    return new RuntimeExpr(`${this.path}(${parts.join(', ')})`);
  }

  binaryOp(op: string, other: Value, reflected: boolean): Value | undefined {
    if (op === '+') {
      if (typeof other === 'string') return reflected ? other + this.placeholder : this.placeholder + other;
      return new RuntimeExpr(reflected ? `${renderArg(other)} + ${this.path}` : `${this.path} + ${renderArg(other)}`);
    }
    if (op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=') {
      return new RuntimeExpr(`${this.path} ${op} ${renderArg(other)}`);
    }
    return undefined;
  }

  override truthy(): boolean {
    throw planError(`'${this.path}' is only known when the workflow runs; it cannot decide a condition at plan time`);
  }

  iterateValue(): Iterator<Value> {
    throw planError(`'${this.path}' is only known when the workflow runs; it cannot be iterated at plan time`);
  }

  lengthValue(): number {
    throw planError(`'${this.path}' is only known when the workflow runs; its length is not known at plan time`);
  }

  hashKey(): string {
    return `e${this.path}`;
  }

  formatValue(): string {
    return this.placeholder;
  }

  reprString(): string {
    return this.placeholder;
  }

  strString(): string {
    return this.placeholder;
  }
}

/** An event field as a plan-time value: objects become EventObjects, lists lists, scalars themselves. */
export function eventValue(value: PlanJson, path: string): Value {
  if (Array.isArray(value)) return new PyList(value.map((v, i) => eventValue(v, `${path}[${i}]`)));
  if (value instanceof Map) return new EventObject(value, path);
  return value;
}

/** The event payload as Python values (for printing an event object like the dict it is). */
export function jsonToPython(value: PlanJson): Value {
  if (Array.isArray(value)) return new PyList(value.map(jsonToPython));
  if (value instanceof Map) {
    const d = new PyDict();
    for (const [k, v] of value) d.set(k, jsonToPython(v));
    return d;
  }
  return value;
}

/** ctx.event and the objects inside it: read-only, attribute or item access, missing fields are run-time expressions. */
export class EventObject extends PyObject {
  readonly typeName = 'EventView';

  constructor(
    readonly data: PlanObject,
    readonly path: string,
  ) {
    super();
  }

  private field(name: string): Value {
    const value = this.data.get(name);
    if (value !== undefined) return eventValue(value, `${this.path}.${name}`);
    return new RuntimeExpr(`${this.path}.${name}`);
  }

  override getAttr(name: string): Value | undefined {
    if (name === 'get') {
      return new PyBuiltin('get', (args) => {
        const [key, dflt] = args;
        const value = typeof key === 'string' ? this.data.get(key) : undefined;
        if (value !== undefined) return eventValue(value, `${this.path}.${key as string}`);
        return dflt ?? null;
      });
    }
    return this.field(name);
  }

  override attrNames(): readonly string[] {
    return [...this.data.keys()];
  }

  // As in the reference, an event object is not a container: fields are reached by name only. Iterating it
  // (`for k in`, `in`) falls back to items 0, 1 ... as Python does, and a field name must be a string.
  getItemValue(key: Value): Value {
    if (typeof key !== 'string') throw attributeError(`'${typeName(key)}' object has no attribute 'startswith'`);
    return this.field(key);
  }

  iterateValue(): Iterator<Value> {
    throw attributeError("'int' object has no attribute 'startswith'");
  }

  lengthValue(): number {
    throw typeError("object of type 'EventView' has no len()");
  }

  reprString(host: Host): string {
    return host.repr(jsonToPython(this.data));
  }

  formatValue(spec: string, host: Host): string {
    return formatString(host.repr(jsonToPython(this.data)), spec);
  }
}

/** ctx.secrets / ctx.env / ctx.inputs: any attribute or item is a placeholder; get(name, default) too. */
export class Namespace extends PyObject {
  constructor(
    readonly typeName: string,
    private readonly render: (name: Value, host: Host) => Value,
  ) {
    super();
  }

  override getAttr(name: string, host: Host): Value | undefined {
    if (name === 'get') return new PyBuiltin('get', (args, _kwargs, h) => this.render(args[0] ?? null, h));
    return this.render(name, host);
  }

  getItemValue(key: Value, host: Host): Value {
    return this.render(key, host);
  }
}

/** ctx.issue / ctx.pr: fields are run-time expressions; comment(body) is an action step. */
export class TargetNamespace extends PyObject {
  constructor(
    readonly typeName: string,
    private readonly kind: string,
    private readonly comment: PyBuiltin,
  ) {
    super();
  }

  override getAttr(name: string): Value | undefined {
    if (name === 'comment') return this.comment;
    return new RuntimeExpr(`${this.kind}.${name}`);
  }
}
