// scripts/differential.mjs run as a child process: bin/plue against the
// reference oracle (../shared/oracle/plue-ref, python3) on the conformance
// workflow repos, on 89 realistic repos of our own (Rust, Go, Gradle, .NET,
// Helm, Terraform, AI review and triage with prompts, @tools, mistakes ...)
// and on the bundled example repo. Every case must give the
// same plans and diagnostics as the oracle. Skipped when ../shared (the oracle
// and the corpora) is not beside the repository.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'differential.mjs');
const SHARED = path.join(ROOT, '..', 'shared');
const ORACLE = path.join(SHARED, 'oracle', 'plue-ref');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function differential(args: readonly string[]): Run {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 170_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Asserts a clean run: exit 0, one `same` line per case, and the `N cases: N same, 0 differ, 0 timed out` summary. */
function assertAllSame(run: Run, minCases: number): void {
  const lines = run.stdout.trimEnd().split('\n');
  const summary = lines[lines.length - 1] ?? '';
  const problems = lines.filter((l) => !l.startsWith('same ')).slice(0, -1);
  assert.deepEqual(problems, [], `differences:\n${problems.join('\n')}\n${run.stderr}`);
  assert.equal(run.status, 0, `exit status\n${run.stdout}\n${run.stderr}`);
  const m = /^(\d+) cases: (\d+) same, 0 differ, 0 timed out$/.exec(summary);
  assert.ok(m, `summary line: ${summary}`);
  assert.equal(m[1], m[2], 'every case is the same');
  assert.ok(Number(m[1]) >= minCases, `at least ${minCases} cases (got ${m[1]})`);
  assert.equal(lines.length, Number(m[1]) + 1, 'one line per case and the summary');
}

describe('differential: plue against the reference oracle', function () {
  this.timeout(180_000);

  before(function () {
    if (!fs.existsSync(ORACLE)) this.skip();
  });

  it('every conformance workflow repo plans the same as the oracle', () => {
    const corpus = path.join(SHARED, 'conformance', 'workflows');
    const cases = fs.readdirSync(corpus).filter((name) => fs.existsSync(path.join(corpus, name, '.plue'))).length;
    assertAllSame(differential([corpus]), cases);
  });

  it('89 more realistic workflow repos (test/fixtures/realistic-repos) plan the same as the oracle', () => {
    const corpus = path.join(ROOT, 'test', 'fixtures', 'realistic-repos');
    const cases = fs.readdirSync(corpus).filter((name) => fs.existsSync(path.join(corpus, name, '.plue'))).length;
    assertAllSame(differential(['--jobs', '2', corpus]), cases);
  });

  it('the bundled example repo plans the same as the oracle', () => {
    const run = differential([path.join(ROOT, 'examples')]);
    assertAllSame(run, 1);
    assert.match(run.stdout, /^same examples$/m);
  });
});
