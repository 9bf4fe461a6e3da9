// Timed child processes and peak RSS via bench/lib/maxrss.py.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO } from './util.mjs';

/** Runs a command to completion; wall time in ms (spawn to exit), exit status and stdout. */
export function timed(cmd, args, cwd) {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const ms = performance.now() - t;
  if (r.error) throw r.error;
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

/** Peak RSS (MB) of one run of cmd, measured by getrusage(RUSAGE_CHILDREN) in a python3 wrapper. */
export function peakRssMb(python, cmd, args, cwd) {
  const r = spawnSync(python, [path.join(REPO, 'bench', 'lib', 'maxrss.py'), cmd, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  const m = /maxrss_kb=(\d+)\s*$/.exec(r.stderr.toString());
  return m ? Number(m[1]) / 1024 : NaN;
}
