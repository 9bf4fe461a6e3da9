// textDocument/documentSymbol: each workflow and tool the file defined, with
// its steps as children (name, type and id, at the call that registered
// each step), as the latest analysis planned them.

import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams } from 'vscode-languageserver/node';
import type { PlanJson } from '../../plan/json';
import type { Session } from '../session';
import { lineRange } from './diagnostics';

export function documentSymbols(session: Session, params: DocumentSymbolParams): DocumentSymbol[] {
  const file = session.analysis(params.textDocument.uri);
  if (!file) return [];
  const sites = file.result.facts?.sites ?? [];
  return file.result.defined.map((d) => {
    const defRange = lineRange(file.text, d.row);
    const plans = d.kind === 'workflow' ? file.result.workflows : file.result.tools;
    const plan = plans.find((p) => p instanceof Map && p.get('name') === d.name);
    const steps = plan instanceof Map ? plan.get('steps') : null;
    const children: DocumentSymbol[] = [];
    for (const step of Array.isArray(steps) ? steps : []) {
      if (!(step instanceof Map)) continue;
      const id = String(step.get('id'));
      const site = sites.find((s) => s.step.owner === d.name && s.step.ownerKind === d.kind && s.step.id === id);
      const range = site
        ? { start: { line: site.loc.row, character: site.loc.col }, end: { line: site.loc.endRow, character: site.loc.endCol } }
        : defRange;
      children.push({ name: label(step.get('name') ?? id), detail: `${String(step.get('type'))} · ${id}`, kind: step.get('type') === 'parallel' ? SymbolKind.Array : SymbolKind.Event, range, selectionRange: range });
    }
    return { name: d.name, detail: d.kind, kind: d.kind === 'workflow' ? SymbolKind.Function : SymbolKind.Method, range: defRange, selectionRange: defRange, children };
  });
}

function label(name: PlanJson): string {
  const text = typeof name === 'string' ? name : String(name);
  return text.trim() ? text : '(unnamed step)';
}
