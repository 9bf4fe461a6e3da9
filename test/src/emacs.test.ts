// Emacs with Eglot against `bin/plue lsp --stdio`, configured by the
// documented examples/editors/emacs/plue-workflows.el: batch Emacs visits a
// conformance case with a known error, a clean workflow and an ordinary
// Python file, and the diagnostics Flymake gets from Eglot must be exactly
// what `plue workflow lint` reports; a hover on a step variable must show
// the step from `plue workflow plan`. Needs Debian's `emacs-nox` and, on
// Emacs 28, `elpa-eglot` (fails with those names when they are missing).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  BAD_NAME,
  EDITOR_CONFIGS,
  EDITOR_DRIVERS,
  PLUE,
  expectedRange,
  lint,
  makeEditorProject,
  planStep,
  readReport,
  removeEditorProject,
  requireTool,
  runEditor,
  type EditorProject,
  type LintDiagnostic,
} from './editor-harness';

/** How long Emacs waits for diagnostics (and Eglot for the hover, its own default). */
const WAIT_MS = 60000;

interface Place {
  line: number;
  column: number;
}
interface LspPosition {
  line: number;
  character: number;
}
interface FlymakeDiagnostic {
  text: string;
  type: string;
  /** 0-based line, column in code points (characters of the buffer). */
  start: Place;
  end: Place;
  /** The LSP diagnostic Eglot made it from. */
  lsp: { message: string; severity: number; source: string; code: string; start: LspPosition; end: LspPosition };
}
interface FileReport {
  mode: string;
  managed: boolean;
  /** Whether Eglot's Flymake backend has reported for the buffer. */
  reported: boolean;
  diagnostics: FlymakeDiagnostic[];
}
interface EmacsReport {
  emacs: string;
  eglot: string;
  servers: number;
  /** Every Eglot connection made, in order: the modes it manages and the project root. */
  connects: { modes: string[]; root: string }[];
  files: Record<'bad' | 'clean' | 'plain', FileReport>;
  hover: { kind: string; value: string };
}

/** The init.el a user would write, with this repository's paths. */
function initEl(): string {
  const lisp = (value: string): string => JSON.stringify(value); // an ASCII path reads the same as an Elisp string
  return [
    `(setq plue-server-command '(${lisp(PLUE)} "lsp" "--stdio"))`,
    `(add-to-list 'load-path ${lisp(path.join(EDITOR_CONFIGS, 'emacs'))})`,
    `(require 'plue-workflows)`,
    '',
  ].join('\n');
}

describe('Emacs (Eglot and Flymake, examples/editors/emacs/plue-workflows.el)', function () {
  this.timeout(180000);

  let project: EditorProject | undefined;
  let report: EmacsReport;
  let cli: LintDiagnostic[];

  before(async function () {
    requireTool('emacs', 'emacs-nox elpa-eglot');
    const eglot = spawnSync('emacs', ['--batch', '--eval', "(require 'eglot)"], { encoding: 'utf8', timeout: 60000 });
    assert.equal(eglot.status, 0, `Emacs has no Eglot (built into Emacs 29; for Emacs 28: apt-get install -y elpa-eglot)\n${eglot.stderr}`);
    project = makeEditorProject('plue-emacs-');
    assert.match(PLUE, /^[\x20-\x7e]+$/, 'the repository path is ASCII (init.el quotes it as a JSON string)');
    const init = path.join(project.dir, 'init.el');
    const params = path.join(project.dir, 'params.json');
    const reportPath = path.join(project.dir, 'report.json');
    fs.writeFileSync(init, initEl());
    fs.writeFileSync(
      params,
      JSON.stringify({ bad: project.bad, clean: project.clean, plain: project.plain, hover: project.hover, report: reportPath, wait_ms: WAIT_MS }),
    );
    const run = await runEditor('emacs', ['--batch', '-l', init, '-l', path.join(EDITOR_DRIVERS, 'emacs-driver.el')], {
      cwd: project.root,
      // nothing is read from or written to the real ~/.emacs.d
      env: { ...process.env, HOME: path.join(project.dir, 'home'), PLUE_EDITOR_TEST: params },
      deadlineMs: WAIT_MS * 2 + 30000,
    });
    report = readReport<EmacsReport>(reportPath, run, 'emacs');
    cli = lint(project, project.bad);
  });

  after(function () {
    removeEditorProject(project);
  });

  function opened(): EditorProject {
    assert.ok(project, 'the project was made');
    return project;
  }

  it('gives workflow files plue-workflow-mode and one server, and leaves ordinary Python files alone', function () {
    const { files } = report;
    assert.deepEqual(
      [files.bad.mode, files.clean.mode, files.plain.mode],
      ['plue-workflow-mode', 'plue-workflow-mode', 'python-mode'],
    );
    assert.deepEqual([files.bad.managed, files.clean.managed, files.plain.managed], [true, true, false]);
    assert.equal(report.servers, 1);
    assert.deepEqual(
      report.connects,
      [{ modes: ['plue-workflow-mode'], root: `${opened().root}/` }],
      'one connection, for the directory holding .plue',
    );
    assert.deepEqual(files.plain.diagnostics, []);
  });

  it("gets the server's diagnostics for the conformance case through Flymake, exactly as the CLI reports them", function () {
    const { bad } = opened();
    assert.equal(cli.length, 1, 'the CLI reports one diagnostic');
    const [expected] = cli as [LintDiagnostic];
    assert.equal(expected.kind, 'SecurityError');
    // Emacs counts characters: code points, as the CLI does
    const chars = expectedRange(bad, expected, BAD_NAME, 'code point');
    const utf16 = expectedRange(bad, expected, BAD_NAME, 'UTF-16');
    assert.deepEqual(report.files.bad.diagnostics, [
      {
        text: `plue [${expected.kind}]: ${expected.message}`,
        type: 'eglot-error',
        start: { line: chars.line, column: chars.start },
        end: { line: chars.line, column: chars.end },
        lsp: {
          message: expected.message,
          severity: 1,
          source: 'plue',
          code: expected.kind,
          start: { line: utf16.line, character: utf16.start },
          end: { line: utf16.line, character: utf16.end },
        },
      },
    ]);
  });

  it('gets no diagnostics for the clean workflow, as the CLI reports none', function () {
    assert.deepEqual(lint(opened(), opened().clean), []);
    assert.equal(report.files.clean.reported, true, "Eglot's Flymake backend reported for ci.py");
    assert.deepEqual(report.files.clean.diagnostics, []);
  });

  it('shows the step of the plan on hovering its variable', function () {
    const step = planStep(opened(), opened().clean, 'ci', 'install');
    assert.equal(report.hover.kind, 'markdown', JSON.stringify(report.hover));
    const markdown = report.hover.value;
    assert.ok(markdown.startsWith(`**Step** \`${step.id}\` · \`${step.type}\` · "${step.name}" in workflow \`ci\``), markdown);
    assert.ok(markdown.includes(`"cmd": ${JSON.stringify(step.config['cmd'])}`), markdown);
  });
});
