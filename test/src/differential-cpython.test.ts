// Differential testing against CPython 3.11 (scripts/fuzz/): the minimised
// reproducers of every difference the fuzzer found, with CPython's output
// frozen beside them (test/fixtures/differential-cpython/<name>.py + .json),
// and a quick fuzzing run when python3 is on the PATH.
//
// A "fixed" reproducer must print the same lines as CPython and raise the same
// exception kind on the same line, with the same message. A "documented" one is
// a deliberate difference (docs/language.md, "Differences from CPython found by
// differential testing"): it must still behave as the engine did when it was
// frozen, so the documentation stays true. "open" ones are not checked.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSource } from './harness';

interface Outcome {
  readonly prints: readonly string[];
  readonly error: { readonly kind: string; readonly message: string; readonly line: number } | null;
}

interface Sidecar {
  readonly status: 'fixed' | 'documented' | 'open';
  readonly note?: string;
  readonly cpython: Outcome;
  readonly engine: Outcome;
}

const ROOT = join(__dirname, '..', '..');
const DIR = join(ROOT, 'test', 'fixtures', 'differential-cpython');

async function run(source: string): Promise<Outcome> {
  const { file, first } = await analyzeSource(source);
  return { prints: file.prints.map((p) => p.text), error: first ? { kind: first.kind, message: first.message, line: first.line } : null };
}

describe('differential testing against CPython 3.11', () => {
  const names = readdirSync(DIR).filter((f) => f.endsWith('.py')).sort();

  it('has reproducers, each with its frozen sidecar', () => {
    assert.ok(names.length > 0);
    for (const name of names) {
      const sidecar = JSON.parse(readFileSync(join(DIR, name.replace(/\.py$/, '.json')), 'utf8')) as Sidecar;
      assert.ok(['fixed', 'documented', 'open'].includes(sidecar.status), name);
    }
  });

  for (const name of names) {
    const sidecar = JSON.parse(readFileSync(join(DIR, name.replace(/\.py$/, '.json')), 'utf8')) as Sidecar;
    if (sidecar.status === 'open') continue;
    it(`${sidecar.status}: ${name}${sidecar.note ? ` (${sidecar.note})` : ''}`, async () => {
      const source = readFileSync(join(DIR, name), 'utf8');
      const got = await run(source);
      if (sidecar.status === 'fixed') {
        assert.deepEqual(got, sidecar.cpython, `${source}\nCPython: ${JSON.stringify(sidecar.cpython)}`);
      } else {
        assert.deepEqual(got.prints, sidecar.engine.prints, source);
        assert.equal(got.error?.kind ?? null, sidecar.engine.error?.kind ?? null, source);
      }
    });
  }

  it('agrees with CPython on 300 random programs (seed 1)', function () {
    const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
    if (python.error || python.status !== 0 || !/^Python 3\.11\./.test(python.stdout)) this.skip();
    this.timeout(60_000);
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'fuzz', 'cpython-fuzz.mjs'), '--seed', '1', '--count', '300', '--no-minimise', '--quiet', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 55_000,
    });
    if (result.error) throw result.error;
    const lines = result.stdout.trimEnd().split('\n');
    const summary = JSON.parse(lines[lines.length - 1] ?? '{}') as { programs: number; agree: number; differ: Record<string, number> };
    assert.equal(summary.programs, 300, result.stdout + result.stderr);
    assert.deepEqual(summary.differ, {}, result.stdout);
    assert.ok(summary.agree >= 270, result.stdout);
  });
});
