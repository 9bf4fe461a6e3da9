#!/usr/bin/env node
// Freezes the reference oracle's plans for the workflow cases in
// test/fixtures/plue-cases/ into each case's expected.json.
//
//     node scripts/freeze-plue-cases.mjs [CASE ...]
//
// Each case directory holds .plue/workflows/*.py, optionally .plue/prompts/
// and event.json. The oracle runs exactly as the conformance harness runs a
// workflow case: cwd = the case, `plue-ref workflow plan --json [--event
// event.json] [--prompts .plue/prompts] .plue/workflows`. Its stdout is stored
// byte for byte (Python's JSON: key order, int/float spelling). The oracle is
// found at $PLUE_REF or ../shared/oracle/plue-ref beside this repository.
// Run by hand when cases change, never at test time; commit the results.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const casesDir = path.join(repo, 'test', 'fixtures', 'plue-cases');
const oracle = process.env.PLUE_REF || path.resolve(repo, '..', 'shared', 'oracle', 'plue-ref');

if (!fs.existsSync(oracle)) {
  console.error(`freeze-plue-cases: oracle not found at ${oracle} (set PLUE_REF)`);
  process.exit(2);
}

/** The CLI arguments after `workflow plan --json` for a case directory. */
function caseArgs(dir) {
  const args = [];
  if (fs.existsSync(path.join(dir, 'event.json'))) args.push('--event', 'event.json');
  if (fs.existsSync(path.join(dir, '.plue', 'prompts'))) args.push('--prompts', '.plue/prompts');
  args.push('.plue/workflows');
  return args;
}

const wanted = process.argv.slice(2);
const names = fs
  .readdirSync(casesDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .filter((n) => wanted.length === 0 || wanted.includes(n))
  .sort();

let failed = 0;
for (const name of names) {
  const dir = path.join(casesDir, name);
  const result = spawnSync('python3', [oracle, 'workflow', 'plan', '--json', ...caseArgs(dir)], {
    cwd: dir,
    encoding: 'buffer',
    env: { ...process.env, PYTHONHASHSEED: '0' },
  });
  if (result.error || (result.status !== 0 && result.status !== 1)) {
    failed++;
    console.error(`${name}: oracle failed (status ${result.status}): ${result.stderr.toString('utf8').slice(-400)}`);
    continue;
  }
  const envelope = JSON.parse(result.stdout.toString('utf8'));
  const hasErrors = envelope.diagnostics.length > 0;
  if (result.status !== (hasErrors ? 1 : 0)) {
    failed++;
    console.error(`${name}: oracle exit ${result.status} does not match its diagnostics`);
    continue;
  }
  fs.writeFileSync(path.join(dir, 'expected.json'), result.stdout);
  console.log(`${name}: ${envelope.files.length} file(s), ${envelope.diagnostics.length} diagnostic(s)`);
}
console.log(`${names.length - failed} frozen, ${failed} failed`);
process.exit(failed ? 1 : 0);
