// Self time by function (top N) of .cpuprofile files written by node --cpu-prof
// (e.g. bench/lsp-latency.mjs --cpu-prof DIR): one table per profile/thread.
//
//   node bench/profile-summary.mjs [--top 25] [--by-file] FILE.cpuprofile...
// --by-file adds up self time per script (tree-sitter, interpreter, ...).
import { readFileSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
let top = 25;
let byFile = false;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--top') top = Number(args[++i]);
  else if (args[i] === '--by-file') byFile = true;
  else files.push(args[i]);
}
if (files.length === 0) {
  console.error('usage: node bench/profile-summary.mjs [--top N] FILE.cpuprofile...');
  process.exit(2);
}

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (dt[i] ?? 0) / 1000;
    const node = byId.get(id);
    const f = node.callFrame;
    const where = f.url ? path.basename(f.url) : '';
    const key = byFile ? where || f.functionName || '(native)' : `${f.functionName || '(anonymous)'} ${where ? `${where}:${f.lineNumber + 1}` : ''}`.trim();
    self.set(key, (self.get(key) ?? 0) + ms);
    total += ms;
  });
  const idle = (self.get('(idle)') ?? 0) + (self.get('(program)') ?? 0);
  console.log(`\n${path.basename(file)}: ${total.toFixed(0)} ms sampled, ${(total - idle).toFixed(0)} ms busy`);
  const rows = [...self.entries()].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [k, ms] of rows) console.log(`${ms.toFixed(1).padStart(9)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${k}`);
}
