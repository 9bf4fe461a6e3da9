"""Warm in-process timing of the reference oracle (bench/cli.mjs drives it).

    python3 bench/oracle_inprocess.py ORACLE_DIR < jobs.json > times.json

jobs.json: {"iterations": N, "warmup": W, "files": [{"path": P, "cwd": D, "event": FILE or null, "prompts": DIR or null}]}.
For each file, plan_files([P], EVENT, DIR) -- the oracle's whole in-process
pipeline for one file: read, hash, decode, parse, policy checks
(RestrictedPython's compile when it is importable), exec, plan JSON values --
is called W times untimed, then N times under time.perf_counter().
Prints {"have_rp": bool, "python": ..., "files": [{"path", "seconds": [...]}]}.
"""
import json
import os
import sys
import time


def main(argv):
    sys.path.insert(0, argv[1])
    import plue_ref  # noqa: E402

    jobs = json.load(sys.stdin)
    sys.setrecursionlimit(400)  # as plue_ref.main does
    out = {"have_rp": plue_ref.HAVE_RP, "python": sys.version.split()[0], "executable": sys.executable, "files": []}
    here = os.getcwd()
    for job in jobs["files"]:
        os.chdir(job["cwd"])
        event = None
        if job.get("event"):
            with open(job["event"], encoding="utf-8") as f:
                event = json.load(f)
        try:
            for _ in range(jobs["warmup"]):
                plue_ref.plan_files([job["path"]], event, job["prompts"])
            seconds = []
            for _ in range(jobs["iterations"]):
                t = time.perf_counter()
                plue_ref.plan_files([job["path"]], event, job["prompts"])
                seconds.append(time.perf_counter() - t)
        finally:
            os.chdir(here)
        out["files"].append({"path": job["path"], "cwd": job["cwd"], "seconds": seconds})
    json.dump(out, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
