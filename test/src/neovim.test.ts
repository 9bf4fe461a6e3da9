// Neovim's built-in LSP client against `bin/plue lsp --stdio`, configured by
// the documented examples/editors/neovim/plue.lua: headless Neovim opens a
// conformance case with a known error, a clean workflow and an ordinary
// Python file, and the diagnostics it receives (as sent and as Neovim shows
// them) must be exactly what `plue workflow lint` reports; a hover on a step
// variable must show the step from `plue workflow plan`. Needs Debian's
// `neovim` (0.7.2 on bookworm; fails with that name when nvim is missing).

import assert from 'node:assert/strict';
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

/** How long Neovim waits for diagnostics and for the hover. */
const WAIT_MS = 60000;

interface LspPosition {
  line: number;
  character: number;
}
interface LspDiagnostic {
  range: { start: LspPosition; end: LspPosition };
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
  data?: unknown;
}
interface NeovimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  message: string;
  source?: string;
  code?: string | number;
}
/** vim.json.encode writes an empty Lua table as `{}`. */
type LuaList<T> = T[] | Record<string, never>;
interface FileReport {
  filetype: string;
  /** Names of the initialized clients attached to the buffer. */
  clients: LuaList<string>;
  /** Ids of the started clients (initialized or not) the buffer is attached to. */
  attached: LuaList<number>;
  diagnostics: LuaList<NeovimDiagnostic>;
  published: LuaList<LspDiagnostic> | null;
}
interface NeovimReport {
  nvim: { major: number; minor: number; patch: number };
  has_lsp_start: boolean;
  /** Every vim.lsp.start_client call, in order. */
  started: LuaList<{ id: number; name: string; root_dir: string }>;
  files: Record<'bad' | 'clean' | 'plain', FileReport>;
  active_clients: number;
  hover: { contents?: { kind: string; value: string }; error?: unknown }[];
}

function list<T>(value: LuaList<T>): T[];
function list<T>(value: LuaList<T> | null): T[] | null;
function list<T>(value: LuaList<T> | null): T[] | null {
  if (value === null || Array.isArray(value)) return value;
  assert.deepEqual(value, {}, 'a Lua table encoded as an object is an empty one');
  return [];
}

/** The init.lua a user would write, with this repository's paths. */
function initLua(): string {
  const configDir = path.join(EDITOR_CONFIGS, 'neovim');
  return [
    `package.path = ${JSON.stringify(`${configDir}/?.lua`)} .. ';' .. package.path`,
    `require('plue').setup({ cmd = { ${JSON.stringify(PLUE)}, 'lsp', '--stdio' } })`,
    '',
  ].join('\n');
}

describe('Neovim (built-in LSP client, examples/editors/neovim/plue.lua)', function () {
  this.timeout(180000);

  let project: EditorProject | undefined;
  let report: NeovimReport;
  let cli: LintDiagnostic[];

  before(async function () {
    requireTool('nvim', 'neovim');
    project = makeEditorProject('plue-neovim-');
    const init = path.join(project.dir, 'init.lua');
    const params = path.join(project.dir, 'params.json');
    const reportPath = path.join(project.dir, 'report.json');
    fs.writeFileSync(init, initLua());
    fs.writeFileSync(
      params,
      JSON.stringify({ bad: project.bad, clean: project.clean, plain: project.plain, hover: project.hover, report: reportPath, wait_ms: WAIT_MS }),
    );
    const home = path.join(project.dir, 'home');
    const run = await runEditor('nvim', ['--headless', '--clean', '-u', init, '-c', `luafile ${path.join(EDITOR_DRIVERS, 'neovim-driver.lua')}`], {
      cwd: project.root,
      // Neovim's LSP log and state go to the temporary directory
      env: { ...process.env, HOME: home, XDG_STATE_HOME: home, XDG_CACHE_HOME: home, XDG_DATA_HOME: home, PLUE_EDITOR_TEST: params },
      deadlineMs: WAIT_MS * 2 + 30000,
    });
    report = readReport<NeovimReport>(reportPath, run, 'nvim');
    cli = lint(project, project.bad);
  });

  after(function () {
    removeEditorProject(project);
  });

  function opened(): EditorProject {
    assert.ok(project, 'the project was made');
    return project;
  }

  it('starts one plue server for both workflow files and none for an ordinary Python file', function () {
    const { files } = report;
    const started = list(report.started);
    assert.deepEqual(
      started.map(({ name, root_dir }) => ({ name, root_dir })),
      [{ name: 'plue', root_dir: opened().root }],
      'one client started, for the directory holding .plue',
    );
    const id = started[0]?.id;
    assert.deepEqual([list(files.bad.attached), list(files.clean.attached), list(files.plain.attached)], [[id], [id], []]);
    assert.deepEqual(list(files.bad.clients), ['plue']);
    assert.deepEqual(list(files.clean.clients), ['plue']);
    assert.deepEqual(list(files.plain.clients), []);
    assert.equal(report.active_clients, 1);
    // workflow files keep the python filetype (and whatever else Python users have)
    assert.deepEqual([files.bad.filetype, files.clean.filetype, files.plain.filetype], ['python', 'python', 'python']);
    assert.deepEqual(list(files.plain.diagnostics), []);
    assert.equal(files.plain.published, null, 'the server published nothing for notes.py');
  });

  it("receives the server's diagnostics for the conformance case, exactly as the CLI reports them", function () {
    const { bad } = opened();
    assert.equal(cli.length, 1, 'the CLI reports one diagnostic');
    const [expected] = cli as [LintDiagnostic];
    assert.equal(expected.kind, 'SecurityError');
    const utf16 = expectedRange(bad, expected, BAD_NAME, 'UTF-16');
    assert.deepEqual(list(report.files.bad.published), [
      {
        range: { start: { line: utf16.line, character: utf16.start }, end: { line: utf16.line, character: utf16.end } },
        severity: 1,
        source: 'plue',
        code: expected.kind,
        message: expected.message,
        data: { kind: expected.kind },
      },
    ]);
    // Neovim's own diagnostics count columns in bytes: the fullwidth name is 12 of them
    const bytes = expectedRange(bad, expected, BAD_NAME, 'UTF-8');
    assert.deepEqual(list(report.files.bad.diagnostics), [
      {
        lnum: bytes.line,
        col: bytes.start,
        end_lnum: bytes.line,
        end_col: bytes.end,
        severity: 1, // vim.diagnostic.severity.ERROR
        message: expected.message,
        source: 'plue',
        code: expected.kind,
      },
    ]);
  });

  it('receives no diagnostics for the clean workflow, as the CLI reports none', function () {
    assert.deepEqual(lint(opened(), opened().clean), []);
    assert.deepEqual(list(report.files.clean.published), []);
    assert.deepEqual(list(report.files.clean.diagnostics), []);
  });

  it('shows the step of the plan on hovering its variable', function () {
    const step = planStep(opened(), opened().clean, 'ci', 'install');
    assert.equal(report.hover.length, 1, 'one client answered');
    const contents = report.hover[0]?.contents;
    assert.equal(contents?.kind, 'markdown', JSON.stringify(report.hover));
    const markdown = contents.value;
    assert.ok(markdown.startsWith(`**Step** \`${step.id}\` · \`${step.type}\` · "${step.name}" in workflow \`ci\``), markdown);
    assert.ok(markdown.includes(`"cmd": ${JSON.stringify(step.config['cmd'])}`), markdown);
  });
});
