// Plue type markers (spec §4): str/int/float/bool, schema(**fields),
// enum(*values), list(T), optional(T), and their JSON Schema as plans write
// them (the reference's to_json_schema).

import { typeError } from '../eval/errors';
import { typeName } from '../eval/operators';
import type { Value } from '../eval/values';
import { PyDict, PyObject, PyType } from '../eval/values';
import { planObject, type PlanJson, type PlanObject } from '../plan/json';

export abstract class PlueType extends PyObject {
  abstract toJsonSchema(): PlanJson;
}

/** The type a value stands for, or null when it is not type-like. */
export function asType(v: Value): PlueType | PyType | null {
  if (v instanceof PlueType) return v;
  if (v instanceof PyType && v.jsonSchemaType !== null) return v;
  return null;
}

export function jsonSchemaOf(t: PlueType | PyType): PlanJson {
  if (t instanceof PyType) return planObject([['type', t.jsonSchemaType as string]]);
  return t.toJsonSchema();
}

function schemaOfValue(v: Value, what: string): PlanJson {
  const t = asType(v);
  if (t === null) throw typeError(`${what} is not a type, got ${typeName(v)}`);
  return jsonSchemaOf(t);
}

export class SchemaType extends PlueType {
  readonly typeName = 'Schema';
  constructor(readonly fields: PyDict) {
    super();
  }
  toJsonSchema(): PlanJson {
    const properties: PlanObject = new Map();
    const required: PlanJson[] = [];
    for (const { key, value } of this.fields.entries.values()) {
      const name = key as string;
      properties.set(name, schemaOfValue(value, `schema field '${name}'`));
      if (!(asType(value) instanceof OptionalType)) required.push(name);
    }
    return planObject([['type', 'object'], ['properties', properties], ['required', required]]);
  }
  reprString(): string {
    return `schema(${[...this.fields.entries.values()].map((e) => String(e.key)).join(', ')})`;
  }
}

export class EnumType extends PlueType {
  readonly typeName = 'EnumType';
  constructor(readonly values: readonly string[]) {
    super();
  }
  toJsonSchema(): PlanJson {
    return planObject([['type', 'string'], ['enum', [...this.values]]]);
  }
  reprString(): string {
    return `enum(${this.values.map((v) => JSON.stringify(v)).join(', ')})`;
  }
}

export class ListOfType extends PlueType {
  readonly typeName = 'ListType';
  constructor(readonly item: Value) {
    super();
  }
  toJsonSchema(): PlanJson {
    return planObject([['type', 'array'], ['items', schemaOfValue(this.item, 'list item type')]]);
  }
  reprString(): string {
    return 'list(...)';
  }
}

export class OptionalType extends PlueType {
  readonly typeName = 'OptionalType';
  constructor(readonly inner: Value) {
    super();
  }
  toJsonSchema(): PlanJson {
    return planObject([['anyOf', [schemaOfValue(this.inner, 'optional() type'), planObject([['type', 'null']])]]]);
  }
  reprString(): string {
    return 'optional(...)';
  }
}
