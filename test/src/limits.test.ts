// The limits of spec §3, each one hit: source size, nesting depth, evaluation
// steps, interpreter memory, call depth and steps per workflow, with their
// defaults and set lower by the host (AnalyzeOptions.limits). Every case
// asserts kind LimitError, the exact 1-based line (and the 0-based row of the
// file diagnostic's range), a message naming the limit, and that the file
// contributes no plans. A LimitError cannot be caught by user code.
//
// The wall-clock backstop (maxEvalMillis, 1 s) is a limit of its own; the
// cases about the step and memory budgets raise it (NO_BACKSTOP) so that which
// limit fires never depends on the speed or load of the machine running the
// tests. A few cases run with the real defaults (backstop included) to show
// the budgets stop bombs first. No assertion here measures time.

import { strict as assert } from 'node:assert';
import type { AnalyzeOptions } from '../../server/out/engine';
import { analyzeSource } from './harness';

type LimitSettings = NonNullable<AnalyzeOptions['limits']>;

const HEAD = 'from plue import workflow, push\n';
/** A file whose workflow `ci` has `body` (indented by 4) on the lines from 5 on. */
const wf = (body: string): string => `${HEAD}\n@workflow(triggers=[push()])\ndef ci(ctx):\n${body}`;
const NO_BACKSTOP: LimitSettings = { maxEvalMillis: 10 * 60 * 1000 };

async function expectLimit(source: string, line: number, names: RegExp, limits: LimitSettings = {}): Promise<void> {
  const { file, first } = await analyzeSource(source, { limits });
  assert.ok(first, 'a diagnostic is reported');
  assert.equal(first.kind, 'LimitError', `kind (message: ${first.message})`);
  assert.equal(first.line, line, `line (message: ${first.message})`);
  assert.match(first.message, names);
  assert.equal(file.diagnostics[0]?.range.start.row, line - 1, 'the diagnostic range starts on the same line');
  assert.deepEqual(file.workflows, [], 'a file with an error contributes no workflows');
}

async function expectOk(source: string, limits: LimitSettings = {}): Promise<void> {
  const { first } = await analyzeSource(source, { limits });
  assert.equal(first, null, first ? `${first.kind}@${first.line}: ${first.message}` : '');
}

const STEPS = /evaluation step limit/;
const MEMORY = /memory limit/;
const OUTPUT = /output size limit/;
const CALLS = /call depth limit/;
const NESTING = /nesting depth limit/;

describe('runtime limits (spec §3)', function () {
  this.timeout(20000);

  describe('source size', () => {
    it('a file one byte over 1 MiB is a LimitError on line 1', async () => {
      await expectLimit(`x = 1\n#${'x'.repeat(1024 * 1024 - 7)}\n`, 1, /source size limit of 1048576 bytes/);
    });
    it('a file of exactly 1 MiB is accepted', async () => {
      await expectOk(`x = 1\n#${'x'.repeat(1024 * 1024 - 8)}\n`);
    });
    it('maxSourceBytes: 100 refuses 101 bytes and accepts 100', async () => {
      const line = `x = "${'a'.repeat(93)}"\n`; // 100 bytes
      await expectOk(line, { maxSourceBytes: 100 });
      await expectLimit(`${line}\n`, 1, /source size limit of 100 bytes/, { maxSourceBytes: 100 });
    });
  });

  describe('nesting depth', () => {
    it('201 nested brackets are a LimitError on their line', async () => {
      await expectLimit(`${HEAD}x = 1\ny = ${'['.repeat(201)}${']'.repeat(201)}\n`, 3, NESTING);
    });
    it('a 10,000-term addition chain is a LimitError on its line', async () => {
      await expectLimit(`${HEAD}\nn = 1${' + 1'.repeat(10_000)}\n`, 3, NESTING);
    });
    it('maxNestingDepth: 10 refuses 11 nested parentheses and accepts 5', async () => {
      await expectOk(`x = ${'('.repeat(5)}1${')'.repeat(5)}\n`, { maxNestingDepth: 10 });
      await expectLimit(`x = 1\n\ny = ${'('.repeat(11)}1${')'.repeat(11)}\n`, 3, NESTING, { maxNestingDepth: 10 });
    });
  });

  describe('evaluation steps', () => {
    it('`while True: pass` is stopped on its line', async () => {
      await expectLimit(`${HEAD}\nwhile True: pass\n`, 3, STEPS, NO_BACKSTOP);
    });
    it('a `for` over range(10**12) is stopped on the loop line, without materialising the range', async () => {
      await expectLimit(`${HEAD}\nfor i in range(10**12):\n    pass\n`, 3, STEPS, NO_BACKSTOP);
    });
    it('an infinite loop inside a workflow function is stopped on its line', async () => {
      await expectLimit(wf('    ctx.run("build", "make")\n    while True: pass\n'), 6, STEPS, NO_BACKSTOP);
    });
    it('sum(range(10**12)) is stopped on its line', async () => {
      await expectLimit(`${HEAD}\ntotal = sum(range(10**12))\n`, 3, STEPS, NO_BACKSTOP);
    });
    it('the message names the default of 10,000,000 steps', async () => {
      await expectLimit(`${HEAD}while True: pass\n`, 2, /10000000 steps/, NO_BACKSTOP);
    });
    it('1,000,000 simple loop iterations are allowed with the default limits', async () => {
      await expectOk(`${HEAD}\nfor i in range(1000000): pass\n`);
    });
    it('an infinite `n += 1` loop in a workflow is stopped by the step budget, on the loop line', async () => {
      await expectLimit(wf('    n = 0\n    while True:\n        n += 1\n'), 6, STEPS, NO_BACKSTOP);
    });
  });

  describe('memory', () => {
    it('"a" * 10**10 is refused before allocating', async () => {
      await expectLimit(`${HEAD}\ns = "a" * 10**10\n`, 3, MEMORY);
    });
    it('a string doubled in a loop (`s = s + s`) is stopped at the doubling line', async () => {
      await expectLimit(`${HEAD}\ns = "ab"\nwhile True:\n    s = s + s\n`, 5, MEMORY, NO_BACKSTOP);
    });
    it('list(range(10**9)) is refused before materialising', async () => {
      await expectLimit(`${HEAD}\nxs = list(range(10**9))\n`, 3, MEMORY);
    });
    it('[0] * 10**9 is refused before allocating', async () => {
      await expectLimit(`${HEAD}\nxs = [0] * 10**9\n`, 3, MEMORY);
    });
    it('a dict comprehension over range(10**9) is stopped on its line', async () => {
      await expectLimit(`${HEAD}\nd = {i: i for i in range(10**9)}\n`, 3, MEMORY, NO_BACKSTOP);
    });
    it('a dict filled item by item over range(10**9) is stopped at the assignment', async () => {
      await expectLimit(`${HEAD}\nd = {}\nfor i in range(10**9):\n    d[i] = i\n`, 5, MEMORY, NO_BACKSTOP);
    });
    it('dict(zip(range(10**9), range(10**9))) is a memory LimitError', async () => {
      await expectLimit(`${HEAD}\nd = dict(zip(range(10**9), range(10**9)))\n`, 3, MEMORY, NO_BACKSTOP);
    });
    it('str() of a list doubled 100 times by sharing (`a = [a, a]`) is refused', async () => {
      await expectLimit(`${HEAD}\na = [1]\nfor i in range(100):\n    a = [a, a]\ns = str(a)\n`, 6, OUTPUT);
    });
    // The corpus variant (security/183-repr-dag-exponential.py): str(a) after every doubling.
    it('str() after each doubling of a shared list is an output-size LimitError with the default limits', async () => {
      await expectLimit(`${HEAD}\na = [1]\nfor i in range(100):\n    a = [a, a]\n    s = str(a)\n`, 6, OUTPUT);
    });
    it('"x".ljust(10**9) is refused before allocating', async () => {
      await expectLimit(`${HEAD}\ns = "x".ljust(10**9)\n`, 3, MEMORY);
    });
    it('2 ** 10**8 is refused before building the integer', async () => {
      await expectLimit(`${HEAD}\nn = 2 ** 10**8\n`, 3, MEMORY);
    });
    // Was a crash (V8 "RangeError: Invalid string length" out of format-spec
    // pad(), `plue` exit 3) until dcf984b checked format widths first.
    it('an f-string padded to 10**9 characters is a memory LimitError, not a crash', async () => {
      await expectLimit(`${HEAD}\ns = f"{1:>1000000000}"\n`, 3, MEMORY);
    });
  });

  describe('call depth', () => {
    it('unbounded recursion is reported at the recursive call', async () => {
      await expectLimit(`${HEAD}\ndef f(n):\n    return f(n + 1)\n\nf(0)\n`, 4, CALLS);
    });
    it('(lambda f: f(f))(lambda f: f(f)) is stopped on its line', async () => {
      await expectLimit(`${HEAD}\n(lambda f: f(f))(lambda f: f(f))\n`, 3, CALLS);
    });
    it('deep terminating recursion depth(10**6) is stopped at the recursive call', async () => {
      const source = `${HEAD}\ndef depth(n):\n    if n == 0:\n        return 0\n    return 1 + depth(n - 1)\n\nd = depth(10**6)\n`;
      await expectLimit(source, 6, /call depth limit exceeded \(200 nested calls\)/);
    });
    it('200 nested calls are allowed with the default limits', async () => {
      await expectOk(`${HEAD}\ndef depth(n):\n    return 0 if n == 0 else 1 + depth(n - 1)\n\nd = depth(199)\n`);
    });
  });

  describe('steps per workflow', () => {
    it('20,000 ctx.run calls in one workflow stop at the ctx.run line (limit 10,000)', async () => {
      await expectLimit(wf('    for i in range(20000):\n        ctx.run(f"step {i}", "true")\n'), 6, /steps-per-workflow limit.*10000/);
    });
    it('10,000 ctx.run calls are allowed', async () => {
      await expectOk(wf('    for i in range(10000):\n        ctx.run(f"step {i}", "true")\n'));
    });
  });

  describe('limits set lower by the host', () => {
    const loop = (n: number): string => `${HEAD}\nfor i in range(${n}):\n    pass\n`;
    it('maxEvalSteps: 1000 stops a 2000-iteration loop and lets a 100-iteration one pass', async () => {
      await expectLimit(loop(2000), 3, /evaluation step limit exceeded \(1000 steps per file\)/, { maxEvalSteps: 1000 });
      await expectOk(loop(100), { maxEvalSteps: 1000 });
    });
    it('maxCallDepth: 10 allows 10 nested calls and stops the 11th at the recursive call', async () => {
      const depth = (n: number): string => `${HEAD}\ndef depth(n):\n    if n == 0:\n        return 0\n    return 1 + depth(n - 1)\n\nd = depth(${n})\n`;
      await expectOk(depth(9), { maxCallDepth: 10 });
      await expectLimit(depth(10), 6, /call depth limit exceeded \(10 nested calls\)/, { maxCallDepth: 10 });
    });
    it('maxStepsPerWorkflow: 3 allows three ctx.run calls and stops the fourth on its line', async () => {
      const three = '    ctx.run("a", "true")\n    ctx.run("b", "true")\n    ctx.run("c", "true")\n';
      await expectOk(wf(three), { maxStepsPerWorkflow: 3 });
      await expectLimit(wf(`${three}    ctx.run("d", "true")\n`), 8, /steps-per-workflow limit.*more than 3 steps/, { maxStepsPerWorkflow: 3 });
    });
    it('maxMemoryBytes: 1 MiB refuses "a" * 10**6 and allows "a" * 10**5', async () => {
      await expectLimit(`${HEAD}\ns = "a" * 10**6\n`, 3, /memory limit.*limit 1 MiB/, { maxMemoryBytes: 1024 * 1024 });
      await expectOk(`${HEAD}\ns = "a" * 10**5\n`, { maxMemoryBytes: 1024 * 1024 });
    });
    it('maxMemoryBytes: 1 MiB stops a dict comprehension over range(10**6)', async () => {
      await expectLimit(`${HEAD}\nd = {i: i for i in range(10**6)}\n`, 3, MEMORY, { maxMemoryBytes: 1024 * 1024 });
    });
    it('maxEvalMillis: 50 is the wall-clock backstop when the step budget is out of reach', async () => {
      await expectLimit(`${HEAD}\nwhile True: pass\n`, 3, /evaluation time limit exceeded \(50 ms per file\)/, { maxEvalMillis: 50, maxEvalSteps: 1e15 });
    });
  });

  describe('a LimitError cannot be caught', () => {
    it('by `except Exception:` around an endless loop', async () => {
      await expectLimit(`${HEAD}\ntry:\n    while True: pass\nexcept Exception:\n    pass\nx = 1\n`, 4, STEPS, NO_BACKSTOP);
    });
    it('by a bare `except:` around a memory bomb', async () => {
      await expectLimit(`${HEAD}\ntry:\n    s = "a" * 10**10\nexcept:\n    s = ""\n`, 4, MEMORY);
    });
    it('by `except BaseException:` nor `except MemoryError:`', async () => {
      await expectLimit(`${HEAD}\ntry:\n    n = 2 ** 10**8\nexcept BaseException:\n    n = 0\n`, 4, MEMORY);
      await expectLimit(`${HEAD}\ntry:\n    n = 2 ** 10**8\nexcept MemoryError:\n    n = 0\n`, 4, MEMORY);
    });
    it('by `except Exception:` at every level of an unbounded recursion', async () => {
      const source = `${HEAD}\ndef f(n):\n    try:\n        return f(n + 1)\n    except Exception:\n        return -1\n\nx = f(0)\n`;
      await expectLimit(source, 5, CALLS);
    });
    it('by a bare `except:` inside a workflow function', async () => {
      await expectLimit(wf('    try:\n        s = "a" * 10**10\n    except:\n        s = ""\n    ctx.run("x", s)\n'), 6, MEMORY);
    });
  });

  describe('moderate values below the limits', () => {
    // list() and sorted() metered their result quadratically (a 200,000-item
    // list was "more than 128 MiB in large values") until dcf984b.
    it('list(range(200000)) and sorted() of it are allowed with the default limits', async () => {
      await expectOk(`${HEAD}\nxs = list(range(200000))\nys = sorted(xs)\nzs = tuple(ys)\n`);
    });
    it('" ".join() of 3,500 file names is allowed with the default limits', async () => {
      await expectOk(`${HEAD}\nfiles = [f"src/file{i}.py" for i in range(3500)]\nargs = " ".join(files)\n`);
    });
    it('extending or repeating a 200,000-element list is allowed with the default limits', async () => {
      await expectOk(`${HEAD}\nxs = [0] * 200000\nys = []\nys.extend(xs)\nys += xs\nzs = xs * 2\n`);
    });
  });
});
