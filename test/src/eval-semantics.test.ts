// The evaluator against CPython 3.11 on a table of small programs: what each
// program prints and how it fails were frozen from CPython itself into
// test/fixtures/semantics-cases.json by scripts/freeze-semantics-cases.py.
// For each case we must print the same lines (one entry per print() call) and
// raise the same exception kind on the same line (the innermost frame), or
// raise nothing. CPython's message is shown on failure but not compared.
//
// The cases stay inside the behaviour the spec shares with CPython; where the
// engine deliberately differs (64-bit ints, limits, `%` formatting, the static
// policy), the last describe block asserts our behaviour explicitly.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSource } from './harness';

interface FrozenError {
  readonly kind: string;
  readonly line: number;
  readonly message: string;
}

interface FrozenCase {
  readonly id: string;
  readonly topic: string;
  readonly source: string;
  readonly prints: readonly string[];
  readonly error: FrozenError | null;
}

interface Fixture {
  readonly python: string;
  readonly cases: readonly FrozenCase[];
}

/**
 * Cases where the engine knowingly disagrees with CPython (docs/evaluation.md, "Differences from CPython").
 * They stay in the fixture and are skipped here.
 */
const KNOWN_BUGS = new Set<string>([
  // Floats are values, not objects: there is no NaN identity, so containment, index and count find any NaN
  // (`float('nan') in [float('nan')]` is True here, False in CPython; `x in [x]` agrees).
  'cmp-15',
  'list-33',
  // 2 ** 1023.5 differs from C's pow in the last bit: JavaScript's ** is not correctly rounded.
  'pow-11',
  // print() never fails, as in the reference (a non-string sep or end is printed with str()).
  'misc2-04',
  'misc2-05',
]);

const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'semantics-cases.json'), 'utf8')) as Fixture;

function topics(cases: readonly FrozenCase[]): Map<string, FrozenCase[]> {
  const byTopic = new Map<string, FrozenCase[]>();
  for (const c of cases) {
    const list = byTopic.get(c.topic) ?? [];
    list.push(c);
    byTopic.set(c.topic, list);
  }
  return byTopic;
}

describe(`eval semantics agree with CPython ${fixture.python}`, () => {
  for (const [topic, cases] of topics(fixture.cases)) {
    describe(topic, () => {
      for (const c of cases) {
        const title = `${c.id}: ${JSON.stringify(c.source).slice(1, 70)}`;
        (KNOWN_BUGS.has(c.id) ? it.skip : it)(title, async () => {
          const { file, first } = await analyzeSource(c.source);
          const ours = {
            prints: file.prints.map((p) => p.text),
            error: first ? { kind: first.kind, line: first.line } : null,
          };
          const cpython = {
            prints: [...c.prints],
            error: c.error ? { kind: c.error.kind, line: c.error.line } : null,
          };
          const why = c.error
            ? `CPython raises ${c.error.kind}: ${c.error.message} (line ${c.error.line}); we said ${JSON.stringify(first)}`
            : `CPython raises nothing; we said ${JSON.stringify(first)}`;
          assert.deepEqual(ours, cpython, why);
        });
      }
    });
  }
});

/** Runs `source` and returns its printed lines and its diagnostic as `Kind@line` (or 'ok'). */
async function run(source: string): Promise<{ prints: string[]; outcome: string; message: string }> {
  const { file, first } = await analyzeSource(source);
  return {
    prints: file.prints.map((p) => p.text),
    outcome: first ? `${first.kind}@${first.line}` : 'ok',
    message: first?.message ?? '',
  };
}

describe('eval semantics: deliberate differences from CPython', () => {
  it('ints are signed 64-bit: results outside the range raise OverflowError', async () => {
    assert.equal((await run('x = 2 ** 63\n')).outcome, 'OverflowError@1');
    assert.equal((await run('x = 1\ny = 9223372036854775807 + x\n')).outcome, 'OverflowError@2');
    assert.equal((await run('x = -9223372036854775807 - 2\n')).outcome, 'OverflowError@1');
    assert.equal((await run('x = 3037000500 * 3037000500\n')).outcome, 'OverflowError@1');
    assert.equal((await run('x = (-9223372036854775807 - 1) // -1\n')).outcome, 'OverflowError@1');
    assert.equal((await run('x = abs(-9223372036854775807 - 1)\n')).outcome, 'OverflowError@1');
    assert.equal((await run('x = 1 << 63\n')).outcome, 'OverflowError@1');
    assert.equal((await run("x = int('9223372036854775808')\n")).outcome, 'OverflowError@1');
    assert.equal((await run('x = int(1e19)\n')).outcome, 'OverflowError@1');
  });

  it('the extremes of the 64-bit range themselves are fine', async () => {
    const r = await run('print(9223372036854775807, -9223372036854775807 - 1, (-2) ** 63)\n');
    assert.deepEqual(r, { prints: ['9223372036854775807 -9223372036854775808 -9223372036854775808'], outcome: 'ok', message: '' });
  });

  it('an overflow is catchable like any OverflowError', async () => {
    const r = await run('try:\n    x = 2 ** 64\nexcept OverflowError:\n    print("overflow")\n');
    assert.deepEqual(r.prints, ['overflow']);
    assert.equal(r.outcome, 'ok');
  });

  it('a huge power is a LimitError before anything is allocated', async () => {
    const r = await run('print("start")\nx = 2 ** 10 ** 8\n');
    assert.equal(r.outcome, 'LimitError@2');
    assert.deepEqual(r.prints, ['start']);
  });

  it('a LimitError cannot be caught by except', async () => {
    const r = await run('try:\n    x = 2 ** 10 ** 8\nexcept BaseException:\n    print("caught")\n');
    assert.equal(r.outcome, 'LimitError@2');
    assert.deepEqual(r.prints, []);
  });

  it('deep recursion is a LimitError, not a RecursionError', async () => {
    const r = await run('def f(n):\n    return f(n + 1)\nf(0)\n');
    assert.equal(r.outcome, 'LimitError@2');
  });

  it('an endless loop stops on the step limit', async () => {
    const started = Date.now();
    const r = await run('while True:\n    pass\n');
    assert.match(r.outcome, /^LimitError@[12]$/);
    assert.ok(Date.now() - started < 5000);
  });

  it('%-formatting of strings works as in CPython (the reference allows it)', async () => {
    assert.deepEqual(await run("print('a %s' % 'b', '%03d items' % (3,), '%(k)s=%-3s|' % {'k': 'v'} if False else '%(k)s' % {'k': 'v'})\n"), {
      prints: ['a b 003 items v'],
      outcome: 'ok',
      message: '',
    });
    assert.equal((await run("x = '%d %d' % (1,)\n")).outcome, 'TypeError@1');
    assert.equal((await run("x = '%s' % (1, 2)\n")).outcome, 'TypeError@1');
    assert.deepEqual(await run('print(7 % 3)\n'), { prints: ['1'], outcome: 'ok', message: '' });
  });

  it('banned names are refused before anything runs', async () => {
    for (const name of ['eval', 'exec', 'open', 'type', 'id', 'hash', 'getattr', 'globals', 'vars', 'dir']) {
      const r = await run(`print("runs")\nx = ${name}\n`);
      assert.equal(r.outcome, 'SecurityError@2', name);
      assert.deepEqual(r.prints, [], `${name}: nothing may run`);
    }
  });

  it('names starting with an underscore are refused, the plain _ is not', async () => {
    assert.equal((await run('print(1)\n_x = 1\n')).outcome, 'SecurityError@2');
    assert.equal((await run("print('a'.__class__)\n")).outcome, 'SecurityError@1');
    assert.deepEqual(await run('_ = 5\nprint(_)\n'), { prints: ['5'], outcome: 'ok', message: '' });
  });

  it('refused statements: class, global, nonlocal, with, yield, async, match, walrus', async () => {
    const sources = [
      'class A:\n    pass\n',
      'x = 1\ndef f():\n    global x\n',
      'def f():\n    x = 1\n    def g():\n        nonlocal x\n',
      'with a:\n    pass\n',
      'def f():\n    yield 1\n',
      'async def f():\n    pass\n',
      'match x:\n    case 1:\n        pass\n',
      'if (n := 1):\n    pass\n',
    ];
    for (const source of sources) {
      assert.equal((await run(source)).outcome.split('@')[0], 'SecurityError', source);
    }
  });

  it('str.format is refused', async () => {
    assert.equal((await run("x = '{}'.format(1)\n")).outcome, 'SecurityError@1');
  });

  it('imports other than plue are refused', async () => {
    assert.equal((await run('import os\n')).outcome, 'ImportError@1');
    assert.equal((await run('from math import floor\n')).outcome, 'ImportError@1');
  });

  it('\\N{...} escapes are refused as a SyntaxError (documented in docs/evaluation.md)', async () => {
    assert.equal((await run("print('\\N{BULLET}')\n")).outcome, 'SyntaxError@1');
  });

  it('attributes cannot be assigned, not even on functions', async () => {
    assert.equal((await run('def f():\n    pass\nf.attr = 5\n')).outcome, 'AttributeError@3');
  });

  it('print writes nothing to the envelope and never changes the outcome', async () => {
    const { file, first } = await analyzeSource('print("a", 1)\nprint()\n');
    assert.equal(first, null);
    assert.deepEqual(
      file.prints.map((p) => [p.row, p.text]),
      [[0, 'a 1'], [1, '']],
    );
    assert.deepEqual(file.workflows, []);
  });
});
