#!/usr/bin/env python3
r"""Freezes CPython's behaviour on small programs into a fixture for the evaluator.

    python3 scripts/freeze-semantics-cases.py

Writes test/fixtures/semantics-cases.json. Each case is a small program (1-16
lines) in the workflow subset; the fixture records what CPython does with it:

    {"id", "topic", "source",
     "prints": [text of each print() call, trailing newline stripped],
     "error": null | {"kind": exception class name,
                      "line": 1-based line of the innermost frame in the case,
                      "message": str(exception)}}

test/src/eval-semantics.test.ts runs each source through our engine and
asserts the same printed lines and the same error kind and line (the message
is shown on failure, not compared). Run by hand when the case list changes,
never at test time, with CPython 3.11 (the spec's reference version; the
script warns on any other version).

What the cases avoid, because the engine deliberately differs (the test file
has explicit tests for these instead): ints outside signed 64 bits, `%`
formatting of strings, `str.format`, banned names (`type id hash eval getattr
...`), names starting with `_`, `class global nonlocal with yield async match
:=`, imports, recursion deeper than the engine's call-depth limit, printing
values whose text depends on the process (functions, generators, iterators,
sets of strings), `\N{...}` escapes (refused, docs/evaluation.md), attribute
assignment on functions (refused by design).

Version-dependent behaviour kept out of the cases (they would freeze
differently on a newer CPython):
- sum() of floats uses compensated summation since 3.12 (`sum([0.1] * 10)`
  is 0.9999999999999999 in 3.11, 1.0 in 3.12);
- `~True` is deprecated since 3.12 (DeprecationWarning);
- `return`/`break` in `finally` is a SyntaxWarning since 3.14;
- exception messages change between versions (float ZeroDivisionError
  texts did in 3.12/3.14): the `message` of a case's error is recorded but
  never compared, and cases that print a message (`print(e)`) use ones that
  are stable (KeyError, IndexError, int() parsing, user-raised).
"""
import json
import os
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "semantics-cases.json")

# Runs one case in a fresh interpreter: `print` is replaced by a recorder that
# formats exactly like print() (sep, end, str of each argument) and keeps the
# text of each call, so one call is one entry even when its text has newlines.
RUNNER = r'''
import io, json, sys
source = sys.stdin.read()
prints = []
real_print = print
def recording_print(*args, sep=" ", end="\n"):
    buf = io.StringIO()
    real_print(*args, sep=sep, end=end, file=buf)
    text = buf.getvalue()
    prints.append(text[:-1] if text.endswith("\n") else text)
error = None
try:
    code = compile(source, "<case>", "exec")
    exec(code, {"__name__": "__main__", "print": recording_print})
except BaseException as e:
    line = None
    tb = e.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<case>":
            line = tb.tb_lineno
        tb = tb.tb_next
    if isinstance(e, SyntaxError) and line is None:
        line = e.lineno
    error = {"kind": type(e).__name__, "line": line, "message": str(e)}
sys.stdout.write(json.dumps({"prints": prints, "error": error}))
'''


def src(text):
    """A case source: dedented, without the leading newline of a triple-quoted block, one trailing newline."""
    text = textwrap.dedent(text.lstrip("\n")).rstrip("\n")
    return text + "\n"


TOPICS = [
    ("int", "int arithmetic", [
        r"print(7 // 2, -7 // 2, 7 // -2, -7 // -2)",
        r"print(7 % 3, -7 % 3, 7 % -3, -7 % -3)",
        r"print(0 % 5, 0 // -5, 5 % 5, -5 // 5)",
        r"print(divmod(7, 3), divmod(-7, 3), divmod(7, -3), divmod(-7, -3))",
        r"print(3 * -4, -(-5), +5, - - 5, 10 - 20)",
        r"print(7 // 2 * 2 + 7 % 2, -7 // 2 * 2 + -7 % 2)",
        r"print(0x10 + 0o10 + 0b10, 1_000_000 * 3)",
        r"print(9223372036854775807, -9223372036854775807 - 1)",
        r"print(9223372036854775807 // -1, 3037000499 ** 2)",
        r"print(2 ** 62 + (2 ** 62 - 1))",
        r"print(-(2 ** 62) * 2, (-2) ** 63)",
        r"print(5 & 3, 5 | 3, 5 ^ 3, ~5, ~-1)",
        r"print(1 << 10, -16 >> 2, 1 << 62, 255 >> 4, -1 >> 10)",
        r"print(5 >> -1)",
        r"print(1.0 & 1)",
        r"print(17 % 5.5, -17 // 5.5, 17 // -5.5)",
        r"print(7.5 // 2, -7.5 // 2, 7.5 % -2, -7.5 % 2)",
        r"print(-0.0 % 5, 1 % 0.5, 5.0 % 1e300)",
        r"print(10 ** 18 + 10 ** 18 // 2)",
        r"print(1 + True, 3 - 1.5, 2 * 2.5)",
        r"print(int('9' * 18) * 9 // 10)",
        r"print(-9223372036854775807 // 2, -9223372036854775807 % 2)",
    ]),
    ("div", "true division and float arithmetic", [
        r"print(1 / 3, 2 / 3, 10 / 4, -1 / 3, 1 / 7)",
        r"print(7 / 7, 0 / 5, 5 / 2.0, -7 / 2)",
        r"print(0 / -5, 0.0 / -5, -0.0 / 5)",
        r"print(9007199254740993 / 1, 9007199254740993 / 3)",
        r"print(10 ** 18 / 7, 123456789012345678 / 10)",
        r"print(9007199254740993 == 9007199254740992.0, 9007199254740993 > 9007199254740992.0)",
        r"print(9007199254740992 == 9007199254740992.0, 2 ** 53 + 1 < 2.0 ** 53 + 2)",
        r"print(float(9007199254740993), 9007199254740993 + 0.0)",
        r"print(1e308 * 10, -1e308 * 10)",
        r"print(1e300 / 1e-300)",
        r"print(float('inf') - float('inf'), float('inf') * 0)",
        r"print(float('inf') > 1e308, float('-inf') < -1e308, float('nan') == float('nan'))",
        r"print(float('nan') != float('nan'), float('nan') < 1, float('nan') > 1)",
        r"print(1 / float('inf'), -1 / float('inf'))",
        r"print(3 * 1.1, 0.1 * 3, 1 / 3 * 3, 4.35 * 100)",
        r"print(10 ** 17 // 3.0, 10 ** 17 / 3)",
    ]),
    ("pow", "exponentiation", [
        r"print(2 ** 10, 2 ** 0, 0 ** 0, 0.0 ** 0, 1 ** -1)",
        r"print(2 ** -1, 2 ** -2, 10 ** -2, (-2) ** -1, 4 ** -0.5)",
        r"print(2 ** 0.5, 4 ** 0.5, 1.5 ** 2, (-1.5) ** 2)",
        r"print(-2 ** 2, (-2) ** 2, 2 ** 3 ** 2, -3 ** 0.5)",
        r"print(2 ** -1074, 10 ** -400, 2 ** -1075)",
        r"print(True ** 2, 2 ** True, False ** 0)",
        r"print(0 ** -1)",
        r"print(0.0 ** -1)",
        r"print(2.0 ** 1024)",
        r"print(10.0 ** 400)",
        r"print(2 ** 1023.5)",
        r"print((-2) ** 62, (-3) ** 39)",
        r"print(10 ** 18, 7 ** 22)",
        r"print(float('inf') ** 0, 1 ** float('nan'), float('nan') ** 0)",
        r"print(pow(2, 10), pow(2, -2), pow(2.5, 2))",
        r"print(pow(3, 4, 5), pow(-3, 3, 7), pow(3, 0, 1), pow(5, 3, -7))",
        r"print(pow(3, -1, 7), pow(2, -3, 11))",
        r"print(pow(2, 3, 0))",
        r"print(pow(2.0, 3, 5))",
        r"print(pow(4, -1, 6))",
        r"print(pow(0, -1))",
        r"print(pow(123456789, 1000000, 1000000007))",
    ]),
    ("bool", "bool arithmetic", [
        r"print(True + True, True * 3, True / 2, -True, +False)",
        r"print(True & False, True | False, True ^ True, True | 0, False ^ 2)",
        r"print(True == 1, False == 0, True == 1.0, True is True)",
        r"print(True // 2, True % 2, abs(False), max(True, 0), min(False, -1))",
        r"print(sum([True, True, False]), sum([True] * 5))",
        r"print(True > False, True < 2, [True] == [1])",
        r"print(str(True + 0), repr(False), int(True), float(False))",
        r"print(True << 3, True >> 1, True - False)",
        r"print(isinstance(True, int), isinstance(1, bool), isinstance(False, float))",
        r"print(1 if True else 2, (True, False)[True])",
        r"print(['a', 'b'][True], 'abc'[False])",
    ]),
    ("cmp", "comparisons and boolean operators", [
        r"print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 == 2, 1 == 1 == 1.0)",
        r"print(1 < 2 > 0, 1 < 2 > 3, 2 != 3 != 2, 5 > 4 >= 4 > 3)",
        src(r"""
            def f():
                print('f')
                return 2
            print(1 < f() < 3)
            print(5 < f() < 3)
            print(0 > f() > -1)
        """),
        r"print([1, 2] < [1, 3], (1, 2) < (1, 2, 0), [] < [0], [2] > [1, 9])",
        r"print('abc' < 'abd', 'Z' < 'a', 'ab' < 'abc', '' < 'a', 'é' > 'z')",
        r"print([1] == (1,), (1,) == (1,), [1, 2] != [1, 2], {1: 2} == {1: 2})",
        r"print({'a': 1, 'b': 2} == {'b': 2, 'a': 1}, [1, [2]] == [1, [2]])",
        r"print(None == 0, None == None, None is None, None != False)",
        r"print(1 < 'a')",
        r"print(None < 1)",
        r"print([1, 'a'] < [1, 2])",
        r"print([1, 'a'] == [1, 2], 'a' == 1, 'a' != 1)",
        r"print({1: 2} < {1: 3})",
        r"print(1 == 1.0, 0.5 == 1 / 2, -0.0 == 0.0, 2 > 1.5)",
        src(r"""
            x = float('nan')
            print(x in [x], float('nan') in [float('nan')], x == x)
        """),
        r"print(1 and 2, 0 and 2, 1 or 2, 0 or '', None or 'x', [] or [1])",
        r"print(not [], not 'a', not 0.0, not None, not not 5)",
        r"print(0 and 1 // 0, 1 or 1 // 0, '' or 0 or None)",
        r"print(not 1 == 2, not 1 in [1], 1 not in [2], 'a' not in 'abc')",
        r"print(1 is not None, [] is not [], None is not None)",
        r"print(1 if 0 else 2 if 0 else 3, 'y' if [] == [] else 'n')",
        r"print((1, 'b') < (1, 'c'), (2,) > (1, 'z'), (1, 2) == (1, 2.0))",
        r"print('a' < 'B', 'a'.upper() < 'B', [3] * 2 == [3, 3])",
        r"print(1 in [1.0], 'b' in {'a': 1, 'b': 2}, 2 in {'a': 2}, (1, 2) in [(1, 2)])",
        r"print(2 in 5)",
        r"print('a' in ['abc'], '' in '', 'ab' in 'xaby')",
        r"print(1 in 'abc')",
        src(r"""
            def t(x):
                print('t', x)
                return x
            print(t(0) and t(1), t(2) or t(3), t(0) or t(4) and t(5))
        """),
    ]),
    ("floatrepr", "float repr", [
        r"print(1e16, 1e15, 1e-05, 1e-4, 0.0001, 123e18)",
        r"print(0.1 + 0.2, 0.3 - 0.1, 1.1 + 2.2, 100 * 1.1)",
        r"print(-0.0, 0.0, -0.0 + 0.0, 0.0 * -1)",
        r"print(float('inf'), float('-inf'), float('nan'), -float('nan'))",
        r"print(1 / 3, 2.0, 2.5e-5, 1e22, 1e21, 9999999999999998.0)",
        r"print(123456789012345678.0, 1e15 + 0.3, 5e-324, 1.7976931348623157e308)",
        r"print(repr(1.0), str(1e100), repr(-1e-7), str(2.0 ** 60))",
        r"print([0.1, -0.0, 1e16, 1.5, float('inf')])",
        r"print(3.0 * 1.1, 0.1 ** 2, 1.23456789012345678)",
        r"print(1e-320, 2.2250738585072014e-308, 4.9406564584124654e-324)",
        r"print(float(10 ** 15), float(10 ** 16), float(-10 ** 17))",
        r"print(0.5, .5, 5., 1_0.0_1, 1e0, 1E2)",
        r"print(12345678.9, 1234567890123.4567, 0.000123456)",
        r"print({'x': 1.0, 'y': [2.50]}, (0.1,))",
    ]),
    ("conv", "int float str bool repr conversions", [
        r"print(int('42'), int(' -42 '), int('+7'), int('1_000'), int('\t9\n'))",
        r"print(int('0x1f', 16), int('1f', 16), int('0x1f', 0), int('0b101', 0), int('0o17', 0))",
        r"print(int('z', 36), int('12', 3), int('-ff', 16), int('0', 0), int('1_0', 0))",
        r"print(int('3', 2))",
        r"print(int('4.5'))",
        r"print(int(''))",
        r"print(int('010', 0))",
        r"print(int('1 2'))",
        r"print(int('_1'))",
        r"print(int('1__0'))",
        r"print(int('12', 1))",
        r"print(int(12, 10))",
        r"print(int('010'), int(4.9), int(-4.9), int(True), int(3.0e2), int(-0.0))",
        r"print(int('٣'), int('１２'), int(' ٤٢ '))",
        r"print(int(None))",
        r"print(int([1]))",
        r"print(int(float('inf')))",
        r"print(int(float('nan')))",
        r"print(int(1e18), int(-9.2e18), int(2.5), int(-2.5))",
        r"print(float('3.5'), float(' 1e3 '), float('-Infinity'), float('iNfInItY'), float('+nan'))",
        r"print(float('1_000.5'), float(7), float('.5'), float('5.'), float('1e500'), float('-0'))",
        r"print(float(' -1.5E-3 '), float('1e-400'), float(True))",
        r"print(float('abc'))",
        r"print(float(''))",
        r"print(float('0x10'))",
        r"print(float('in f'))",
        r"print(float('infinit'))",
        r"print(float('1inf'))",
        r"print(float('1__0'))",
        r"print(float(None))",
        r"print(str(1.0), str(None), str([1, 'a']), str(True), str(-0.0), str('a'))",
        r"print(str(), int(), float(), bool(), repr(''))",
        r"print(bool(0), bool(0.0), bool(''), bool('0'), bool([]), bool([0]), bool({}), bool(None))",
        r"print(bool(range(0)), bool(range(1)), bool(-1), bool(-0.0), bool(()), bool((0,)), bool(' '))",
        r"print(repr(1.0), repr('a'), repr([1.0, 'x']), repr(None), repr((1,)), repr(()))",
        r"print(repr({}), repr({'a': [1]}), repr(True), repr(-5), repr([[]]))",
        r"""print(repr('a\nb\t\\'), repr("it's"), repr('say "hi"'))""",
        r"""print(repr('both \' and "'), repr('\x00\x7f\x80'), repr('\u200b\xe9\xa0'))""",
        r"print(repr('\U0001F600'), repr('\r\x1b'), repr('\ud800'))",
        r'''print(['a', 1, 2.0, None, True], ('x',), ["it's"])''',
        r"print(list('abc'), tuple([1, 2]), list({'a': 1, 'b': 2}), tuple('ab'), list((1,)))",
        r"print(list(range(3)), tuple(), list(), list([1, [2]]))",
        r"print(list(5))",
        r"print(tuple(None))",
        r"print(str('y'), str(0.1), str(10 ** 10))",
    ]),
    ("round", "round abs divmod", [
        r"print(round(2.5), round(3.5), round(-2.5), round(0.5), round(1.5), round(-0.5))",
        r"print(round(2.675, 2), round(2.345, 2), round(0.285, 2), round(1.005, 2))",
        r"print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(1251, -2))",
        r"print(round(12.5, -1), round(2.5, 0), round(5, 2), round(7, None), round(15, -1), round(25, -1))",
        r"print(round(True), round(-0.4), round(-0.4, 0), round(0.0001, 3), round(123.456, -1))",
        r"print(round(1e300, 2), round(1.5e-300, 2), round(2.5, -3), round(5, -1), round(-5, -1))",
        r"print(round(3.14159, 3), round(-3.14159, 1), round(0.125, 2), round(0.375, 2))",
        r"print(round(float('inf')))",
        r"print(round(float('nan')))",
        r"print(round(float('inf'), 2), round(float('nan'), 1))",
        r"print(round('1'))",
        r"print(round(1.5, 1.0))",
        r"print(round(9223372036854775807, -2), round(-9223372036854775807, -2))",
        r"print(round(123456789, -20), round(123.4, 400), round(1e22, 5))",
        r"print(abs(-5), abs(-2.5), abs(True), abs(-0.0), abs(float('-inf')), abs(0))",
        r"print(abs('x'))",
        r"print(abs(-9223372036854775807))",
        r"print(divmod(7.5, 2), divmod(-7.5, 2), divmod(0.0, -1), divmod(-0.0, 1))",
        r"print(divmod(1, 0))",
        r"print(divmod(1.0, 0))",
        r"print(divmod(True, 2), divmod(5, 2.5), divmod(-1e-300, 1e300))",
        r"print(divmod('a', 1))",
    ]),
    ("minmax", "min max sum any all", [
        r"print(min(3, 1, 2), max([1, 5, 3]), min('bca'), max('a', 'B'), max((1, 2), (1, 3)))",
        r"print(max([], default=0), min([], default=None), max([2, 1], default=5), min((), default='e'))",
        r"print(max([]))",
        r"print(min(()))",
        r"print(max(1))",
        r"print(max())",
        r"print(max(1, 2, default=0))",
        r"print(max(['aa', 'b', 'ccc'], key=len), min(['aa', 'b', 'cc'], key=len))",
        r"print(min([(1, 'b'), (1, 'a')]), max([1, 3, 3.0], key=lambda x: 0), max(3, 3.0), min(3.0, 3))",
        r"print(min(1, 2, key=lambda x: -x), max({'a': 3, 'b': 1}), max(range(5)))",
        src(r"""
            d = {'a': 3, 'b': 7, 'c': 5}
            print(max(d, key=d.get), min(d.items(), key=lambda kv: kv[1]))
        """),
        r"print(min([1, 'a']))",
        r"print(max(0.0, -0.0), min(-0.0, 0.0), max(-0.0, 0.0), min(1, True))",
        r"print(max(float('nan'), 1), max(1, float('nan')))",
        r"print(sum([1, 2, 3]), sum([1, 2], 10), sum([[1], [2]], []), sum(range(101)), sum([]))",
        r"print(sum([1.5, 2]), sum(x * x for x in range(5)), sum([], start=5), sum((0.5, 0.25)))",
        r"print(sum(['a', 'b'], ''))",
        r"print(sum(['a', 'b']))",
        r"print(sum([(1,), (2,)], ()), sum([1, 2.5, True]))",
        r"print(sum([1, 2], start=[]))",
        r"print(any([]), all([]), any([0, '', None]), all([1, 'a']), any([0, 1]), all([1, 0]))",
        r"print(any(x > 2 for x in [1, 2, 3]), all(x > 0 for x in [1, 2, -1]), any('ab'), all(''))",
        src(r"""
            def f(x):
                print('saw', x)
                return x
            print(any(f(x) for x in [0, 1, 2]))
            print(all(f(x) for x in [1, 0, 2]))
        """),
        r"print(any(5))",
        r"print(all([[]]), any([[]]), any([[0]]), all(range(1, 4)), any(range(0)))",
    ]),
    ("seq", "sorted reversed enumerate zip", [
        r"print(sorted([3, 1, 2]), sorted('bca'), sorted([3, 1, 2], reverse=True), sorted(()))",
        r"print(sorted(['b', 'A', 'c'], key=str.lower), sorted(['b', 'A', 'c']))",
        r"print(sorted([('a', 2), ('b', 1), ('c', 2), ('d', 1)], key=lambda t: t[1]))",
        r"print(sorted([('a', 2), ('b', 1), ('c', 2), ('d', 1)], key=lambda t: t[1], reverse=True))",
        r"print(sorted([1, 'a']))",
        r"print(sorted({'b': 1, 'a': 2}), sorted([-1, 1, -2], key=abs), sorted([[2, 1], [1, 2], [1]]))",
        r"print(sorted([3, 1], key=None), sorted([2.5, 1, True, -0.5]), sorted('Banana', reverse=True))",
        r"print(sorted([1], True))",
        r"print(sorted(['bb', 'a', 'ccc', 'dd'], key=len, reverse=True))",
        r"print(sorted([0.0, -0.0, 0]), sorted([-0.0, 0.0]), sorted([1, 1.0, True]))",
        r"print(sorted([3, 1, 2], key=lambda x: 1 // (x - 2)))",
        r"print(list(reversed([1, 2, 3])), ''.join(reversed('abc')), list(reversed(range(5))), list(reversed((1, 2))))",
        src(r"""
            r = reversed([1, 2])
            print(list(r), list(r))
        """),
        r"print(list(reversed({'a': 1, 'b': 2})))",
        r"print(list(reversed({'a': 1}.items())), list(reversed({'a': 1, 'b': 2}.values())))",
        r"print(reversed(5))",
        r"print(list(enumerate('ab')), list(enumerate('ab', 1)), list(enumerate(['x'], start=10)))",
        r"print(list(enumerate([], 5)), list(enumerate('a', -1)), dict(enumerate('xy')))",
        src(r"""
            e = enumerate([1, 2])
            print(list(e), list(e))
        """),
        src(r"""
            for i, c in enumerate('hi', 1):
                print(i, c)
        """),
        r"print(list(zip([1, 2, 3], 'ab')), list(zip()), dict(zip('ab', [1, 2])), list(zip([1])))",
        r"print(list(zip(*[[1, 2], [3, 4], [5, 6]])), list(zip('a', 'b', 'c')))",
        r"print(list(zip([1, 2], [3], strict=True)))",
        r"print(list(zip([1], [3, 4], strict=True)))",
        r"print(list(zip([1, 2], [3, 4], strict=True)))",
        src(r"""
            z = zip([1, 2], [3, 4])
            print(list(z), list(z))
        """),
        r"print(list(zip(5)))",
        src(r"""
            for a, b in zip(range(3), 'xyz'):
                print(a, b)
        """),
    ]),
    ("range", "range", [
        r"print(list(range(5)), list(range(2, 10, 3)), list(range(10, 0, -3)), list(range(0)), list(range(5, 0)))",
        r"print(len(range(0, 10, 3)), len(range(10, 0)), len(range(10, 0, -2)), len(range(-3)), len(range(5, 5)))",
        r"print(range(10)[3], range(10)[-1], range(0, 10, 3)[-2], range(10, 0, -2)[1])",
        r"print(range(10)[2:8:2], range(10)[::-1], range(0, 10, 3)[1:], range(5)[10:])",
        r"print(range(5), range(0, 10, 2), range(-1, -10, -1), range(3, 1))",
        r"print(range(10)[10])",
        r"print(range(10)[-11])",
        r"print(3 in range(0, 10, 3), 4 in range(0, 10, 3), 10 in range(10), -1 in range(0, -5, -1), 3.0 in range(5))",
        r"print(range(1.5))",
        r"print(range(0, 10, 0))",
        r"print(range('3'))",
        r"print(list(range(-5, -1)), list(range(10)[::-3]), list(range(1, 10)[::2][::-1]))",
        r"print(range(3) == range(3), range(0) == range(2, 2), range(0, 3, 2) == range(0, 4, 2), range(3) == [0, 1, 2])",
        r"print(list(reversed(range(3))), sum(range(1, 11)), max(range(7)), sorted(range(3), reverse=True))",
        r"print(range(10).index(3), range(0, 10, 2).count(4), range(0, 10, 2).count(3))",
        r"print(range(10).index(11))",
        r"print(range(True, 3), list(range(3))[True], range(5)[1:-1])",
        src(r"""
            r = range(3)
            print(list(r), list(r), len(r), r[0], bool(r))
        """),
        r"print(range())",
        r"print(range(1, 2, 3, 4))",
        r"print(list(range(0, -10, -4)), list(range(-10, 0, 4)), len(range(-10, 10, 7)))",
        r"print(len(range(0, 9223372036854775807, 2 ** 62)), range(0, 9223372036854775807, 2 ** 62)[-1])",
    ]),
    ("misc", "len isinstance chr ord hex oct bin callable", [
        r"print(len('héllo'), len([1, [2, 3]]), len({}), len('😀'), len(()), len({'a': 1}), len(''))",
        r"print(len(5))",
        r"print(len(None))",
        r"print(len('a', 'b'))",
        r"print(isinstance(1.0, (int, float)), isinstance('a', str), isinstance([], list), isinstance((), tuple))",
        r"print(isinstance({}, dict), isinstance(None, int), isinstance(1, (str, (list, int))), isinstance(1, ()))",
        r"print(isinstance(1, 'int'))",
        r"print(isinstance(range(1), range), isinstance([], tuple), isinstance(ValueError('x'), Exception))",
        r"print(isinstance(KeyError(), LookupError), isinstance(1, Exception), isinstance(len, str))",
        r"print(chr(65), ord('A'), ord('é'), ord('😀'), chr(128512), chr(0x1F4A9) == '💩', ord(chr(0)))",
        r"print(chr(-1))",
        r"print(chr(1114112))",
        r"print(chr('a'))",
        r"print(ord('ab'))",
        r"print(ord(''))",
        r"print(ord(65))",
        r"print(hex(255), hex(-255), oct(8), oct(-8), bin(5), bin(-5), bin(0), hex(0), hex(True))",
        r"print(hex(9223372036854775807), bin(2 ** 40), oct(511))",
        r"print(hex(1.5))",
        r"print(bin('1'))",
        r"print(callable(len), callable(1), callable(lambda: 0), callable(str), callable('x'), callable(ValueError))",
    ]),
    ("fmt", "format() and f-strings", [
        r"""print(f'{42:5d}|', f'{42:<5}|{42:^5}|{42:>5}|', f'{"ab":*^7}', f'{"ab":*^6}')""",
        r"print(f'{3.14159:.2f}', f'{3.14159:10.3f}|', f'{-3.14159:.0f}', f'{2.5:.0f}', f'{3.5:.0f}')",
        r"print(f'{0.125:.2f}', f'{0.375:.2f}', f'{1.005:.2f}', f'{2.675:.2f}', f'{-0.5:.0f}')",
        r"print(f'{-42:+d} {42:+d} {42: d} {-42: d} {0:+}')",
        r"print(f'{255:x} {255:X} {255:#x} {255:#o} {255:#b} {255:08b} {-255:#x} {255:#X}')",
        r"print(f'{1234567:,} {1234567:_} {1234567.891:,.2f} {0xffffffff:_x} {-1234:,} {1234567:010,}')",
        r"print(f'{0.5:%} {0.123:.1%} {1:%} {-0.0015:.2%}')",
        r"print(f'{12345.678:e} {12345.678:.2E} {0.0:e} {-1e-10:.3e} {5:e}')",
        r"print(f'{12345.678:g} {0.00001234:g} {1e20:g} {123456789:g} {1.0:g} {1e-5:g} {100000.0:g} {1000000.0:g}')",
        r"print(f'{1e16:.3} {3.0:.3} {1234.5:.2} {0.1:10}| {1.0:} {1e16:} {12.0:.5}')",
        r"print(f'{-0.0:.1f} {-0.0:g} {-0.0} {-0.0:+.2f} {0.0:+.2f}')",
        r"print(f'{42:=+8} {-42:08} {42:0=8} {42:08.3f} {-3.5:010.2f} {3.5:+010.2f}')",
        r"""print(f'{"abc"!r} {"abc"!s:>5}| {3!r:>4} {"a"!r}')""",
        src(r"""
            x = 3.14159
            w = 10
            fill = '*'
            p = 2
            print(f'{x:{w}}|{x:{fill}^{w}}|{x:.{p}f}|{x:{w}.{p}f}|')
        """),
        r"print(f'{True} {True:d} {True:>5} {False:x} {None} {[1, 2]} {(1,)}')",
        r"print(f'{None:>5}')",
        r"""print(f'{"x":d}')""",
        r"print(f'{3.5:d}')",
        r"print(f'{[1]:>5}')",
        r"print(f'{42:c} {42:n} {97:c}{98:c}')",
        r"print(f'{1e22:f} {1e21:.1f} {123456789012345680000.0:f}')",
        r"print(f'{0.1:.20f} {1/3:.17f} {2 ** -20:.25f}')",
        r"print(f'{12:#06x} {12:#06b} {-12:#06x} {12:+#x} {0:#x} {0:#b}')",
        r"""print(f'{"é":^5}|{"😀":*^5}|{"abc":.2}|{"abc":5.1}|')""",
        src(r"""
            x = 3
            y = 'hi'
            print(f'{x=}', f'{x = }', f'{y=!s}', f'{x*2=}', f'{y=:>4}')
        """),
        src(r"""
            d = {'k': 'v', 'n': 2}
            print(f"{d['k']} {d['n'] * 2} {{literal}} {'{'}")
        """),
        r"""print(f'{3.14159!s:.3}', f'{"x"!r:^7}', f'{1.5!r}')""",
        r"print(format(1234.5, ',.1f'), format(42), format('x', '>3'), format(3.0), format(255, 'b'))",
        r"print(format(0.1, ''), format(-1, 'x'), format(1e-7), format(1e16, ''), format(True, ''))",
        r"print(format(1, 'z'))",
        r"print(format(1.5, 'x'))",
        r"print(format('a', '=5'))",
        r"print(format(1, ',b'))",
        r"print(format(1.5, ',e'), format(1234567.0, ',g'), format(1234567.0, '_.10g'))",
        r"print(format(1e100, '.3f')[:10], format(123.456, '.0e'), format(123.456, '#.0e'), format(123.0, '#g'))",
        r"print(format(0.00001, 'f'), format(0.000001, '.1g'), format(1.5, '#.0f'), format(100.0, '.2g'))",
        r"print(format(float('inf'), 'f'), format(float('-inf'), '.2e'), format(float('nan'), '+g'), format(float('inf'), '%'))",
        r"print(format(float('inf'), '08.2f'), format(float('nan'), '=+8'), format(float('inf'), 'F'))",
        r"print(format(123456, '.3g'), format(123456, '.3'), format(1.0, '.0%'), format(0.5, '.0f'), format(1.5, '.0f'))",
        r"print(format(255, '_b'), format(10 ** 12, '_d'), format(-0.0, 'g'), format(0, 'e'))",
        r"print(format(1e-5, '.3'), format(1e-4, '.3'), format(123.456, '.2'), format(0.0, '.3'))",
        r"print(format(12, '>+5'), format(-12, '<6') + '|', format(12, '^+6') + '|', format('x', '<0'))",
        r"print(format('abc', '^2'), format('', '*>3'), format(1.23456789e-7, ''), format(1e300 * 10, ''))",
        r"print(format(5, '.2'))",
        r"print(format('abc', ','))",
        r"print(format(3, 'f'), format(3, '.1e'), format(3, '%'), format(True, 'f'), format(3, 'g'))",
        r"print(f'{3:5.1f}', f'{1e6:,.0f}', f'{1234.5678:_.2f}', f'{-1e6:+,}')",
    ]),
    ("str", "str methods", [
        r"print(','.join(['a', 'b']), ''.join([]), '-'.join('abc'), ', '.join(('x',)), '-'.join(str(i) for i in range(3)))",
        r"print(','.join([1, 2]))",
        r"print('a,b,,c'.split(','), ' a  b '.split(), 'a b c'.split(None, 1), 'a,b,c'.split(',', maxsplit=1))",
        r"print(''.split(), ''.split(','), 'a\tb\nc\x0bd'.split(), 'aXbXc'.split('X', -1), 'abc'.split('abc'))",
        r"print('abc'.split(''))",
        r"print('a b c'.rsplit(None, 1), 'a,b,c'.rsplit(',', 1), '  a b  '.rsplit(), 'a,,b'.rsplit(','), 'a b'.rsplit(' ', 0))",
        r"print('  a  b  c  '.split(None, 1), '  a  b  c  '.rsplit(None, 1), 'a  b'.split(' '), 'aaa'.split('aa'), 'aaa'.rsplit('aa'))",
        r"print('  x  '.strip() + '|', 'xxhixx'.strip('x'), '  x  '.lstrip() + '|', '|' + '  x  '.rstrip(), 'abcba'.strip('ab'))",
        r"print('\t\n x \r\x0b\x0c'.strip(), 'www.example.com'.lstrip('cmowz.'), 'mississippi'.rstrip('ips'), 'x'.strip(''), 'ab'.strip(None))",
        r"print('\u3000 x \xa0'.strip(), len('\u200b x'.strip()), '\x1c x \x1f'.strip())",
        r"print('hello'.startswith('he'), 'hello'.startswith(('a', 'h')), 'hello'.startswith('l', 2), 'hello'.startswith('l', 2, 3), 'hello'.startswith('ll', 2, 3))",
        r"print('hello'.endswith('lo'), 'hello'.endswith(('x', 'o')), 'hello'.endswith('l', 0, 4), 'hello'.endswith('h', -10, 1), 'hello'.endswith('', 5))",
        r"print('abc'.startswith(''), ''.startswith(''), 'abc'.startswith('', 3), 'abc'.startswith('', 4), 'abc'.startswith('c', -1), 'abc'.endswith(()))",
        r"print('abc'.startswith(['a']))",
        r"print('aaa'.replace('a', 'b'), 'aaa'.replace('a', 'b', 2), 'abc'.replace('', '-'), 'abc'.replace('', '-', 2), 'abc'.replace('x', 'y'))",
        r"print('aaa'.replace('a', 'b', 0), 'aaa'.replace('a', 'b', -1), 'aaaa'.replace('aa', 'b'), ''.replace('', 'x'), 'a.b'.replace('.', ''))",
        r"""print('hello world'.title(), "they're bill's".title(), 'hELLO wORLD'.capitalize(), 'Hello'.swapcase(), 'hello2world'.title())""",
        r"print('ß'.upper(), 'ﬁ'.upper(), len('İ'.lower()), 'ΣΑΣ'.lower(), 'ß'.capitalize(), 'ǆ'.title(), 'ǆa'.capitalize())",
        r"print('ABC'.lower(), 'abc'.upper(), 'a1b2'.upper(), ''.title(), 'x_y-z'.title(), '1st'.capitalize(), 'ÉCOLE'.lower())",
        r"print('hello'.find('l'), 'hello'.rfind('l'), 'hello'.find('z'), 'hello'.rindex('l'), 'hello'.count('l'), 'aaaa'.count('aa'))",
        r"print(''.count(''), 'abc'.count(''), 'hello'.find('l', 3), 'hello'.find('l', -2), 'hello'.find('', 10), 'hello'.find(''), 'abc'.find('', 3))",
        r"print('héllo😀x'.find('x'), '😀a'.index('a'), 'a😀b😀'.rfind('😀'), 'a😀b'.count('😀'), 'hello'.find('l', 0, 3), 'hello'.rfind('l', 0, 3))",
        r"print('hello'.index('z'))",
        r"print('hello'.rindex('z'))",
        r"print('hello'.count('l', 3), 'hello'.count('l', -2, -1), 'hello'.index('o', -1), 'abcabc'.rfind('abc', 1), 'abc'.rfind(''))",
        r"print('a\nb\r\nc'.splitlines(), 'a\nb\r\nc\n'.splitlines(True), ''.splitlines(), 'a\n'.splitlines(), 'a\n\nb'.splitlines())",
        r"print('a\x0bb\x0cc\x1cd\x1de\x1ef\x85g\u2028h\u2029i'.splitlines(), 'x\ry'.splitlines(keepends=True))",
        r"print('a=b=c'.partition('='), 'a=b=c'.rpartition('='), 'abc'.partition('x'), 'abc'.rpartition('x'))",
        r"print('abc'.partition(''))",
        r"print('123'.isdigit(), ''.isdigit(), '²'.isdigit(), '½'.isdigit(), '٣'.isdigit(), '1.5'.isdigit(), '-1'.isdigit())",
        r"print('abc'.isalpha(), 'ab1'.isalpha(), 'é'.isalpha(), ''.isalpha(), '😀'.isalpha(), 'a1'.isalnum(), 'a 1'.isalnum(), '½'.isalnum())",
        r"print(' \t\n'.isspace(), ''.isspace(), '\x1c'.isspace(), '\xa0'.isspace(), '\u200b'.isspace(), 'a '.isspace())",
        r"print('ABC'.isupper(), 'AB1'.isupper(), '123'.isupper(), 'Ab'.isupper(), 'abc1'.islower(), ''.islower(), 'ß'.islower(), 'ǅ'.isupper())",
        r"print('42'.zfill(5), '-42'.zfill(5), '+4'.zfill(4), 'abc'.zfill(2), ''.zfill(3), '-'.zfill(3), 'a-1'.zfill(5))",
        r"print('ab'.ljust(5, '*'), 'ab'.rjust(5), 'ab'.center(5, '*'), 'abc'.center(6, '*'), 'a'.center(4, '-'), 'ab'.center(1))",
        r"print('a'.center(2, '*'), 'ab'.center(3, '*'), 'abc'.center(4, '*'), 'abc'.center(5, '*'), 'abcd'.center(7, '*'), ''.center(3, '*'))",
        r"print('ab'.ljust(4, '*'))",
        r"print('ab'.center(5, '**'))",
        r"print('😀'.center(3, '*'), 'é'.ljust(3, '.'), 'x'.rjust(3, '😀'))",
        r"print('prefix-x'.removeprefix('prefix-'), 'x.py'.removesuffix('.py'), 'x'.removeprefix('y'), 'aa'.removesuffix(''), 'aa'.removeprefix('aa'))",
        r"print(repr('a\tb'.expandtabs()), repr('a\tb'.expandtabs(4)), repr('\t'.expandtabs(0)), repr('ab\tc\nd\te'.expandtabs(4)), repr('12345678\t9'.expandtabs()))",
        r"print(repr('a\r\tb'.expandtabs(4)), repr('😀\tx'.expandtabs(4)), repr('\t\t'.expandtabs(3)))",
        r"print('abc' * 3, 'ab' + 'cd', 'b' in 'abc', '' in 'abc', 'abc' * -1, 'a' * 0, 3 * 'ab', 'ab' * True)",
        r"print('a' + 1)",
        r"print('a' * 2.0)",
        r"print(1 + 'a')",
        r"print('abc' - 'a')",
        r"print('x'.foo())",
        src(r"""
            s = 'x'
            s.upper = 1
        """),
        r"print('a-b_c d'.split('-'), 'Hello World'.lower().split(), ' '.join('a  b'.split(' ')))",
        r"print('abc'.index('c', 1, 3), 'abcabc'.index('c', 3))",
        r"print('abc'.index('c', 0, 2))",
        r"print('A1 b2'.swapcase(), 'hello'.capitalize(), 'HELLO'.title(), 'a'.join('xyz'), 'x'.join(['', '']))",
        r"print('a b'.split(' ', 5), 'a,b,'.split(','), ',a,b'.rsplit(',', 1), 'a  b'.split(None), ''.rsplit('x'))",
        r"print(str.upper('x'), str.join('-', ['a', 'b']), str.split('a b'), str.strip('  s '))",
        r"print('Straße'.casefold(), 'ABC'.casefold(), 'ǅ'.lower(), 'ǅ'.upper())",
        r"print('12'.isdecimal(), '²'.isdecimal(), '½'.isnumeric(), '٣'.isnumeric(), 'abc'.isidentifier(), '1a'.isidentifier())",
        r"print('hello world'.istitle(), 'Hello World'.istitle(), 'abc'.isascii(), 'é'.isascii(), 'ab\n'.isprintable(), 'ab'.isprintable())",
        r"print('a.b.c'.split('.', 1), 'a.b.c'.rsplit('.', 1), 'a.b.c'.rsplit('.', maxsplit=0))",
        r"print('hello'.startswith('he', None, None), 'hello'.find('l', None), 'hello'.count('l', None, 3))",
        r"print('abc'.find('b', 1.0))",
    ]),
    ("unicode", "str indexing slicing and astral characters", [
        r"print(len('😀' * 3), 'a😀b'[1], '😀'[0], 'a😀b'[::-1], 'a😀b'[-1], 'a😀b'[1:2], 'a😀b'[2])",
        r"print(list('a😀'), '😀' in 'a😀', 'a😀b'.split('😀'), ord('😀'[0]), len('e\u0301'), len('🇫🇷'))",
        src(r"""
            for c in '😀xé':
                print(c, ord(c))
        """),
        r"print('héllo'[1], 'héllo'[-4:], 'abc'[::-1], 'abcdef'[1:5:2], 'abcdef'[::3], 'abcdef'[-1:-4:-1])",
        r"print('abc'[3])",
        r"print('abc'[-4])",
        r"print('abc'[1.0])",
        src(r"""
            s = 'abc'
            s[0] = 'x'
        """),
        r"print('abc'[5:], 'abc'[-10:2], 'abc'[2:1], 'abc'[::-2], 'abc'[1:1] == '', 'abc'[:])",
        r"print('a😀b😀c'[::2], 'a😀b😀c'[1::2], '😀😀😀'[1:], '😀😀'[-1], len('x😀y'[1:]))",
        r"print([c for c in 'ab😀'], sorted('😀ba'), max('a😀'), min('😀a'), '😀' > 'z')",
        r"""print('\U0001F600' == '😀', '\x41\u00e9\101', len(r'\n'), 'a' 'b' "c")""",
        r"""print('a\\b', len('\\'), '\'', "\\\"", 'x\ny' == '''x\ny''')""",
        r"print('😀'.upper(), '😀ab'.title(), '😀'.isupper(), 'x😀'.endswith('😀'), '😀x'.startswith('😀'))",
        r"print(repr('a😀\n'), str('😀'), ['😀'], ('é',))",
        r"print(repr(chr(55357)), len(chr(55357)), chr(55357) < '\ue000')",
        r"print(list(reversed('a😀')), 'a😀'.replace('😀', 'b'), 'a😀a'.strip('a'), '😀'.zfill(3))",
        r"print('abc'[None:2], 'abc'[1:None], 'abc'[::None], 'abcdef'[-2:-6:-2], 'abcdef'[10:0:-1])",
    ]),
    ("list", "list methods", [
        src(r"""
            a = [1, 2]
            a.append(3)
            a.extend([4, 5])
            a.extend('ab')
            a.extend(x * 10 for x in range(2))
            print(a, len(a))
        """),
        src(r"""
            a = [1, 2, 3]
            a.insert(0, 0)
            a.insert(-1, 9)
            a.insert(100, 'end')
            a.insert(-100, 'start')
            print(a)
        """),
        src(r"""
            a = [1, 2, 3, 4, 5]
            print(a.pop(), a.pop(0), a.pop(-1), a.pop(1), a)
        """),
        r"print([].pop())",
        r"print([1].pop(5))",
        r"print([1, 2].pop(-3))",
        src(r"""
            a = [1, 2, 3, 2]
            a.remove(2)
            print(a)
            a.remove(7)
        """),
        r"print([1, 2, 3, 2].index(2), [1, 2, 3, 2].index(2, 2), [1, 2, 3].index(3, -1), [1, 2, 2].count(2), [[1]].count([1]))",
        r"print([1, 2, 3].index(4))",
        r"print([1, 2, 3].index(1, 1))",
        src(r"""
            a = [3, 1, 2]
            r = a.sort()
            print(r, a)
            a.sort(reverse=True)
            print(a)
            a.sort(key=lambda x: (x % 2, x))
            print(a)
        """),
        src(r"""
            a = ['bb', 'a', 'ccc']
            a.sort(key=len, reverse=True)
            print(a, a.reverse(), a)
        """),
        r"print([3, 'a'].sort())",
        src(r"""
            a = [1, [2]]
            b = a.copy()
            b[1].append(3)
            b.append(4)
            print(a, b, a == b)
            a.clear()
            print(a, b)
        """),
        r"print([1, 2] * 2, [0] * 0, [1] * -1, 2 * [None], [1, 2] + [3], [] + [])",
        r"print([1] + (2,))",
        r"print([1] * 2.0)",
        src(r"""
            a = [[0] * 2] * 2
            a[0][0] = 1
            b = [[0] * 2 for _ in range(2)]
            b[0][0] = 1
            print(a, b)
        """),
        src(r"""
            a = [1, 2]
            a.extend(a)
            print(a)
            a.append(a[:])
            print(a)
        """),
        src(r"""
            a = [1]
            a.append(a)
            print(a, len(a))
        """),
        r"print([].append())",
        r"print([].append(1, 2))",
        r"print([].push(1))",
        src(r"""
            a = []
            a.x = 1
        """),
        r"print([1, 2, 3].pop(True), [5, 6].index(6), [1, 1.0, True].count(1), [0.0, -0.0].index(-0.0))",
        r"print(sorted([[3], [1, 2], [1]]), [[]] * 3)",
        src(r"""
            a = [1, 2, 3]
            a[0] = 'x'
            a[-1] = 'z'
            print(a)
            a[3] = 'w'
        """),
        r"print([1, 2, 3][-4])",
        r"print([1, 2, 3]['1'])",
        r"print([1, 2, 3][1.0])",
        r"print(len([None] * 1000), [1, 2, 3][True], [x for x in [1, 2]].index(2))",
        r"print([1, 2].extend(3))",
    ]),
    ("slice", "slicing slice assignment and del", [
        src(r"""
            a = [0, 1, 2, 3, 4, 5]
            print(a[1:3], a[::2], a[::-1], a[-2:], a[:-2], a[5:10], a[-10:2], a[3:1])
            print(a[3:1:-1], a[1:4:-1], a[-1:-4:-2], a[::-4], a[4::-3], a[None:2])
        """),
        r"print([1, 2, 3][::0])",
        r"print([1, 2, 3]['x':])",
        r"print((1, 2, 3)[::-1], 'hello'[1:-1:2], (1, 2, 3)[1:], (1,)[5:], range(6)[1::2][1])",
        r"print([1, 2, 3][1.5:])",
        r"print([0, 1, 2, 3][True:], [0, 1, 2, 3][-2:True:-1], [1, 2, 3][-100:100])",
        src(r"""
            a = [0, 1, 2, 3, 4]
            a[1:3] = [9]
            print(a)
            a[:0] = ['s']
            print(a)
            a[len(a):] = [5]
            print(a)
            a[1:1] = 'xy'
            print(a)
        """),
        src(r"""
            a = [0, 1, 2, 3, 4, 5]
            a[::2] = [7, 8, 9]
            print(a)
            a[::-2] = 'abc'
            print(a)
        """),
        src(r"""
            a = [0, 1, 2, 3, 4, 5]
            a[::2] = [7, 8]
        """),
        src(r"""
            a = [0, 1, 2]
            a[1:2] = 5
        """),
        src(r"""
            a = [0, 1, 2, 3]
            a[:] = []
            print(a)
            a[:] = range(3)
            print(a)
            a[5:] = [9]
            print(a)
            a[-100:1] = ['x', 'y']
            print(a)
        """),
        src(r"""
            a = [0, 1, 2, 3]
            b = a
            a[1:3] = a
            print(a, b is a)
        """),
        src(r"""
            a = list(range(10))
            del a[::2]
            print(a)
            del a[1]
            del a[-1]
            print(a)
            del a[1:3]
            print(a)
            del a[:]
            print(a)
        """),
        src(r"""
            a = [1, 2]
            del a[10]
        """),
        src(r"""
            d = {'a': 1, 'b': 2}
            del d['a']
            print(d)
            del d['a']
        """),
        src(r"""
            t = (1, 2)
            del t[0]
        """),
        src(r"""
            a = [1, 2, 3]
            del a[5:], a[0]
            print(a)
        """),
        src(r"""
            s = 'abc'
            del s[0]
        """),
        src(r"""
            a = [1, 2, 3, 4]
            a[3:1] = ['x']
            print(a)
            a[-1:-3:-1] = [8, 9]
            print(a)
        """),
    ]),
    ("tuple", "tuples", [
        r"print((1,), (1, 2) + (3,), (1, 2) * 2, (), (1,) * 0, ((1, 2), 3), tuple('a'))",
        src(r"""
            t = (1, 2)
            t[0] = 5
        """),
        r"print((1, 2, 2).count(2), (1, 2, 3).index(3), len(()), (1, 2) == (1, 2), () == tuple(), (1) == 1)",
        src(r"""
            x = 1, 2
            y = 3,
            print(x, y, x + y, x[1], len(y))
        """),
        r"print((1, 2, 3).index(5))",
        r"print((1, 2) + [3])",
        r"print(((1, [2]), 'x'), ('a', 'b')[::-1], (1, 2, 3)[-1], max((3, 1)), sorted((2, 1)))",
        src(r"""
            t = ([1], 2)
            t[0].append(3)
            print(t)
            t[0] += [4]
        """),
        src(r"""
            t = ([1], 2)
            try:
                t[0] += [4]
            except TypeError:
                print('caught', t)
        """),
        r"print((1, 2) < (1, 3), (1, 2) < (1, 2), (1,) < (1, 0), (2,) <= (2,), ('a', 1) < ('a', 2))",
        r"print(tuple(x * 2 for x in range(3)), tuple({'a': 1}), tuple(range(2)) + (9,))",
    ]),
    ("dict", "dicts", [
        src(r"""
            d = {'b': 1, 'a': 2}
            d['c'] = 3
            d['b'] = 4
            print(d, list(d), list(d.values()), list(d.items()))
        """),
        r"print({1: 'a', 1.0: 'b', True: 'c'}, {True: 'x', 1: 'y'}, {1.0: 'z', 1: 'w'}, {0: 'a', False: 'b', 0.0: 'c'})",
        src(r"""
            d = {}
            d[1] = 1
            d[1.0] = 'a'
            d[True] = 'b'
            print(d, len(d), d[1.0], True in d, 1.5 in d)
        """),
        src(r"""
            d = {'a': 1}
            print(d.get('a'), d.get('x'), d.get('x', 0), d.setdefault('a', 9), d.setdefault('b', []), d)
            d.setdefault('b', []).append(1)
            print(d, d.setdefault('c'), d)
        """),
        src(r"""
            d = {'a': 1, 'b': 2, 'c': 3}
            print(d.pop('a'), d.pop('x', None), d.pop('x', 'dflt'), d)
            print(d.popitem(), d, d.popitem(), d)
        """),
        r"print({}.pop('x'))",
        r"print({}.popitem())",
        src(r"""
            d = {'a': 1}
            d.update({'b': 2}, c=3)
            d.update([('d', 4)])
            d.update(a=0)
            d.update()
            print(d)
        """),
        src(r"""
            d = {'a': 1, 'b': 2}
            print(d.keys(), d.values(), d.items())
            print({}.keys(), {'x': [1]}.items())
        """),
        src(r"""
            d = {'a': 1, 'b': 2}
            k = d.keys()
            d['z'] = 3
            print(list(k), len(k), 'z' in k, 2 in d.values(), ('a', 1) in d.items())
        """),
        src(r"""
            a = {'a': 1, 'b': 2}
            b = {'b': 3, 'c': 4}
            print(a | b, b | a, a)
            a |= b
            print(a)
            a |= [('d', 5)]
            print(a)
        """),
        r"print({'a': 1} | [('x', 1)])",
        r"print(dict([('a', 1)]), dict(a=1, b=2), dict({'a': 1}, b=2), dict([('a', 1)], a=2), dict([[1, 2]]), dict(['ab']), dict())",
        r"print(dict([1]))",
        r"print(dict(['abc']))",
        r"print(dict(zip(['x', 'y'], [1, 2])), dict({'a': 1}), dict(((1, 2), (3, 4))), dict.fromkeys('ab'), dict.fromkeys([1, 2], 0))",
        src(r"""
            d = {'a': 1}
            try:
                d['missing']
            except KeyError as e:
                print(str(e), repr(e), e.args)
        """),
        r"print({'a': 1}['b'])",
        src(r"""
            d = {}
            d[[1]] = 1
        """),
        r"print({[1]: 2})",
        src(r"""
            d = {(1, 2): 'a', None: 'n', 'x': {}}
            print(d[(1, 2)], d[None], d, (1, 2) in d)
        """),
        src(r"""
            d = {'a': 1}
            for k in d:
                d['b'] = 2
        """),
        src(r"""
            d = {'a': 1, 'b': 2}
            for k in list(d):
                del d[k]
            print(d)
        """),
        src(r"""
            d = {'a': 1}
            e = d.copy()
            e['b'] = 2
            d.clear()
            print(d, e, len(e))
        """),
        r"""print({'a': {'b': [1, 'x']}}, {1: None, 'k': (1,)}, {'q': "'"})""",
        src(r"""
            d = {'x': 1, 'y': 2}
            for k, v in d.items():
                print(k, v)
            print(sorted(d.items(), key=lambda kv: -kv[1]))
        """),
        src(r"""
            d = {'b': 1}
            d['a'] = 2
            del d['b']
            d['b'] = 3
            print(d, list(d.keys()), min(d))
        """),
        r"print({'a': 1} == {'a': 1.0}, {'a': 1} != {'a': 2}, {} == {}, {'a': 1}.get('a', 5))",
        r"print({'a': 1}.keys() == {'a'}, {'a': 1}.items() == {('a', 1)}, sorted({'b': 1, 'a': 2}.keys()))",
        r"print({'a': 1} + {'b': 2})",
        r"print({}.get())",
        r"print(dict(a=1).popitem(), {'k': 1}.pop('k', None), {'k': 0}.get('k', 5))",
        src(r"""
            counts = {}
            for w in 'the cat the hat the'.split():
                counts[w] = counts.get(w, 0) + 1
            print(counts)
        """),
        src(r"""
            d = dict(a=1)
            print(d.setdefault('a', 5), d.setdefault('b', 5), d.get('b'), d.pop('b'), d)
        """),
        r"print({**{'a': 1}, 'b': 2, **{'a': 3}}, {'a': 1, **{}}, {**dict(x=1)})",
        r"print({**[1]})",
    ]),
    ("set", "sets", [
        r"print({1, 2} == {2, 1}, len({1, 1, 2}), 3 in {1, 2, 3}, sorted({3, 1, 2}), set(), {1}, len({1, 1.0, True}))",
        r"print(sorted({1, 2} | {3}), sorted({1, 2} & {2, 3}), sorted({1, 2} - {2}), sorted({1, 2} ^ {2, 3}))",
        r"print(sorted(set('hello')), len(set([1, 2, 2])), sorted({x % 3 for x in range(10)}), set() == set())",
        r"print({[1]})",
        r"print(set([1, 2]) == {1, 2}, {1, 2} <= {1, 2, 3}, {1} < {1}, bool(set()), {'a'})",
    ]),
    ("comp", "comprehensions and generator expressions", [
        r"print([x * x for x in range(5) if x % 2], [(x, y) for x in range(3) for y in range(x)], [y for x in [[1, 2], [3]] for y in x])",
        r"print([x for x in range(20) if x % 2 if x % 3], [x if x > 1 else -x for x in range(3)], [c for c in 'abc'])",
        r"print({k: v for k, v in [('a', 1), ('b', 2)]}, {x: x * x for x in range(3) if x}, sorted({c for c in 'hello'}))",
        r"print([[j for j in range(i)] for i in range(3)], [(i, j) for i in range(2) for j in 'ab' if j != 'b' or i])",
        src(r"""
            xs = [x for x in range(3)]
            print(xs)
            print(x)
        """),
        src(r"""
            x = 'outer'
            ys = [x for x in 'ab']
            print(x, ys)
        """),
        src(r"""
            fs = [lambda: i for i in range(3)]
            print([f() for f in fs])
            gs = [lambda i=i: i for i in range(3)]
            print([g() for g in gs])
        """),
        src(r"""
            g = (x for x in range(3))
            print(list(g), list(g), sum(g))
        """),
        src(r"""
            g = (print(x) or x for x in [1, 2])
            print('before')
            print(list(g))
        """),
        src(r"""
            print('a')
            g = (x for x in 1 // 0)
            print('b')
        """),
        src(r"""
            g = (1 // x for x in [1, 0])
            print('made')
            print(list(g))
        """),
        src(r"""
            g = (x for x in [1, 2, 3])
            print(any(x == 1 for x in g), list(g))
        """),
        src(r"""
            g = (i for i in range(5))
            print(2 in g, list(g))
        """),
        src(r"""
            g = (i * 2 for i in range(3))
            for a in g:
                print(a, list(g))
        """),
        src(r"""
            n = 10
            def f():
                n = 2
                return [n * i for i in range(3)]
            print(f(), [n for _ in range(2)])
        """),
        src(r"""
            data = [1, 2, 3]
            g = (x for x in data)
            data = [9]
            print(list(g))
        """),
        src(r"""
            data = [1, 2, 3]
            g = (x * k for x in data)
            k = 10
            print(list(g))
        """),
        src(r"""
            g = (x * k for x in [1, 2])
            print(list(g))
        """),
        src(r"""
            print([x for x in range(3) if undefined_thing])
        """),
        r"print([(a, b) for a, b in {'x': 1, 'y': 2}.items()], [a + b for a, b in zip('ab', 'cd')], [[1, 2][i] for i in (1, 0)])",
        r"print(list(x for x in 'ab'), tuple(x for x in ()), dict((k, 1) for k in 'ab'), sorted(x for x in [3, 1, 2]))",
        r"print([a for a, *b in [(1, 2, 3), (4,)]], [b for a, *b in [(1, 2, 3), (4,)]])",
        r"print([x for x in [1, 2, 3] for x in [x, x * 10]])",
        r"print([i for i in range(3)] == list(range(3)), [y for y in []], {k: k for k in []}, {x for x in ''} == set())",
        src(r"""
            matrix = [[1, 2, 3], [4, 5, 6]]
            print([[row[i] for row in matrix] for i in range(3)])
            print([v for row in matrix for v in row if v % 2 == 0])
        """),
        r"print([1 // x for x in [1, 0]])",
        r"print({k: 1 // k for k in [1, 0]})",
        src(r"""
            xs = [1, 2, 3]
            print(sum(x for x in xs if x > 1), max(x * 2 for x in xs), min((x for x in xs), default=0), ','.join(str(x) for x in xs))
        """),
        r"print(len(x for x in [1]))",
        r"print((x for x in [1])[0])",
    ]),
    ("func", "functions closures defaults and arguments", [
        src(r"""
            def f(x, acc=[]):
                acc.append(x)
                return acc
            f(1)
            print(f(2), f(3, []), f(4))
        """),
        src(r"""
            n = 1
            def f(x=n):
                return x
            n = 2
            print(f(), f(5))
        """),
        src(r"""
            def f(a, *, b):
                return a + b
            print(f(1, b=2))
            print(f(1, 2))
        """),
        src(r"""
            def f(a, *, b):
                return a + b
            print(f(1))
        """),
        src(r"""
            def f(*args, **kw):
                print(args, kw)
            f(1, 2, x=3)
            f()
            f(*[1, 2], *(3,), **{'a': 1}, b=2)
            f(*'ab', **dict(z=0))
        """),
        src(r"""
            def f(a, b=2, *args, c, d=4, **kw):
                print(a, b, args, c, d, kw)
            f(1, c=3)
            f(1, 2, 3, 4, c=5, e=6)
            f(c=1, a=0, z=9)
        """),
        src(r"""
            def f(a):
                return a
            print(f(**{'a': 1}, a=2))
        """),
        src(r"""
            def f(a):
                return a
            print(f(1, a=1))
        """),
        src(r"""
            def f(a):
                return a
            print(f(b=1))
        """),
        src(r"""
            def f(a, b):
                return a
            print(f(1))
        """),
        src(r"""
            def f(a, b):
                return a
            print(f(1, 2, 3))
        """),
        src(r"""
            def f():
                return 1
            print(f(1))
        """),
        src(r"""
            def f(**kw):
                return kw
            print(f(**{1: 2}))
        """),
        src(r"""
            def f(a, /, b):
                return a + b
            print(f(1, b=2), f(1, 2))
            print(f(a=1, b=2))
        """),
        src(r"""
            def outer():
                x = 1
                def inner():
                    return x
                x = 2
                return inner()
            print(outer())
        """),
        src(r"""
            def counter():
                count = [0]
                def inc():
                    count[0] += 1
                    return count[0]
                return inc
            c = counter()
            c()
            print(c(), c(), counter()())
        """),
        src(r"""
            def make(n):
                return lambda x: x + n
            adders = [make(i) for i in range(3)]
            print([a(10) for a in adders])
        """),
        src(r"""
            fs = []
            for i in range(3):
                fs.append(lambda: i)
            i = 10
            print([f() for f in fs])
        """),
        src(r"""
            def deco(f):
                def w(*a):
                    return f(*a) * 2
                return w
            @deco
            def g(x):
                return x + 1
            print(g(3))
        """),
        src(r"""
            def tag(name):
                def deco(f):
                    return lambda: name + ':' + f()
                return deco
            @tag('a')
            @tag('b')
            def h():
                return 'x'
            print(h())
        """),
        src(r"""
            def f():
                pass
            def g():
                return
            print(f(), g(), (lambda: None)())
        """),
        src(r"""
            fact = lambda n: 1 if n <= 1 else n * fact(n - 1)
            print(fact(10), (lambda a, b=2, *c, **d: (a, b, c, d))(1, x=1))
        """),
        src(r"""
            def f(**kw):
                return list(kw)
            print(f(b=1, a=2, c=3))
        """),
        src(r"""
            def f(a, b):
                return a - b
            args = (5,)
            kwargs = {'b': 2}
            print(f(*args, **kwargs), f(b=1, a=5), f(*[3, 1]))
        """),
        src(r"""
            def f(*args):
                return args
            print(f(*'abc'), f(*range(2), *[]), f(*{'k': 1}))
        """),
        src(r"""
            def f(x):
                return x
            print(f(*5))
        """),
        src(r"""
            def f(x):
                return x
            print(f(**[1]))
        """),
        r"print((lambda: 1)(2))",
        r"print((lambda *a: a)(), (lambda **k: k)(a=1), (lambda a, *, b=1: (a, b))(0))",
        r"print(None())",
        r"print(5(1))",
        r"print('abc'())",
        src(r"""
            def f(x, y=None):
                if y is None:
                    y = []
                y.append(x)
                return y
            print(f(1), f(2))
        """),
        src(r"""
            def f(a, b=1, c=2):
                return a, b, c
            print(f(0, c=5), f(0, 1, 2), f(c=0, b=1, a=2))
        """),
        src(r"""
            def apply(fn, *args, **kw):
                return fn(*args, **kw)
            print(apply(max, 1, 5, 3), apply(sorted, [3, 1], reverse=True), apply(dict, a=1))
        """),
        src(r"""
            def f():
                return 1, 2
            a, b = f()
            print(a, b, f())
        """),
        src(r"""
            def outer():
                def inner():
                    return y
                y = 'late'
                return inner
            print(outer()())
        """),
        src(r"""
            def f():
                return g()
            def g():
                return 'g'
            print(f())
        """),
        src(r"""
            def f():
                return g()
            print(f())
            def g():
                return 'g'
        """),
        src(r"""
            def f(x):
                def g():
                    return x * 2
                x = x + 1
                return g
            h = f(1)
            print(h(), f(10)())
        """),
        src(r"""
            def f(a, b, c):
                return a + b + c
            print(f(1, *[2], c=3), f(*[1], *[2], *[3]), f(**{'a': 1, 'b': 2}, c=3))
        """),
        src(r"""
            def f(a, b, c):
                return a
            print(f(1, *[2, 3, 4]))
        """),
        src(r"""
            def f(x=[]):
                x.append(len(x))
                return len(x)
            print(f(), f(), f([]), f())
        """),
    ]),
    ("assign", "unpacking and augmented assignment", [
        src(r"""
            a, b = 1, 2
            a, b = b, a
            c, *rest = [1, 2, 3]
            *init, last = 'abc'
            p, *m, q = [1, 2]
            print(a, b, c, rest, init, last, p, m, q)
        """),
        r"a, *m, b = [1]",
        r"a, b = [1, 2, 3]",
        r"a, b = [1]",
        r"a, b = 1",
        r"a, b = None",
        src(r"""
            (a, b), c = [1, 2], 3
            [d, e] = 'xy'
            f, = [9]
            print(a, b, c, d, e, f)
        """),
        src(r"""
            for a, b in [(1, 2), (3, 4)]:
                print(a + b)
            for (a, b), c in [((1, 2), 3)]:
                print(a, b, c)
        """),
        src(r"""
            a = b = []
            b.append(1)
            x = y = 5
            y += 1
            print(a, b, a is b, x, y)
        """),
        src(r"""
            a, b = {'k': 1, 'j': 2}
            c, d = (x * 2 for x in range(2))
            e, *f = range(4)
            print(a, b, c, d, e, f)
        """),
        src(r"""
            x = 1
            x += 1
            s = 'a'
            s += 'b'
            s *= 2
            f = 7
            f //= 2
            g = 2
            g **= 10
            h = 7
            h %= 3
            i = 5
            i /= 2
            j = 1.5
            j -= 0.5
            print(x, s, f, g, h, i, j)
        """),
        src(r"""
            lst = [1]
            lst2 = lst
            lst += 'ab'
            lst += (3,)
            print(lst, lst2, lst is lst2)
        """),
        src(r"""
            t = (1,)
            t2 = t
            t += (2,)
            print(t, t2)
        """),
        src(r"""
            lst = [1]
            lst = lst + 'ab'
        """),
        src(r"""
            x = [1]
            y = x
            x *= 2
            print(x, y)
            x = x * 2
            print(x, y)
        """),
        src(r"""
            d = {'k': 1}
            d['k'] += 1
            d['k'] *= 10
            print(d)
            d['m'] += 1
        """),
        src(r"""
            l = [1, 2, 3]
            l[0] += 5
            l[-1] *= 2
            l[1] -= 10
            print(l)
        """),
        src(r"""
            def f():
                print('f called')
                return [0]
            a = f()
            f()[0] += 1
            d = {'a': 0}
            def k():
                print('k called')
                return 'a'
            d[k()] += 1
            print(d)
        """),
        src(r"""
            x = 5
            x /= 2
            y = 4
            y /= 2
            z = 3
            z -= True
            print(x, y, z)
        """),
        src(r"""
            s = 'a'
            s -= 'a'
        """),
        src(r"""
            x = None
            x += 1
        """),
        src(r"""
            a = [1, 2, 3]
            i = 0
            i, a[i] = 1, 9
            print(i, a)
        """),
        src(r"""
            x = [0, 0]
            x[0], x[1] = x[1] + 1, x[0] + 2
            print(x)
        """),
        src(r"""
            a, b, *c = 'hello'
            *d, e, f = (1, 2)
            print(a, b, c, d, e, f)
        """),
        r"a, *b, c, d = 'ab'",
        src(r"""
            a = 1
            b = a
            a += 1
            print(a, b)
        """),
        src(r"""
            data = {'a': [1]}
            data['a'] += [2]
            data['a'].append(3)
            print(data)
        """),
        src(r"""
            for i in range(3):
                pass
            print(i)
            for j in []:
                pass
            print(j)
        """),
        src(r"""
            [a, [b, *c]] = [1, (2, 3, 4)]
            print(a, b, c)
        """),
    ]),
    ("exc", "try except else finally raise assert", [
        src(r"""
            try:
                print('body')
            except ValueError:
                print('handler')
            else:
                print('else')
            finally:
                print('finally')
        """),
        src(r"""
            try:
                print('body')
                int('x')
                print('not reached')
            except ValueError as e:
                print('handler', e)
            else:
                print('else')
            finally:
                print('finally')
        """),
        src(r"""
            def f():
                try:
                    return 1
                finally:
                    print('fin')
            print(f())
        """),
        src(r"""
            def f():
                for i in range(3):
                    try:
                        if i == 1:
                            break
                    finally:
                        print('fin', i)
                return i
            print(f())
        """),
        src(r"""
            for i in range(3):
                try:
                    if i == 1:
                        continue
                    print('body', i)
                finally:
                    print('fin', i)
        """),
        src(r"""
            try:
                [][1]
            except (KeyError, IndexError) as e:
                print('caught', repr(e))
        """),
        src(r"""
            try:
                {}['k']
            except LookupError as e:
                print(isinstance(e, KeyError), str(e))
            try:
                1 / 0
            except ArithmeticError as e:
                print(str(e))
            try:
                undefined
            except Exception as e:
                print(repr(e))
        """),
        src(r"""
            try:
                1 / 0
            except:
                print('bare')
        """),
        src(r"""
            try:
                1 / 0
            except ZeroDivisionError as e:
                pass
            print(e)
        """),
        src(r"""
            e = 1
            try:
                raise ValueError('v')
            except ValueError as e:
                print('in', e)
            print(e)
        """),
        src(r"""
            try:
                raise ValueError
            except ValueError as e:
                print(repr(e), str(e) == '', e.args)
        """),
        src(r"""
            try:
                raise ValueError('a', 1)
            except ValueError as e:
                print(str(e), e.args, repr(e))
        """),
        r"raise ValueError('x') from None",
        src(r"""
            try:
                1 / 0
            except ZeroDivisionError as e:
                raise ValueError('wrapped') from e
        """),
        r"raise 5",
        r"raise",
        src(r"""
            def f():
                return 1 / 0
            try:
                f()
            except ZeroDivisionError:
                raise
        """),
        src(r"""
            try:
                raise KeyError('k')
            except KeyError:
                print('h')
                raise
        """),
        src(r"""
            try:
                int('z')
            except ValueError:
                raise TypeError('converted')
        """),
        src(r"""
            try:
                try:
                    1 / 0
                finally:
                    print('inner fin')
            except ZeroDivisionError:
                print('outer caught')
        """),
        src(r"""
            try:
                print('body')
            except ValueError:
                print('h')
            else:
                raise KeyError('from else')
        """),
        src(r"""
            try:
                try:
                    print('body')
                except ValueError:
                    print('h')
                else:
                    raise KeyError('from else')
            except KeyError as e:
                print('outer', e)
        """),
        src(r"""
            try:
                1 / 0
            finally:
                raise KeyError('from finally')
        """),
        src(r"""
            try:
                1 / 0
            except ZeroDivisionError:
                [][0]
        """),
        src(r"""
            try:
                {}['a']
            except IndexError:
                print('wrong handler')
            finally:
                print('fin')
        """),
        src(r"""
            assert 1 == 1
            assert 1 == 2, 'one is not two'
        """),
        src(r"""
            try:
                assert False, 'msg'
            except AssertionError as e:
                print(str(e), e.args)
            try:
                assert []
            except AssertionError as e:
                print(repr(e))
        """),
        src(r"""
            x = 5
            assert x < 3, f'x is {x}'
        """),
        src(r"""
            def f():
                assert False
            f()
        """),
        src(r"""
            def a():
                return b()
            def b():
                return {}['k']
            a()
        """),
        src(r"""
            def f(x):
                if x == 0:
                    raise ValueError('zero')
                return f(x - 1)
            f(5)
        """),
        src(r"""
            print(sorted([1, 0], key=lambda x: 1 // x))
        """),
        src(r"""
            def g(x):
                return x['k']
            print([g({'k': 1}), g({})])
        """),
        src(r"""
            try:
                raise ValueError('v')
            except (TypeError, ValueError) as e:
                print('tuple', e)
            except Exception:
                print('never')
        """),
        src(r"""
            try:
                raise KeyError('k')
            except ValueError:
                print('no')
            except Exception as e:
                print('generic', repr(e))
        """),
        src(r"""
            try:
                try:
                    raise ValueError('inner')
                except ValueError:
                    raise KeyError('second')
            except KeyError as e:
                print(repr(e))
        """),
        src(r"""
            def f():
                try:
                    return 'try'
                finally:
                    print('cleanup')
            def g():
                try:
                    raise ValueError
                except ValueError:
                    return 'except'
                finally:
                    print('cleanup2')
            print(f(), g())
        """),
        src(r"""
            try:
                undefined_name
            except NameError as e:
                print('caught', e)
        """),
        src(r"""
            try:
                x = int('5')
            except ValueError:
                x = 0
            else:
                x += 1
            finally:
                x *= 10
            print(x)
        """),
        src(r"""
            def f():
                try:
                    raise ValueError('a')
                except ValueError as e:
                    return e
            e = f()
            print(repr(e), isinstance(e, Exception))
        """),
        src(r"""
            err = ValueError('stored')
            try:
                raise err
            except ValueError as e:
                print(e is err, e)
        """),
        src(r"""
            try:
                raise Exception('base')
            except Exception as e:
                print(str(e), repr(e))
        """),
        src(r"""
            try:
                raise NotImplementedError
            except RuntimeError as e:
                print('runtime', repr(e))
        """),
        src(r"""
            try:
                x = [1, 2]
                x[5]
            except IndexError as e:
                print(e)
            try:
                x.index(9)
            except ValueError as e:
                print(e)
        """),
        r"raise ValueError",
        src(r"""
            def f():
                raise TypeError('t')
            try:
                f()
            except TypeError:
                print('ok')
            f()
        """),
        src(r"""
            try:
                pass
            finally:
                print('only finally')
        """),
        src(r"""
            try:
                raise ValueError('x')
            except ValueError as e:
                msg = str(e)
            print(msg)
        """),
        src(r"""
            r = []
            for i in range(4):
                try:
                    if i % 2:
                        raise ValueError(i)
                    r.append(i)
                except ValueError as e:
                    r.append(-e.args[0])
            print(r)
        """),
        src(r"""
            try:
                raise ValueError('x')
            except ValueError as e:
                print(e.args[0], len(e.args))
                e = 5
            print('after')
        """),
        r"raise KeyError",
        r"raise Exception('plain')",
        src(r"""
            def f():
                raise ValueError(
                    'multi'
                )
            f()
        """),
    ]),
    ("loop", "for while else break continue", [
        src(r"""
            for i in range(3):
                pass
            else:
                print('no break', i)
            for i in range(3):
                if i == 1:
                    break
            else:
                print('not printed')
            print('broke at', i)
        """),
        src(r"""
            n = 0
            while n < 3:
                n += 1
            else:
                print('while else', n)
            while True:
                n += 1
                if n > 5:
                    break
            else:
                print('not printed')
            print(n)
        """),
        src(r"""
            for i in range(3):
                for j in range(3):
                    if j == 1:
                        break
                    print(i, j)
                else:
                    print('inner else')
        """),
        src(r"""
            out = []
            for i in range(6):
                if i % 2:
                    continue
                out.append(i)
            print(out)
        """),
        src(r"""
            for x in []:
                print('never')
            else:
                print('empty else')
            while False:
                pass
            else:
                print('while false else')
        """),
        src(r"""
            l = [1, 2, 3, 4]
            for x in l:
                l.remove(x)
            print(l)
        """),
        src(r"""
            l = [1, 2]
            for x in l:
                if x < 3:
                    l.append(x + 10)
            print(l)
        """),
        src(r"""
            for i in range(3):
                i = i * 10
                print(i)
        """),
        src(r"""
            for c in 'ab':
                for d in 'xy':
                    if d == 'y':
                        continue
                    print(c + d)
        """),
        src(r"""
            i = 0
            while i < 10:
                i += 1
                if i % 3:
                    continue
                print(i)
        """),
        src(r"""
            total = 0
            for i in range(100000):
                total += i
            print(total)
        """),
        src(r"""
            for k in {'a': 1, 'b': 2}:
                print(k)
            for t in ((1, 2), [3, 4]):
                print(t)
        """),
        src(r"""
            for x in 5:
                pass
        """),
        src(r"""
            for x in None:
                pass
        """),
        src(r"""
            s = 0
            n = 10
            while n:
                s += n
                n -= 1
            print(s, n)
        """),
        src(r"""
            def find(xs, t):
                for i, x in enumerate(xs):
                    if x == t:
                        return i
                else:
                    return -1
            print(find('abc', 'c'), find('abc', 'z'))
        """),
        src(r"""
            l = [3, 1, 2]
            for x in sorted(l):
                l.append(x)
            print(l)
        """),
        src(r"""
            for i in range(3):
                if i == 5:
                    break
            else:
                print('else ran', i)
        """),
    ]),
    ("rec", "recursion", [
        src(r"""
            def fact(n):
                return 1 if n <= 1 else n * fact(n - 1)
            print(fact(20), fact(0))
        """),
        src(r"""
            def fib(n):
                return n if n < 2 else fib(n - 1) + fib(n - 2)
            print([fib(i) for i in range(15)])
        """),
        src(r"""
            def gcd(a, b):
                return a if b == 0 else gcd(b, a % b)
            print(gcd(48, 18), gcd(17, 5), gcd(0, 9))
        """),
        src(r"""
            def flatten(x):
                if not isinstance(x, list):
                    return [x]
                return [y for e in x for y in flatten(e)]
            print(flatten([1, [2, [3, [4]], 5], []]))
        """),
        src(r"""
            def is_even(n):
                return True if n == 0 else is_odd(n - 1)
            def is_odd(n):
                return False if n == 0 else is_even(n - 1)
            print(is_even(30), is_odd(7))
        """),
        src(r"""
            def depth(n):
                return 0 if n == 0 else 1 + depth(n - 1)
            print(depth(50))
        """),
        src(r"""
            def hanoi(n):
                return 0 if n == 0 else 2 * hanoi(n - 1) + 1
            print(hanoi(20))
        """),
        src(r"""
            def perms(s):
                if len(s) <= 1:
                    return [s]
                return [c + p for i, c in enumerate(s) for p in perms(s[:i] + s[i + 1:])]
            print(perms('abc'))
        """),
        src(r"""
            def down(n):
                if n == 0:
                    return 1 // n
                return down(n - 1)
            down(10)
        """),
        src(r"""
            def power_set(xs):
                if not xs:
                    return [[]]
                rest = power_set(xs[1:])
                return rest + [[xs[0]] + r for r in rest]
            print(len(power_set([1, 2, 3, 4])), power_set([1, 2]))
        """),
        src(r"""
            def ack(m, n):
                if m == 0:
                    return n + 1
                if n == 0:
                    return ack(m - 1, 1)
                return ack(m - 1, ack(m, n - 1))
            print(ack(2, 3))
        """),
    ]),
    ("names", "NameError and UnboundLocalError", [
        r"print(undefined)",
        src(r"""
            x = 1
            def f():
                print(x)
                x = 2
            f()
        """),
        src(r"""
            x = 1
            def f():
                x += 1
            f()
        """),
        src(r"""
            def f():
                if False:
                    y = 1
                return y
            f()
        """),
        src(r"""
            def f():
                try:
                    return z
                except NameError as e:
                    return 'caught'
                z = 1
            print(f())
        """),
        src(r"""
            x = 'global'
            def f():
                return x
            def g():
                x = 'local'
                return f()
            print(g())
        """),
        src(r"""
            print(later)
            later = 1
        """),
        src(r"""
            if False:
                def h():
                    pass
            h()
        """),
        src(r"""
            def f():
                return helper_missing()
            f()
        """),
        src(r"""
            def outer():
                def inner():
                    return v
                print(inner())
                v = 1
            outer()
        """),
        src(r"""
            x = 10
            def f():
                for x in range(2):
                    pass
                return x
            print(f(), x)
        """),
        src(r"""
            def f(n):
                if n:
                    v = 'set'
                print(v)
            f(1)
            f(0)
        """),
        src(r"""
            x = 1
            def f():
                y = x + 1
                return y
            print(f())
        """),
        r"print(Print)",
        r"print(true)",
    ]),
    ("errors", "TypeError AttributeError ZeroDivisionError IndexError KeyError", [
        r"print(1 / 0)",
        r"print(1 // 0)",
        r"print(1 % 0)",
        r"print(1.0 / 0)",
        r"print(1 / 0.0)",
        r"print(0.0 / 0)",
        r"print(5 % 0.0)",
        r"print(5.0 // 0)",
        src(r"""
            x = 0
            y = 10 / x
        """),
        src(r"""
            for msg in [1, 2]:
                try:
                    print(msg / 0)
                except ZeroDivisionError as e:
                    print('zde', e)
        """),
        r"print(None + 1)",
        r"print([] + None)",
        r"print({} + {})",
        r"print(-'a')",
        r"print(~1.5)",
        r"print(None.x)",
        r"print((1).foo)",
        r"print([].x)",
        r"print({}.has_key('a'))",
        r"print([1, 2][2])",
        r"print([1][-2])",
        r"print(()[0])",
        r"print(range(3)[3])",
        r"print({'a': 1}['A'])",
        r"print(5[0])",
        r"print(None[0])",
        r"print({}[[]])",
        r"print(len())",
        r"print(abs())",
        r"print(int('1', 2, 3))",
        r"print(sorted())",
        r"print('abc'.upper(1))",
        r"print('a'.join())",
        r"print('a'.split(1))",
        r"print('a'.replace('a'))",
        r"print({}.get(1, 2, 3))",
        r"print(chr())",
        r"print(min(1, 2, 3, key=5))",
        r"print(len(1, 2))",
        r"print(sum(1, 2))",
        r"print(bool(1, 2))",
        r"print(str(1, 2, 3, 4))",
        r"print(isinstance(1))",
        r"print(enumerate())",
        r"print(zip(1))",
        r"print(sorted([1], key=1))",
        r"print(dict(1))",
        r"print(list(1, 2))",
        r"print('x' < None)",
        r"print([] < {})",
        r"print(1 - 'a')",
        r"print([1] - [1])",
        r"print('%s' + 5)",
        r"print((1, 2) * (1, 2))",
        r"print(1 + [])",
        r"print(- [])",
        r"print(f'{1:q}')",
        r"print('a'.center())",
        r"print('abc'.zfill('5'))",
        r"print('abc'.startswith(1))",
        r"print([].sort(1))",
        r"print([].sort(foo=1))",
        r"print({}.update(1))",
        r"print({}.update([1]))",
        r"print({}.pop())",
        r"print([].index())",
        r"print([].insert(1))",
        r"print([].count())",
        r"print(round())",
        r"print(divmod(1))",
        r"print(pow(1))",
        r"print(print.x)",
        r"print(max(key=len))",
        r"print(''.strip(1))",
        r"print('a b'.split(maxsplit='1'))",
        r"print(range(3) + range(3))",
        r"print([1, 2][1:2:0])",
        r"print('x' in 5)",
        r"print(len(range(10 ** 18)))",
        r"print(hex(None))",
        r"print(int('9' * 18), int('-' + '9' * 18))",
        r"print(float('1' * 400) > 1e308)",
    ]),
    ("misc2", "print, strings and expressions", [
        r"print()",
        r"print('a', 'b', sep='-'), print('a', end='!'), print(1, 2, sep=''), print('x\ny'), print('a\n')",
        r"print('a', 'b', sep=None, end=None)",
        r"print('a', 'b', sep=1)",
        r"print('a', end=5)",
        r"print(1, 'a', None, [None], sep=', ')",
        r"print('tab\there', 'nl\\n', r'raw\n', 'tri\nple')",
        src(r'''
            print("""tri
            ple""", 'end')
        '''),
        r"""print('a' 'b' 'c', 'x' f'{1 + 1}' 'z', f'{"q"}' 'r')""",
        r"print(-2 ** 2, not 0 + 1, 1 + 2 * 3 - 4 / 2, (1 + 2) * 3, 2 * 3 % 4, 10 - 3 - 2, 2 ** -1 ** 2)",
        r"print(1 < 2 and 2 < 3 or 1 // 0, 7 // 2 ** 2, -7 % 3 ** 2, 3 * -1 ** 2)",
        r"print([1, 2, 3][-1:] + [4], 'abc'.upper()[::-1], ['x'][0].upper(), {'a': [1, 2]}['a'][-1])",
        r"print(len(str(2 ** 62)), str(12)[::-1], int(str(5) * 3) + 1, float(str(1.5)) * 2)",
        src(r"""
            x = 10
            y = x if x > 5 else -x
            z = 'big' if y > 100 else 'mid' if y > 5 else 'small'
            print(y, z)
        """),
        src(r"""
            def f():
                print('called')
                return 1
            x = f() if False else 2
            y = 3 if True else f()
            print(x, y)
        """),
        r"print(None is None, [] == [], [] is [], 'a' * 3 == 'aaa', (1, 2) is not None)",
        r"print(repr(repr('a')), str(repr(1.5)), repr(str(1.5)), str([repr('x')]))",
        r"""print(f'{"a" + "b"}', f'{[x for x in range(3)]}', f'{ {"k": 1}["k"] }', f'{(lambda: 5)()}')""",
        r"""print(f'{1}{2}{3}', f'', f'{""}', f'a{""}b', f'{3:{""}}')""",
        r"print('%')",
        r"print('100%', '%d', '%%'.replace('%', 'p'))",
        src(r"""
            msg = 'hello'
            result = msg.upper().replace('L', 'l').center(9, '*')
            print(result, len(result), result.strip('*').lower())
        """),
        src(r"""
            words = ['banana', 'Apple', 'cherry']
            print(sorted(words), sorted(words, key=lambda w: w.lower()), [w[0] for w in words], max(words, key=len))
        """),
        src(r"""
            steps = []
            for name in ['build', 'test', 'deploy']:
                steps.append({'name': name, 'deps': [s['name'] for s in steps]})
            print(steps[-1])
        """),
        src(r"""
            env = {'A': '1'}
            merged = {**env, 'B': '2', **{'A': 'override'}}
            print(merged, list(merged), [*merged], (*env, 'x'))
        """),
        src(r"""
            base = ['a', 'b']
            extra = ('c',)
            print([*base, *extra, 'd'], [*range(2), *'xy'], (*base,), [*[], *()])
        """),
        r"print([*5])",
        r"print(*[1, 2], *'ab', sep='|')",
        r"print(*[])",
        src(r"""
            x = [1, 2, 3]
            print(x[len(x) // 2], x[-len(x)], x[:len(x) // 2])
        """),
        r"print(str(123).zfill(6), str(-5).rjust(4, '0'), '3'.isdigit() and int('3') + 1)",
        r"print(bool('False'), bool(0.0), bool('0.0'), str(bool('')), int(bool(3)))",
        r"print(1_0 + 1, 0o777, 0xDEAD_BEEF, 0B11, 1e1_0)",
        r"print(0.1 + 0.7, 1.1 * 1.1, 3.3 / 1.1, 1e-7 + 1, 2.675 * 100)",
    ]),
]


# Added after a first run against the engine: more edges of the same topics,
# appended to them (ids continue the numbering) and two topics of their own.
MORE = [
    ("div", [
        r"print(5 % float('inf'), -5 % float('inf'), 5 // float('inf'), -5 // float('inf'))",
        r"print(float('inf') // 1, divmod(float('inf'), 1), float('inf') % 2)",
        r"print({9007199254740993: 'a', 9007199254740992.0: 'b'}, {2 ** 53: 'a', float(2 ** 53): 'b'})",
        r"print(9223372036854775807 == 9223372036854775808.0, 9223372036854775807 < 9223372036854775808.0, float(9223372036854775807))",
        r"print(9007199254740993 < 9007199254740993.0, max(9007199254740993, 9007199254740992.0), sorted([9007199254740993, 9007199254740992.0, 9007199254740992]))",
        r"print(9007199254740993 in [9007199254740992.0], 9007199254740993 + 1.0, 9223372036854775807 / 1, 9223372036854775807 // 2.0)",
    ]),
    ("fmt", [
        r"""print(f'{"é"!a}', f'{"x😀"!a}')""",
        r"print(f'{1e16:,}', f'{1234.5:,}', format(1e6, ','), format(0.0001, ','), format(-1234.5, '_'))",
        r"print(format(12345, ',x'))",
        r"print(format(1.5, '#x'))",
        r"print(format('abc', '#'))",
        r"print(format('abc', '+'))",
        r"print(format(1, '.2d'))",
        r"""print(f'{3.14159:{"<"}{10}.{2}f}|', f'{"x":{"^"}{5}}|')""",
        r"print(f'{-1:x} {-255:#b} {-0:d} {1_000:_} {-1_000_000:,}')",
        r"print(f'{1e-7:f} {1.5e-7:.10f} {123.456:.1e} {9.999:.2f} {9.995:.2f} {0.5:.0%}')",
        r"print(f'{99.5:.0f} {100.5:.0f} {0.05:.1f} {0.15:.1f} {0.25:.1f} {0.35:.1f}')",
        r"print(f'{1.23456e-5:g} {123456.7:g} {1234567.0:g} {0.0001:g} {1e-4:.2g} {1.5:.0g}')",
        r"""print(f'{123.0:g} {123.0:#g} {1e100:g} {-1e-100:G} {float("nan"):G} {float("-inf"):g}')""",
        r"print(f'{1.0:.0e} {1.0:#.0e} {0.000123:.2e} {9.9999e99:.3e} {5e-324:e}')",
        r"print(f'{12:e} {0:.0f} {123456789:.2e} {True:.1f} {10:%}')",
        r"""print(f'{"abc":>{2}}', f'{"abc":.{0}}|', f'{42:{"+"}}', f'{42:{""}x}')""",
        r"print(f'{255:c}', f'{0x1F600:c}', f'{65:-^5c}')",
        r"print(f'{1114112:c}')",
        r"print(f'{-1:c}')",
        r"print(f'{65:=5c}')",
        r"print(f'{1.5:c}')",
        r"print(format(-0.0, '+'), format(-0.0, ''), format(0.0, '-'), format(-1e-400, '.1f'), format(-0.04, '.1f'))",
        r"print(format(1e15, ''), format(1e16, ''), format(123456789.0, '.10'), format(0.1, '.17'), format(1/3, ''))",
        r"print(format(2 ** 62, ','), format(-(2 ** 62), '_x'), format(2 ** 62, '#o'), format(2 ** 62, 'e'), format(2 ** 62, '.3%'))",
        r"print(format(9007199254740993, '.0f'), format(9007199254740993, 'e'), format(9007199254740993, '.20e'), format(2 ** 60, 'g'))",
        r"print(format(123456789, '.15g'), format(9223372036854775807, 'f'), format(9223372036854775807, '.3e'))",
        r"print(format(1.0, '010'), format(-1.0, '010'), format(1.0, '<010'), format(1.0, '^+10'), format(1.0, '*>10'))",
        r"print(format(12345.6789, '010,.1f'), format(-12345, '010,'), format(12345, '09_'), format(1234, '>+08,'))",
        r"print(format('x', '^'), format('', ''), format('abc', 's'), format('abc', '>5s'))",
        r"print(format(None, ''), format([1], ''), format((1, 'a'), ''), format({'a': 1}, ''))",
        r"print(format(1, '+x'), format(255, ' X'), format(-255, '+#o'), format(5, '#b'), format(True, '#x'))",
    ]),
    ("str", [
        r"print('a,b'.split(',', 0), '  '.split(' '), '  a b '.split(None, 0), '  a b '.rsplit(None, 0), 'a b c'.split(maxsplit=-1))",
        r"print('a\u00a0b'.split(), 'a\u200bb'.split(), 'a\x1cb'.split(), 'a\x85b'.split())",
        r"print('ab'.count('', 1, 1), 'abc'.count('', 5), 'abc'.find('', 4), 'abc'.rfind('', 4), 'abc'.endswith('', 4), 'abc'.count('', 3))",
        r"print('abc'.index('', 4))",
        r"print('abc'.replace('', '-', -1), ''.replace('', ''), 'x'.center(-1), 'abc'.zfill(-1), repr('a\tb'.expandtabs(-1)))",
        r"""print("o'neil".title(), 'ﬁre'.title(), 'hello world'.capitalize())""",
        r"print('ab'.removeprefix(1))",
        r"print(','.join(x for x in ['a', 1]))",
        r"print('abc'.title(), 'ABC DEF'.title(), 'a-b c_d e.f'.title(), 'aB'.swapcase(), '123abc'.title(), 'ÉCOLE é'.title())",
        r"print('  \t'.strip() == '', 'xyx'.strip('xy'), 'a'.strip('abc'), 'aXbXc'.rstrip('cX'), '..a..'.lstrip('.'))",
        r"print('a b'.split(' ', 1), 'a  b'.split(' ', 1), 'a b  '.rsplit(' ', 1), '1,2,,3,'.split(','), 'abc'.rsplit('b'))",
        r"print('a:b:c'.split(':', 5), 'a:b:c'.rsplit(':', -5), ''.split(' '), ' '.split(), ' '.split(' '))",
        r"print('a\r\nb\rc\n\nd'.splitlines(True), '\n'.splitlines(), '\n\n'.splitlines(True), 'x\r'.splitlines())",
        r"print('abcabc'.replace('abc', 'x', 1), 'aaa'.replace('aa', 'b'), 'abc'.replace('b', ''), 'a'.replace('a', 'aa', 1))",
        r"print('hello'.find('l', 2, 3), 'hello'.find('lo', 3, 4), 'hello'.rfind('l', -3, -1), 'hello'.count('l', 10), 'hello'.rfind('h', 1))",
        r"print('a😀b😀c'.find('😀', 2), 'a😀b😀c'.rindex('😀', 0, 3), 'a😀b😀c'.count('😀', 2), '😀😀'.startswith('😀', 1), '😀ab'.endswith('a', 0, 2))",
        r"print('abc'.startswith(('x', 'b'), 1), 'abc'.endswith(('a', 'x'), 0, 1), 'abc'.startswith((), 0))",
        r"print('abc'.startswith(('a', 1)))",
        r"print('12'.zfill(3), '+'.zfill(3), '-0'.zfill(4), '😀'.zfill(3), 'a'.ljust(3, '😀'), 'ab'.center(7, '😀'))",
        r"print('x'.join(['a']), ''.join('abc'), ','.join({'a': 1, 'b': 2}), ' '.join(reversed(['a', 'b'])))",
        r"print(''.join(['a', None]))",
    ]),
    ("list", [
        src(r'''
            x = float('nan')
            l = [x]
            print(l.index(x), l.count(x), l == l, [x] == [x])
            l.remove(x)
            print(l)
        '''),
        r"print([1, 2] == [1, 2.0], [1, 2, 3].index(3, -100), [1] * True)",
        src(r'''
            l = [1]
            l += {'a': 1, 'b': 2}
            print(l)
        '''),
        src(r'''
            l = [1, 2, 3, 4]
            l[::-1] = 'abcd'
            print(l)
            del l[::-1]
            print(l)
        '''),
        src(r'''
            l = [3, 1, 2]
            print(sorted(l) is l, l.copy() == l, l.copy() is l, l[:] is l)
        '''),
        src(r'''
            l = [5, 3, 1]
            l.sort(key=lambda x: x % 3)
            print(l)
            l.sort(key=lambda x: [x])
            print(l)
        '''),
        src(r'''
            l = [1, 2, 3]
            print(l.pop(-3), l, l.pop(1), l)
        '''),
        src(r'''
            l = ['a', 'b']
            l.insert(1, l)
            print(l)
        '''),
        src(r'''
            l = [1, 2, 3]
            print(l.index(2, -2, -1), l.index(3, 1, 100))
        '''),
        r"print([1, 2, 3].index(2, -1))",
        r"print([None] * 3, [1, 2] * 0, [[1]] * 2 == [[1], [1]])",
        src(r'''
            l = [3, 1, 2]
            s = sorted(l, key=lambda x: print(x) or x)
            print(s)
        '''),
        src(r'''
            x = [1, 2, 3]
            y = x
            x = x[:]
            x.append(4)
            print(y, x)
        '''),
    ]),
    ("dict", [
        r"print({}.get([1]))",
        r"print([1] in {1: 2})",
        r"print([] in set())",
        r"print({'a': 1}.pop('a', 1, 2))",
        r"print(sorted({1: 'a'}.keys() | {2}), sorted({1: 'a', 2: 'b'}.keys() & {2}), {1: 2}.values() == {1: 2}.values())",
        src(r'''
            d = {'a': {'b': 1}}
            d['a']['b'] += 1
            print(d)
        '''),
    ]),
    ("func", [
        src(r'''
            def f(*, a):
                return a
            f()
        '''),
        src(r'''
            def f(a, b=1, /, c=2):
                return a, b, c
            print(f(0), f(0, 5, c=6), f(0, 1, 2))
        '''),
        src(r'''
            def f():
                return f
            print(f() is f, f()()() is f)
        '''),
        src(r'''
            def outer():
                fs = []
                for i in range(3):
                    def g():
                        return i
                    fs.append(g)
                return [h() for h in fs]
            print(outer())
        '''),
        src(r'''
            def f(a, b=2, **kw):
                return a, b, kw
            print(f(1, b=3, c=4), f(a=1), f(1, **{'b': 5, 'z': 6}))
        '''),
        src(r'''
            def f(**kw):
                kw['x'] = 1
                return kw
            d = {'y': 2}
            print(f(**d), d)
        '''),
        src(r'''
            def f(*args):
                return args
            t = (1, 2)
            print(f(*t) == t, f(t), f(*t, *t))
        '''),
        src(r'''
            def f(a, *args, b=0):
                return a, args, b
            print(f(1, 2, 3), f(1, b=2), f(*[1, 2], b=3))
        '''),
        src(r'''
            def f(x):
                x.append(1)
                x = [9]
                return x
            l = []
            print(f(l), l)
        '''),
        src(r'''
            def f(n):
                def g():
                    return n
                n += 1
                return g()
            print(f(1))
        '''),
        src(r'''
            def outer():
                x = 'a'
                def mid():
                    def inner():
                        return x
                    return inner()
                return mid()
            print(outer())
        '''),
        src(r'''
            def f():
                return [lambda: j for j in range(3)][0]()
            print(f())
        '''),
        src(r'''
            x = 'g'
            def f():
                return [x for _ in range(1)]
            print(f())
        '''),
        src(r'''
            def f(x, y):
                return x - y
            print(f(y=1, x=10), f(10, y=1))
        '''),
        src(r'''
            def f(a, b):
                pass
            f(1, 2, b=3)
        '''),
        src(r'''
            def f(a, b):
                pass
            f(b=3)
        '''),
        src(r'''
            def f(a, *, b, c):
                pass
            f(1)
        '''),
        src(r'''
            def f():
                pass
            f(x=1)
        '''),
        src(r'''
            f = lambda x, y=1: x * y
            print(f(3), f(3, 4), f(y=2, x=5), (lambda: 'no args')(), (lambda *a, **k: (a, k))(1, k=2))
        '''),
        r"print((lambda x: x)())",
        src(r'''
            callback = None
            callback()
        '''),
        src(r'''
            def f():
                return 1
            print(f.missing)
        '''),
    ]),
    ("comp", [
        src(r'''
            x = [[1, 2]]
            print([y for x in x for y in x])
        '''),
        src(r'''
            d = {print('k') or 1: print('v') or 2 for _ in [0]}
            print(d)
        '''),
        src(r'''
            d = {print('a'): print('b'), print('c'): print('d')}
            print(d)
        '''),
        src(r'''
            x = 5
            def f():
                return [x for x in range(x)]
            print(f())
        '''),
    ]),
    ("order", [
        src(r'''
            def f(a, b, k):
                return a
            f(print(1), print(2), k=print(3))
        '''),
        src(r'''
            d = {}
            d[print('key') or 'k'] = print('val')
            x = y = print('rhs')
            print(d, x, y)
        '''),
        src(r'''
            d = {'a': 1}
            def k():
                print('k')
                return 'a'
            def v():
                print('v')
                return 5
            d[k()] += v()
            print(d)
        '''),
        src(r'''
            def f(x):
                print('f', x)
                return x
            print(f(1) + f(2) * f(3), f(4) < f(5), [f(6), f(7)][f(0)])
        '''),
        src(r'''
            def f(x):
                print(x)
                return x
            f(1) + f(None) + f(3)
        '''),
    ]),
    ("exc", [
        src(r'''
            try:
                1 / 0
            except ValueError:
                print('no')
            except ZeroDivisionError:
                print('first')
            except ZeroDivisionError:
                print('second')
        '''),
        r"raise ValueError from 5",
        src(r'''
            try:
                1 / 0
            except 5:
                pass
        '''),
        r"print(str(KeyError('a', 'b')), str(KeyError()), str(IndexError()), repr(KeyError(('a', 1))), str(KeyError(('a', 1))))",
        src(r'''
            def f():
                try:
                    return 'r'
                finally:
                    raise TypeError('t')
            f()
        '''),
        src(r'''
            def f():
                try:
                    raise ValueError
                except ValueError:
                    return 'from except'
                finally:
                    print('fin')
            print(f())
        '''),
        src(r'''
            def f():
                for i in range(3):
                    try:
                        1 // (i - 1)
                    except ZeroDivisionError:
                        raise
            f()
        '''),
        src(r'''
            def f():
                try:
                    1 // 0
                except ZeroDivisionError:
                    raise ValueError('v')
            f()
        '''),
        src(r'''
            def f():
                try:
                    1 // 0
                finally:
                    print('f')
            f()
        '''),
        src(r'''
            def f():
                raise KeyError('x')
            def g():
                try:
                    f()
                except KeyError as e:
                    raise e
            g()
        '''),
        src(r'''
            e = ValueError('made on line 1')
            print('x')
            raise e
        '''),
        src(r'''
            try:
                pass
            except ValueError:
                pass
            else:
                print('else only')
        '''),
        src(r'''
            for i in range(3):
                try:
                    if i == 0:
                        continue
                    if i == 2:
                        break
                    print('body', i)
                except Exception:
                    pass
                finally:
                    print('fin', i)
            else:
                print('never')
        '''),
        src(r'''
            def f():
                while True:
                    try:
                        return 'ret'
                    finally:
                        print('fin')
            print(f())
        '''),
        src(r'''
            count = 0
            while True:
                try:
                    count += 1
                    if count < 3:
                        raise ValueError(count)
                    break
                except ValueError as e:
                    print('retry', e)
            print('done', count)
        '''),
        src(r'''
            def f():
                try:
                    raise ValueError('inner')
                except ValueError:
                    try:
                        raise KeyError('nested')
                    except KeyError as e:
                        return repr(e)
            print(f())
        '''),
        src(r'''
            try:
                raise ValueError('first')
            except ValueError as a:
                try:
                    raise TypeError('second')
                except TypeError as b:
                    print(a, b)
                print(a)
            print('end')
        '''),
        src(r'''
            try:
                raise ValueError('first')
            except ValueError as a:
                try:
                    raise TypeError('second')
                except TypeError as a:
                    pass
                print(a)
        '''),
        src(r'''
            def f():
                raise
            f()
        '''),
        src(r'''
            try:
                x = 1
            except:
                pass
            raise
        '''),
        src(r'''
            try:
                raise ValueError('x')
            except ValueError:
                pass
            raise
        '''),
        src(r'''
            try:
                raise StopIteration
            except Exception as e:
                print('stop', repr(e))
        '''),
        src(r'''
            try:
                raise RecursionError('deep')
            except RuntimeError as e:
                print(repr(e))
        '''),
        src(r'''
            try:
                raise UnicodeError('u')
            except ValueError as e:
                print('value', e)
        '''),
        src(r'''
            try:
                raise UnboundLocalError('u')
            except NameError as e:
                print('name', e)
        '''),
        r"print(issubclass(KeyError, LookupError), issubclass(bool, int), issubclass(ValueError, (KeyError, Exception)), issubclass(int, bool))",
        r"print(repr(ValueError()), repr(ValueError(1)), repr(ValueError('a', 'b')), str(ValueError(None)), repr(KeyError(None)))",
        r"print(ValueError('a') == ValueError('a'), isinstance(ValueError, Exception), callable(KeyError))",
        src(r'''
            e = ValueError('x', 2)
            print(e.args, e.args[1], len(e.args))
        '''),
        r"raise TypeError('typed') from ValueError('cause')",
    ]),
    ("lines", [
        src(r'''
            xs = [
                1 // x
                for x in [1, 0]
            ]
        '''),
        src(r'''
            print(
                'a',
                1 // 0,
            )
        '''),
        src(r'''
            def f(a):
                return a
            f(
                1,
                2,
            )
        '''),
        src(r'''
            x = ('a'
                 .upper()
                 .nope())
        '''),
        src(r'''
            d = {
                'a': 1,
                'b': {}['x'],
            }
        '''),
        src(r'''
            def deco(f):
                return 1 // 0
            @deco
            def g():
                pass
        '''),
        src(r'''
            def f(x=1 // 0):
                pass
        '''),
        src(r'''
            def f(x):
                return 1 // x
            print([f(x) for x in [1, 0]])
        '''),
        src(r'''
            def f(x):
                return [1 // y for y in x]
            print(f([1, 0]))
        '''),
        r"print(f'{1 // 0}')",
        src(r"""
            x = f'''a
            {1 // 0}
            '''
        """),
        src(r'''
            def f():
                return (
                    1
                    +
                    'a'
                )
            f()
        '''),
        src(r'''
            x = [1, 2,
                 3][5]
        '''),
        src(r'''
            def f(a,
                  b):
                return a
            f(1)
        '''),
        src(r'''
            print(sorted(
                [3, 1],
                key=lambda x:
                    x // 0,
            ))
        '''),
        src(r'''
            assert (1 ==
                    2), 'no'
        '''),
        src(r'''
            raise ValueError(
                'multi line',
            )
        '''),
        src(r'''
            d = {}
            d['a'] = d[
                'b'
            ]
        '''),
        src(r'''
            if 1 // 0:
                pass
        '''),
        src(r'''
            while 1 // 0 == 1:
                pass
        '''),
        src(r'''
            for x in 1 // 0:
                pass
        '''),
        r"x = 1 if 1 // 0 else 2",
    ]),
    ("names", [
        src(r'''
            list = [1]
            print(list)
            print(list('ab'))
        '''),
        src(r'''
            str = 'x'
            print(str(1))
        '''),
        src(r'''
            def f(len):
                return len
            print(f(3), len('ab'))
        '''),
    ]),
    ("conv", [
        r"print(int('  0b1  ', 0), int('00', 0), int('0_0', 0), int('-0x_1f', 0))",
        r"print(int('0_7', 0))",
        r"print(int('1e3'))",
        r"print(int(' '))",
        r"print(int('+-1'))",
        r"print(float('1e'))",
        r"print(float(' nan '), float('-iNF'), float('1.5e+3'), float('0001.5'), float('1_000'))",
        r"print(float('1._5'))",
        r"print(float('_1'))",
        r"print(int(' 12 ', 8), int('Z', 36), int('-0'), int('0' * 30 + '1'), int('1' + '_0' * 5))",
        r"print(int('12', 37))",
        r"print(int('12', 2.0))",
        r"print(int(' ', 16))",
        r"print(int('0x', 16))",
        r"print(int('0x1', 10))",
        r"print(float(' 1_0e1_0 '), float('1E-3'), float('+.5e1'), float('-.0'), float('infinity'), float('+inf'))",
        r"print(float('1e+'))",
        r"print(float('nan1'))",
        r"print(float('0b1'))",
    ]),
    ("floatrepr", [
        r"print(1e23, 9.007199254740993e15, 0.1 + 0.2 == 0.3, round(1e16 + 1), int(1e16 + 1.0))",
        r"print(str(12345678901234567), str(-0), str(0.0), str(-1e-300), str(1e-300 * 1e-300))",
        r"print(bool('a') + bool(''), bool([[]]), bool({0: 0}), bool(0))",
        r"print(repr(0.1 + 0.2), repr(1e16), repr(-1.0), repr(float('nan')), repr([float('inf')]))",
    ]),
    ("loop", [
        src(r'''
            n = 0
            def c():
                global_list.append(1)
                return len(global_list) < 3
            global_list = []
            while c():
                n += 1
            print(n, global_list)
        '''),
        src(r'''
            for i in range(3):
                if i == 2:
                    continue
            else:
                print('else after continue', i)
        '''),
        src(r'''
            d = {'a': 1, 'b': 2}
            for k in d:
                del d[k]
        '''),
        src(r'''
            l = [1, 2, 3]
            for x in l:
                l.pop()
            print(l)
        '''),
        src(r'''
            x = 0
            while x < 5:
                x += 1
                if x == 3:
                    break
            else:
                print('no')
            print(x)
        '''),
        src(r'''
            i = 0
            while i < 3:
                i += 1
            else:
                i = 'else'
            print(i)
        '''),
        src(r'''
            for i in range(2):
                for j in range(2):
                    if i == j == 1:
                        break
                else:
                    print('inner completed', i)
                    continue
                print('inner broke', i)
        '''),
        src(r'''
            res = []
            for x in [1, 2, 3]:
                res.append(x)
                if x == 2:
                    res.append('mid')
            print(res)
        '''),
        src(r'''
            s = 'abc'
            for c in s:
                s = 'zz'
                print(c)
            print(s)
        '''),
        src(r'''
            d = {'a': 1}
            d.update({'a': 2})
            for k, v in d.items():
                d[k] = v * 10
            print(d)
        '''),
        src(r'''
            d = {'a': 1, 'b': 2}
            for k in d:
                d[k] += 1
            print(d)
        '''),
        src(r'''
            d = {'a': 1}
            for k in d:
                d.pop(k)
        '''),
        src(r'''
            l = []
            for x in l:
                print('x')
            l.append(1)
            for x in l:
                l.append(2) if len(l) < 5 else None
            print(l)
        '''),
    ]),
    ("int", [
        r"print(abs(-9223372036854775807), -(-9223372036854775807), 9223372036854775807 * -1)",
        r"print(divmod(-9223372036854775807, 10), -9223372036854775807 // 10, -9223372036854775807 % 10)",
    ]),
    ("seq", [
        r"print(sorted([3, 1, 2], key=lambda x: -x, reverse=True), sorted([], key=len), sorted('a'))",
        r"print(list(zip('ab', range(5), [True, False, None])), list(zip(*zip('ab', 'cd'))))",
        r"print(list(enumerate(range(3), -5)), list(enumerate('ab', True)))",
        r"print(list(enumerate('ab', 1.5)))",
    ]),
    ("minmax", [
        r"print(min([3, 1], key=lambda x: 1 // 0))",
        r"print(max('abc', 'abd', 'ab'), min([[], [0]]), max([(1, [2]), (1, [3])]), max(1, 2.5, True))",
        r"print(min(key=len))",
        r"print(max([1, 2], [3]))",
        r"print(max([3, 1, 2], default=0, key=lambda x: -x), min('', default='empty'))",
        r"print(sorted([[1, 'a'], [1, 2]]))",
        r"print(sorted([(1, 'a'), (0, 2)]), sorted([None]), sorted([[], [1]]))",
        r"print(sorted([None, None]), sorted([None, 1]))",
        r"print(sum([0.5, 0.5, 1]), sum(range(10), -45), sum([[]], []), sum([True, 2.5]))",
        r"print(sum([1, 2], 0.5), sum(x for x in []), sum([], 0.0), sum((), ()))",
        r"print(all(x for x in [1, 2, 0, 1 // 0]), any(x for x in [0, 1, 1 // 0]))",
        r"print(all([1, 2, 0, 1 // 0]))",
    ]),
    ("round", [
        r"print(round(-0.5), round(-1.5), round(0.49999999999999994), round(4503599627370496.5), round(-2.5, 0))",
        r"print(round(1.25, 1), round(1.35, 1), round(2.5e-5, 5), round(1.23456789e-10, 15), round(5e-324, 400))",
        r"print(round(123.456, 300), round(0.1, 17), round(1e-320, 322))",
        r"print(round(0.5, 1), round(0.05, 1), round(0.15, 1), round(0.25, 1), round(0.35, 1), round(0.45, 1))",
        r"print(round(2.5, -1), round(25.0, -1), round(35.0, -1), round(-25.0, -1), round(149.99, -2), round(150.0, -2))",
        r"print(round(1e15 + 0.5), round(2 ** 52 + 0.5), round(-(2 ** 52) - 0.5), round(0.49999999999999994))",
        r"print(round(12345.6789, -3), round(-0.0), round(-0.0, 1), round(0.0, -1), round(-1.0, -5))",
        r"print(abs(-3) + abs(3.5) + abs(-True), abs(-1e308 * 10))",
        r"print(divmod(10, 3.5), divmod(-10, 3.5), divmod(10, -3.5), divmod(2 ** 62, 3), divmod(-1, 2 ** 62))",
        r"print(divmod(5.0, float('inf')), divmod(-5.0, float('inf')))",
    ]),
    ("unicode", [
        r"print('A'.isupper(), 'a'.isupper(), ' '.isupper(), 'A '.isupper(), 'Σ'.isupper(), 'ǈ'.islower(), 'ª'.islower())",
        r"print('Ⅻ'.isdigit(), 'Ⅻ'.isnumeric(), 'Ⅻ'.isalpha(), '٣'.isdecimal(), '𝟘'.isdigit(), '①'.isdigit(), '①'.isdecimal())",
        r"print('ß'.isalpha(), 'ǅ'.isalpha(), '中'.isalpha(), '\u0301'.isalpha(), '_'.isalnum(), 'Ⅻ'.isalnum())",
        r"print('ﬁ'.lower(), 'ﬁ'.upper(), 'ﬁ'.title(), 'ŉ'.upper(), 'ΐ'.upper(), 'ẞ'.lower())",
        r"print('İ'.lower() == 'i\u0307', 'I'.lower(), 'ı'.upper(), 'K'.lower(), 'µ'.upper(), 'ſ'.upper())",
        r"print('ΌΣ ΑΣ'.lower(), 'Σ'.lower(), 'ΑΣ.'.lower(), 'ΑΣΑ'.lower(), 'aΣ b'.lower())",
    ]),
    ("slice", [
        r"print(list(range(5))[1:4:-1], list(range(5))[-1:0:-1], list(range(5))[::-2], list(range(5))[-100::-1])",
        src(r'''
            a = [1, 2, 3, 4, 5]
            a[1:4] = []
            print(a)
            a[0:0] = a
            print(a)
        '''),
        src(r'''
            a = [1, 2, 3]
            a[1:] = (x * 10 for x in a)
            print(a)
        '''),
        src(r'''
            a = list(range(6))
            a[1::2] = reversed(a[1::2])
            print(a)
        '''),
        src(r'''
            a = [1, 2, 3]
            a[::1] = [9]
            print(a)
        '''),
        src(r'''
            a = [0, 1, 2, 3, 4, 5, 6]
            a[-2:1:-2] = ['x', 'y', 'z']
            print(a)
        '''),
        src(r'''
            a = [1, 2, 3]
            del a[-5:100]
            print(a)
        '''),
        src(r'''
            a = [0, 1, 2, 3, 4, 5]
            del a[4:1:-1]
            print(a)
        '''),
        r"print([1, 2, 3][2 ** 53 + 1 - 2 ** 53], 'abc'[-(2 ** 60):2 ** 60], [0, 1][2 ** 62:])",
        r"print([0, 1, 2][9007199254740993 - 9007199254740992])",
        src(r'''
            x = [0] * 3
            print(x[-9223372036854775807 - 1:9223372036854775807:9223372036854775807])
        '''),
    ]),
    ("tuple", [
        src(r'''
            t = (1, 2, 3)
            print(t[True], t[-1:], t[::2], t[5:], t + ())
        '''),
        src(r'''
            t = ()
            print(t * 5, len(t), tuple(t), t == (), not t)
        '''),
        r"print((1, 2) + 3)",
        src(r'''
            a = 1,
            print(a, len(a))
        '''),
    ]),
    ("pow", [
        r"print(pow(2, 62), pow(-2, 63), pow(2, -1074), pow(0.0, 0), pow(-1, 10 ** 9), pow(1, -5))",
        r"print(pow(2, 3, 1), pow(-1, 3, 5), pow(10, 20, 7), pow(3, 200, 2 ** 62))",
        r"print(pow(2, 0.5, 3))",
    ]),
    ("range", [
        r"print(list(reversed([])), list(reversed('')), list(reversed(range(0))), list(reversed(range(1, 10, 3))))",
        r"print(len(range(1, 10, 3)), range(1, 10, 3)[2], range(1, 10, 3)[-3], range(0, -10, -3)[1:], range(10)[::2][::2])",
        r"print(list(range(0, 10, 3))[::-1] == list(range(10)[::3][::-1]), range(10)[-3:-1], range(10)[8:100])",
        r"print(0 in range(0), -1 in range(-5, 0), 1.5 in range(3), True in range(2), 'a' in range(3))",
        r"print(list(range(2 ** 60, 2 ** 60 + 3)), 2 ** 60 + 1 in range(2 ** 61), len(range(2 ** 62)))",
        r"print(range(2 ** 60)[2 ** 59:2 ** 59 + 2], list(range(2 ** 60)[2 ** 59 + 1:2 ** 59 + 3]))",
        r"print(range(2 ** 53 + 10)[-1])",
        r"print(range(10 ** 18)[-1], range(10 ** 18)[10 ** 17 + 1])",
        r"print(len(range(-9223372036854775807, 9223372036854775807)))",
    ]),
    ("misc", [
        r"print(isinstance(True, (str, bool)), isinstance(1.5, int), isinstance(None, str))",
        r"print(chr(0x10FFFF) == '\U0010ffff', ord('\U0010ffff'), chr(127), repr(chr(127)), repr(chr(160)), repr(chr(173)))",
        r"print(repr('\u2028'), repr('\x85'), repr('\ufeff'), repr('\U000e0001'), repr('\u0378'), repr('a\u0300'))",
        r"print(hex(-1), oct(0), bin(-1), hex(2 ** 62), bin(False))",
        r"print(oct(1.0))",
    ]),
]

NEW_TOPICS = {"order": "evaluation order", "lines": "error lines in multi-line constructs"}
for more_key, more_sources in MORE:
    for key, _, sources in TOPICS:
        if key == more_key:
            sources.extend(more_sources)
            break
    else:
        TOPICS.append((more_key, NEW_TOPICS[more_key], list(more_sources)))


def run_case(source):
    proc = subprocess.run(
        [sys.executable, "-I", "-W", "ignore::SyntaxWarning", "-c", RUNNER],
        input=source,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PYTHONHASHSEED": "0", "PYTHONIOENCODING": "utf-8"},
        timeout=60,
    )
    if proc.returncode != 0:
        raise SystemExit(f"runner failed on {source!r}:\n{proc.stderr}")
    if proc.stderr.strip():
        sys.stderr.write(f"note: CPython wrote to stderr for {source!r}:\n{proc.stderr}\n")
    return json.loads(proc.stdout)


def main():
    if sys.version_info[:2] != (3, 11):
        sys.stderr.write(f"warning: the spec targets CPython 3.11; this is {sys.version.split()[0]}\n")
    cases = []
    seen = set()
    for key, topic, sources in TOPICS:
        for n, source in enumerate(sources, 1):
            if not source.endswith("\n"):
                source += "\n"
            if source in seen:
                raise SystemExit(f"duplicate case {source!r}")
            seen.add(source)
            cases.append({"id": f"{key}-{n:02d}", "topic": topic, "source": source})
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 4) as pool:
        results = list(pool.map(lambda c: run_case(c["source"]), cases))
    for case, result in zip(cases, results):
        if result["error"] and result["error"]["kind"] in ("SyntaxError", "IndentationError"):
            raise SystemExit(f"case does not compile: {case['source']!r}: {result['error']}")
        case.update(result)
    with open(OUT, "w", encoding="utf-8") as out:
        json.dump({"python": sys.version.split()[0], "cases": cases}, out, indent=2, sort_keys=True, ensure_ascii=False)
        out.write("\n")
    print(f"{len(cases)} cases written to {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
