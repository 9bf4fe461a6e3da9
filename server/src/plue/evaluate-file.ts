// Evaluates one policy-clean workflow file: lowers its tree, runs it with
// the plue runtime under the limits, and turns what it registered into
// plans. A file yields all its plans or none: any error becomes the file's
// diagnostic (kind, message, innermost range, traceback) and no plans.

import type { SyntaxNode } from '../syntax/syntax-tree';
import type { Diagnostic, SourceRange } from '../diag/diagnostic';
import type { Loc, Module } from '../eval/ast';
import { createBuiltins } from '../eval/builtins';
import { EvaluationCancelled, LimitError, PyError } from '../eval/errors';
import { Interpreter, type PrintedLine } from '../eval/interpreter';
import { lowerModule, LowerError } from '../eval/lower';
import type { Limits } from '../limits';
import type { PlanJson } from '../plan/json';
import type { PromptFile } from './prompt-files';
import { FactCollector, type EvaluationFacts } from './evaluation-facts';
import { PlueRuntime } from './plue-runtime';

/** A workflow or tool the file defined, for duplicate checks and symbols. */
export interface DefinedPlan {
  readonly kind: 'workflow' | 'tool';
  readonly name: string;
  /** 0-based row of its first decorator. */
  readonly row: number;
}

export interface FileEvaluation {
  readonly workflows: PlanJson[];
  readonly tools: PlanJson[];
  readonly defined: DefinedPlan[];
  readonly diagnostic: Diagnostic | null;
  readonly prints: readonly PrintedLine[];
  /** Hover facts, when asked for (also after an error: what ran until then). */
  readonly facts: EvaluationFacts | null;
}

export interface EvaluateOptions {
  readonly event: PlanJson;
  readonly prompts: ReadonlyMap<string, PromptFile>;
  readonly limits: Limits;
  /** Milliseconds clock for the wall-clock backstop. */
  readonly now: () => number;
  /** Polled during evaluation; true withdraws it (EvaluationCancelled is thrown). */
  readonly cancelled?: () => boolean;
  /** Collect the language server's facts (which expression was which step, placeholder or trigger). */
  readonly collectFacts?: boolean;
}

function rangeOfLoc(loc: Loc): SourceRange {
  return { start: { row: loc.row, column: loc.col }, end: { row: loc.endRow, column: loc.endCol } };
}

/** The reference reports a NotImplementedError as a SecurityError (RestrictedPython raises it for refused constructs). */
function reportedKind(kind: string): string {
  return kind === 'NotImplementedError' ? 'SecurityError' : kind;
}

/** The file's tree lowered into the interpreter's program, or the error lowering found (a refused or unsupported construct). */
export function lowerFile(root: SyntaxNode, parsedText: string): { readonly program: Module } | { readonly diagnostic: Diagnostic } {
  try {
    return { program: lowerModule(root, parsedText) };
  } catch (e) {
    if (e instanceof LowerError) return { diagnostic: { kind: e.kind, message: e.message, range: rangeOfLoc(e.loc) } };
    throw e;
  }
}

/** Runs a lowered program with the plue runtime; its result depends on nothing but the program and the options. */
export function runProgram(module: Module, options: EvaluateOptions): FileEvaluation {
  const empty = { workflows: [], tools: [], defined: [], facts: null };
  let interpreter: Interpreter | null = null;
  const runtime = new PlueRuntime({
    event: options.event,
    prompts: options.prompts,
    maxStepsPerWorkflow: options.limits.maxStepsPerWorkflow,
    maxOutputBytes: options.limits.maxOutputBytes,
    currentRow: () => interpreter?.loc.row ?? 0,
  });
  const collector = options.collectFacts === true ? new FactCollector() : null;
  const builtins = createBuiltins();
  for (const [name, value] of runtime.globals) builtins.set(name, value);
  interpreter = new Interpreter({
    limits: options.limits,
    builtins,
    importValue: (m, member) => runtime.importValue(m, member),
    now: options.now,
    cancelled: options.cancelled,
    observe: collector?.observe,
  });
  const vm = interpreter;
  const facts = (): EvaluationFacts | null => (collector ? collector.finish([...runtime.workflows, ...runtime.tools], vm) : null);
  try {
    vm.run(module);
    const defined: DefinedPlan[] = [
      ...runtime.workflows.map((w) => ({ kind: 'workflow' as const, name: w.definition.name, row: w.definition.row })),
      ...runtime.tools.map((t) => ({ kind: 'tool' as const, name: t.definition.name, row: t.definition.row })),
    ];
    let plans: { workflows: PlanJson[]; tools: PlanJson[] };
    try {
      plans = runtime.plans(vm);
    } catch (e) {
      // Writing the plans happens after the file ran, outside any of its lines: like the reference, report line 1.
      if (e instanceof PyError && !(e instanceof LimitError)) {
        e.loc = { row: 0, col: 0, endRow: 0, endCol: 0 };
        e.traceback = [];
      }
      throw e;
    }
    return { ...plans, defined, diagnostic: null, prints: vm.prints, facts: facts() };
  } catch (e) {
    if (e instanceof EvaluationCancelled) throw e;
    const error = vm.normalize(e);
    if (!(error instanceof PyError)) {
      // A fault of the engine itself: this file gets a diagnostic where evaluation was, the other files still run.
      const message = `internal error of the evaluator while running this line: ${error instanceof Error ? error.message : String(error)} (please report it)`;
      return { ...empty, diagnostic: { kind: 'InternalError', message, range: rangeOfLoc(vm.loc) }, prints: vm.prints, facts: null };
    }
    const traceback = (error.traceback ?? []).map((f) => ({ name: f.name, range: rangeOfLoc(f.loc) }));
    let message: string;
    try {
      message = vm.str(error.exception);
    } catch {
      message = error.kind;
    }
    let partial: EvaluationFacts | null = null;
    try {
      partial = facts();
    } catch {
      // Facts are a convenience: a file that failed may not yield them.
    }
    return { ...empty, diagnostic: { kind: reportedKind(error.kind), message: message + error.hint, range: rangeOfLoc(error.loc ?? vm.loc), traceback }, prints: vm.prints, facts: partial };
  }
}
