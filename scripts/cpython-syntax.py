#!/usr/bin/env python3
"""Prints what CPython says of each source: one JSON line per input.

Reads a JSON list of source strings on stdin; for each prints
{"ok": true} or {"msg", "line", "col", "end_line", "end_col"} from the
SyntaxError that compile() raises (offsets are 1-based code points). Used to
freeze expected positions into test tables, never at test time.
"""
import json
import sys
import warnings

warnings.simplefilter("ignore")
for source in json.load(sys.stdin):
    try:
        compile(source, "<case>", "exec")
        print(json.dumps({"ok": True}))
    except SyntaxError as e:
        print(json.dumps({"msg": e.msg, "line": e.lineno, "col": e.offset, "end_line": e.end_lineno, "end_col": e.end_offset, "type": type(e).__name__}))
    except (ValueError, RecursionError, MemoryError) as e:
        print(json.dumps({"msg": str(e), "type": type(e).__name__}))
