// textDocument/hover: what the name under the cursor is in the plan. A step
// variable shows its id, type, config and dependencies as the plan has them;
// a run-time expression the placeholder it renders to; a trigger call its
// plan dict; a prompt its frontmatter; ctx members, builtins and tools their
// signature, doc and example from the catalog.

import type { Node } from 'web-tree-sitter';
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import { writeJson, type PlanJson, type PlanObject } from '../../plan/json';
import type { ObservedValue, StepRef } from '../../plue/evaluation-facts';
import { allCtxDocs, builtinDoc, ctxMemberDoc, moduleDoc, stepAttributeDoc, toolDoc, type SymbolDoc } from '../catalog/symbol-docs';
import type { AnalyzedFile, Session } from '../session';
import { importedPrompts, type PromptEntry } from './prompt-lookup';
import { ctxParamName, dottedPath, identifierAt, observedAt, valueNodeOf } from './syntax-at';
import { namePattern } from './name-pattern';

export function hover(session: Session, params: HoverParams): Hover | null {
  const doc = session.document(params.textDocument.uri);
  if (!doc) return null;
  const id = identifierAt(doc.tree.rootNode, params.position);
  if (!id) return null;
  const file = session.analysis(params.textDocument.uri);
  const range = { start: { line: id.startPosition.row, character: id.startPosition.column }, end: { line: id.endPosition.row, character: id.endPosition.column } };
  const markdown = describe(session, file, id, doc.text);
  return markdown ? { contents: { kind: MarkupKind.Markdown, value: markdown }, range } : null;
}

function describe(session: Session, file: AnalyzedFile | undefined, id: Node, text: string): string | null {
  const parent = id.parent;
  // The attribute name of `x.name`: the whole attribute expression is what was evaluated.
  const isAttributeName = parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === id.id;
  const expr = isAttributeName && parent ? parent : id;
  // The callee of a trigger call (`push` in `push(branches=[...])`): the facts are the call's.
  const call = expr.parent?.type === 'call' && expr.parent.childForFieldName('function')?.id === expr.id ? expr.parent : null;
  const trigger = call ? observedAt(file, call).filter((v) => v.kind === 'trigger') : [];
  const seen = trigger.length > 0 ? trigger : observedAt(file, valueNodeOf(expr));
  const fromFacts = describeObserved(file, seen);
  if (fromFacts) return fromFacts;

  const path = dottedPath(expr);
  if (path && path.length > 1) {
    const ctx = ctxParamName(id);
    if (path[0] === ctx) {
      const member = ctxMemberDoc(path.slice(1).join('.'));
      if (member) return symbolMarkdown(member, `ctx.${path.slice(1).join('.')}`);
    }
    if (path[0] === 'plue' && path.length === 2) {
      const d = builtinDoc(path[1]);
      if (d) return symbolMarkdown(d);
    }
    const attr = stepAttributeDoc(path[path.length - 1]);
    if (attr && isStepValue(file, expr.childForFieldName('object'))) return symbolMarkdown(attr);
    return null;
  }
  const name = id.text;
  if (parent?.type === 'dotted_name' && parent.parent?.type === 'import_from_statement') {
    const module = moduleDoc(parent.text);
    if (module) return symbolMarkdown(module);
  }
  const prompt = importedPrompts(text).get(name);
  if (prompt !== undefined && file) {
    const entry = session.promptsOf(file.fsPath).get(prompt);
    return entry ? promptMarkdown(entry) : `**${prompt}**: no prompt of this name in \`.plue/prompts\``;
  }
  if (isToolImport(text, name)) {
    const tool = toolDoc(name);
    if (tool) return symbolMarkdown(tool);
  }
  if (name === ctxParamName(id)) return ctxMarkdown(name);
  const builtin = builtinDoc(name);
  return builtin && !isAssignedInFile(text, name) ? symbolMarkdown(builtin) : null;
}

function isStepValue(file: AnalyzedFile | undefined, node: Node | null): boolean {
  return node !== null && observedAt(file, node).some((v) => v.kind === 'step');
}

function isToolImport(text: string, name: string): boolean {
  return namePattern(name, (n) => `from\\s+plue\\.tools\\s+import\\s+[^\\n]*\\b${n}\\b`)?.test(text) ?? false;
}

function isAssignedInFile(text: string, name: string): boolean {
  return namePattern(name, (n) => `^\\s*(def\\s+${n}\\b|${n}\\s*=[^=])`, 'm')?.test(text) ?? false;
}

function describeObserved(file: AnalyzedFile | undefined, values: readonly ObservedValue[]): string | null {
  if (!file || values.length === 0) return null;
  const parts: string[] = [];
  for (const v of values) {
    if (v.kind === 'step') parts.push(stepMarkdown(file, v.step));
    else if (v.kind === 'placeholder') parts.push(`Run-time value, known only when the workflow runs. In the plan it renders as\n\n\`\`\`\n${v.text}\n\`\`\``);
    else parts.push(`**Trigger** in the plan:\n\n\`\`\`json\n${writeJson(v.plan, 2)}\n\`\`\``);
  }
  if (values.length > 1) parts.unshift(`This expression evaluated ${values.length} times to different values:`);
  return parts.join('\n\n---\n\n');
}

/** The plan entry (workflow or tool) and step a reference names. */
export function planStep(file: AnalyzedFile, ref: StepRef): { plan: PlanObject; step: PlanObject } | null {
  for (const plan of ref.ownerKind === 'workflow' ? file.result.workflows : file.result.tools) {
    if (!(plan instanceof Map) || plan.get('name') !== ref.owner) continue;
    const steps = plan.get('steps');
    if (!Array.isArray(steps)) continue;
    for (const step of steps) if (step instanceof Map && step.get('id') === ref.id) return { plan, step };
  }
  return null;
}

function stepMarkdown(file: AnalyzedFile, ref: StepRef): string {
  const found = planStep(file, ref);
  if (!found) return `**Step** \`${ref.id}\` of ${ref.ownerKind} \`${ref.owner}\``;
  const { plan, step } = found;
  const steps = (plan.get('steps') as PlanJson[]).filter((s): s is PlanObject => s instanceof Map);
  const nameOf = (id: PlanJson): string => {
    const s = steps.find((x) => x.get('id') === id);
    return s ? ` (${String(s.get('name'))})` : '';
  };
  const deps = step.get('depends_on');
  const depLine = Array.isArray(deps) && deps.length > 0 ? deps.map((d) => `\`${String(d)}\`${nameOf(d)}`).join(', ') : 'nothing (runs first)';
  const lines = [
    `**Step** \`${ref.id}\` · \`${String(step.get('type'))}\` · "${String(step.get('name'))}" in ${ref.ownerKind} \`${ref.owner}\``,
    '',
    `Depends on: ${depLine}`,
    '',
    '```json',
    writeJson(step.get('config') ?? null, 2),
    '```',
  ];
  return lines.join('\n');
}

/** The workflow function's context parameter: what it is, and its members from the catalog. */
function ctxMarkdown(name: string): string {
  const members = allCtxDocs().filter((d) => !d.name.includes('.'));
  return [
    '```python',
    `${name}: Context`,
    '```',
    '',
    "The workflow's context. Its methods register steps in the plan (nothing runs now); its properties are the event, the repository and run-time values.",
    '',
    members.map((d) => `\`${d.name}\``).join(' · '),
  ].join('\n');
}

export function symbolMarkdown(doc: SymbolDoc, title?: string): string {
  const lines = ['```python', doc.signature, '```', '', doc.doc];
  if (title && !doc.signature.startsWith(title)) lines.unshift(`**${title}**`, '');
  if (doc.example) lines.push('', '**Example**', '', '```python', doc.example, '```');
  return lines.join('\n');
}

export function promptMarkdown(prompt: PromptEntry): string {
  const meta = prompt.meta;
  const show = (v: unknown): string => (v === null || v === undefined ? '—' : Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? Object.entries(v as Record<string, string>).map(([k, t]) => `${k}${t ? `: ${t}` : ''}`).join(', ') : String(v));
  return [
    `**Prompt** \`${prompt.name}\` — \`.plue/prompts/${prompt.fileName}\``,
    '',
    `| | |`,
    `|---|---|`,
    `| client | ${show(meta['client'] ?? 'anthropic/claude-sonnet')} |`,
    `| type | ${show(meta['type'] ?? 'llm')} |`,
    `| inputs | ${show(meta['inputs'])} |`,
    `| outputs | ${show(meta['output'])} |`,
    `| tools | ${show(meta['tools'])} |`,
    `| max_turns | ${show(meta['max_turns'] ?? '10')} |`,
    '',
    `Calling it registers an \`${show(meta['type'] ?? 'llm')}\` step; pass the inputs by keyword.`,
  ].join('\n');
}
