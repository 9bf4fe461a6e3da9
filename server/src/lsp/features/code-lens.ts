// textDocument/codeLens: above each @workflow and @tool, "N steps · Preview
// plan" — the count from the latest plan and a command the VS Code client
// implements (plue.previewPlan opens the plan preview on this file).

import type { CodeLens, CodeLensParams } from 'vscode-languageserver/node';
import type { Session } from '../session';
import { lineRange } from './diagnostics';

export const PREVIEW_COMMAND = 'plue.previewPlan';

export function codeLenses(session: Session, params: CodeLensParams): CodeLens[] {
  const file = session.analysis(params.textDocument.uri);
  if (!file) return [];
  return file.result.defined.map((d) => {
    const plans = d.kind === 'workflow' ? file.result.workflows : file.result.tools;
    const plan = plans.find((p) => p instanceof Map && p.get('name') === d.name);
    const steps = plan instanceof Map ? plan.get('steps') : null;
    const n = Array.isArray(steps) ? steps.length : 0;
    return {
      range: lineRange(file.text, d.row),
      command: { title: `${n} step${n === 1 ? '' : 's'} · Preview plan`, command: PREVIEW_COMMAND, arguments: [params.textDocument.uri, d.name] },
    };
  });
}
