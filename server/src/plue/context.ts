// The `ctx` a workflow function receives (spec §4–§6): methods register
// steps (shell, parallel, action, prompt), nothing runs. Step handles expose
// their results as typed run-time expressions. Configs are kept as the
// Python values given (a dict mutated later shows in the plan, as in the
// reference) and validated for the plan at the registering call.

import { suggestName } from '../check/did-you-mean';
import { bindArguments, type Signature } from '../eval/arguments';
import { attributeError, LimitError, typeError, withHint } from '../eval/errors';
import { binaryOp, typeName } from '../eval/operators';
import type { Host, Kwargs, Value } from '../eval/values';
import { PyBuiltin, PyDict, PyList, PyObject, PyTuple } from '../eval/values';
import { jsonSizeEstimate, type PlanJson } from '../plan/json';
import { toPlanJson } from '../plan/to-json';
import { EventObject, Namespace, renderArg, RuntimeExpr, TargetNamespace } from './runtime-values';

export class StepHandle extends PyObject {
  readonly typeName = 'Step';
  constructor(
    readonly id: string,
    readonly name: Value,
    readonly stepType: string,
    readonly config: Value,
    readonly dependsOn: readonly string[],
    readonly outputFields: readonly string[] | null,
    /** 0-based row of the call that registered the step. */
    readonly row: number,
  ) {
    super();
  }

  override getAttr(name: string): Value | undefined {
    switch (name) {
      case 'id':
        return this.id;
      case 'name':
        return this.name;
      case 'step_type':
        return this.stepType;
      case 'config':
        return this.config;
      case 'depends_on':
        return new PyList([...this.dependsOn]);
      case 'output_fields':
        return this.outputFields ? new PyList([...this.outputFields]) : null;
    }
    const base = `steps.${this.id}`;
    if (this.stepType === 'shell' && ['stdout', 'stderr', 'exit_code', 'outputs'].includes(name)) return new RuntimeExpr(`${base}.${name}`);
    if (this.stepType === 'llm' || this.stepType === 'agent') {
      if (name === 'output') return new RuntimeExpr(`${base}.output`, this.outputFields);
      if (this.outputFields === null || this.outputFields.includes(name)) return new RuntimeExpr(`${base}.output.${name}`);
    }
    const suggestion = suggestName(name, this.attrNames());
    throw withHint(attributeError(`${this.stepType} step '${typeof this.name === 'string' ? this.name : this.id}' has no attribute '${name}'`), suggestion, ':');
  }

  override attrNames(): readonly string[] {
    const results = this.stepType === 'shell' ? ['stdout', 'stderr', 'exit_code', 'outputs'] : this.stepType === 'llm' || this.stepType === 'agent' ? ['output', ...(this.outputFields ?? [])] : [];
    return ['id', 'name', 'config', 'depends_on', ...results];
  }

  reprString(): string {
    return `<step ${this.id} ${typeof this.name === 'string' ? JSON.stringify(this.name) : ''}>`.replace(' >', '>');
  }
}

/** What a workflow or tool accumulates while its function runs. */
export class Definition {
  readonly steps: StepHandle[] = [];
  constructor(
    readonly name: string,
    readonly kind: 'workflow' | 'tool',
    /** 0-based row of the first decorator (the definition's location). */
    readonly row: number,
  ) {}
}

export interface ContextOptions {
  readonly event: PlanJson;
  readonly maxSteps: number;
  /** The output size limit, and what the file's steps have used of it so far (shared by its workflows). */
  readonly maxOutputBytes: number;
  readonly output: { used: number };
}

function bound(name: string, sig: Omit<Signature, 'name'>, impl: (values: (Value | undefined)[], host: Host, extra: Kwargs, rest: Value[]) => Value): PyBuiltin {
  return new PyBuiltin(name, (args, kwargs, host) => {
    const b = bindArguments({ name, ...sig }, args, kwargs);
    return impl(b.values, host, b.extra, b.rest);
  });
}

function dependencyIds(dependsOn: Value | undefined): string[] {
  if (dependsOn === undefined || dependsOn === null) return [];
  const items = dependsOn instanceof StepHandle ? [dependsOn] : dependsOn instanceof PyList || dependsOn instanceof PyTuple ? dependsOn.items : null;
  if (items === null) throw typeError(`depends_on must be a step or a list of steps, got ${typeName(dependsOn)}`);
  return items.map((s) => {
    if (!(s instanceof StepHandle)) throw typeError(`depends_on items must be steps, got ${typeName(s)}`);
    return s.id;
  });
}

const CTX_MEMBERS = [
  'event', 'repo', 'git', 'secrets', 'env', 'inputs', 'issue', 'pr', 'run', 'parallel', 'read', 'exists', 'secret', 'glob', 'write', 'comment',
  'review_comment', 'approve', 'request_changes', 'success', 'fail',
];

export class WorkflowContext extends PyObject {
  readonly typeName = 'Context';
  private counter = 0;
  private readonly members = new Map<string, Value>();

  constructor(
    readonly definition: Definition,
    private readonly options: ContextOptions,
    /** 0-based row of the evaluation's current node, for step locations. */
    private readonly currentRow: () => number,
  ) {
    super();
    const event = options.event;
    this.members.set('event', event instanceof Map ? new EventObject(event, 'event') : new RuntimeExpr('event'));
    this.members.set('repo', new RuntimeExpr('repo'));
    this.members.set('git', new GitNamespace(this));
    this.members.set('secrets', new Namespace('Secrets', (n, h) => binaryOp('+', binaryOp('+', '{{ secret:', n, h), ' }}', h)));
    this.members.set('env', new Namespace('Env', (n, h) => binaryOp('+', binaryOp('+', '{{ env:', n, h), ' }}', h)));
    this.members.set('inputs', new Namespace('Inputs', (n, h) => new RuntimeExpr(`inputs.${h.str(n)}`)));
    for (const kind of ['issue', 'pr']) {
      const comment = bound(`ctx.${kind}.comment`, { params: ['body', 'depends_on'], required: 1 }, (v, h) =>
        this.add(`${kind}.comment`, 'action', PyDict.fromPairs([['action', `${kind}.comment`], ['body', v[0] as Value]]), v[1], null, h),
      );
      this.members.set(kind, new TargetNamespace(kind === 'pr' ? 'PullRequest' : 'Issue', kind, comment));
    }
    const s = (name: string, sig: Omit<Signature, 'name'>, impl: (values: (Value | undefined)[], host: Host, extra: Kwargs) => Value): void => {
      this.members.set(name, bound(`ctx.${name}`, sig, impl));
    };
    s('run', { params: ['name', 'cmd', 'env', 'cache', 'depends_on'], required: 0 }, (v, h) => {
      const [name, cmd, env, cache, dependsOn] = v;
      if (cmd === undefined || cmd === null) throw typeError("ctx.run() missing required argument 'cmd'");
      if (typeof cmd !== 'string') throw typeError(`ctx.run() cmd must be a string, got ${typeName(cmd)}`);
      const stepName = name === undefined || name === null ? cmd.split('\n', 1)[0] : name;
      const envValue = env !== undefined && h.truthy(env) ? env : new PyDict();
      return this.add(stepName, 'shell', PyDict.fromPairs([['cmd', cmd], ['env', envValue], ['cache', cache ?? null]]), dependsOn, null, h);
    });
    s('parallel', { params: ['steps'] }, (v) => {
      const steps = v[0] as Value;
      const items = steps instanceof PyList || steps instanceof PyTuple ? steps.items : null;
      if (items === null || !items.every((x) => x instanceof StepHandle)) throw typeError('ctx.parallel() takes a list of steps');
      return this.register('parallel', 'parallel', PyDict.fromPairs([['step_ids', new PyList(items.map((x) => (x as StepHandle).id))]]), [], null);
    });
    s('read', { params: ['path'] }, (v, h) => binaryOp('+', binaryOp('+', '{{ file:', v[0] as Value, h), ' }}', h));
    s('exists', { params: ['path'] }, () => true);
    s('secret', { params: ['name'] }, (v, h) => binaryOp('+', binaryOp('+', '{{ secret:', v[0] as Value, h), ' }}', h));
    s('glob', { params: ['pattern'] }, (v, h) => binaryOp('+', binaryOp('+', '{{ glob:', v[0] as Value, h), ' }}', h));
    s('write', { params: ['path', 'content', 'depends_on'], required: 2 }, (v, h) =>
      this.add('write', 'action', PyDict.fromPairs([['action', 'write'], ['path', v[0] as Value], ['content', v[1] as Value]]), v[2], null, h),
    );
    s('comment', { params: ['body', 'depends_on'], required: 1 }, (v, h) => this.add('comment', 'action', PyDict.fromPairs([['action', 'comment'], ['body', v[0] as Value]]), v[1], null, h));
    s('review_comment', { params: ['path', 'line', 'body', 'depends_on'], required: 3 }, (v, h) =>
      this.add('review_comment', 'action', PyDict.fromPairs([['action', 'review_comment'], ['path', v[0] as Value], ['line', v[1] as Value], ['body', v[2] as Value]]), v[3], null, h),
    );
    s('approve', { params: ['depends_on'], required: 0 }, (v, h) => this.add('approve', 'action', PyDict.fromPairs([['action', 'approve']]), v[0], null, h));
    s('request_changes', { params: ['body', 'depends_on'], required: 1 }, (v, h) =>
      this.add('request_changes', 'action', PyDict.fromPairs([['action', 'request_changes'], ['body', v[0] as Value]]), v[1], null, h),
    );
    s('success', { params: [], varkw: true }, (_v, _h, extra) => PyDict.fromPairs([['status', 'success'], ['outputs', PyDict.fromPairs(extra)]]));
    s('fail', { params: ['reason'] }, (v) => PyDict.fromPairs([['status', 'fail'], ['reason', v[0] as Value]]));
  }

  override getAttr(name: string): Value | undefined {
    const member = this.members.get(name);
    if (member !== undefined) return member;
    const suggestion = suggestName(name, CTX_MEMBERS);
    throw withHint(attributeError(`'ctx' has no attribute '${name}'`), suggestion, ':');
  }

  override attrNames(): readonly string[] {
    return CTX_MEMBERS;
  }

  reprString(): string {
    return `<ctx of ${this.definition.kind} '${this.definition.name}'>`;
  }

  /** Registers a step whose config must be able to enter a plan; checked now, at the registering call. */
  add(name: Value, type: string, config: PyDict, dependsOn: Value | undefined, outputFields: readonly string[] | null, host: Host): StepHandle {
    const json = toPlanJson(config, `step '${typeof name === 'string' ? name : host.str(name)}'`, host);
    this.options.output.used += jsonSizeEstimate(json);
    if (this.options.output.used > this.options.maxOutputBytes) {
      throw new LimitError(`output size limit exceeded: the plans of this file would take more than ${this.options.maxOutputBytes} bytes of JSON`);
    }
    return this.register(name, type, config, dependencyIds(dependsOn), outputFields);
  }

  private register(name: Value, type: string, config: Value, dependsOn: string[], outputFields: readonly string[] | null): StepHandle {
    if (this.definition.steps.length >= this.options.maxSteps) {
      throw new LimitError(`steps-per-workflow limit exceeded: ${this.definition.kind} '${this.definition.name}' registers more than ${this.options.maxSteps} steps`);
    }
    this.counter += 1;
    const step = new StepHandle(`step_${this.counter}`, name, type, config, dependsOn, outputFields, this.currentRow());
    this.definition.steps.push(step);
    return step;
  }
}

class GitNamespace extends PyObject {
  readonly typeName = 'GitContext';
  private readonly members: Map<string, PyBuiltin>;
  constructor(ctx: WorkflowContext) {
    super();
    this.members = new Map([
      ['diff', bound('ctx.git.diff', { params: ['base'], required: 0 }, (v) => new RuntimeExpr(v[0] === undefined || v[0] === null ? 'git.diff()' : `git.diff(base=${renderArg(v[0])})`))],
      ['log', bound('ctx.git.log', { params: ['n'], required: 0 }, (v) => new RuntimeExpr(v[0] === undefined || v[0] === null ? 'git.log()' : `git.log(n=${renderArg(v[0])})`))],
      [
        'checkout',
        bound('ctx.git.checkout', { params: ['ref', 'depends_on'], required: 1 }, (v, h) =>
          ctx.add('git.checkout', 'action', PyDict.fromPairs([['action', 'git.checkout'], ['ref', v[0] as Value]]), v[1], null, h),
        ),
      ],
    ]);
  }
  override getAttr(name: string): Value | undefined {
    const m = this.members.get(name);
    if (m) return m;
    const suggestion = suggestName(name, [...this.members.keys()]);
    throw withHint(attributeError(`'ctx.git' has no attribute '${name}'`), suggestion, ':');
  }
  override attrNames(): readonly string[] {
    return [...this.members.keys()];
  }
}
