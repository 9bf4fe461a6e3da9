#!/usr/bin/env python3
"""Freezes CPython 3.11's verdict on the syntax test sources into a fixture.

    python3 scripts/freeze-syntax-cases.py > test/fixtures/syntax-cases.json

Each case: {"source", "line", "column", "message"} for a source CPython
refuses (kind SyntaxError; IndentationError/TabError are SyntaxErrors), or
{"source", "ok": true} for one it compiles. The mocha suite asserts our front
end gives the same line, column and message. Run by hand when the case list
changes, never at test time.
"""
import json
import sys
import warnings

warnings.simplefilter("ignore")

CASES = [
    # indentation
    "if x:\n", "for x in y:\npass\n", "while x:\n\nz = 1\n", "def f():\nreturn 1\n", "try:\nx\nexcept E:\n  pass\n",
    "if x:\n    y\n  z\n", " x = 1\n", "x = 1\n    y = 2\n", "if x:\n\ty\n        z\n", "if x:\n        y\n\tz\n",
    "if x:\n  a\nelse:\nb\n", "with a:\npass\n", "class A:\nx = 1\n", "if a:\n  if b:\n  c\n", "def f():\n  '''doc'''\n   x\n",
    "if x:\n    pass\n  else:\n    pass\n", "for i in x:\n    pass\nelse:\npass\n",
    # brackets
    "x = (1,\n", "foo(a b", "x = (\n1,\n2\n", "x = )\n", "x = (]\n", "x = (\n]\n", "x = [1, 2}\n", "x = {1: 2]\n",
    "f(\n  a,\n  b\n", "}\n", "x = [[[]]\n", "a = 1\nb = (2\nc = 3\n",
    # strings
    "x = \"abc\n", "x = 'abc\n", "x = \"\"\"abc\n\ny\n", "x = '''abc", "x = \"a\" \"b\n", "x = f\"abc\n",
    "x = b\"\u00e9\"\n", "x = rb'\u00e9'\n", "x = 'ok'\ny = \"bad\n", "x = \"a\\\n", "s = r\"\\\"\n",
    # numbers
    "x = 1_\n", "x = 1__0\n", "x = 08\n", "x = 007\n", "x = 0x\n", "x = 0xg\n", "x = 0b2\n", "x = 0o8\n", "x = 1a\n",
    "x = 1e\n", "x = 1.5e+\n", "x = 0b1_\n", "x = 12abc\n", "x = 1_000\n", "x = 0o17\n", "x = 0xFF_FF\n", "x = 1e10\n",
    "x = 0\n", "x = 00\n", "x = 0.5j\n", "x = .5\n", "x = 1if y else 2\n",
    # characters and continuations
    "x = $\n", "x = `a`\n", "x = a ? b\n", "x = \\ y\n", "x = 1 \\", "x = 1 <> 2\n", "x = !a\n", "x = \u20ac\n",
    "x = a\u200bb\n", "x = 1 +\\\n  2\n", "\u00e9t\u00e9 = 1\n", "x = a @ b\n", "x = 5 // 2\n",
    # grammar
    "if x\n    pass\n", "while x\n  pass\n", "def f()\n  pass\n", "class A\n  pass\n", "for x in y\n  pass\n",
    "x = [1, 2 3]\n", "f(a b)\n", "x = (1 2)\n", "x = = 1\n", "a.b c\n", "else:\n  pass\n", "import\n", "from x import\n",
    "x = [i for i in]\n", "x = 1 if 2\n", "for x in 1 2: pass\n", "x += 1, = 2\n", "x = {1: 2, 3}\n", "def\n", "lambda\n",
    "x = (1,) (2,)\n", "return\n", "print \"hi\"\n", "exec \"x\"\n", "print x, y\n", "f() = 1\n", "1 = x\n", "None = 1\n",
    "\"a\" = 1\n", "x + 1 = 2\n", "(a, 1) = t\n", "[a, f()] = t\n", "del f()\n", "del 1\n", "(a, b) += 1\n", "[a] += 1\n",
    "f(a=1, b)\n", "f(**a, b)\n", "f(**a, *b)\n", "f(a=1, a=2)\n", "f(*a, b)\n", "f(a, *b, c=1, **d)\n",
    "def f(*): pass\n", "def f(*, **k): pass\n", "def f(a=1, b): pass\n", "def f(*a, *b): pass\n", "def f(**k, a): pass\n",
    "def f(a, /, b, /): pass\n", "def f(/, a): pass\n", "def f(*, a, /): pass\n", "def f(a, a): pass\n", "lambda x, x: 1\n",
    "def f(a, *, b=1, c): pass\n", "def f(a, *args, b, **kw): pass\n", "def f(a, b=1, *c, d, e=2, **f): pass\n",
    "def f(a, b, /, c): pass\n", "lambda *, k: k\n", "lambda: 1\n",
    "return 1\n", "x = yield\n", "break\n", "continue\n", "def f():\n  continue\n", "for x in y:\n  def g():\n    break\n",
    "while x:\n  pass\nelse:\n  break\n", "def f():\n  return 1\n", "for x in y:\n  if x:\n    break\n",
    "while 1:\n  try:\n    continue\n  finally:\n    pass\n",
    "try:\n  pass\nexcept:\n  pass\nexcept E:\n  pass\n", "try:\n  pass\n", "try:\n  pass\nfinally:\n  pass\n",
    "try:\n  x\nexcept (A, B) as e:\n  pass\n", "try:\n  x\nexcept A, B:\n  pass\n",
    "x = [1,\n     2\n     3]\n", "f(\n  a\n  b\n)\n", "if True:\n    x = (1 +\n         2\n", "x = {'a': 1 'b': 2}\n",
    "@\ndef f(): pass\n", "x = 1; ; y = 2\n", "x = 1;\n", "assert\n", "raise from e\n", "x = not\n", "x = a if b else\n",
    "import a.\n", "from . import\n", "from a import (b, c\n", "from a import b,\n", "global\n", "del\n", "pass pass\n",
    "x = *a\n", "*a = 1\n", "a, *b, *c = d\n", "x = [*a, *b]\n", "x = {**a, 'b': 1}\n", "f(x for x in y, 1)\n", "f(x for x in y)\n",
    "x = a.1\n", "x = .a\n", "x = a..b\n", "x = a[1:2:3:4]\n", "x = a[]\n", "x = {}\n", "x = ()\n", "x = []\n", "x = (,)\n",
    "if x: pass\nelif: pass\n", "x = 1 2\n", "x y z\n", "x = 'a' 'b' 'c'\n", "x = f'{a}' 'b'\n", "x = a if b\n",
    "def f(a b): pass\n", "def f(a,, b): pass\n", "f(a,, b)\n", "x = [1,, 2]\n", "x = {1 2}\n", "x = lambda x: yield\n",
    "async = 1\n", "match = 1\n", "case = 2\n", "type = 3\n", "_ = 4\n", "x = 1 if y else 2 if z else 3\n",
    "x = a < b < c\n", "x = a not in b\n", "x = a is not b\n", "x = not a\n", "x = -a ** -b\n", "x = a if not b else c\n",
    "x = [a for b in c if d if e for f in g]\n", "x = {a: b for a, b in c}\n", "x = (a for b in c)\n", "x, = y\n",
    "for a, (b, c) in d: pass\n", "x = a[1:]\n", "x = a[::-1]\n", "x = a[1, 2]\n", "x = f'{a!r:>{w}}'\n",
    "x = f'{a=}'\n", "def f(a, *, b): pass\n", "def f(a, /): pass\n", "@a.b(c)\ndef f(): pass\n", "x = a or b and not c\n",
    "try:\n  pass\nexcept E as e:\n  pass\nelse:\n  pass\nfinally:\n  pass\n", "raise E from e\n", "assert x, 'm'\n",
    "del a[1], b[2]\n", "x = 0b1010 + 0o17 + 0xff + 1_000_000\n", "x = 1.5e-3 + 2j\n",
    "if x:\n  pass\n# trailing comment\n", "if x:\n  y\n\n\n  z\n", "x = (1 +\n  2)\n", "x = [\n  1,\n]\n",
    "def f():\n\tif x:\n\t\treturn 1\n", "x = 1 \\\n  + 2\n", "x = 1\r\ny = 2\r\n", "x = 1\ry = (\r",
    "\u00e9 = 1\n", "\u540d\u524d = '\u5024'\n", "x = '\U0001f600' + y\n",
]


def verdict(source):
    try:
        compile(source, "<case>", "exec")
        return {"source": source, "ok": True}
    except SyntaxError as e:
        return {"source": source, "line": e.lineno, "column": e.offset, "message": e.msg}


json.dump([verdict(s) for s in CASES], sys.stdout, indent=1, ensure_ascii=False)
sys.stdout.write("\n")
