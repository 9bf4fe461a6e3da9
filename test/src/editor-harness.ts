// What the editor tests (Neovim, Emacs) share: the temporary project they
// open (a conformance case with a known error, a clean workflow and an
// ordinary Python file), what the CLI says about its files, column
// conversions between code points, UTF-16 and UTF-8, and running an editor
// process under a deadline that kills its whole process group.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.join(__dirname, '..', '..');
export const PLUE = path.join(REPO, 'bin', 'plue');
export const EDITOR_CONFIGS = path.join(REPO, 'examples', 'editors');
export const EDITOR_DRIVERS = path.join(REPO, 'test', 'fixtures', 'editors');

/** The conformance case with the known error: fullwidth `ｅｖａｌ` (3 UTF-8 bytes, 1 UTF-16 unit each) is NFKC `eval`. */
const BAD_CASE = path.join(REPO, '..', 'shared', 'conformance', 'security', '111-unicode-fullwidth-eval.py');
/** The name the server's range covers (the CLI gives only where it starts). */
export const BAD_NAME = 'ｅｖａｌ';
const CLEAN_WORKFLOW = path.join(REPO, 'examples', '.plue', 'workflows', 'ci.py');
/** The line of the clean workflow whose step variable is hovered. */
const HOVERED_LINE = '    install = ctx.run(';

export interface EditorProject {
  /** The temporary directory: the project (it holds .plue) and, beside it, the editor's files. */
  readonly dir: string;
  readonly root: string;
  /** .plue/workflows/bad.py: the conformance case. */
  readonly bad: string;
  /** .plue/workflows/ci.py: a workflow without diagnostics. */
  readonly clean: string;
  /** notes.py, outside .plue, with the same text as bad.py: the server must not see it. */
  readonly plain: string;
  /** Where the step variable `install` of ci.py is (0-based line, UTF-16 character inside the name). */
  readonly hover: { readonly line: number; readonly character: number };
}

export function makeEditorProject(prefix: string): EditorProject {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const root = path.join(dir, 'project');
  const workflows = path.join(root, '.plue', 'workflows');
  fs.mkdirSync(workflows, { recursive: true });
  const bad = path.join(workflows, 'bad.py');
  const clean = path.join(workflows, 'ci.py');
  const plain = path.join(root, 'notes.py');
  fs.copyFileSync(BAD_CASE, bad);
  fs.copyFileSync(CLEAN_WORKFLOW, clean);
  fs.copyFileSync(BAD_CASE, plain);
  const lines = fs.readFileSync(clean, 'utf8').split('\n');
  const line = lines.indexOf(HOVERED_LINE);
  assert.ok(line >= 0, `${CLEAN_WORKFLOW} has the line ${JSON.stringify(HOVERED_LINE)}`);
  return { dir, root, bad, clean, plain, hover: { line, character: HOVERED_LINE.indexOf('install') + 2 } };
}

export function removeEditorProject(project: EditorProject | undefined): void {
  if (project) fs.rmSync(project.dir, { recursive: true, force: true });
}

/** One line of `plue workflow lint --format json`. */
export interface LintDiagnostic {
  readonly kind: string;
  readonly message: string;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in code points. */
  readonly column: number;
}

/** The diagnostics the CLI reports for one file, run in the project root. */
export function lint(project: EditorProject, file: string): LintDiagnostic[] {
  const run = spawnSync(process.execPath, [PLUE, 'workflow', 'lint', '--format', 'json', path.relative(project.root, file)], {
    cwd: project.root,
    encoding: 'utf8',
    timeout: 30000,
  });
  if (run.error) throw run.error;
  assert.equal(run.stderr, '', 'plue workflow lint writes nothing to stderr');
  const diagnostics = run.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as LintDiagnostic);
  assert.equal(run.status, diagnostics.length > 0 ? 1 : 0, `plue workflow lint exit status for ${file}`);
  return diagnostics;
}

/** The step the CLI's plan has for a workflow file, by name. */
export interface PlanStep {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly config: Readonly<Record<string, unknown>>;
}

export function planStep(project: EditorProject, file: string, workflow: string, name: string): PlanStep {
  const run = spawnSync(process.execPath, [PLUE, 'workflow', 'plan', '--json', path.relative(project.root, file)], {
    cwd: project.root,
    encoding: 'utf8',
    timeout: 30000,
  });
  if (run.error) throw run.error;
  assert.equal(run.status, 0, run.stderr);
  const envelope = JSON.parse(run.stdout) as { files: { workflows: { name: string; steps: PlanStep[] }[] }[] };
  const found = envelope.files.flatMap((f) => f.workflows).find((w) => w.name === workflow);
  const step = found?.steps.find((s) => s.name === name);
  assert.ok(step, `the plan of ${file} has workflow ${workflow} with step ${name}`);
  return step;
}

export type ColumnUnit = 'code point' | 'UTF-16' | 'UTF-8';

/** The column, in `unit`, of the place `codePoints` code points into `line`. */
export function columnIn(line: string, codePoints: number, unit: ColumnUnit): number {
  const prefix = Array.from(line).slice(0, codePoints);
  assert.equal(prefix.length, codePoints, `line ${JSON.stringify(line)} has ${codePoints} code points`);
  const text = prefix.join('');
  if (unit === 'code point') return codePoints;
  return unit === 'UTF-16' ? text.length : Buffer.byteLength(text, 'utf8');
}

/** Where the CLI's diagnostic starts and where the name it flags ends: 0-based line, columns in `unit`. */
export function expectedRange(
  file: string,
  diagnostic: LintDiagnostic,
  name: string,
  unit: ColumnUnit,
): { line: number; start: number; end: number } {
  const line = fs.readFileSync(file, 'utf8').split('\n')[diagnostic.line - 1];
  assert.ok(line !== undefined, `${file} has line ${diagnostic.line}`);
  const startCodePoints = diagnostic.column - 1;
  assert.ok(
    Array.from(line).slice(startCodePoints).join('').startsWith(name),
    `the CLI's column ${diagnostic.column} of line ${JSON.stringify(line)} is where ${name} starts`,
  );
  return {
    line: diagnostic.line - 1,
    start: columnIn(line, startCodePoints, unit),
    end: columnIn(line, startCodePoints + Array.from(name).length, unit),
  };
}

export interface EditorRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/**
 * Runs an editor in its own process group; after it exits, or when it
 * outlives `deadlineMs`, the whole group (the language server it started
 * included) is killed, so nothing outlives the test.
 */
export function runEditor(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; deadlineMs: number },
): Promise<EditorRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.deadlineMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      killGroup();
      resolve({ status, signal, stdout, stderr, timedOut });
    });
  });
}

/** The JSON report an editor driver wrote, or a failure that says why there is none or why it is an error. */
export function readReport<T>(reportPath: string, run: EditorRun, editor: string): T {
  const context = `${editor} exited with ${run.timedOut ? 'a timeout (killed)' : `status ${run.status} signal ${run.signal}`}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
  assert.ok(fs.existsSync(reportPath), `${editor} wrote no report\n${context}`);
  const report = JSON.parse(fs.readFileSync(reportPath, 'utf8')) as T & { error?: string };
  assert.equal(report.error, undefined, `${editor}'s driver failed: ${report.error}\n${context}`);
  assert.equal(run.timedOut, false, context);
  assert.equal(run.status, 0, context);
  return report;
}

/** Fails, with the Debian package to install, when `command --version` cannot run. */
export function requireTool(command: string, aptPackages: string): string {
  const run = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 30000 });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${command} is not installed; this test needs it: apt-get install -y ${aptPackages}`);
  }
  if (run.error) throw run.error;
  assert.equal(run.status, 0, `${command} --version failed: ${run.stderr}`);
  return run.stdout.split('\n')[0] ?? '';
}
