// The plue builtins module (spec §4, §6) as the evaluator sees it: the
// @workflow and @tool decorators, triggers, type constructors, cache_key and
// hash_files, the importable modules (plue, plue.prompts, plue.tools), prompt
// functions and tool specs; and the conversion of what a file registered
// into plan JSON with implicit data dependencies.

import { bindArguments } from '../eval/arguments';
import { attributeError, pyError, typeError, withHint } from '../eval/errors';
import { binaryOp, typeName } from '../eval/operators';
import type { Host, Kwargs, Value } from '../eval/values';
import { PyBuiltin, PyDict, PyFunction, PyList, PyObject, PyTuple, PyType } from '../eval/values';
import { TYPE_BOOL, TYPE_FLOAT, TYPE_INT, TYPE_LIST, TYPE_STR } from '../eval/builtins';
import { planObject, writeJson, type PlanJson } from '../plan/json';
import { toPlanJson } from '../plan/to-json';
import { Definition, type StepHandle, WorkflowContext } from './context';
import type { PromptFile } from './prompt-files';
import { asType, EnumType, jsonSchemaOf, ListOfType, OptionalType, SchemaType } from './types';
import { suggestName } from '../check/did-you-mean';

export const DEFAULT_IMAGE = 'ubuntu:22.04';
const DEFAULT_CLIENT = 'anthropic/claude-sonnet';

/** A workflow or tool as registered, with the values its plan is made of. */
export interface Registered {
  readonly definition: Definition;
  readonly triggers: Value;
  readonly image: Value;
  readonly dockerfile: Value;
  readonly inputs: Value;
  readonly output: Value;
}

export interface PlueRuntimeOptions {
  readonly event: PlanJson;
  readonly prompts: ReadonlyMap<string, PromptFile>;
  readonly maxStepsPerWorkflow: number;
  readonly maxOutputBytes: number;
  /** 0-based row being evaluated (for step locations). */
  readonly currentRow: () => number;
}

function callable(v: Value): boolean {
  return v instanceof PyFunction || v instanceof PyBuiltin || v instanceof PyType;
}

function fnName(v: Value): string {
  if (v instanceof PyFunction || v instanceof PyBuiltin || v instanceof PyType) return v.name;
  throw typeError(`a decorator of plue expects a function, got ${typeName(v)}`);
}

function fnRow(v: Value, fallback: number): number {
  return v instanceof PyFunction ? v.firstRow : fallback;
}

/** One file's evaluation against the plue module. */
export class PlueRuntime {
  readonly workflows: Registered[] = [];
  readonly tools: Registered[] = [];
  private currentCtx: WorkflowContext | null = null;
  /** Plan JSON registered so far by this file, against the output size limit. */
  private readonly output = { used: 0 };
  readonly globals: Map<string, Value>;
  private readonly toolSpecs: Map<string, PyBuiltin>;
  private readonly promptFunctions = new Map<string, PyBuiltin>();

  constructor(private readonly options: PlueRuntimeOptions) {
    this.globals = this.createGlobals();
    this.toolSpecs = new Map();
    for (const name of ['read_file', 'write_file', 'shell', 'glob', 'grep', 'websearch']) this.toolSpecs.set(name, toolSpec(name));
    this.toolSpecs.set('readfile', toolSpec('read_file'));
    this.toolSpecs.set('writefile', toolSpec('write_file'));
    for (const [name, prompt] of options.prompts) this.promptFunctions.set(name, this.promptFunction(name, prompt));
  }

  private createGlobals(): Map<string, Value> {
    const g = new Map<string, Value>();
    const def = (name: string, params: string[], required: number, impl: (v: (Value | undefined)[], host: Host, rest: Value[], extra: Kwargs) => Value, extras: { varargs?: boolean; varkw?: boolean } = {}): void => {
      g.set(
        name,
        new PyBuiltin(name, (args, kwargs, host) => {
          const b = bindArguments({ name, params, required, ...extras }, args, kwargs);
          return impl(b.values, host, b.rest, b.extra);
        }),
      );
    };
    def('workflow', ['triggers', 'image', 'dockerfile'], 0, (v) => {
      const [triggers, image, dockerfile] = v;
      if (triggers === undefined) throw typeError('@workflow must be called with arguments: @workflow(triggers=[...])');
      if (callable(triggers)) throw typeError('@workflow must be called with arguments: @workflow(triggers=[...])');
      if (!(triggers instanceof PyList || triggers instanceof PyTuple)) throw typeError(`workflow() triggers must be a list, got ${typeName(triggers)}`);
      return new PyBuiltin('workflow.<decorator>', (args, _kwargs, host) => {
        const fn = args[0] ?? null;
        const definition = new Definition(fnName(fn), 'workflow', fnRow(fn, this.options.currentRow()));
        this.build(definition, fn, host);
        this.workflows.push({ definition, triggers: new PyList([...triggers.items]), image: image ?? null, dockerfile: dockerfile ?? null, inputs: null, output: null });
        return fn;
      });
    });
    def('tool', ['inputs', 'output', 'image', 'dockerfile'], 0, (v) => {
      const [inputs, output, image, dockerfile] = v;
      if (inputs !== undefined && callable(inputs)) throw typeError('@tool must be called with arguments: @tool(inputs={...}, output=...)');
      return new PyBuiltin('tool.<decorator>', (args, _kwargs, host) => {
        const fn = args[0] ?? null;
        const definition = new Definition(fnName(fn), 'tool', fnRow(fn, this.options.currentRow()));
        this.build(definition, fn, host);
        const inputsValue = inputs !== undefined && inputs !== null && host.truthy(inputs) ? inputs : new PyDict();
        this.tools.push({ definition, triggers: null, image: image ?? null, dockerfile: dockerfile ?? null, inputs: inputsValue, output: output ?? null });
        return fn;
      });
    });
    def('push', ['branches'], 0, (v) => PyDict.fromPairs([['type', 'push'], ['branches', v[0] ?? null]]));
    def('pull_request', ['types'], 0, (v, h) =>
      PyDict.fromPairs([['type', 'pull_request'], ['types', v[0] !== undefined && h.truthy(v[0]) ? v[0] : new PyList(['opened', 'synchronize'])]]),
    );
    def('issue_comment', ['contains'], 0, (v) => PyDict.fromPairs([['type', 'issue_comment'], ['contains', v[0] ?? null]]));
    def('manual', ['inputs'], 0, (v, h) => PyDict.fromPairs([['type', 'manual'], ['inputs', v[0] !== undefined && h.truthy(v[0]) ? v[0] : new PyDict()]]));
    def('schedule', ['cron'], 1, (v) => PyDict.fromPairs([['type', 'schedule'], ['cron', v[0] as Value]]));
    def(
      'schema',
      [],
      0,
      (_v, _h, _rest, extra) => {
        for (const [name, t] of extra) if (asType(t) === null) throw typeError(`schema field '${name}' must be a type, got ${typeName(t)}`);
        return new SchemaType(PyDict.fromPairs(extra));
      },
      { varkw: true },
    );
    def(
      'enum',
      [],
      0,
      (_v, _h, rest) => {
        if (rest.length === 0 || !rest.every((x) => typeof x === 'string')) throw typeError('enum() takes one or more strings');
        return new EnumType(rest as string[]);
      },
      { varargs: true },
    );
    def('optional', ['inner_type'], 1, (v) => {
      if (asType(v[0] as Value) === null) throw typeError('optional() takes a type');
      return new OptionalType(v[0] as Value);
    });
    def('cache_key', [], 0, (_v, h, rest) => rest.map((p) => h.str(p)).join(':'), { varargs: true });
    def('hash_files', ['pattern'], 1, (v, h) => binaryOp('+', binaryOp('+', '{{ hash_files:', v[0] as Value, h), ' }}', h));
    g.set('list', PLUE_LIST);
    return g;
  }

  /** Runs a workflow or tool function once with a fresh ctx. */
  private build(definition: Definition, fn: Value, host: Host): void {
    const ctx = new WorkflowContext(
      definition,
      { event: this.options.event, maxSteps: this.options.maxStepsPerWorkflow, maxOutputBytes: this.options.maxOutputBytes, output: this.output },
      this.options.currentRow,
    );
    const outer = this.currentCtx;
    this.currentCtx = ctx;
    try {
      host.call(fn, [ctx]);
    } finally {
      this.currentCtx = outer;
    }
  }

  private promptFunction(name: string, prompt: PromptFile): PyBuiltin {
    return new PyBuiltin(name, (args, kwargs, host) => {
      if (args.length > 0) throw typeError(`${name}() takes 0 positional arguments but ${args.length} ${args.length === 1 ? 'was' : 'were'} given (pass prompt inputs by name)`);
      const ctx = this.currentCtx;
      if (ctx === null) throw pyError('RuntimeError', `prompt ${name} can only be called inside a workflow`);
      const meta = prompt.meta;
      const inputs = new Map(kwargs);
      let tools = inputs.get('tools') ?? null;
      let maxTurns = inputs.get('max_turns') ?? null;
      const dependsOn = inputs.get('depends_on');
      inputs.delete('tools');
      inputs.delete('max_turns');
      inputs.delete('depends_on');
      if (tools === null) {
        // As the reference reads it: a `- item` list, or (an inline value) the string's characters one by one.
        const declared = meta['tools'];
        const items = Array.isArray(declared) ? declared : typeof declared === 'string' ? [...declared] : [];
        tools =
          items.length > 0
            ? new PyList(
                items.map((t) =>
                  t.startsWith('//') ? PyDict.fromPairs([['name', t.split(':').pop() as string], ['path', t]]) : PyDict.fromPairs([['name', t], ['builtin', true]]),
                ),
              )
            : null;
      }
      if (maxTurns === null) {
        const declared = meta['max_turns'];
        maxTurns = typeof declared === 'string' ? (host.call(TYPE_INT, [declared]) as Value) : 10n;
      }
      const output = meta['output'];
      const fields = output !== null && typeof output === 'object' && !Array.isArray(output) ? Object.keys(output) : null;
      const type = meta['type'] === 'agent' ? 'agent' : 'llm';
      const client = typeof meta['client'] === 'string' && meta['client'] ? meta['client'] : DEFAULT_CLIENT;
      const config = PyDict.fromPairs([
        ['prompt_path', prompt.promptPath],
        ['inputs', PyDict.fromPairs(inputs)],
        ['client', client],
        ['tools', tools],
        ['max_turns', maxTurns],
      ]);
      return ctx.add(name, type, config, dependsOn, fields, host);
    });
  }

  /** The value `import module` / `from module import member` binds. */
  importValue(module: string, member: string | null): Value {
    if (module === 'plue') {
      const mod = new PlueModule(this);
      if (member === null) return mod;
      const v = mod.getAttr(member);
      if (v === undefined) throw pyError('ImportError', `cannot import name '${member}' from 'plue'`);
      return v;
    }
    if (module === 'plue.tools' || module === 'plue.prompts') {
      const sub = module === 'plue.tools' ? this.toolsModule() : this.promptsModule();
      if (member === null) return sub;
      const v = sub.getAttr(member);
      if (v === undefined) throw pyError('ImportError', module === 'plue.prompts' ? `no prompt named '${member}' in .plue/prompts` : `cannot import name '${member}' from '${module}'`);
      return v;
    }
    throw pyError('ImportError', `import of '${module}' is not allowed`);
  }

  toolsModule(): PlueSubmodule {
    return new PlueSubmodule('plue.tools', this.toolSpecs);
  }

  promptsModule(): PlueSubmodule {
    return new PlueSubmodule('plue.prompts', this.promptFunctions);
  }

  /** The plans of everything this file registered. */
  plans(host: Host): { workflows: PlanJson[]; tools: PlanJson[] } {
    return {
      workflows: this.workflows.map((w) => this.plan(w, host)),
      tools: this.tools.map((t) => this.plan(t, host)),
    };
  }

  private plan(r: Registered, host: Host): PlanJson {
    const d = r.definition;
    const where = `${d.kind} '${d.name}'`;
    const image = r.image !== null && host.truthy(r.image) ? toPlanJson(r.image, where, host) : DEFAULT_IMAGE;
    const dockerfile = toPlanJson(r.dockerfile, where, host);
    const steps = d.steps.map((s) => stepPlan(s, host));
    if (d.kind === 'workflow') {
      return planObject([
        ['name', d.name],
        ['triggers', toPlanJson(r.triggers, where, host)],
        ['image', image],
        ['dockerfile', dockerfile],
        ['steps', steps],
      ]);
    }
    const inputs = new Map<string, PlanJson>();
    if (r.inputs instanceof PyDict) {
      for (const { key, value } of r.inputs.entries.values()) {
        const t = asType(value);
        if (t === null) throw attributeError(`${where}: input '${host.str(key)}' is not a type (got ${typeName(value)} ${host.repr(value)}); use str, int, float, bool, schema(...), enum(...), list(T) or optional(T)`);
        if (typeof key !== 'string') throw typeError(`${where}: plan keys must be strings, got ${typeName(key)}`);
        inputs.set(key, jsonSchemaOf(t));
      }
    } else throw typeError(`${where}: inputs must be a dict of types, got ${typeName(r.inputs)}`);
    let output: PlanJson = null;
    if (r.output !== null) {
      const t = asType(r.output);
      if (t === null) throw attributeError(`${where}: output is not a type (got ${typeName(r.output)}); use schema(...) or another type`);
      output = jsonSchemaOf(t);
    }
    return planObject([
      ['name', d.name],
      ['inputs', inputs],
      ['output', output],
      ['image', image],
      ['dockerfile', dockerfile],
      ['steps', steps],
    ]);
  }
}

const STEP_REF = /\bsteps\.(step_\d+)\b/g;

/** Explicit depends_on first, then every step whose result the config mentions ({{ steps.step_N... }}), in order of first mention. */
function stepPlan(s: StepHandle, host: Host): PlanJson {
  const where = `step '${typeof s.name === 'string' ? s.name : s.id}'`;
  const config = toPlanJson(s.config, where, host);
  const deps = [...s.dependsOn];
  const text = writeJson(config, 0);
  for (const segment of text.matchAll(/\{\{(.*?)\}\}/g)) {
    for (const ref of segment[1].matchAll(STEP_REF)) {
      if (ref[1] !== s.id && !deps.includes(ref[1])) deps.push(ref[1]);
    }
  }
  return planObject([
    ['id', s.id],
    ['name', toPlanJson(s.name, where, host)],
    ['type', s.stepType],
    ['config', config],
    ['depends_on', deps],
  ]);
}

function toolSpec(name: string): PyBuiltin {
  return new PyBuiltin(name, (args, kwargs) => {
    if (args.length > 0) throw typeError(`${name}() takes 0 positional arguments but ${args.length} ${args.length === 1 ? 'was' : 'were'} given`);
    return PyDict.fromPairs([['name', name], ...kwargs]);
  });
}

/** list(T) is a list type when T is a type; otherwise Python's list(). */
const PLUE_LIST = new PyType('list', (args, kwargs, host) => {
  if (args.length === 1 && kwargs.size === 0 && asType(args[0]) !== null) return new ListOfType(args[0]);
  return TYPE_LIST.impl(args, kwargs, host);
});

const MODULE_EXTRAS: ReadonlyMap<string, Value> = new Map<string, Value>([
  ['list', PLUE_LIST],
  ['str', TYPE_STR],
  ['int', TYPE_INT],
  ['float', TYPE_FLOAT],
  ['bool', TYPE_BOOL],
]);

/** The value of `import plue`: the builtins as attributes, plus .prompts and .tools. */
class PlueModule extends PyObject {
  readonly typeName = 'module';
  constructor(private readonly runtime: PlueRuntime) {
    super();
  }
  override getAttr(name: string): Value | undefined {
    if (name === 'prompts') return this.runtime.promptsModule();
    if (name === 'tools') return this.runtime.toolsModule();
    const v = this.runtime.globals.get(name) ?? MODULE_EXTRAS.get(name);
    if (v !== undefined) return v;
    const suggestion = suggestName(name, this.attrNames());
    throw withHint(pyError('AttributeError', `module 'plue' has no attribute '${name}'`), suggestion, ':');
  }
  override attrNames(): readonly string[] {
    return ['prompts', 'tools', ...this.runtime.globals.keys(), ...MODULE_EXTRAS.keys()];
  }
  reprString(): string {
    return "<module 'plue'>";
  }
}

class PlueSubmodule extends PyObject {
  readonly typeName = 'module';
  constructor(
    private readonly label: string,
    private readonly names: ReadonlyMap<string, Value>,
  ) {
    super();
  }
  override getAttr(name: string): Value | undefined {
    const v = this.names.get(name);
    if (v !== undefined) return v;
    const suggestion = suggestName(name, [...this.names.keys()]);
    throw withHint(pyError('AttributeError', `module '${this.label}' has no attribute '${name}'`), suggestion, ':');
  }
  override attrNames(): readonly string[] {
    return [...this.names.keys()];
  }
  reprString(): string {
    return `<module '${this.label}'>`;
  }
}
