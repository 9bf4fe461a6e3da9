// A workflow an analysis worker evaluates a few times right after it starts,
// before any document arrives: the parser, the passes and the interpreter's
// common paths (calls with keywords, comprehensions, f-strings, str and dict
// methods, ctx.run/parallel, triggers) are then compiled by V8, so the first
// real document is answered at warm speed instead of interpreted-bytecode
// speed. Its results are thrown away.

export const WARM_UP_WORKFLOW = `
from plue import workflow, push, pull_request, schedule, manual, enum, optional, cache_key, hash_files

IMAGE = "ghcr.io/example/ci:{v}"
TABLE = [
    {"name": "gcc", "version": 13, "os": "linux", "stds": [17, 20]},
    {"name": "clang", "version": 17, "os": "linux", "stds": [17, 20, 23]},
    {"name": "msvc", "version": 2022, "os": "windows", "stds": [20]},
]
FLAGS = {"address": "-fsanitize=address", "undefined": "-fsanitize=undefined"}


def env_for(entry, *, extra=None):
    env = {"CC": f"{entry['name']}-{entry['version']}", "TARGET": entry["os"].upper()}
    env.update(extra or {})
    return env


def command(*parts, sep=" "):
    cleaned = [str(p).strip().replace("  ", " ") for p in parts if p]
    return sep.join(cleaned)


def cells(ctx, gate):
    out = []
    for entry, shard in [(e, s) for e in sorted(TABLE, key=lambda e: (e["os"], -e["version"])) for s in range(8)]:
        for i, std in enumerate(entry["stds"]):
            if std < 17 or (entry["os"] == "windows" and i > 0):
                continue
            name = "%s %d c++%d shard %d" % (entry["name"], entry["version"], std, shard)
            build = ctx.run(f"build {name}", command("cmake", "--build", f"build/{std:02d}"), env=env_for(entry), depends_on=gate)
            out.append(ctx.run(f"test {name}", command("ctest", "-j", str(max(2, len(out)))), depends_on=build, cache=cache_key("t", name, hash_files("CMakeLists.txt"))))
    return out


@workflow(triggers=[push(branches=["main"]), pull_request(), schedule("0 1 * * *"), manual(inputs={"mode": optional(enum("a", "b"))})], image=IMAGE.replace("{v}", "1"))
def ci(ctx):
    lint = ctx.run("lint", " && ".join(["ruff check .", "ruff format --check ."]))
    tests = cells(ctx, lint)
    sanitizers = [ctx.run(f"san {k}", f"make FLAGS='{v}'", env={"K": k}, depends_on=lint) for k, v in FLAGS.items() if k != "memory"]
    summary = {"tests": len(tests), "sanitizers": len(sanitizers), "total": len(tests) + len(sanitizers)}
    rows = [f"{k:<12}{v:>4}" for k, v in summary.items()]
    ctx.run("summary", "\\n".join(rows), depends_on=[ctx.parallel(tests), ctx.parallel(sanitizers)])
    if ctx.event.type == "push" and ctx.event.ref.endswith("/main"):
        ctx.run("publish", "make publish", env={"TOKEN": ctx.secrets.TOKEN}, depends_on=tests[-1])
`;

/** How many times, at most, and for how long, a worker evaluates the warm-up workflow. */
export const WARM_UP_RUNS = 25;
export const WARM_UP_BUDGET_MS = 400;
