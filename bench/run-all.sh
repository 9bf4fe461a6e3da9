#!/bin/sh
# One run of every benchmark, as docs/benchmarks.md reports it: results (JSON
# and the printed tables) go to the directory given (default bench-results/).
# Run on an idle machine after `npm ci && npm run build`.
set -eu
cd "$(dirname "$0")/.."
out="${1:-bench-results}"
mkdir -p "$out"
run() { name="$1"; shift; echo "== $name: node $*"; node "$@" --json "$out/$name.json" | tee "$out/$name.txt"; }
run plue-comment bench/lsp-latency.mjs --server plue --edits 200
run plue-code bench/lsp-latency.mjs --server plue --edits 200 --edit-kind code
run pyright bench/lsp-latency.mjs --server pyright --edits 200
run actions bench/lsp-latency.mjs --server actions --edits 200
run plue-open-all bench/lsp-latency.mjs --server plue --edits 20 --open-all ../shared/conformance/workflows
run cli bench/cli.mjs --runs 10 --iterations 50
run scale bench/scale.mjs --sizes 1,10,100,1000 --lines 1000,2500,5000,10000 --runs 3
