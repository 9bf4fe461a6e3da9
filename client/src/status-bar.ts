// The status bar item: for the active workflow file, its workflows and steps
// from the latest analysis, or its error count; clicking it opens the plan
// preview. Hidden for every other editor.

import { StatusBarAlignment, window, type Disposable, type StatusBarItem, type TextEditor } from 'vscode';
import type { FileStatus } from './plan-client';
import { WORKFLOW_FILE } from './preview-panel';

export class PlueStatusBar implements Disposable {
  private readonly item: StatusBarItem;
  private readonly statuses = new Map<string, FileStatus>();
  private readonly subscription: Disposable;

  constructor() {
    this.item = window.createStatusBarItem('plue.status', StatusBarAlignment.Left, 100);
    this.item.name = 'Plue Workflows';
    this.item.command = 'plue.previewPlan';
    this.subscription = window.onDidChangeActiveTextEditor((e) => this.render(e));
    this.render(window.activeTextEditor);
  }

  update(status: FileStatus): void {
    this.statuses.set(status.uri, status);
    this.render(window.activeTextEditor);
  }

  private render(editor: TextEditor | undefined): void {
    if (!editor || !WORKFLOW_FILE.test(editor.document.uri.fsPath)) {
      this.item.hide();
      return;
    }
    const status = this.statuses.get(editor.document.uri.toString());
    if (!status) {
      this.item.text = '$(sync~spin) Plue';
      this.item.tooltip = 'Planning…';
    } else if (status.errors > 0) {
      this.item.text = `$(error) Plue: ${status.errors} error${status.errors === 1 ? '' : 's'}`;
      this.item.tooltip = 'This file has errors, so it plans nothing. Click to preview.';
    } else {
      const w = status.workflows + status.tools;
      this.item.text = `$(type-hierarchy) Plue: ${w} workflow${w === 1 ? '' : 's'} · ${status.steps} step${status.steps === 1 ? '' : 's'}`;
      this.item.tooltip = `Planned in ${status.elapsedMs} ms. Click to preview the plan.`;
    }
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
