#!/usr/bin/env python3
"""Batch driver for the reference oracle (../shared/oracle/plue_ref.py).

    python3 oracle-batch.py ORACLE_DIR < cases.txt

Reads one case directory per line on stdin; for each, does what
`plue-ref workflow plan --json [--event event.json] [--prompts .plue/prompts]
.plue/workflows` does with cwd = the case (the arguments
shared/conformance/run passes), and prints one JSON line:
{"case": DIR, "envelope": {...}} or {"case": DIR, "error": "..."}.
One process serves a whole batch: importing the oracle once is what makes
thousands of cases per minute possible. Each case has a time bound (SIGALRM).
"""
import json
import os
import signal
import sys
import traceback


class CaseTimeout(BaseException):
    """Not an Exception: the oracle's `except Exception` must not catch it."""


def on_alarm(_signum, _frame):
    raise CaseTimeout()


def main():
    oracle_dir = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    sys.path.insert(0, oracle_dir)
    import importlib.machinery
    import importlib.util

    spec = importlib.util.spec_from_file_location("plue_ref_cli", os.path.join(oracle_dir, "plue-ref"),
                                                  loader=importlib.machinery.SourceFileLoader("plue_ref_cli", os.path.join(oracle_dir, "plue-ref")))
    cli = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cli)
    plue_ref = cli.plue_ref
    sys.setrecursionlimit(400)  # as plue_ref.main does
    signal.signal(signal.SIGALRM, on_alarm)
    home = os.getcwd()
    for line in sys.stdin:
        case = line.rstrip("\n")
        if not case:
            continue
        try:
            os.chdir(case)
            event = None
            if os.path.exists("event.json"):
                with open("event.json", encoding="utf-8") as f:
                    event = json.load(f)
            prompts = os.path.join(".plue", "prompts") if os.path.isdir(os.path.join(".plue", "prompts")) else None
            signal.alarm(limit)
            try:
                out = plue_ref.plan_files(cli.expand([os.path.join(".plue", "workflows")]), event, prompts)
            finally:
                signal.alarm(0)
            # the same bytes json.dump(..., indent=2) would print, on one line
            text = json.dumps({"case": case, "envelope": out}, ensure_ascii=False)
        except CaseTimeout:
            text = json.dumps({"case": case, "error": f"no answer in {limit} s"})
        except BaseException as e:  # noqa: BLE001 — a crash of the oracle is a result too
            text = json.dumps({"case": case, "error": f"oracle crashed: {type(e).__name__}: {e}",
                               "trace": traceback.format_exc()[-2000:]})
        finally:
            os.chdir(home)
        sys.stdout.write(text + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
