// textDocument/definition: from a prompt name (its import or a call) to its
// `.prompt.md` file, and from a step variable to the call that registered
// the step (as the latest evaluation saw it).

import type { Definition, DefinitionParams } from 'vscode-languageserver/node';
import type { Session } from '../session';
import { pathToUri, uriToPath } from '../workspace';
import { importedPrompts } from './prompt-lookup';
import { identifierAt, observedAt, valueNodeOf } from './syntax-at';

export function definition(session: Session, params: DefinitionParams): Definition | null {
  const doc = session.document(params.textDocument.uri);
  if (!doc) return null;
  const id = identifierAt(doc.tree.rootNode, params.position);
  if (!id) return null;
  const prompt = importedPrompts(doc.text).get(id.text);
  if (prompt !== undefined && id.parent?.type !== 'attribute') {
    const entry = session.promptsOf(uriToPath(params.textDocument.uri)).get(prompt);
    if (entry) return { uri: pathToUri(entry.path), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  }
  const file = session.analysis(params.textDocument.uri);
  const sites = file?.result.facts?.sites ?? [];
  const locations = [];
  for (const v of observedAt(file, valueNodeOf(id))) {
    if (v.kind !== 'step') continue;
    const site = sites.find((s) => s.step.owner === v.step.owner && s.step.ownerKind === v.step.ownerKind && s.step.id === v.step.id);
    if (site) locations.push({ uri: params.textDocument.uri, range: { start: { line: site.loc.row, character: site.loc.col }, end: { line: site.loc.endRow, character: site.loc.endCol } } });
  }
  return locations.length > 0 ? locations : null;
}
