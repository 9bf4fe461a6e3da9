// Every diagnostic kind of spec §7 (plus exception names user code raises),
// each with its exact range (0-based rows, UTF-16 columns) and message, and
// the envelope's 1-based line and code-point column for the same error.

import { strict as assert } from 'node:assert';
import { analyzeSource } from './harness';

interface KindCase {
  readonly kind: string;
  readonly source: string;
  /** [startRow, startColumn, endRow, endColumn] */
  readonly range: readonly [number, number, number, number];
  readonly message: RegExp;
}

const WORKFLOW = 'from plue import workflow, push\n@workflow(triggers=[push()])\ndef ci(ctx):\n';

const CASES: readonly KindCase[] = [
  { kind: 'SyntaxError', source: 'x = (1,\n', range: [0, 4, 0, 5], message: /^'\(' was never closed$/ },
  { kind: 'SecurityError', source: 'x = 1\ny = __import__\n', range: [1, 4, 1, 14], message: /"__import__" is an invalid variable name because it starts with "_"/ },
  { kind: 'ImportError', source: 'import os\n', range: [0, 0, 0, 9], message: /^import of 'os' is not allowed/ },
  { kind: 'NameError', source: 'x = 1\ny = z + x\n', range: [1, 4, 1, 5], message: /^name 'z' is not defined\. Did you mean: 'x'\?$/ },
  { kind: 'TypeError', source: 'x = 1 + "a"\n', range: [0, 4, 0, 11], message: /^unsupported operand type\(s\) for \+: 'int' and 'str'$/ },
  { kind: 'ValueError', source: 'x = int("nope")\n', range: [0, 4, 0, 15], message: /^invalid literal for int\(\) with base 10: 'nope'$/ },
  { kind: 'KeyError', source: 'd = {}\nx = d["k"]\n', range: [1, 4, 1, 10], message: /^'k'$/ },
  { kind: 'IndexError', source: 'xs = []\nx = xs[3]\n', range: [1, 4, 1, 9], message: /^list index out of range$/ },
  { kind: 'AttributeError', source: 'x = "a".nope\n', range: [0, 8, 0, 12], message: /^'str' object has no attribute 'nope'$/ },
  { kind: 'ZeroDivisionError', source: 'x = 1 // 0\n', range: [0, 4, 0, 10], message: /^integer division or modulo by zero$/ },
  { kind: 'OverflowError', source: 'x = 2 ** 63\n', range: [0, 4, 0, 11], message: /does not fit in 64 bits/ },
  { kind: 'AssertionError', source: 'assert 1 == 2, "no"\n', range: [0, 7, 0, 13], message: /^no$/ },
  { kind: 'LimitError', source: 'while True:\n    pass\n', range: [0, 0, 0, 10], message: /^evaluation step limit exceeded/ },
  {
    kind: 'PlanError',
    source: `${WORKFLOW}    s = ctx.run("a", "b")\n    if s.exit_code == 0:\n        pass\n`,
    range: [4, 7, 4, 23],
    message: /^'steps\.step_1\.exit_code == 0' is only known when the workflow runs; it cannot decide a condition at plan time$/,
  },
  { kind: 'RuntimeError', source: 'raise RuntimeError("x")\n', range: [0, 0, 0, 23], message: /^x$/ },
  { kind: 'UnboundLocalError', source: 'def f():\n    y = x\n    x = 1\nf()\n', range: [1, 8, 1, 9], message: /^cannot access local variable 'x'/ },
];

describe('diagnostic kinds (spec §7)', function () {
  for (const c of CASES) {
    it(`${c.kind}: exact range and message`, async function () {
      const { file, first } = await analyzeSource(c.source);
      const d = file.diagnostics[0];
      assert.ok(d && first, 'a diagnostic');
      assert.equal(d.kind, c.kind);
      assert.deepEqual([d.range.start.row, d.range.start.column, d.range.end.row, d.range.end.column], c.range);
      assert.match(d.message, c.message);
      assert.equal(first.kind, c.kind);
      assert.equal(first.line, c.range[0] + 1);
      assert.equal(first.column, c.range[1] + 1);
      assert.deepEqual(file.workflows, []);
    });
  }

  it('columns in the envelope count code points; ranges count UTF-16 units', async function () {
    const emoji = await analyzeSource('e = "😀"; x = e + 1\n');
    assert.equal(emoji.first?.kind, 'TypeError');
    assert.equal(emoji.file.diagnostics[0]?.range.start.column, 14, 'UTF-16: the emoji takes two units');
    assert.equal(emoji.first?.column, 14, 'code points: the emoji counts once, 1-based');
  });

  it('a run-time error inside functions carries its traceback, outermost first', async function () {
    const { file } = await analyzeSource('def inner():\n    return 1 // 0\n\ndef outer():\n    return inner()\n\nouter()\n');
    const trace = file.diagnostics[0]?.traceback ?? [];
    assert.deepEqual(
      trace.map((t) => `${t.name}@${t.range.start.row + 1}`),
      ['<module>@7', 'outer@5', 'inner@2'],
    );
  });
});
