// What the CLI shows of evaluation (spec §7, §8): the readable plan (steps
// as a tree with dependencies), `workflow list`, print() on stderr as
// file:line: text, Python-style tracebacks in text output, and malformed
// prompt frontmatter reported on the prompt file with its line.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { envelopeOf, makeTree, plue, tempRoots } from './cli-harness';

const TWO_WORKFLOWS = [
  'from plue import workflow, push, manual',
  '',
  '@workflow(triggers=[push(), manual()])',
  'def ci(ctx):',
  '    build = ctx.run("build", "make")',
  '    test = ctx.run("test", f"make test # {build.exit_code}")',
  '    ctx.parallel([build, test])',
  '',
  '@workflow(triggers=[manual()], image="alpine:3")',
  'def deploy(ctx):',
  '    print("planning deploy", 3)',
  '    ctx.run(cmd="./deploy.sh\\nmore")',
  '',
].join('\n');

const TRACEBACK = [
  'from plue import workflow, push',
  '',
  'commands = {"linux": "make"}',
  '',
  'def step_for(ctx, target):',
  '    return ctx.run("test", cmd=commands[target])',
  '',
  '@workflow(triggers=[push()])',
  'def ci(ctx):',
  '    for t in ["linux", "linux-arm"]:',
  '        step_for(ctx, t)',
  '',
].join('\n');

describe('plue CLI: evaluation output', function () {
  this.timeout(30000);
  after(function () {
    for (const root of tempRoots) fs.rmSync(root, { recursive: true, force: true });
  });

  it('plan without --json draws each workflow with its steps as a tree and their dependencies', function () {
    const root = makeTree({ 'ci.py': TWO_WORKFLOWS });
    const run = plue(['workflow', 'plan', 'ci.py'], root);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        'ci.py: 2 workflows',
        '  workflow ci (on push, manual; image ubuntu:22.04; 3 steps)',
        '  ├─ step_1 [shell] build: make',
        '  ├─ step_2 [shell] test: make test # {{ steps.step_1.exit_code }}  ← step_1',
        '  └─ step_3 [parallel] parallel {step_1, step_2}',
        '  workflow deploy (on manual; image alpine:3; 1 step)',
        '  └─ step_1 [shell] ./deploy.sh',
        '1 file checked: 2 workflows, 0 tools, 0 errors',
        '',
      ].join('\n'),
    );
  });

  it('print() never changes the plan and goes to stderr as file:line: text', function () {
    const root = makeTree({ 'ci.py': TWO_WORKFLOWS });
    const run = plue(['workflow', 'plan', '--json', 'ci.py'], root);
    assert.equal(run.status, 0);
    assert.equal(run.stderr, 'ci.py:11: planning deploy 3\n');
    const [file] = envelopeOf(run).files;
    assert.equal(file.workflows.length, 2);
  });

  it('workflow list: one line per workflow with its location, triggers and step count', function () {
    const root = makeTree({ 'ci.py': TWO_WORKFLOWS });
    const run = plue(['workflow', 'list', 'ci.py'], root);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'ci.py:3  workflow  ci  on push, manual  (3 steps)\nci.py:9  workflow  deploy  on manual  (1 step)\n');
  });

  it('a run-time error in text output: a traceback through user functions, then the caret line', function () {
    const root = makeTree({ 'ci.py': TRACEBACK });
    const run = plue(['workflow', 'lint', 'ci.py'], root);
    assert.equal(run.status, 1);
    assert.equal(
      run.stdout,
      [
        'Traceback (most recent call last):',
        '  File "ci.py", line 8, in <module>',
        '    @workflow(triggers=[push()])',
        '  File "ci.py", line 11, in ci',
        '    step_for(ctx, t)',
        '  File "ci.py", line 6, in step_for',
        '    return ctx.run("test", cmd=commands[target])',
        "ci.py:6:32: KeyError: 'linux-arm'",
        '        return ctx.run("test", cmd=commands[target])',
        '                                   ^',
        '',
      ].join('\n'),
    );
    const json = envelopeOf(plue(['workflow', 'plan', '--json', 'ci.py'], root));
    assert.deepEqual(json.diagnostics, [{ kind: 'KeyError', message: "'linux-arm'", file: 'ci.py', line: 6, column: 32 }]);
    assert.deepEqual(json.files[0].workflows, []);
  });

  it('an error at module level has no traceback, only the caret line', function () {
    const root = makeTree({ 'ci.py': 'x = 1\ny = x // 0\n' });
    const run = plue(['workflow', 'lint', 'ci.py'], root);
    assert.equal(run.stdout, 'ci.py:2:5: ZeroDivisionError: integer division or modulo by zero\n    y = x // 0\n        ^\n');
  });

  it('a prompt file without a closed frontmatter is a ValueError on that file; a bad max_turns fails where the prompt is called', function () {
    const root = makeTree({
      '.plue/prompts/Review.prompt.md': '---\nname: Review\nmax_turns: many\n---\nReview {{ diff }}\n',
      '.plue/prompts/Open.prompt.md': '---\nname: Open\nclient: x\n',
      '.plue/workflows/ci.py': 'from plue import workflow, push\n\n@workflow(triggers=[push()])\ndef ci(ctx):\n    ctx.run("t", "true")\n',
      '.plue/workflows/open.py': 'from plue.prompts import Open\n',
      '.plue/workflows/review.py': 'from plue import workflow, push\nfrom plue.prompts import Review\n\n@workflow(triggers=[push()])\ndef review(ctx):\n    Review(diff="d")\n',
    });
    const run = plue(['workflow', 'plan', '--json'], root);
    assert.equal(run.status, 1);
    const { diagnostics, files } = envelopeOf(run);
    assert.deepEqual(
      diagnostics.map((d) => `${d.file}:${d.line} ${d.kind}`),
      ['.plue/workflows/open.py:1 ImportError', '.plue/workflows/review.py:6 ValueError', '.plue/prompts/Open.prompt.md:1 ValueError'],
    );
    assert.match(diagnostics[2].message, /not closed/);
    assert.equal(files.find((f) => f.path === '.plue/workflows/ci.py')?.workflows.length, 1);
  });
});
