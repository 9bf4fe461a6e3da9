// docs/workflows.md (the tutorial) and docs/plan-format.md cannot drift from
// what they show. Their marked blocks are checked against examples/tutorial/
// and the real CLI:
//
//   <!-- file: .plue/workflows/ci.py -->   the next fenced block is that file
//                                          of examples/tutorial/, byte for byte;
//   <!-- part of: .plue/workflows/ci.py --> the non-blank lines of the next
//                                          block are lines of that file, in the
//                                          same order (the pieces the steps of
//                                          the tutorial add, in their end state);
//   <!-- evaluates -->                     the next block is a whole workflow file
//                                          (an early state of the tutorial's) that
//                                          `plue workflow lint` accepts;
//   <!-- output -->, <!-- output, exit 1 --> the next ```text block starts with
//                                          `$ plue ARGS`; the rest is exactly what
//                                          bin/plue ARGS prints on stdout, run in
//                                          examples/tutorial/, with that exit
//                                          status (0 unless given) and nothing on
//                                          stderr.
//
// Every file of examples/tutorial/ must be shown in a file block of the
// tutorial, and every python block of the tutorial must be marked, so the
// repository and the page stay one thing.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTree, plue, tempRoots } from './cli-harness';

const ROOT = path.join(__dirname, '..', '..');
const DOCS = path.join(ROOT, 'docs');
const TUTORIAL = path.join(ROOT, 'examples', 'tutorial');

interface MarkedBlock {
  /** 1-based line of the marker in the page. */
  readonly line: number;
  readonly marker: { readonly kind: 'file' | 'part'; readonly file: string } | { readonly kind: 'output'; readonly exit: number } | { readonly kind: 'evaluates' };
  /** The fence's info string (`python`, `text` ...). */
  readonly language: string;
  /** The block's lines joined with \n, with a final \n. */
  readonly content: string;
}

const FILE_MARKER = /^<!-- (file|part of): (\S+) -->$/;
const OUTPUT_MARKER = /^<!-- output(?:, exit (\d+))? -->$/;
const EVALUATES_MARKER = /^<!-- evaluates -->$/;
const ANY_MARKER = /^<!-- (?:file|part of|output|evaluates)\b/;

/** The marked fenced blocks of a Markdown page; a marker not followed by a fence is an error. */
function markedBlocks(markdown: string): MarkedBlock[] {
  const lines = markdown.split('\n');
  const blocks: MarkedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!ANY_MARKER.test(lines[i])) continue;
    const file = FILE_MARKER.exec(lines[i]);
    const output = OUTPUT_MARKER.exec(lines[i]);
    const evaluates = EVALUATES_MARKER.test(lines[i]);
    assert.ok(file || output || evaluates, `line ${i + 1}: malformed marker ${lines[i]}`);
    const fence = /^```(\w+)$/.exec(lines[i + 1] ?? '');
    assert.ok(fence, `line ${i + 2}: a fenced block with a language must follow the marker on line ${i + 1}`);
    const end = lines.indexOf('```', i + 2);
    assert.ok(end > 0, `line ${i + 2}: the block is never closed`);
    blocks.push({
      line: i + 1,
      marker: file ? { kind: file[1] === 'file' ? 'file' : 'part', file: file[2] } : evaluates ? { kind: 'evaluates' } : { kind: 'output', exit: Number(output?.[1] ?? 0) },
      language: fence[1],
      content: lines.slice(i + 2, end).map((l) => `${l}\n`).join(''),
    });
    i = end;
  }
  return blocks;
}

/** Every file below `dir`, as paths relative to it with / separators, in byte order. */
function filesBelow(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesBelow(path.join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/** The tests of one page's marked blocks. */
function checkBlocks(blocks: readonly MarkedBlock[]): void {
  const fileBlocks = blocks.filter((b) => b.marker.kind === 'file');
  const outputBlocks = blocks.filter((b) => b.marker.kind === 'output');
  const partBlocks = blocks.filter((b) => b.marker.kind === 'part');
  const evaluatesBlocks = blocks.filter((b) => b.marker.kind === 'evaluates');

  for (const block of fileBlocks) {
    if (block.marker.kind !== 'file') continue;
    const file = block.marker.file;
    it(`line ${block.line}: the ${block.language} block is examples/tutorial/${file}`, function () {
      const full = path.join(TUTORIAL, file);
      assert.ok(fs.existsSync(full), `examples/tutorial/${file} exists`);
      assert.equal(block.content, fs.readFileSync(full, 'utf8'));
    });
  }

  for (const block of partBlocks) {
    if (block.marker.kind !== 'part') continue;
    const file = block.marker.file;
    it(`line ${block.line}: the ${block.language} block is part of examples/tutorial/${file}`, function () {
      const lines = fs.readFileSync(path.join(TUTORIAL, file), 'utf8').split('\n');
      let from = 0;
      const missing: string[] = [];
      for (const line of block.content.split('\n').filter((l) => l.trim() !== '')) {
        const at = lines.indexOf(line, from);
        if (at < 0) missing.push(line);
        else from = at + 1;
      }
      assert.deepEqual(missing, [], `lines not in examples/tutorial/${file} (or not in its order)`);
    });
  }

  for (const block of evaluatesBlocks) {
    it(`line ${block.line}: the ${block.language} block is a workflow file that plue workflow lint accepts`, function () {
      const root = makeTree({ '.plue/workflows/ci.py': block.content });
      const run = plue(['workflow', 'lint'], root);
      assert.deepEqual([run.status, run.stdout, run.stderr], [0, '', '']);
    });
  }

  for (const block of outputBlocks) {
    if (block.marker.kind !== 'output') continue;
    const exit = block.marker.exit;
    const [command, ...rest] = block.content.split('\n');
    it(`line ${block.line}: ${command}`, function () {
      assert.equal(block.language, 'text', 'output blocks are ```text');
      assert.match(command, /^\$ plue /, 'the block starts with the command, `$ plue ARGS`');
      const run = plue(command.slice('$ plue '.length).split(' '), TUTORIAL);
      assert.equal(run.stderr, '', 'nothing on stderr');
      assert.equal(run.stdout, rest.join('\n'), 'stdout, byte for byte');
      assert.equal(run.status, exit, 'exit status');
    });
  }
}

describe('docs/workflows.md (the tutorial) against examples/tutorial/ and the CLI', function () {
  this.timeout(60_000);
  const page = fs.readFileSync(path.join(DOCS, 'workflows.md'), 'utf8');
  const blocks = markedBlocks(page);
  const fileBlocks = blocks.filter((b) => b.marker.kind === 'file');
  after(function () {
    for (const root of tempRoots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
  });

  it('marks every python block', function () {
    const lines = page.split('\n');
    const unmarked = lines.flatMap((line, i) => (line === '```python' && !ANY_MARKER.test(lines[i - 1] ?? '') ? [i + 1] : []));
    assert.deepEqual(unmarked, [], 'lines of ```python blocks without a marker');
  });

  it('marks the final workflow, the mistakes and the CLI outputs it shows', function () {
    assert.ok(fileBlocks.some((b) => b.marker.kind === 'file' && b.marker.file === '.plue/workflows/ci.py' && b.language === 'python'), 'the final ci.py is shown as a python block');
    assert.ok(fileBlocks.filter((b) => b.language === 'python').length >= 4, 'the final workflow and the mistakes are python file blocks');
    assert.ok(blocks.filter((b) => b.marker.kind === 'output').length >= 4, 'plan and lint outputs are shown');
    assert.ok(blocks.filter((b) => b.marker.kind === 'part').length >= 4, 'the steps of the port are parts of the final file');
  });

  it('shows every file of examples/tutorial/', function () {
    const shown = new Set(fileBlocks.map((b) => (b.marker.kind === 'file' ? b.marker.file : '')));
    assert.deepEqual(
      filesBelow(TUTORIAL).filter((f) => !shown.has(f)),
      [],
      'files of examples/tutorial/ that the page does not show',
    );
  });

  checkBlocks(blocks);
});

describe('docs/plan-format.md examples against the CLI', function () {
  this.timeout(60_000);
  const blocks = markedBlocks(fs.readFileSync(path.join(DOCS, 'plan-format.md'), 'utf8'));

  it('shows real envelopes', function () {
    assert.ok(blocks.filter((b) => b.marker.kind === 'output').length >= 2, 'a plan and an error envelope');
  });

  checkBlocks(blocks);
});
