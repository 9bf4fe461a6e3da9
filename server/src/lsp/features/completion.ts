// textDocument/completion: names that fit where the cursor is. Prompt names
// after `from plue.prompts import`, tool names after `from plue.tools
// import`, ctx members after `ctx.`, a step's results after `step.` (a prompt
// step's output fields included; the step known from the last plan, else
// from the call assigned to the name), keyword arguments inside a call of a
// documented callee or a prompt, else builtins and plue globals.

import type { Node } from 'web-tree-sitter';
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionParams } from 'vscode-languageserver/node';
import {
  allBuiltinDocs,
  allCtxDocs,
  allStepDocs,
  allToolDocs,
  calleeDoc,
  keywordParams,
  type ParamDoc,
  type SymbolDoc,
} from '../catalog/symbol-docs';
import type { AnalyzedFile, Session } from '../session';
import { planStep, promptMarkdown, symbolMarkdown } from './hover';
import { importedPrompts, type PromptEntry } from './prompt-lookup';
import { callAt, ctxParamName, dottedPath, nodeAt, observedAt } from './syntax-at';
import { uriToPath } from '../workspace';

export function completion(session: Session, params: CompletionParams): CompletionItem[] {
  const doc = session.document(params.textDocument.uri);
  if (!doc) return [];
  const file = session.analysis(params.textDocument.uri);
  const line = doc.lines.lineText(params.position.line);
  const prefix = line.slice(0, params.position.character);
  const prompts = session.promptsOf(uriToPath(params.textDocument.uri));

  const fromImport = /^\s*from\s+(plue(?:\.prompts|\.tools)?)\s+import\s+(?:\(?\s*(?:[\w\s,]*,)?\s*)?\w*$/.exec(prefix);
  if (fromImport) {
    if (fromImport[1] === 'plue.prompts') return [...prompts.values()].map(promptItem);
    if (fromImport[1] === 'plue.tools') return allToolDocs().map((d) => docItem(d, CompletionItemKind.Function));
    return allBuiltinDocs().filter((d) => d.owner === 'plue').map((d) => docItem(d, kindOf(d)));
  }
  const member = /([A-Za-z_][\w.]*)\.(\w*)$/.exec(prefix);
  if (member) return memberItems(file, doc.tree.rootNode, params.position, member[1].split('.'), prompts);

  const items: CompletionItem[] = [];
  const call = callAt(doc.tree.rootNode, params.position);
  if (call?.callee && /[(,]\s*\w*$/.test(prefix)) {
    for (const p of callKeywords(call.callee, call.call, prompts, doc.text, call.positional)) {
      if (call.givenKeywords.includes(p.name)) continue;
      items.push({ label: `${p.name}=`, kind: CompletionItemKind.Property, detail: p.type, documentation: p.doc, insertText: `${p.name}=`, sortText: `0${p.name}` });
    }
  }
  for (const d of allBuiltinDocs()) items.push({ ...docItem(d, kindOf(d)), sortText: `${d.owner === 'plue' ? '1' : '2'}${d.name}` });
  for (const [local, name] of importedPrompts(doc.text)) {
    const entry = prompts.get(name);
    if (entry) items.push({ ...promptItem(entry), label: local, sortText: `1${local}` });
  }
  return items;
}

function memberItems(file: AnalyzedFile | undefined, root: Node, position: { line: number; character: number }, path: string[], prompts: ReadonlyMap<string, PromptEntry>): CompletionItem[] {
  const here = nodeAt(root, position);
  const ctx = here ? ctxParamName(here) : 'ctx';
  if (path[0] === ctx) {
    const inner = path.slice(1).join('.');
    return allCtxDocs()
      .filter((d) => (inner ? d.name.startsWith(`${inner}.`) && !d.name.slice(inner.length + 1).includes('.') : !d.name.includes('.')))
      .map((d) => ({ ...docItem(d, kindOf(d)), label: inner ? d.name.slice(inner.length + 1) : d.name }));
  }
  if (path[0] === 'plue' && path.length === 1) return allBuiltinDocs().filter((d) => d.owner === 'plue').map((d) => docItem(d, kindOf(d)));
  // A step variable: its attributes for its type, and a prompt step's output fields.
  const objectNode = findObjectNode(root, position, path);
  const seen = objectNode ? observedAt(file, objectNode) : [];
  const step = seen.find((v) => v.kind === 'step');
  let type: string;
  let prompt: PromptEntry | undefined;
  if (step?.kind === 'step' && file) {
    const found = planStep(file, step.step);
    type = String(found?.step.get('type') ?? '');
    const config = found?.step.get('config');
    const promptPath = config instanceof Map ? config.get('prompt_path') : undefined;
    if (typeof promptPath === 'string') prompt = [...prompts.values()].find((p) => promptPath.endsWith(`/${p.fileName}`));
  } else {
    // While a member is being typed the text does not parse and the last plan may be older:
    // read the step's kind from the call the name was last assigned before the cursor.
    const assigned = path.length === 1 ? stepAssignedTo(root, position, path[0], prompts) : null;
    if (!assigned) return [];
    ({ type, prompt } = assigned);
  }
  const items = allStepDocs()
    .filter((d) => !d.stepTypes || d.stepTypes.includes(type))
    .map((d) => docItem(d, CompletionItemKind.Property));
  const output = prompt?.meta['output'];
  if (output && typeof output === 'object' && !Array.isArray(output)) {
    for (const [field, t] of Object.entries(output)) {
      items.push({ label: field, kind: CompletionItemKind.Field, detail: `${t || 'output field'} · output of ${prompt?.name ?? 'the prompt'}`, sortText: `0${field}` });
    }
  }
  return items;
}

/** ctx methods that register an action step (spec §6), by their path below ctx. */
const ACTION_METHODS = new Set(['comment', 'review_comment', 'approve', 'request_changes', 'write', 'git.checkout', 'issue.comment', 'pr.comment']);

/** The step type (and prompt) of the call last assigned to `name` before `position`: `x = ctx.run(...)`, `x = SomePrompt(...)`. */
function stepAssignedTo(root: Node, position: { line: number; character: number }, name: string, prompts: ReadonlyMap<string, PromptEntry>): { type: string; prompt?: PromptEntry } | null {
  let last: Node | null = null;
  for (const assignment of root.descendantsOfType('assignment')) {
    if (!assignment || assignment.childForFieldName('left')?.text !== name) continue;
    const end = assignment.endPosition;
    if (end.row > position.line || (end.row === position.line && end.column > position.character)) continue;
    last = assignment;
  }
  const call = last?.childForFieldName('right');
  const fn = call?.type === 'call' ? call.childForFieldName('function') : null;
  const callee = fn ? dottedPath(fn) : null;
  if (!call || !callee) return null;
  if (callee.length > 1 && callee[0] === ctxParamName(call)) {
    const member = callee.slice(1).join('.');
    if (member === 'run') return { type: 'shell' };
    if (member === 'parallel') return { type: 'parallel' };
    return ACTION_METHODS.has(member) ? { type: 'action' } : null;
  }
  const promptName = callee.length === 1 ? importedPrompts(root.text).get(callee[0]) : undefined;
  const prompt = promptName === undefined ? undefined : prompts.get(promptName);
  if (!prompt) return null;
  const declared = prompt.meta['type'];
  return { type: declared === 'agent' ? 'agent' : 'llm', prompt };
}

/** The node of the expression before the dot at the cursor (the identifier or attribute chain). */
function findObjectNode(root: Node, position: { line: number; character: number }, path: string[]): Node | null {
  const dot = position.character - 1 - (nodeAt(root, position)?.type === 'identifier' ? (nodeAt(root, position)?.text.length ?? 0) : 0);
  let node = nodeAt(root, { line: position.line, character: Math.max(0, dot - 1) });
  while (node && node.text !== path.join('.') && node.parent && node.parent.startPosition.row === position.line) node = node.parent;
  return node && node.text === path.join('.') ? node : null;
}

/** The keyword arguments a call can still take: not its **kwargs entry, nor a parameter already passed by position. */
function callKeywords(callee: readonly string[], call: Node, prompts: ReadonlyMap<string, PromptEntry>, text: string, positional: number): readonly ParamDoc[] {
  const ctx = ctxParamName(call);
  const name = callee[0] === ctx ? ['ctx', ...callee.slice(1)].join('.') : callee.join('.');
  const prompt = callee.length === 1 ? importedPrompts(text).get(callee[0]) : undefined;
  if (prompt !== undefined) {
    const entry = prompts.get(prompt);
    const inputs = entry?.meta['inputs'];
    const fields = inputs && typeof inputs === 'object' && !Array.isArray(inputs) ? Object.entries(inputs) : [];
    return [
      ...fields.map(([field, t]): ParamDoc => ({ name: field, kind: 'keyword', type: t || undefined, doc: `Input ${field} of prompt ${prompt}.` })),
      { name: 'tools', kind: 'keyword', type: 'list', doc: 'Overrides the frontmatter tools.' },
      { name: 'max_turns', kind: 'keyword', type: 'int', doc: 'Overrides the frontmatter max_turns.' },
      { name: 'depends_on', kind: 'keyword', type: 'Step | list[Step]', doc: 'Steps this one runs after.' },
    ];
  }
  const filled = (calleeDoc(name)?.params ?? []).filter((p) => p.kind === 'positional').slice(0, positional).map((p) => p.name);
  return (keywordParams(name) ?? []).filter((p) => p.kind !== 'double-star' && !filled.includes(p.name));
}

function kindOf(d: SymbolDoc): CompletionItemKind {
  switch (d.kind) {
    case 'function':
    case 'decorator':
      return CompletionItemKind.Function;
    case 'type':
      return CompletionItemKind.Class;
    case 'module':
      return CompletionItemKind.Module;
    case 'constant':
      return CompletionItemKind.Constant;
    default:
      return CompletionItemKind.Property;
  }
}

function docItem(d: SymbolDoc, kind: CompletionItemKind): CompletionItem {
  return { label: d.name, kind, detail: d.signature.split('\n', 1)[0], documentation: { kind: MarkupKind.Markdown, value: symbolMarkdown(d) } };
}

function promptItem(p: PromptEntry): CompletionItem {
  return { label: p.name, kind: CompletionItemKind.Function, detail: `prompt · .plue/prompts/${p.fileName}`, documentation: { kind: MarkupKind.Markdown, value: promptMarkdown(p) } };
}
