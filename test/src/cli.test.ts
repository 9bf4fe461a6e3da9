// The `plue` command line (spec §7, §8): bin/plue run as a child process in
// temporary directories. Help and usage errors, the JSON envelope of
// `workflow plan --json`, path expansion and ordering, prompts and events,
// the lint output formats, exit codes and determinism.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { type EnvelopeDiagnostic, envelopeOf, makeTree, plue, tempRoots } from './cli-harness';
import * as os from 'node:os';
import * as path from 'node:path';


const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A clean workflow file defining the workflow `name` (names must differ across the files of one run). */
function cleanWorkflow(name: string): string {
  return ['from plue import workflow, push', '', '', '@workflow(triggers=[push(branches=["main"])])', `def ${name}(ctx):`, '    ctx.run("test", "npm test")', ''].join('\n');
}

const CLEAN = cleanWorkflow('ci');

// CRLF line ends and non-ASCII text: the hash is of the bytes as they are on disk.
const CLEAN_CRLF = '# CI für main ✓\r\nfrom plue import workflow, push\r\n\r\n\r\n@workflow(triggers=[push()])\r\ndef ci_crlf(ctx):\r\n    ctx.run("t", "echo ü")\r\n';

// SecurityError at 3:12 (eval).
const BAD_EVAL = 'from plue import workflow\n\nx = 1; y = eval\n';

const CODE_REVIEW_PROMPT = [
  '---',
  'name: CodeReview',
  'client: anthropic/claude-sonnet',
  'output:',
  '  approved: bool',
  '---',
  'Review this diff: {{ diff }}',
  '',
].join('\n');

const TRIAGE_PROMPT = ['---', 'name: Triage', '---', 'Triage {{ issue }}', ''].join('\n');

after(function () {
  for (const root of tempRoots) fs.rmSync(root, { recursive: true, force: true });
});

describe('plue CLI', function () {
  describe('help', function () {
    const cwd = os.tmpdir();
    const helps: [string[], RegExp][] = [
      [['--help'], /workflow/],
      [['workflow', '--help'], /plan/],
      [['workflow', 'plan', '--help'], /--json/],
      [['workflow', 'plan', '-h'], /--json/],
      [['workflow', 'lint', '--help'], /--format/],
    ];
    for (const [args, mentions] of helps) {
      it(`plue ${args.join(' ')} prints usage on stdout and exits 0`, function () {
        const run = plue(args, cwd);
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /Usage/);
        assert.match(run.stdout, mentions);
        assert.equal(run.stderr, '');
      });
    }

    it('plan help names every option of the spec', function () {
      const { stdout } = plue(['workflow', 'plan', '--help'], cwd);
      for (const flag of ['--json', '--event', '--prompts']) assert.ok(stdout.includes(flag), flag);
    });
  });

  describe('usage errors exit 2', function () {
    let root: string;
    before(function () {
      root = makeTree({ 'ci.py': CLEAN });
    });

    it('an unknown flag is an error with a hint: --jsn suggests --json', function () {
      const run = plue(['workflow', 'plan', '--jsn', 'ci.py'], root);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /--jsn/);
      assert.match(run.stderr, /--json/);
      assert.equal(run.stdout, '');
    });

    it('lint: --fromat suggests --format', function () {
      const run = plue(['workflow', 'lint', '--fromat', 'json', 'ci.py'], root);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /--format/);
    });

    it('an unknown command', function () {
      const run = plue(['frobnicate'], root);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /frobnicate/);
      assert.equal(run.stdout, '');
    });

    it('an unknown workflow subcommand', function () {
      const run = plue(['workflow', 'frobnicate'], root);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /frobnicate/);
    });

    it('a missing file', function () {
      const run = plue(['workflow', 'plan', '--json', 'nope.py'], root);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /nope\.py/);
      assert.equal(run.stdout, '');
    });

    it('a missing directory (lint)', function () {
      const run = plue(['workflow', 'lint', 'no-such-dir'], root);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /no-such-dir/);
    });

    it('a flag without its value', function () {
      const run = plue(['workflow', 'plan', 'ci.py', '--event'], root);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /--event/);
    });

    it('lint --format nope', function () {
      const run = plue(['workflow', 'lint', '--format', 'nope', 'ci.py'], root);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /nope/);
    });
  });

  describe('plan --json', function () {
    let root: string;
    before(function () {
      root = makeTree({ 'ci.py': CLEAN, 'crlf.py': CLEAN_CRLF, 'bad.py': BAD_EVAL, 'sub/bad.py': 'import os\n' });
    });

    it('a clean file: exit 0, the envelope and file entry keys of spec §7, content_hash = sha256 of the bytes', function () {
      const run = plue(['workflow', 'plan', '--json', 'ci.py', 'crlf.py'], root);
      assert.equal(run.status, 0, run.stderr);
      const envelope = envelopeOf(run);
      assert.deepEqual(Object.keys(envelope), ['files', 'diagnostics']);
      assert.deepEqual(envelope.diagnostics, []);
      assert.equal(envelope.files.length, 2);
      for (const file of envelope.files) {
        assert.deepEqual(Object.keys(file), ['path', 'content_hash', 'workflows', 'tools']);
        assert.ok(Array.isArray(file.workflows));
        assert.ok(Array.isArray(file.tools));
        assert.equal(file.content_hash, sha256(fs.readFileSync(path.join(root, file.path))));
        assert.match(file.content_hash, /^[0-9a-f]{64}$/);
      }
      assert.deepEqual(envelope.files.map((f) => f.path), ['ci.py', 'crlf.py']);
      assert.equal(envelope.files[1].content_hash, sha256(Buffer.from(CLEAN_CRLF, 'utf8')));
    });

    it('a file with an error: exit 1 and the diagnostic with kind, file, line and column', function () {
      const run = plue(['workflow', 'plan', '--json', 'bad.py'], root);
      assert.equal(run.status, 1, run.stderr);
      const envelope = envelopeOf(run);
      assert.equal(envelope.diagnostics.length, 1);
      const d = envelope.diagnostics[0];
      assert.deepEqual(Object.keys(d), ['kind', 'message', 'file', 'line', 'column']);
      assert.deepEqual({ kind: d.kind, file: d.file, line: d.line, column: d.column }, {
        kind: 'SecurityError',
        file: 'bad.py',
        line: 3,
        column: 12,
      });
      assert.match(d.message, /eval/);
      // A file with an error contributes no workflows.
      assert.deepEqual(envelope.files.map((f) => [f.path, f.workflows.length, f.content_hash]), [
        ['bad.py', 0, sha256(Buffer.from(BAD_EVAL))],
      ]);
    });

    it('one bad file among good ones: exit 1, every file listed, one diagnostic per bad file', function () {
      const run = plue(['workflow', 'plan', '--json', 'ci.py', path.join('sub', 'bad.py'), 'crlf.py'], root);
      assert.equal(run.status, 1);
      const envelope = envelopeOf(run);
      assert.equal(envelope.files.length, 3);
      assert.deepEqual(
        envelope.diagnostics.map((d) => `${d.file} ${d.kind}@${d.line}:${d.column}`),
        [`${path.join('sub', 'bad.py')} ImportError@1:1`],
      );
      assert.match(envelope.diagnostics[0].message, /^import of 'os' is not allowed/);
    });

    it('without --json: a readable summary and the same exit codes', function () {
      const good = plue(['workflow', 'plan', 'ci.py'], root);
      assert.equal(good.status, 0, good.stderr);
      assert.match(good.stdout, /ci\.py/);
      const bad = plue(['workflow', 'plan', 'bad.py'], root);
      assert.equal(bad.status, 1);
      assert.match(bad.stdout, /bad\.py:3:12: SecurityError: /);
    });
  });

  describe('paths', function () {
    it('a directory contributes every *.py below it, recursively, in byte order of path', function () {
      const pyFiles = [
        'b.py', 'a/z.py', 'B.py', 'a.py', 'a-b.py', 'a/y/q.py', 'a/A.py', '_.py', 'ｚ.py', '😀.py', 'é.py', 'deep/er/est/x.py',
      ];
      const others = ['notes.txt', 'x.pyc', 'a/README.md', 'py', 'a/y/q.py.bak'];
      const files: Record<string, string> = {};
      for (const rel of [...pyFiles, ...others]) files[path.join('wf', rel)] = 'x = 1\n';
      // Two files with errors: diagnostics follow the file order.
      files[path.join('wf', 'b.py')] = 'import os\n';
      files[path.join('wf', 'B.py')] = '_x = 1\n';
      const root = makeTree(files);
      const run = plue(['workflow', 'plan', '--json', 'wf'], root);
      assert.equal(run.status, 1, run.stderr);
      const envelope = envelopeOf(run);
      const expected = pyFiles.map((rel) => path.join('wf', rel)).sort(byteOrder);
      // Byte order, not UTF-16 order: U+FF5A sorts before U+1F600 in UTF-8 but after it in UTF-16.
      assert.ok(expected.indexOf(path.join('wf', 'ｚ.py')) < expected.indexOf(path.join('wf', '😀.py')));
      assert.deepEqual(envelope.files.map((f) => f.path), expected);
      assert.deepEqual(envelope.diagnostics.map((d) => d.file), [path.join('wf', 'B.py'), path.join('wf', 'b.py')]);
    });

    it('defaults to .plue/workflows when no PATH is given', function () {
      const root = makeTree({
        '.plue/workflows/ci.py': CLEAN,
        '.plue/workflows/sub/deploy.py': cleanWorkflow('deploy'),
        '.plue/workflows/README.md': '# not a workflow\n',
        'elsewhere.py': 'import os\n',
      });
      const run = plue(['workflow', 'plan', '--json'], root);
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(envelopeOf(run).files.map((f) => f.path), [
        path.join('.plue', 'workflows', 'ci.py'),
        path.join('.plue', 'workflows', 'sub', 'deploy.py'),
      ]);
      const lint = plue(['workflow', 'lint'], root);
      assert.equal(lint.status, 0, lint.stderr);
    });
  });

  describe('prompts', function () {
    let root: string;
    before(function () {
      root = makeTree({
        '.plue/prompts/CodeReview.prompt.md': CODE_REVIEW_PROMPT,
        '.plue/workflows/review.py': 'from plue import workflow, pull_request\nfrom plue.prompts import CodeReview\n',
        '.plue/workflows/missing.py': 'from plue import workflow\nfrom plue.prompts import Nope\n',
        '.plue/workflows/triage.py': 'from plue.prompts import Triage\n',
        'shared-prompts/Triage.prompt.md': TRIAGE_PROMPT,
      });
    });
    const wf = (name: string): string => path.join('.plue', 'workflows', name);

    it('default to the .plue/prompts beside the workflows: an existing prompt imports', function () {
      const run = plue(['workflow', 'plan', '--json', wf('review.py')], root);
      assert.equal(run.status, 0, run.stdout);
      assert.deepEqual(envelopeOf(run).diagnostics, []);
    });

    it('a missing prompt is an ImportError at its import', function () {
      const run = plue(['workflow', 'plan', '--json', wf('missing.py')], root);
      assert.equal(run.status, 1);
      const [d] = envelopeOf(run).diagnostics;
      assert.deepEqual({ kind: d.kind, line: d.line, column: d.column, file: d.file }, {
        kind: 'ImportError',
        line: 2,
        column: 1,
        file: wf('missing.py'),
      });
      assert.match(d.message, /Nope/);
    });

    it('the prompts beside the workflows are found from another working directory', function () {
      const other = makeTree({});
      const run = plue(['workflow', 'plan', '--json', path.join(root, wf('review.py'))], other);
      assert.equal(run.status, 0, run.stdout);
    });

    it('--prompts DIR overrides the default directory', function () {
      const without = plue(['workflow', 'plan', '--json', wf('triage.py')], root);
      assert.equal(without.status, 1);
      assert.equal(envelopeOf(without).diagnostics[0].kind, 'ImportError');

      const withDir = plue(['workflow', 'plan', '--json', '--prompts', 'shared-prompts', wf('triage.py')], root);
      assert.equal(withDir.status, 0, withDir.stdout);

      // The override replaces the default: CodeReview lives only in .plue/prompts.
      const replaced = plue(['workflow', 'plan', '--json', '--prompts', 'shared-prompts', wf('review.py')], root);
      assert.equal(replaced.status, 1);
      assert.equal(envelopeOf(replaced).diagnostics[0].kind, 'ImportError');
    });
  });

  describe('--event', function () {
    let root: string;
    before(function () {
      root = makeTree({
        'ci.py': CLEAN,
        'event.json': JSON.stringify({ type: 'pull_request', pull_request: { number: 7, base: 'main' } }),
        'broken.json': '{"type": "push",',
      });
    });

    it('a JSON event file is accepted', function () {
      const run = plue(['workflow', 'plan', '--json', '--event', 'event.json', 'ci.py'], root);
      assert.equal(run.status, 0, run.stderr);
    });

    it('an event file that is not JSON is a usage error', function () {
      const run = plue(['workflow', 'plan', '--json', '--event', 'broken.json', 'ci.py'], root);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /broken\.json/);
      assert.equal(run.stdout, '');
    });

    it('a missing event file is a usage error', function () {
      const run = plue(['workflow', 'plan', '--json', '--event=absent.json', 'ci.py'], root);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /absent\.json/);
    });
  });

  describe('lint', function () {
    // Tab-indented, with a second tab before the column: SecurityError at 2:13.
    const TABS = 'def f():\n\treturn [1,\t_y]\n';
    // Non-ASCII (an astral and a BMP character) before the column: SecurityError at 1:15.
    const WIDE = 's = "𝕏é"; x = eval(1)\n';
    let root: string;
    let json: EnvelopeDiagnostic[];
    before(function () {
      root = makeTree({ 'tabs.py': TABS, 'wide.py': WIDE, 'clean.py': CLEAN });
      const run = plue(['workflow', 'plan', '--json', 'tabs.py', 'wide.py'], root);
      json = envelopeOf(run).diagnostics;
      assert.deepEqual(json.map((d) => `${d.file}:${d.line}:${d.column}`), ['tabs.py:2:13', 'wide.py:1:15']);
    });

    it('a clean file: exit 0 and nothing on stdout', function () {
      const run = plue(['workflow', 'lint', 'clean.py'], root);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, '');
    });

    it('text: path:line:col: Kind: message, the source line, and a caret under the column', function () {
      const run = plue(['workflow', 'lint', 'tabs.py', 'wide.py'], root);
      assert.equal(run.status, 1);
      const lines = run.stdout.replace(/\n$/, '').split('\n');
      assert.equal(lines.length, 6, run.stdout);
      const sources: Record<string, string> = { 'tabs.py': TABS, 'wide.py': WIDE };
      json.forEach((d, i) => {
        const [head, shown, caret] = lines.slice(i * 3, i * 3 + 3);
        assert.equal(head, `${d.file}:${d.line}:${d.column}: ${d.kind}: ${d.message}`);
        const source = sources[d.file].split('\n')[d.line - 1];
        assert.ok(shown.endsWith(source), `source line shown: ${JSON.stringify(shown)}`);
        const indent = shown.slice(0, shown.length - source.length);
        assert.match(indent, /^[ \t]*$/);
        const pad = [...source]
          .slice(0, d.column - 1)
          .map((c) => (c === '\t' ? '\t' : ' '))
          .join('');
        assert.equal(caret, `${indent}${pad}^`);
      });
      assert.equal(lines[0], 'tabs.py:2:13: SecurityError: "_y" is an invalid variable name because it starts with "_"');
      // Spelled out: the tab before the column is kept in the padding, and 𝕏 (two UTF-16 units) counts once.
      const indentOf = (shown: string, source: string): string => shown.slice(0, shown.length - source.length);
      assert.equal(lines[2], `${indentOf(lines[1], '\treturn [1,\t_y]')}\t${' '.repeat(10)}\t^`);
      assert.equal(lines[5], `${indentOf(lines[4], WIDE.trimEnd())}${' '.repeat(14)}^`);
    });

    it('--format json: one JSON object per line, as in the envelope', function () {
      const run = plue(['workflow', 'lint', '--format', 'json', 'tabs.py', 'wide.py'], root);
      assert.equal(run.status, 1);
      const lines = run.stdout.replace(/\n$/, '').split('\n');
      assert.equal(lines.length, 2);
      // The envelope's fields, then the stable code (docs/diagnostic-codes.md).
      assert.deepEqual(
        lines.map((l) => JSON.parse(l) as EnvelopeDiagnostic & { code: string }),
        json.map((d) => ({ ...d, code: 'PLUE-SECURITY' })),
      );
    });

    it('--format github: ::error annotations with file, line and col', function () {
      const run = plue(['workflow', 'lint', '--format=github', 'tabs.py', 'wide.py'], root);
      assert.equal(run.status, 1);
      const lines = run.stdout.replace(/\n$/, '').split('\n');
      assert.equal(lines.length, 2);
      lines.forEach((line, i) => {
        assert.ok(line.startsWith('::error file='), line);
        const match = /^::error ([^:]*)::(.*)$/.exec(line);
        assert.ok(match, line);
        const props = new Map(match[1].split(',').map((p) => p.split('=') as [string, string]));
        assert.equal(props.get('file'), json[i].file);
        assert.equal(props.get('line'), String(json[i].line));
        assert.equal(props.get('col'), String(json[i].column));
        assert.ok(match[2].includes(json[i].message.replace(/%/g, '%25')), match[2]);
      });
    });

    it('--format sarif: a SARIF 2.1.0 log with one result per diagnostic', function () {
      const run = plue(['workflow', 'lint', '--format', 'sarif', 'tabs.py', 'wide.py'], root);
      assert.equal(run.status, 1, run.stderr);
      const log = JSON.parse(run.stdout) as { version: string; runs: { results: unknown[] }[] };
      assert.equal(log.version, '2.1.0');
      assert.equal(log.runs[0].results.length, 2);
    });
  });

  describe('determinism', function () {
    let root: string;
    const names = ['alpha.py', 'beta.py', 'gamma.py', 'delta.py'];
    before(function () {
      root = makeTree({
        'alpha.py': CLEAN,
        'beta.py': BAD_EVAL,
        'gamma.py': CLEAN_CRLF,
        'delta.py': 'from plue import nope\n',
      });
    });

    it('the same plan --json twice gives identical bytes', function () {
      const first = plue(['workflow', 'plan', '--json', '.'], root);
      const second = plue(['workflow', 'plan', '--json', '.'], root);
      assert.equal(first.status, 1);
      assert.ok(first.stdoutBytes.equals(second.stdoutBytes));
      assert.equal(envelopeOf(first).files.length, names.length);
    });

    it('shuffled file arguments keep every per-file entry and diagnostic identical', function () {
      const a = envelopeOf(plue(['workflow', 'plan', '--json', ...names], root));
      const b = envelopeOf(plue(['workflow', 'plan', '--json', ...[...names].reverse()], root));
      const c = envelopeOf(plue(['workflow', 'plan', '--json', names[2], names[0], names[3], names[1]], root));
      for (const other of [b, c]) {
        for (const name of names) {
          assert.deepEqual(
            other.files.find((f) => f.path === name),
            a.files.find((f) => f.path === name),
          );
          assert.deepEqual(
            other.diagnostics.filter((d) => d.file === name),
            a.diagnostics.filter((d) => d.file === name),
          );
        }
        assert.equal(other.files.length, names.length);
      }
    });
  });
});
