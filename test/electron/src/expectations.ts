// What the suite expects: computed by the runner from the CLI (the same engine
// as the language server) and handed to the extension host in
// PLUE_TEST_EXPECTATIONS. scripts/e2e-code-server.mjs uses it too, to run the
// suite in code-server's extension host.

import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export interface Expectations {
  /** `plue workflow lint --format json` of the workspace; file = base name. */
  diagnostics: { kind: string; message: string; file: string; line: number; column: number }[];
  /** Hovering `word` in the line containing `line` of `file` shows this step. */
  hover: { file: string; line: string; word: string; stepId: string; stepType: string };
}

/** The expectations for a copy of test/electron/fixture at `workspace`. */
export function expectationsFor(root: string, workspace: string): Expectations {
  const plue = path.join(root, 'bin', 'plue');
  const workflows = path.join(workspace, '.plue', 'workflows');
  const lint = spawnSync(process.execPath, [plue, 'workflow', 'lint', '--format', 'json', workflows], { encoding: 'utf8' });
  if (lint.status !== 0 && lint.status !== 1) throw new Error(`plue workflow lint failed: ${lint.stderr}`);
  const diagnostics = lint.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Expectations['diagnostics'][number])
    .map((d) => ({ ...d, file: path.basename(d.file) }));
  const plan = spawnSync(process.execPath, [plue, 'workflow', 'plan', '--json', path.join(workflows, 'ci.py')], { encoding: 'utf8' });
  if (plan.status !== 0) throw new Error(`plue workflow plan ci.py failed: ${plan.stderr}`);
  const envelope = JSON.parse(plan.stdout) as { files: { workflows: { steps: { id: string; name: string; type: string }[] }[] }[] };
  const steps = envelope.files[0]?.workflows[0]?.steps ?? [];
  const goTest = steps.find((s) => s.name === 'go test');
  if (!goTest) throw new Error('ci.py has no step "go test"');
  return { diagnostics, hover: { file: 'ci.py', line: 'test = ctx.run(', word: 'test', stepId: goTest.id, stepType: goTest.type } };
}

/** In the extension host: the workspace and expectations the runner passed. */
export function readExpectations(): { workspace: string; expectations: Expectations } {
  const workspace = process.env.PLUE_TEST_WORKSPACE;
  const json = process.env.PLUE_TEST_EXPECTATIONS;
  if (!workspace || !json) throw new Error('PLUE_TEST_WORKSPACE and PLUE_TEST_EXPECTATIONS are set by test/electron/out/run.js');
  return { workspace, expectations: JSON.parse(json) as Expectations };
}
