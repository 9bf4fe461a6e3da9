"""CPython side of the differential fuzzer (scripts/fuzz/cpython-fuzz.mjs).

One long-running process: reads JSON lines {"id": ..., "source": ...} on stdin,
exec()s each program in a fresh globals dict (compiled as "<fuzz>"), and writes
one JSON line per program on stdout:

  {"id": ..., "prints": ["...", ...], "error": null | {"kind", "message", "line"}}

print() is replaced by a function that records one entry per call (str() of
the arguments joined by sep), like the engine's `prints`. A program that runs
for more than 1 s is stopped with the kind "Timeout". The line of an error is
that of the innermost frame of the program (as the engine reports it).

A request {"id", "source", "int64": true} instead runs an instrumented copy of
the program and answers {"id", "int64": bool}: whether some int leaves the
engine's 64-bit range, or is a complex number (an operator, call or literal
result): the engine's documented OverflowError and complex ValueError.
"""

import ast
import json
import signal
import sys
import traceback
import warnings

warnings.simplefilter("ignore")


class Timeout(BaseException):
    pass


def on_alarm(signum, frame):
    raise Timeout()


signal.signal(signal.SIGALRM, on_alarm)
sys.setrecursionlimit(10000)


class Int64(BaseException):
    """Raised by the instrumented copy of a program when an int leaves [-2**63, 2**63 - 1] or a complex appears."""


LO, HI = -(2**63), 2**63 - 1


def check(v):
    if type(v) is int and not LO <= v <= HI or type(v) is complex:
        raise Int64()
    if type(v) is tuple:
        for x in v:
            if type(x) is int and not LO <= x <= HI or type(x) is complex:
                raise Int64()
    return v


class Instrument(ast.NodeTransformer):
    """Wraps every operator result, call result and int literal in check(), and re-checks augmented targets."""

    def wrap(self, node):
        self.generic_visit(node)
        return ast.copy_location(ast.Call(ast.Name("CHECK64", ast.Load()), [node], []), node)

    visit_BinOp = visit_UnaryOp = visit_Call = wrap

    def visit_Constant(self, node):
        return self.wrap(node) if type(node.value) is int else node

    def visit_AugAssign(self, node):
        self.generic_visit(node)
        if isinstance(node.target, ast.Name):
            return [node, ast.copy_location(ast.Expr(ast.Call(ast.Name("CHECK64", ast.Load()), [ast.Name(node.target.id, ast.Load())], [])), node)]
        return node


def overflows(source):
    """True when some int of the program leaves the 64-bit range (the engine's documented OverflowError)."""
    try:
        tree = ast.fix_missing_locations(Instrument().visit(ast.parse(source)))
        code = compile(tree, "<fuzz>", "exec")
    except (SyntaxError, ValueError, RecursionError):
        return False
    env = {"__name__": "__main__", "print": lambda *a, **k: None, "CHECK64": check}
    signal.setitimer(signal.ITIMER_REAL, 1.0)
    try:
        exec(code, env)
    except Int64:
        return True
    except BaseException:  # noqa: BLE001
        return False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return False


def run(source):
    prints = []

    def fake_print(*args, sep=" ", end="\n", file=None, flush=False):
        prints.append((" " if sep is None else str(sep)).join(str(a) for a in args))

    env = {"__name__": "__main__", "print": fake_print}
    error = None
    try:
        code = compile(source, "<fuzz>", "exec")
    except SyntaxError as e:
        return prints, {"kind": "SyntaxError", "message": str(e.msg), "line": e.lineno or 0}
    signal.setitimer(signal.ITIMER_REAL, 1.0)
    try:
        exec(code, env)
    except Timeout:
        error = {"kind": "Timeout", "message": "", "line": 0}
    except BaseException as e:  # noqa: BLE001 - every kind is compared
        line = 0
        for frame in traceback.extract_tb(e.__traceback__):
            if frame.filename == "<fuzz>":
                line = frame.lineno
        error = {"kind": e.__class__.__name__, "message": str(e), "line": line}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return prints, error


def main():
    out = sys.stdout
    for raw in sys.stdin:
        if not raw.strip():
            continue
        req = json.loads(raw)
        if req.get("int64"):
            try:
                text = json.dumps({"id": req["id"], "int64": overflows(req["source"])})
            except Timeout:
                text = json.dumps({"id": req["id"], "int64": False})
            out.write(text + "\n")
            out.flush()
            continue
        try:
            prints, error = run(req["source"])
        except Timeout:
            prints, error = [], {"kind": "Timeout", "message": "", "line": 0}
        try:
            text = json.dumps({"id": req["id"], "prints": prints, "error": error})
        except (ValueError, OverflowError):
            text = json.dumps({"id": req["id"], "prints": [], "error": {"kind": "Unencodable", "message": "", "line": 0}})
        out.write(text + "\n")
        out.flush()


if __name__ == "__main__":
    main()
