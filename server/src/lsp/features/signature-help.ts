// textDocument/signatureHelp: the signature of the call the cursor is in —
// documented callees (builtins, triggers, @workflow, ctx methods, tools) from
// the catalog, and prompt calls from their frontmatter inputs — with the
// active parameter chosen by keyword, else by position.

import type { ParameterInformation, SignatureHelp, SignatureHelpParams } from 'vscode-languageserver/node';
import { calleeDoc, type ParamDoc } from '../catalog/symbol-docs';
import type { Session } from '../session';
import { uriToPath } from '../workspace';
import { importedPrompts } from './prompt-lookup';
import { callAt, ctxParamName } from './syntax-at';

export function signatureHelp(session: Session, params: SignatureHelpParams): SignatureHelp | null {
  const doc = session.document(params.textDocument.uri);
  if (!doc) return null;
  const call = callAt(doc.tree.rootNode, params.position);
  if (!call?.callee) return null;
  const ctx = ctxParamName(call.call);
  const callee = call.callee[0] === ctx ? ['ctx', ...call.callee.slice(1)].join('.') : call.callee.join('.');
  let label: string;
  let docText: string;
  let paramDocs: readonly ParamDoc[];
  const prompt = call.callee.length === 1 ? importedPrompts(doc.text).get(call.callee[0]) : undefined;
  if (prompt !== undefined) {
    const entry = session.promptsOf(uriToPath(params.textDocument.uri)).get(prompt);
    const inputs = entry?.meta['inputs'];
    const fields = inputs && typeof inputs === 'object' && !Array.isArray(inputs) ? Object.entries(inputs) : [];
    paramDocs = fields.map(([name, t]): ParamDoc => ({ name, kind: 'keyword', type: t || undefined, doc: `Input ${name} of the prompt.` }));
    label = `${call.callee[0]}(*, ${[...paramDocs.map((p) => (p.type ? `${p.name}: ${p.type}` : p.name)), 'tools=None', 'max_turns=None', 'depends_on=None'].join(', ')}) -> Step`;
    docText = entry ? `Registers a step for prompt ${entry.name} (.plue/prompts/${entry.fileName}); inputs are passed by keyword.` : `No prompt named ${prompt}.`;
  } else {
    const d = calleeDoc(callee);
    if (!d || d.params.length === 0 && d.kind !== 'function' && d.kind !== 'decorator') return null;
    label = d.signature.split('\n', 1)[0];
    docText = d.doc;
    paramDocs = d.params;
  }
  const parameters: ParameterInformation[] = paramDocs.map((p) => {
    const at = label.indexOf(p.name, label.indexOf('('));
    return { label: at >= 0 ? [at, at + p.name.length] : p.name, documentation: p.doc };
  });
  let active = call.keyword !== null ? paramDocs.findIndex((p) => p.name === call.keyword) : -1;
  if (active < 0 && call.keyword === null) {
    const positional = paramDocs.filter((p) => p.kind === 'positional' || p.kind === 'star');
    const target = positional[Math.min(call.argumentIndex, positional.length - 1)];
    active = target ? paramDocs.indexOf(target) : -1;
  }
  return { signatures: [{ label, documentation: docText, parameters }], activeSignature: 0, activeParameter: active >= 0 ? active : undefined };
}
