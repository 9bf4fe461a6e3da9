// The scenarios of scripts/e2e-code-server.mjs through the VS Code API: in a
// desktop VS Code started by test/electron/out/run.js (`npm run test:electron`),
// and in code-server's extension host as the e2e script's last scenario.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readExpectations } from '../expectations';

const { workspace, expectations } = readExpectations();
const EXTENSION_ID = 'plue.plue-workflows';

function workflowUri(file: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspace, '.plue', 'workflows', file));
}

async function open(file: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workflowUri(file));
  return vscode.window.showTextDocument(document, vscode.ViewColumn.One);
}

/** Polls `probe` until it gives a value, or fails with `what` after `ms`. */
async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000}s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

describe('Plue Workflows in VS Code', function () {
  this.timeout(90_000);

  it('activates on a workflow file', async () => {
    await open('deploy.py');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await waitFor('the extension to activate', () => (extension.isActive ? true : undefined));
  });

  it('publishes the diagnostics the CLI reports', async () => {
    for (const file of new Set(expectations.diagnostics.map((d) => d.file))) {
      const uri = workflowUri(file);
      await open(file);
      const want = expectations.diagnostics.filter((d) => d.file === file);
      const got = await waitFor(`diagnostics of ${file}`, () => {
        const mine = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'plue');
        return mine.length >= want.length ? mine : undefined;
      });
      assert.deepEqual(
        got.map((d) => ({ kind: codeOf(d), message: d.message, line: d.range.start.line + 1, severity: d.severity })),
        want.map((d) => ({ kind: d.kind, message: d.message, line: d.line, severity: vscode.DiagnosticSeverity.Error })),
      );
    }
    const clean = vscode.languages.getDiagnostics(workflowUri(expectations.hover.file)).filter((d) => d.source === 'plue');
    if (!expectations.diagnostics.some((d) => d.file === expectations.hover.file)) {
      assert.deepEqual(clean.map((d) => d.message), [], `${expectations.hover.file} has no diagnostics`);
    }
  });

  it('shows the step id when hovering a step variable', async () => {
    const { file, line, word, stepId, stepType } = expectations.hover;
    const editor = await open(file);
    const text = editor.document.getText().split('\n');
    const row = text.findIndex((l) => l.includes(line));
    assert.ok(row >= 0, `no line containing ${line} in ${file}`);
    const position = new vscode.Position(row, text[row].indexOf(line) + line.indexOf(word) + 1);
    const shown = await waitFor(`a hover with ${stepId}`, async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
      const value = hoverText(hovers ?? []);
      return value.includes(stepId) ? value : undefined;
    });
    assert.ok(shown.includes(stepType), `the hover shows no step type ${stepType}: ${shown}`);
  });

  it('opens the plan preview beside the editor (plue.previewPlan)', async () => {
    const editor = await open(expectations.hover.file);
    await vscode.commands.executeCommand('plue.previewPlan');
    const tab = await waitFor('the plan preview tab', () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('plue.planPreview')),
    );
    assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'the preview is not beside the editor');
  });
});
