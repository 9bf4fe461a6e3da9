// The language server's editor features over a real JSON-RPC connection, on
// the examples and on small workflow files: hovers (a step variable's id, type
// and config as planned; ctx members and builtins from the catalog; the
// placeholder of a run-time expression; a trigger's plan dict; a prompt's
// frontmatter), completion (ctx members, step keyword arguments, triggers,
// prompt and tool names, a prompt step's output fields — also while the line
// does not parse), signature help with the active parameter, document
// symbols, code lenses, go to definition and quick fixes (applied, they make
// the diagnostic go away).

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type {
  CodeAction,
  CodeLens,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Location,
  MarkupContent,
  Position,
  SignatureHelp,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { allCtxDocs, allStepDocs, allToolDocs, allBuiltinDocs, builtinDoc, ctxMemberDoc } from '../../server/out/lsp/catalog/symbol-docs';
import type { Envelope } from './cli-harness';
import { applyEdits, CONFORMANCE, LspClient, positionAfter, positionOf, REPO, removeDir, tempWorkspace, uriOf, writeFiles } from './lsp-harness';

type PlanStep = { id: string; name: string; type: string; config: unknown; depends_on: string[] };
type Plan = { name: string; triggers: unknown[]; steps: PlanStep[] };

const FEATURES = `from plue import workflow, push, pull_request
from plue.prompts import CodeReview
from plue.tools import read_file


@workflow(triggers=[push(branches=["main", "release/*"]), pull_request()], image="alpine:3.20")
def features(ctx):
    build = ctx.run("build", "make build", env={"CI": "1"})
    head = ctx.event.pull_request.head
    review = CodeReview(diff=ctx.git.diff(base="main"), guidelines="be kind", sensitive_paths=[], tools=[read_file(repo=ctx.repo)])
    n = len(["a", "b"])
    ctx.run("report", f"echo {review.approved} {n} {head}", depends_on=[build, review])
`;

const CODE_REVIEW_OUTPUTS = ['approved', 'risk', 'summary', 'top_issue_path', 'top_issue_line', 'top_issue_body'];

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'a hover');
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

describe('LSP features: hover, completion, signature help, symbols, lenses, definition, quick fixes', function () {
  this.timeout(60000);
  let client: LspClient;
  let examples: string;
  let reviewCase: string;
  let featuresUri: string;
  let plan: Plan;

  const file = (rel: string): string => path.join(examples, rel);
  const hoverAt = (uri: string, position: Position): Promise<Hover | null> => client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
  const complete = (uri: string, position: Position): Promise<CompletionItem[]> => client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position });
  const signature = (uri: string, position: Position): Promise<SignatureHelp | null> => client.request<SignatureHelp | null>('textDocument/signatureHelp', { textDocument: { uri }, position });
  const labels = (items: readonly CompletionItem[]): string[] => items.map((i) => i.label);
  const keywordLabels = (items: readonly CompletionItem[]): string[] => labels(items.filter((i) => i.label.endsWith('=')));

  /** A scratch workflow document: its text replaced by `text` with the cursor at `|`; returns the uri and the cursor. */
  let scratchUri: string;
  const scratch = (textWithCursor: string): Position => {
    const cursor = positionOf(textWithCursor, '|');
    client.change(scratchUri, [{ text: textWithCursor.replace('|', '') }]);
    return cursor;
  };

  before(async () => {
    examples = tempWorkspace(path.join(REPO, 'examples'));
    reviewCase = tempWorkspace(path.join(CONFORMANCE, 'workflows', '10-ai-code-review'));
    writeFiles(examples, { '.plue/workflows/features.py': FEATURES });
    client = await LspClient.start({ folders: [examples, reviewCase] });
    featuresUri = client.open(uriOf(file('.plue/workflows/features.py')), FEATURES);
    const diagnostics = await client.diagnosticsAfterAnalysis(featuresUri, 1);
    assert.deepEqual(diagnostics.diagnostics, []);
    const envelope = await client.request<Envelope>('plue/plan', { textDocument: { uri: featuresUri } });
    plan = envelope.files[0].workflows[0] as Plan;
    scratchUri = client.open(uriOf(file('.plue/workflows/scratch.py')), '');
    await client.analysed(scratchUri, 1);
  });
  after(async () => {
    await client?.stop();
    removeDir(examples);
    removeDir(reviewCase);
  });

  // ---------------------------------------------------------------- hover

  describe('hover', () => {
    it('on a step variable: its id, type, name, dependencies and config as the plan has them', async () => {
      const at = positionOf(FEATURES, 'build = ctx.run', 2);
      const hover = await hoverAt(featuresUri, at);
      const step = plan.steps[0];
      assert.deepEqual([step.id, step.type, step.name], ['step_1', 'shell', 'build']);
      assert.equal(
        markdown(hover),
        ['**Step** `step_1` · `shell` · "build" in workflow `features`', '', 'Depends on: nothing (runs first)', '', '```json', JSON.stringify(step.config, null, 2), '```'].join('\n'),
      );
      assert.deepEqual(hover?.range, { start: { line: at.line, character: 4 }, end: { line: at.line, character: 9 } });

      // The prompt step, where it is used (`review` in depends_on=[build, review]).
      const review = plan.steps[1];
      assert.deepEqual([review.id, review.type], ['step_2', 'agent']);
      const used = markdown(await hoverAt(featuresUri, positionOf(FEATURES, 'review])', 1)));
      assert.equal(used, ['**Step** `step_2` · `agent` · "CodeReview" in workflow `features`', '', 'Depends on: nothing (runs first)', '', '```json', JSON.stringify(review.config, null, 2), '```'].join('\n'));
    });

    it('on a step of the examples: step_2 `lint` of ci.py, with its dependency named', async () => {
      const text = fs.readFileSync(file('.plue/workflows/ci.py'), 'utf8');
      const uri = client.open(uriOf(file('.plue/workflows/ci.py')), text);
      await client.analysed(uri, 1);
      const value = markdown(await hoverAt(uri, positionOf(text, 'lint = ctx.run', 1)));
      const ci = (await client.request<Envelope>('plue/plan', { textDocument: { uri } })).files[0].workflows[0] as Plan;
      const lint = ci.steps.find((s) => s.id === 'step_2');
      assert.ok(lint);
      assert.equal(lint.name, 'lint');
      assert.equal(value, ['**Step** `step_2` · `shell` · "lint" in workflow `ci`', '', 'Depends on: `step_1` (install)', '', '```json', JSON.stringify(lint.config, null, 2), '```'].join('\n'));
      client.close(uri);
    });

    it('on ctx.run and on a builtin: the signature and doc from the catalog', async () => {
      const run = ctxMemberDoc('run');
      const len = builtinDoc('len');
      assert.ok(run && len);
      const onRun = markdown(await hoverAt(featuresUri, positionOf(FEATURES, 'ctx.run("build"', 5)));
      assert.ok(onRun.startsWith(`\`\`\`python\n${run.signature}\n\`\`\`\n\n${run.doc}`), onRun);
      assert.match(run.signature, /^ctx\.run\(name: str \| None = None, cmd: str, .*\) -> Step$/);
      const onLen = markdown(await hoverAt(featuresUri, positionOf(FEATURES, 'len(', 1)));
      assert.ok(onLen.startsWith(`\`\`\`python\n${len.signature}\n\`\`\`\n\n${len.doc}`), onLen);
    });

    it('on the ctx parameter: what the context is and its members', async () => {
      const onCtx = markdown(await hoverAt(featuresUri, positionOf(FEATURES, 'def features(ctx)', 14)));
      assert.ok(onCtx.startsWith('```python\nctx: Context\n```'), onCtx);
      for (const member of ['`run`', '`parallel`', '`event`', '`git`', '`secrets`']) assert.ok(onCtx.includes(member), member);
      assert.ok(!onCtx.includes('`git.diff`'), 'nested members are not listed');
    });

    it('on a run-time expression: the placeholder it renders to (ctx.event.pull_request.head under a push event)', async () => {
      const expected = 'Run-time value, known only when the workflow runs. In the plan it renders as\n\n```\n{{ event.pull_request.head }}\n```';
      assert.equal(markdown(await hoverAt(featuresUri, positionOf(FEATURES, 'pull_request.head', 14))), expected);
      // The variable holding it, where it is used in the f-string.
      assert.equal(markdown(await hoverAt(featuresUri, positionOf(FEATURES, '{head}', 2))), expected);
      // A prompt step's output field.
      assert.equal(
        markdown(await hoverAt(featuresUri, positionOf(FEATURES, 'review.approved', 8))),
        'Run-time value, known only when the workflow runs. In the plan it renders as\n\n```\n{{ steps.step_2.output.approved }}\n```',
      );
    });

    it('on a trigger call: its dict in the plan', async () => {
      const triggers = plan.triggers;
      assert.deepEqual(triggers[0], { type: 'push', branches: ['main', 'release/*'] });
      assert.equal(markdown(await hoverAt(featuresUri, positionOf(FEATURES, 'push(branches', 2))), `**Trigger** in the plan:\n\n\`\`\`json\n${JSON.stringify(triggers[0], null, 2)}\n\`\`\``);
      assert.equal(markdown(await hoverAt(featuresUri, positionOf(FEATURES, 'pull_request()', 3))), `**Trigger** in the plan:\n\n\`\`\`json\n${JSON.stringify(triggers[1], null, 2)}\n\`\`\``);
      // The import of `push` is not a call: the catalog's doc.
      const push = builtinDoc('push');
      assert.ok(push);
      assert.ok(markdown(await hoverAt(featuresUri, positionOf(FEATURES, 'push', 1))).includes(push.signature));
    });

    it('on an imported prompt name: its frontmatter (client, type, inputs, outputs, tools, max_turns)', async () => {
      const value = markdown(await hoverAt(featuresUri, positionOf(FEATURES, 'CodeReview', 1)));
      const rows = value.split('\n');
      assert.equal(rows[0], '**Prompt** `CodeReview` — `.plue/prompts/CodeReview.prompt.md`');
      for (const row of [
        '| client | anthropic/claude-sonnet |',
        '| type | agent |',
        '| inputs | diff: string, guidelines: string, sensitive_paths: array |',
        '| outputs | approved: boolean, risk: string, summary: string, top_issue_path: string, top_issue_line: integer, top_issue_body: string |',
        '| tools | read_file, grep, glob |',
        '| max_turns | 10 |',
      ]) {
        assert.ok(rows.includes(row), `${row} in\n${value}`);
      }
      // The same on the name of the call.
      assert.equal(markdown(await hoverAt(featuresUri, positionOf(FEATURES, 'CodeReview(', 1))), value);
    });

    it('answers null where there is nothing to say', async () => {
      assert.equal(await hoverAt(featuresUri, positionOf(FEATURES, '"make build"', 3)), null);
      assert.equal(await hoverAt(featuresUri, { line: 4, character: 0 }), null);
    });
  });

  // ---------------------------------------------------------------- completion

  describe('completion', () => {
    const prelude = 'from plue import workflow, push\nfrom plue.prompts import CodeReview\n\n@workflow(triggers=[push()])\ndef scratch(ctx):\n    lint = ctx.run("lint", "make lint")\n    review = CodeReview(diff="d", guidelines="g", sensitive_paths=[])\n';

    it('after ctx.: the ctx members', async () => {
      const items = await complete(scratchUri, scratch(`${prelude}    ctx.|\n`));
      const expected = allCtxDocs()
        .filter((d) => !d.name.includes('.'))
        .map((d) => d.name);
      assert.deepEqual(labels(items), expected);
      for (const name of ['run', 'parallel', 'event', 'git', 'secrets', 'comment']) assert.ok(labels(items).includes(name), name);
      const run = items.find((i) => i.label === 'run');
      assert.equal(run?.detail, ctxMemberDoc('run')?.signature.split('\n')[0]);
    });

    it('after ctx.git.: its members', async () => {
      assert.deepEqual(labels(await complete(scratchUri, scratch(`${prelude}    ctx.git.|\n`))), ['checkout', 'diff', 'log']);
    });

    it('inside ctx.run(: its keyword arguments, without those already passed by position or keyword', async () => {
      assert.deepEqual(keywordLabels(await complete(scratchUri, scratch(`${prelude}    ctx.run(|)\n`))), ['name=', 'cmd=', 'env=', 'cache=', 'depends_on=']);
      assert.deepEqual(keywordLabels(await complete(scratchUri, scratch(`${prelude}    ctx.run("x", |)\n`))), ['cmd=', 'env=', 'cache=', 'depends_on=']);
      assert.deepEqual(keywordLabels(await complete(scratchUri, scratch(`${prelude}    ctx.run("x", "y", env={}, |)\n`))), ['cache=', 'depends_on=']);
      // Before the closing parenthesis is typed.
      assert.deepEqual(keywordLabels(await complete(scratchUri, scratch(`${prelude}    ctx.run("x", |\n`))), ['cmd=', 'env=', 'cache=', 'depends_on=']);
      const items = await complete(scratchUri, scratch(`${prelude}    ctx.run(|)\n`));
      const cmd = items.find((i) => i.label === 'cmd=');
      assert.deepEqual([cmd?.insertText, cmd?.detail, cmd?.sortText], ['cmd=', 'str', '0cmd']);
      // Builtins follow the keywords.
      assert.ok(labels(items).includes('len'));
    });

    it('inside @workflow( and a trigger: their keyword arguments', async () => {
      assert.deepEqual(keywordLabels(await complete(scratchUri, scratch('from plue import workflow, push\n\n@workflow(|)\ndef w(ctx):\n    pass\n'))), ['triggers=', 'image=', 'dockerfile=']);
      assert.deepEqual(keywordLabels(await complete(scratchUri, scratch('from plue import workflow, push\n\n@workflow(triggers=[push(|)])\ndef w(ctx):\n    pass\n'))), ['branches=']);
    });

    it('inside a prompt call: its inputs, then tools=, max_turns= and depends_on=', async () => {
      assert.deepEqual(keywordLabels(await complete(scratchUri, scratch(`${prelude}    CodeReview(diff="d", |)\n`))), ['guidelines=', 'sensitive_paths=', 'tools=', 'max_turns=', 'depends_on=']);
    });

    it('after from plue.prompts import, from plue.tools import and from plue import: the names there are', async () => {
      const prompts = await complete(scratchUri, scratch('from plue.prompts import |\n'));
      assert.deepEqual(labels(prompts), ['CodeReview', 'SummarizeDiff']);
      assert.equal(prompts[0].detail, 'prompt · .plue/prompts/CodeReview.prompt.md');
      assert.deepEqual(labels(await complete(scratchUri, scratch('from plue.prompts import CodeReview, |\n'))), ['CodeReview', 'SummarizeDiff']);
      const tools = labels(await complete(scratchUri, scratch('from plue.tools import |\n')));
      assert.deepEqual(tools, allToolDocs().map((d) => d.name));
      for (const name of ['read_file', 'write_file', 'shell', 'glob', 'grep', 'websearch']) assert.ok(tools.includes(name), name);
      const plue = labels(await complete(scratchUri, scratch('from plue import |\n')));
      assert.deepEqual(plue, allBuiltinDocs().filter((d) => d.owner === 'plue').map((d) => d.name));
      for (const name of ['workflow', 'push', 'pull_request', 'tool', 'schema']) assert.ok(plue.includes(name), name);
    });

    it("after a prompt step's name and dot: its output fields and the step attributes of its type, while the line does not parse", async () => {
      const items = await complete(scratchUri, scratch(`${prelude}    review.|\n`));
      const agentAttributes = allStepDocs()
        .filter((d) => !d.stepTypes || d.stepTypes.includes('agent'))
        .map((d) => d.name);
      assert.deepEqual(labels(items).sort(), [...agentAttributes, ...CODE_REVIEW_OUTPUTS].sort());
      const approved = items.find((i) => i.label === 'approved');
      assert.equal(approved?.detail, 'boolean · output of CodeReview');
      // A shell step: stdout, stderr, exit_code, outputs and no output fields.
      const shell = labels(await complete(scratchUri, scratch(`${prelude}    lint.|\n`)));
      assert.deepEqual(
        shell.sort(),
        allStepDocs()
          .filter((d) => !d.stepTypes || d.stepTypes.includes('shell'))
          .map((d) => d.name)
          .sort(),
      );
      for (const name of ['stdout', 'stderr', 'exit_code', 'outputs']) assert.ok(shell.includes(name), name);
      assert.ok(!shell.includes('approved'));
    });

    it('after a step name and dot in a planned file: the same, from the plan', async () => {
      const items = labels(await complete(featuresUri, positionAfter(FEATURES, '{review.')));
      for (const name of CODE_REVIEW_OUTPUTS) assert.ok(items.includes(name), name);
      assert.ok(!items.includes('stdout'));
    });
  });

  // ---------------------------------------------------------------- signature help

  describe('signature help', () => {
    it('inside ctx.run("x", : the signature with cmd active, by position or by keyword', async () => {
      const run = ctxMemberDoc('run');
      assert.ok(run);
      for (const text of ['def s(ctx):\n    ctx.run("x", |)\n', 'def s(ctx):\n    ctx.run("x", |\n', 'def s(ctx):\n    ctx.run("x", |\n    y = 1\n']) {
        const help = await signature(scratchUri, scratch(text));
        assert.ok(help, text);
        assert.equal(help.signatures.length, 1);
        const [sig] = help.signatures;
        assert.equal(sig.label, run.signature.split('\n')[0]);
        assert.equal(help.activeSignature, 0);
        assert.equal(help.activeParameter, 1, text);
        const param = sig.parameters?.[1]?.label;
        assert.ok(Array.isArray(param));
        assert.equal(sig.label.slice(param[0], param[1]), 'cmd');
      }
      const byKeyword = await signature(scratchUri, scratch('def s(ctx):\n    ctx.run("x", "y", depends_on=|)\n'));
      const names = byKeyword?.signatures[0].parameters?.map((p) => (Array.isArray(p.label) ? byKeyword.signatures[0].label.slice(p.label[0], p.label[1]) : p.label));
      assert.deepEqual(names, ['name', 'cmd', 'env', 'cache', 'depends_on']);
      assert.equal(byKeyword?.activeParameter, 4);
    });

    it('inside a prompt call: its inputs from the frontmatter', async () => {
      const help = await signature(scratchUri, scratch('from plue.prompts import CodeReview\n\ndef s(ctx):\n    CodeReview(diff="d", guidelines=|)\n'));
      assert.ok(help);
      assert.equal(help.signatures[0].label, 'CodeReview(*, diff: string, guidelines: string, sensitive_paths: array, tools=None, max_turns=None, depends_on=None) -> Step');
      assert.equal(help.activeParameter, 1);
    });

    it('answers null outside any call', async () => {
      assert.equal(await signature(scratchUri, scratch('x = 1|\n')), null);
    });
  });

  // ---------------------------------------------------------------- symbols, lenses

  describe('document symbols and code lenses', () => {
    it('lists each workflow with its steps, each at the call that registered it', async () => {
      const text = fs.readFileSync(file('.plue/workflows/ci.py'), 'utf8');
      const uri = client.open(uriOf(file('.plue/workflows/ci.py')), text);
      await client.analysed(uri, 1);
      const ci = (await client.request<Envelope>('plue/plan', { textDocument: { uri } })).files[0].workflows[0] as Plan;
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.deepEqual(
        symbols.map((s) => [s.name, s.detail, s.kind]),
        [['ci', 'workflow', 12]],
      );
      const decorator = positionOf(text, '@workflow(');
      assert.deepEqual(symbols[0].range, { start: decorator, end: { line: decorator.line, character: text.split('\n')[decorator.line].length } });
      const children = symbols[0].children ?? [];
      assert.deepEqual(
        children.map((c) => [c.name, c.detail]),
        ci.steps.map((s) => [s.name, `${s.type} · ${s.id}`]),
      );
      assert.equal(children.length, 12);
      // install = ctx.run(...) spans lines; the parallel step is an Array.
      const install = children[0];
      assert.deepEqual(install.range.start, positionOf(text, 'ctx.run(', 0, 0));
      assert.deepEqual(install.range.end, positionAfter(text, '\n    )', 0));
      assert.equal(children.find((c) => c.detail?.startsWith('parallel'))?.kind, 18);
      client.close(uri);
    });

    it('puts "N steps · Preview plan" above each workflow and tool, with the plue.previewPlan command', async () => {
      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: featuresUri } });
      const decorator = positionOf(FEATURES, '@workflow(');
      assert.deepEqual(lenses, [
        {
          range: { start: decorator, end: { line: decorator.line, character: FEATURES.split('\n')[decorator.line].length } },
          command: { title: '3 steps · Preview plan', command: 'plue.previewPlan', arguments: [featuresUri, 'features'] },
        },
      ]);
      const releaseText = fs.readFileSync(file('.plue/workflows/release.py'), 'utf8');
      const releaseUri = client.open(uriOf(file('.plue/workflows/release.py')), releaseText);
      await client.analysed(releaseUri, 1);
      const releasePlan = (await client.request<Envelope>('plue/plan', { textDocument: { uri: releaseUri } })).files[0];
      const expected = [...releasePlan.workflows, ...releasePlan.tools].map((p) => {
        const n = (p as Plan).steps.length;
        return `${n} step${n === 1 ? '' : 's'} · Preview plan`;
      });
      const releaseLenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: releaseUri } });
      assert.deepEqual(releaseLenses.map((l) => l.command?.title).sort(), expected.sort());
      assert.ok(releaseLenses.length >= 2);
      client.close(releaseUri);
    });
  });

  // ---------------------------------------------------------------- definition

  describe('go to definition', () => {
    it('from a prompt name to its .prompt.md, found by frontmatter name', async () => {
      const promptUri = uriOf(file('.plue/prompts/CodeReview.prompt.md'));
      const origin = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      assert.deepEqual(await client.request('textDocument/definition', { textDocument: { uri: featuresUri }, position: positionOf(FEATURES, 'CodeReview', 2) }), { uri: promptUri, range: origin });
      assert.deepEqual(await client.request('textDocument/definition', { textDocument: { uri: featuresUri }, position: positionOf(FEATURES, 'CodeReview(', 2) }), { uri: promptUri, range: origin });
      // In the conformance case the file is code-review.prompt.md, named CodeReview in its frontmatter.
      const reviewFile = path.join(reviewCase, '.plue', 'workflows', 'review.py');
      const reviewText = fs.readFileSync(reviewFile, 'utf8');
      const uri = client.open(uriOf(reviewFile), reviewText);
      await client.analysed(uri, 1);
      assert.deepEqual(await client.request('textDocument/definition', { textDocument: { uri }, position: positionOf(reviewText, 'CodeReview', 1) }), {
        uri: uriOf(path.join(reviewCase, '.plue', 'prompts', 'code-review.prompt.md')),
        range: origin,
      });
      client.close(uri);
    });

    it('from a step variable to the call that registered the step', async () => {
      const buildCall = positionOf(FEATURES, 'ctx.run("build"');
      const expected: Location[] = [{ uri: featuresUri, range: { start: buildCall, end: positionAfter(FEATURES, '{"CI": "1"})') } }];
      assert.deepEqual(await client.request('textDocument/definition', { textDocument: { uri: featuresUri }, position: positionOf(FEATURES, 'build, review]', 1) }), expected);
      assert.deepEqual(await client.request('textDocument/definition', { textDocument: { uri: featuresUri }, position: positionOf(FEATURES, 'build = ', 0) }), expected);
      const reviewCall = positionOf(FEATURES, 'CodeReview(diff');
      assert.deepEqual(await client.request('textDocument/definition', { textDocument: { uri: featuresUri }, position: positionOf(FEATURES, 'review])', 2) }), [
        { uri: featuresUri, range: { start: reviewCall, end: positionAfter(FEATURES, 'repo=ctx.repo)])') } },
      ]);
      assert.equal(await client.request('textDocument/definition', { textDocument: { uri: featuresUri }, position: positionOf(FEATURES, 'n = len', 0) }), null);
    });
  });

  // ---------------------------------------------------------------- quick fixes

  describe('quick fixes', () => {
    /** Opens `text` as a workflow file, asks for the code actions of its error diagnostics. */
    const actionsFor = async (name: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[]; actions: CodeAction[] }> => {
      const uri = client.open(uriOf(file(`.plue/workflows/${name}.py`)), text);
      const diagnostics = (await client.diagnosticsAfterAnalysis(uri, 1)).diagnostics;
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics } });
      return { uri, diagnostics, actions };
    };
    /** Applies an action's edit as the next version and returns that version's diagnostics. */
    const apply = async (uri: string, text: string, action: CodeAction): Promise<{ text: string; diagnostics: Diagnostic[] }> => {
      const edits: TextEdit[] = action.edit?.changes?.[uri] ?? [];
      const next = applyEdits(text, edits);
      const version = client.change(uri, [{ text: next }]);
      return { text: next, diagnostics: (await client.diagnosticsAfterAnalysis(uri, version)).diagnostics };
    };
    const head = 'from plue import workflow, push\n\n';

    it('did you mean: a misspelled ctx member becomes the suggested one', async () => {
      const text = `${head}@workflow(triggers=[push()])\ndef fix_member(ctx):\n    a = ctx.run("a", "true")\n    ctx.paralel([a])\n`;
      const { uri, diagnostics, actions } = await actionsFor('fix_member', text);
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.message, d.data]),
        [['AttributeError', "'ctx' has no attribute 'paralel'. Did you mean: 'parallel'?", { kind: 'AttributeError', suggestion: 'parallel' }]],
      );
      assert.equal(actions.length, 1);
      const [action] = actions;
      assert.equal(action.title, "Change to 'parallel'");
      assert.equal(action.kind, 'quickfix');
      assert.equal(action.isPreferred, true);
      const at = positionOf(text, 'paralel');
      assert.deepEqual(action.edit?.changes?.[uri], [{ range: { start: at, end: { line: at.line, character: at.character + 7 } }, newText: 'parallel' }]);
      const after = await apply(uri, text, action);
      assert.ok(after.text.includes('    ctx.parallel([a])\n'));
      assert.deepEqual(after.diagnostics, []);
    });

    it('did you mean: a misspelled name and a ctx.git member', async () => {
      const text = `${head}@workflow(triggers=[push()])\ndef fix_name(ctx):\n    ctx.run("n", f"echo {lenn([1])} {ctx.git.dif()}")\n`;
      const { uri, actions } = await actionsFor('fix_name', text);
      assert.deepEqual(
        actions.map((a) => [a.title, a.edit?.changes?.[uri]]),
        [["Change to 'len'", [{ range: { start: positionOf(text, 'lenn'), end: positionAfter(text, 'lenn') }, newText: 'len' }]]],
      );
      const first = await apply(uri, text, actions[0]);
      assert.deepEqual(
        first.diagnostics.map((d) => [d.code, d.message]),
        [['AttributeError', "'ctx.git' has no attribute 'dif'. Did you mean: 'diff'?"]],
      );
      const second = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: first.diagnostics[0].range, context: { diagnostics: first.diagnostics } });
      assert.deepEqual(
        second.map((a) => [a.title, a.edit?.changes?.[uri]]),
        [["Change to 'diff'", [{ range: { start: positionOf(first.text, 'dif()'), end: positionAfter(first.text, 'ctx.git.dif') }, newText: 'diff' }]]],
      );
    });

    it('"a {}".format(x) becomes an f-string, and a refused import is removed', async () => {
      const text = `${head}import os\n\n@workflow(triggers=[push()])\ndef fix_format(ctx):\n    x = "b"\n    ctx.run("f", "a {} {name!r}".format(x, name=x.upper()))\n`;
      const { uri, diagnostics, actions } = await actionsFor('fix_format', text);
      assert.deepEqual(
        diagnostics.map((d) => d.code),
        ['ImportError', 'SecurityError'],
      );
      const all = [...actions, ...(await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[1].range, context: { diagnostics: [diagnostics[1]] } }))];
      const remove = all.find((a) => a.title === "Remove 'import os'");
      const fstring = all.find((a) => a.title === 'Convert to an f-string');
      assert.ok(remove && fstring, JSON.stringify(all.map((a) => a.title)));
      const importLine = positionOf(text, 'import os').line;
      assert.deepEqual(remove.edit?.changes?.[uri], [{ range: { start: { line: importLine, character: 0 }, end: { line: importLine + 1, character: 0 } }, newText: '' }]);
      assert.equal(remove.isPreferred, false);
      assert.deepEqual(fstring.edit?.changes?.[uri], [{ range: { start: positionOf(text, '"a {}'), end: positionAfter(text, 'name=x.upper())') }, newText: 'f"a {x} {x.upper()!r}"' }]);
      const step1 = await apply(uri, text, fstring);
      assert.deepEqual(step1.diagnostics.map((d) => d.code), ['ImportError']);
      assert.ok(step1.text.includes('ctx.run("f", f"a {x} {x.upper()!r}")'));
      const removeAgain = (await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: step1.diagnostics[0].range, context: { diagnostics: step1.diagnostics } })).find((a) => a.title === "Remove 'import os'");
      assert.ok(removeAgain);
      const step2 = await apply(uri, step1.text, removeAgain);
      assert.ok(!step2.text.includes('import os'));
      assert.deepEqual(step2.diagnostics, []);
    });

    it('a wrong name in a from-import: only that name is removed', async () => {
      const text = 'from plue import workflow, psuh, push\n\n@workflow(triggers=[push()])\ndef fix_import(ctx):\n    ctx.run("a", "b")\n';
      const { uri, diagnostics, actions } = await actionsFor('fix_import', text);
      assert.deepEqual(diagnostics.map((d) => [d.code, d.message]), [['ImportError', "cannot import name 'psuh' from 'plue'"]]);
      assert.deepEqual(
        actions.map((a) => [a.title, a.edit?.changes?.[uri]]),
        [["Remove 'psuh' from the import", [{ range: { start: positionOf(text, 'psuh'), end: positionOf(text, 'push\n') }, newText: '' }]]],
      );
      const after = await apply(uri, text, actions[0]);
      assert.ok(after.text.startsWith('from plue import workflow, push\n'));
      assert.deepEqual(after.diagnostics, []);
    });

    it('offers nothing for a diagnostic without a fix', async () => {
      const text = `${head}@workflow(triggers=[push()])\ndef no_fix(ctx):\n    x = 1 / 0\n`;
      const { diagnostics, actions } = await actionsFor('no_fix', text);
      assert.deepEqual(diagnostics.map((d) => d.code), ['ZeroDivisionError']);
      assert.deepEqual(actions, []);
      // `rnu` is two edits from `run`, too far for a three-letter name (as in CPython): no suggestion, no fix.
      const rnu = `${head}@workflow(triggers=[push()])\ndef no_fix_rnu(ctx):\n    ctx.rnu("x")\n`;
      const other = await actionsFor('no_fix_rnu', rnu);
      assert.deepEqual(other.diagnostics.map((d) => [d.code, d.message, d.data]), [['AttributeError', "'ctx' has no attribute 'rnu'", { kind: 'AttributeError' }]]);
      assert.deepEqual(other.actions, []);
    });
  });
});
