// The readable form of plans for `plue workflow plan` (without --json) and
// `plue workflow list`: each workflow's triggers and image, then its steps as
// a tree with their dependencies.

import type { FileAnalysis } from '../engine';
import type { PlanJson, PlanObject } from '../plan/json';

function field(plan: PlanJson, key: string): PlanJson | undefined {
  return plan instanceof Map ? plan.get(key) : undefined;
}

function text(v: PlanJson | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

function list(v: PlanJson | undefined): PlanJson[] {
  return Array.isArray(v) ? v : [];
}

/** "push, pull_request" from a workflow's triggers. */
export function triggerSummary(plan: PlanJson): string {
  return list(field(plan, 'triggers'))
    .map((t) => text(field(t, 'type')))
    .filter((t) => t)
    .join(', ');
}

function stepLine(step: PlanJson): string {
  const id = text(field(step, 'id'));
  const type = text(field(step, 'type'));
  const name = text(field(step, 'name'));
  const config = field(step, 'config');
  let detail = '';
  if (type === 'shell') {
    const cmd = text(field(config as PlanObject, 'cmd')).split('\n')[0];
    if (cmd && cmd !== name) detail = `: ${cmd}`;
  } else if (type === 'parallel') detail = ` {${list(field(config as PlanObject, 'step_ids')).map(text).join(', ')}}`;
  else if (type === 'llm' || type === 'agent') detail = ` (${text(field(config as PlanObject, 'prompt_path'))})`;
  const deps = list(field(step, 'depends_on')).map(text);
  const after = deps.length ? `  ← ${deps.join(', ')}` : '';
  return `${id} [${type}] ${name}${detail}${after}`;
}

/** One workflow or tool: a heading line and its steps as a tree. */
export function planTree(kind: 'workflow' | 'tool', plan: PlanJson): string[] {
  const name = text(field(plan, 'name'));
  const image = text(field(plan, 'image'));
  const on = kind === 'workflow' ? `on ${triggerSummary(plan) || 'no trigger'}; ` : '';
  const steps = list(field(plan, 'steps'));
  const lines = [`${kind} ${name} (${on}image ${image}; ${steps.length} step${steps.length === 1 ? '' : 's'})`];
  steps.forEach((s, i) => lines.push(`${i === steps.length - 1 ? '└─' : '├─'} ${stepLine(s)}`));
  return lines;
}

/** Every plan of a file, indented under the file's path. */
export function fileSummary(file: FileAnalysis): string[] {
  const lines: string[] = [];
  for (const w of file.workflows) lines.push(...planTree('workflow', w));
  for (const t of file.tools) lines.push(...planTree('tool', t));
  return lines.map((l) => `  ${l}`);
}
