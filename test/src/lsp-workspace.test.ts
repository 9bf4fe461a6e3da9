// The language server and the workspace, over a real JSON-RPC connection:
// workflow files nobody opened are planned after initialize (the scan), a
// workflow name defined in two files of one `.plue` directory is a PlanError
// on the later file in byte order of path with related information pointing
// at the first (as the CLI reports it), files created, changed and deleted on
// disk are followed through workspace/didChangeWatchedFiles (workflows and
// prompts), and `.prompt.md` files get their frontmatter diagnostics. Then
// responsiveness: a hostile file evaluates in a worker while other documents
// get their diagnostics and hovers first, it ends with its LimitError, and
// rapid edits of it end with the diagnostics of the last version only.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { plue, type Envelope } from './cli-harness';
import { CONFORMANCE, LspClient, positionOf, REPO, removeDir, tempWorkspace, uriOf, writeFiles, type FileStatus } from './lsp-harness';

const FILE_CREATED = 1;
const FILE_CHANGED = 2;
const FILE_DELETED = 3;

const deployWorkflow = (name: string, comment: string): string => `# ${comment}\nfrom plue import workflow, push\n@workflow(triggers=[push()])\ndef ${name}(ctx):\n    ctx.run("deploy", "make deploy")\n`;

const errors = (p: PublishDiagnosticsParams): Diagnostic[] => p.diagnostics.filter((d) => d.severity === 1);

describe('LSP workspace: scan, duplicate workflows, watched files, prompt files', function () {
  this.timeout(60000);
  let client: LspClient;
  let ws: string;
  const at = (rel: string): string => path.join(ws, rel);
  const uri = (rel: string): string => uriOf(at(rel));
  const watched = (changes: { rel: string; type: number }[]): void => client.notify('workspace/didChangeWatchedFiles', { changes: changes.map((c) => ({ uri: uri(c.rel), type: c.type })) });

  before(async () => {
    ws = tempWorkspace(path.join(REPO, 'examples'));
    writeFiles(ws, {
      '.plue/workflows/broken.py': 'from plue import workflow, push\nimport subprocess\n',
      // Byte order of path puts Zeta.py (Z = 0x5a) before alpha.py (a = 0x61).
      '.plue/workflows/Zeta.py': deployWorkflow('deploy', 'first in byte order'),
      '.plue/workflows/alpha.py': deployWorkflow('deploy', 'second in byte order'),
      '.plue/workflows/nested/deeper/inner.py': 'from plue import workflow, push\n@workflow(triggers=[push()])\ndef inner(ctx):\n    ctx.run("x", 1 / 0)\n',
      '.plue/workflows/triage.py': 'from plue import workflow, push\nfrom plue.prompts import Triage\n\n@workflow(triggers=[push()])\ndef triage(ctx):\n    Triage(issue="x")\n',
      'node_modules/pkg/.plue/workflows/skipped.py': 'import os\n',
    });
    client = await LspClient.start({ folders: [ws], watchFiles: true });
  });
  after(async () => {
    await client?.stop();
    removeDir(ws);
  });

  it('registers file watchers for workflow and prompt files', async () => {
    await client.serverRequested('client/registerCapability');
    const registration = client.serverRequests.find((r) => r.method === 'client/registerCapability')?.params as { registrations: { method: string; registerOptions: unknown }[] };
    assert.deepEqual(
      registration.registrations.map((r) => [r.method, r.registerOptions]),
      [
        [
          'workspace/didChangeWatchedFiles',
          {
            watchers: [
              { globPattern: '**/.plue/workflows/**/*.py', kind: 7 },
              { globPattern: '**/.plue/prompts/*.prompt.md', kind: 7 },
            ],
          },
        ],
      ],
    );
  });

  it('publishes diagnostics for the workflow files nobody opened, nested ones too, skipping node_modules', async () => {
    const broken = await client.diagnostics(uri('.plue/workflows/broken.py'));
    assert.equal(broken.version, undefined);
    assert.deepEqual(
      broken.diagnostics.map((d) => [d.code, d.severity, d.range, d.message]),
      [['ImportError', 1, { start: { line: 1, character: 0 }, end: { line: 1, character: 17 } }, "import of 'subprocess' is not allowed: workflow files can import plue, plue.prompts and plue.tools"]],
    );
    const inner = await client.diagnostics(uri('.plue/workflows/nested/deeper/inner.py'));
    assert.deepEqual(
      inner.diagnostics.map((d) => [d.code, d.range.start]),
      [['ZeroDivisionError', { line: 3, character: 17 }]],
    );
    for (const rel of ['ci.py', 'release.py', 'review.py']) assert.deepEqual(errors(await client.diagnostics(uri(`.plue/workflows/${rel}`))), [], rel);
    // The same as the CLI over the folder, file by file.
    const cli = JSON.parse(plue(['workflow', 'plan', '--json'], ws).stdout) as Envelope;
    assert.deepEqual(
      cli.diagnostics.map((d) => `${d.kind} ${d.file}`),
      ['PlanError .plue/workflows/alpha.py', 'ImportError .plue/workflows/broken.py', 'ZeroDivisionError .plue/workflows/nested/deeper/inner.py', 'ImportError .plue/workflows/triage.py'],
    );
    for (const d of cli.diagnostics) {
      // Files are planned in the background in any order: a duplicate shows once both files are planned.
      await client.diagnosticsWhere(uri(d.file), `${d.kind} at line ${d.line}`, (p) => errors(p).some((x) => x.code === d.kind && x.message === d.message && x.range.start.line === d.line - 1));
    }
    assert.equal(client.latest(uri('node_modules/pkg/.plue/workflows/skipped.py')), undefined);
  });

  it('a workflow name defined twice: a PlanError on the later file in byte order of path, related to the first definition', async () => {
    const later = await client.diagnosticsWhere(uri('.plue/workflows/alpha.py'), 'a PlanError', (p) => p.diagnostics.length > 0);
    const message = "workflow 'deploy' is defined twice (first at .plue/workflows/Zeta.py:3)";
    assert.deepEqual(later.diagnostics, [
      {
        range: { start: { line: 2, character: 0 }, end: { line: 2, character: 28 } },
        severity: 1,
        code: 'PlanError',
        source: 'plue',
        message,
        data: { kind: 'PlanError' },
        relatedInformation: [{ location: { uri: uri('.plue/workflows/Zeta.py'), range: { start: { line: 2, character: 0 }, end: { line: 2, character: 28 } } }, message: "'deploy' is first defined here" }],
      },
    ]);
    assert.deepEqual(client.published(uri('.plue/workflows/Zeta.py')).map((p) => p.diagnostics), [[]]);
    // The CLI reports the same diagnostic at the same place.
    const cli = JSON.parse(plue(['workflow', 'plan', '--json'], ws).stdout) as Envelope;
    assert.deepEqual(
      cli.diagnostics.filter((d) => d.kind === 'PlanError'),
      [{ kind: 'PlanError', message, file: '.plue/workflows/alpha.py', line: 3, column: 1 }],
    );
  });

  it('renaming the later workflow in the editor clears the duplicate; renaming it back brings it again', async () => {
    const alpha = uri('.plue/workflows/alpha.py');
    const text = fs.readFileSync(at('.plue/workflows/alpha.py'), 'utf8');
    client.open(alpha, text);
    await client.analysed(alpha, 1);
    assert.deepEqual(errors(client.latest(alpha) as PublishDiagnosticsParams).map((d) => d.code), ['PlanError']);
    const line = positionOf(text, 'def deploy').line;
    const v2 = client.change(alpha, [{ range: { start: { line, character: 4 }, end: { line, character: 10 } }, text: 'ship' }]);
    assert.deepEqual((await client.diagnostics(alpha, v2)).diagnostics, []);
    const v3 = client.change(alpha, [{ range: { start: { line, character: 4 }, end: { line, character: 8 } }, text: 'deploy' }]);
    assert.deepEqual((await client.diagnostics(alpha, v3)).diagnostics.map((d) => d.code), ['PlanError']);
    const v4 = client.change(alpha, [{ range: { start: { line, character: 4 }, end: { line, character: 10 } }, text: 'ship' }]);
    assert.deepEqual((await client.diagnostics(alpha, v4)).diagnostics, []);
  });

  it('follows workflow files created, changed and deleted on disk (didChangeWatchedFiles)', async () => {
    // Created: gamma.py defines deploy again; Zeta.py is still first.
    let mark = client.mark();
    fs.writeFileSync(at('.plue/workflows/gamma.py'), deployWorkflow('deploy', 'created later'));
    watched([{ rel: '.plue/workflows/gamma.py', type: FILE_CREATED }]);
    const gamma = await client.diagnostics(uri('.plue/workflows/gamma.py'), undefined, mark);
    assert.deepEqual(
      gamma.diagnostics.map((d) => [d.code, d.message, d.relatedInformation?.[0].location.uri]),
      [['PlanError', "workflow 'deploy' is defined twice (first at .plue/workflows/Zeta.py:3)", uri('.plue/workflows/Zeta.py')]],
    );

    // Changed: Zeta.py gets an error, so it defines nothing and gamma.py is first.
    mark = client.mark();
    fs.writeFileSync(at('.plue/workflows/Zeta.py'), deployWorkflow('deploy', 'broken now').replace('make deploy', 'make deploy" + 1 + "'));
    watched([{ rel: '.plue/workflows/Zeta.py', type: FILE_CHANGED }]);
    const zeta = await client.diagnostics(uri('.plue/workflows/Zeta.py'), undefined, mark);
    assert.deepEqual(zeta.diagnostics.map((d) => d.code), ['TypeError']);
    assert.deepEqual((await client.diagnostics(uri('.plue/workflows/gamma.py'), undefined, mark)).diagnostics, []);

    // Deleted: its diagnostics are cleared.
    mark = client.mark();
    fs.rmSync(at('.plue/workflows/Zeta.py'));
    watched([{ rel: '.plue/workflows/Zeta.py', type: FILE_DELETED }]);
    assert.deepEqual((await client.diagnostics(uri('.plue/workflows/Zeta.py'), undefined, mark)).diagnostics, []);
    // And the first definition deleted while a later file defines the same name: the duplicate goes with it.
    fs.writeFileSync(at('.plue/workflows/omega.py'), deployWorkflow('deploy', 'after gamma'));
    mark = client.mark();
    watched([{ rel: '.plue/workflows/omega.py', type: FILE_CREATED }]);
    assert.deepEqual((await client.diagnostics(uri('.plue/workflows/omega.py'), undefined, mark)).diagnostics.map((d) => d.code), ['PlanError']);
    mark = client.mark();
    fs.rmSync(at('.plue/workflows/gamma.py'));
    watched([{ rel: '.plue/workflows/gamma.py', type: FILE_DELETED }]);
    assert.deepEqual((await client.diagnostics(uri('.plue/workflows/omega.py'), undefined, mark)).diagnostics, []);
  });

  it('a prompt file created on disk: the workflow importing it plans, and the prompt gets its diagnostics', async () => {
    const triage = uri('.plue/workflows/triage.py');
    const before = await client.diagnostics(triage);
    assert.deepEqual(
      before.diagnostics.map((d) => [d.code, d.message, d.range.start]),
      [['ImportError', "no prompt named 'Triage' in .plue/prompts (looked for Triage.prompt.md or a prompt with name: Triage)", { line: 1, character: 0 }]],
    );
    const mark = client.mark();
    fs.writeFileSync(at('.plue/prompts/Triage.prompt.md'), '---\nname: Triage\nclinet: anthropic/claude-haiku\ninputs:\n  issue: string\noutput:\n  label: string\n---\nLabel {{ issue }}.\n');
    watched([{ rel: '.plue/prompts/Triage.prompt.md', type: FILE_CREATED }]);
    assert.deepEqual((await client.diagnostics(triage, undefined, mark)).diagnostics, []);
    const prompt = await client.diagnostics(uri('.plue/prompts/Triage.prompt.md'), undefined, mark);
    assert.deepEqual(prompt.diagnostics, [
      {
        range: { start: { line: 2, character: 0 }, end: { line: 2, character: 6 } },
        severity: 2,
        code: 'unknown-key',
        source: 'plue',
        message: "unknown frontmatter key 'clinet'; did you mean 'client'? (known keys: name, description, client, type, inputs, output, tools, max_turns)",
        data: { kind: 'unknown-key', suggestion: 'client' },
      },
    ]);
  });

  it('.prompt.md documents: unclosed frontmatter is a ValueError (as the CLI reports it), unknown keys and odd values are warnings', async () => {
    const promptUri = uri('.plue/prompts/Bad.prompt.md');
    let mark = client.mark();
    client.open(promptUri, '---\nname: Bad\nclient: x\n', 1, 'plue-prompt');
    const unclosed = await client.diagnostics(promptUri, undefined, mark);
    // The CLI on the same prompt file, imported by a workflow.
    const cliDir = tempWorkspace();
    try {
      writeFiles(cliDir, {
        '.plue/prompts/Bad.prompt.md': '---\nname: Bad\nclient: x\n',
        '.plue/workflows/w.py': 'from plue import workflow, push\nfrom plue.prompts import Bad\n',
      });
      const cli = (JSON.parse(plue(['workflow', 'plan', '--json'], cliDir).stdout) as Envelope).diagnostics.filter((d) => d.file === '.plue/prompts/Bad.prompt.md');
      assert.deepEqual(cli, [{ kind: 'ValueError', message: 'prompt frontmatter is not closed: add a --- line after it', file: '.plue/prompts/Bad.prompt.md', line: 1, column: 1 }]);
      assert.deepEqual(
        unclosed.diagnostics.map((d) => [d.code, d.severity, d.source, d.message, d.range.start]),
        [['ValueError', 1, 'plue', cli[0].message, { line: 0, character: 0 }]],
      );
    } finally {
      removeDir(cliDir);
    }

    mark = client.mark();
    client.change(promptUri, [{ text: '---\nname: Bad\nclinet: x\ntype: robot\nmax_turns: 0\n---\nhi\n' }]);
    const warnings = await client.diagnostics(promptUri, undefined, mark);
    assert.deepEqual(
      warnings.diagnostics.map((d) => [d.code, d.severity, d.range]),
      [
        ['unknown-key', 2, { start: { line: 2, character: 0 }, end: { line: 2, character: 6 } }],
        ['prompt-type', 2, { start: { line: 3, character: 0 }, end: { line: 3, character: 4 } }],
        ['prompt-max-turns', 2, { start: { line: 4, character: 0 }, end: { line: 4, character: 9 } }],
      ],
    );
    mark = client.mark();
    client.change(promptUri, [{ text: '---\nname: Bad\nclient: x\n---\nhi\n' }]);
    assert.deepEqual((await client.diagnostics(promptUri, undefined, mark)).diagnostics, []);
    client.close(promptUri);
  });
});

describe('LSP responsiveness: evaluation in workers, cancelled by newer edits', function () {
  this.timeout(90000);
  let client: LspClient;
  let ws: string;
  const uri = (rel: string): string => uriOf(path.join(ws, rel));
  // A hostile file of the security corpus: `while True: continue` in a workflow, line 9.
  const HOSTILE = fs.readFileSync(path.join(CONFORMANCE, 'security', '161-while-true-continue-in-workflow.py'), 'utf8');
  const HOSTILE_LINE = Number(/^# line: (\d+)$/m.exec(HOSTILE)?.[1]);
  const CALM = 'from plue import workflow, push\n\n@workflow(triggers=[push()])\ndef calm(ctx):\n    ctx.run("test", "make test")\n';

  before(async () => {
    ws = tempWorkspace();
    // The step budget out of the way: the loop runs into the 3 s time limit, long enough to overlap everything below.
    client = await LspClient.start({ folders: [ws], settings: { limits: { maxEvalSteps: 1_000_000_000, maxEvalMillis: 3000 } } });
    // Warm up: both workers ready.
    const warm = client.open(uri('.plue/workflows/warm.py'), CALM.replace('calm', 'warm'));
    await client.diagnostics(warm, 1);
  });
  after(async () => {
    await client?.stop();
    removeDir(ws);
  });

  it('other documents get their diagnostics, hovers and plans while a hostile file evaluates; it ends with its LimitError', async () => {
    assert.equal(HOSTILE_LINE, 9);
    const hostile = client.open(uri('.plue/workflows/hostile.py'), HOSTILE);
    const calm = client.open(uri('.plue/workflows/calm.py'), CALM);
    const hover = await client.stampedRequest<Hover | null>('textDocument/hover', { textDocument: { uri: calm }, position: positionOf(CALM, 'run(', 1) });
    assert.ok((hover.result?.contents as { value: string }).value.includes('ctx.run('));
    const calmOpened = await client.diagnosticsReceived(calm, 1);
    const v2 = client.change(calm, [{ range: { start: { line: 4, character: 20 }, end: { line: 4, character: 31 } }, text: 'undefined_name' }]);
    const calmChanged = await client.diagnosticsReceived(calm, v2);
    assert.deepEqual(
      (calmChanged.params as PublishDiagnosticsParams).diagnostics.map((d) => [d.code, d.range.start]),
      [['NameError', { line: 4, character: 20 }]],
    );
    const plan = await client.stampedRequest<Envelope>('plue/plan', { textDocument: { uri: calm } });
    assert.deepEqual(plan.result.diagnostics.map((d) => d.kind), ['NameError']);

    const done = await client.diagnosticsReceived(hostile, 1);
    const [limit] = (done.params as PublishDiagnosticsParams).diagnostics;
    assert.equal(limit.code, 'LimitError');
    assert.equal(limit.severity, 1);
    assert.equal(limit.range.start.line, HOSTILE_LINE - 1);
    assert.equal(limit.message, 'evaluation time limit exceeded (3000 ms per file)');
    for (const [what, seq] of [
      ['hover', hover.seq],
      ['calm.py opened', calmOpened.seq],
      ['calm.py changed', calmChanged.seq],
      ['plue/plan', plan.seq],
    ] as const) {
      assert.ok(seq < done.seq, `${what} (#${seq}) before the hostile file's diagnostics (#${done.seq})`);
    }
  });

  it('rapid edits to a hostile file: each supersedes the last, and only the final version is published', async () => {
    const rapid = client.open(uri('.plue/workflows/rapid.py'), HOSTILE);
    let version = 1;
    // Each edit adds a blank line above the loop, so each version reports another line.
    for (let i = 0; i < 5; i++) version = client.change(rapid, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    assert.equal(version, 6);
    const final = await client.diagnostics(rapid, version);
    assert.deepEqual(
      final.diagnostics.map((d) => [d.code, d.range.start.line]),
      [['LimitError', HOSTILE_LINE - 1 + 5]],
    );
    // Nothing was published or reported for the superseded versions (the status follows the diagnostics).
    await client.analysed(rapid, version);
    const published = client.published(rapid).map((p) => p.version);
    assert.deepEqual(published, [6], JSON.stringify(published));
    const reported = client.received.filter((r) => r.method === 'plue/fileStatus' && (r.params as FileStatus).uri === rapid).map((r) => (r.params as FileStatus).version);
    assert.deepEqual(reported, [6], JSON.stringify(reported));
  });

  it('a hostile file replaced by a calm one before it finishes: the calm version is what is published', async () => {
    const replaced = client.open(uri('.plue/workflows/replaced.py'), HOSTILE);
    const v2 = client.change(replaced, [{ text: CALM.replace('calm', 'replaced') }]);
    assert.deepEqual((await client.diagnostics(replaced, v2)).diagnostics, []);
    assert.deepEqual(
      client.published(replaced).map((p) => p.version),
      [v2],
    );
  });
});
