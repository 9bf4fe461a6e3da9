// Incremental parsing: after any sequence of edits, the document store's
// tree and the diagnostics it yields are those of a fresh parse of the final
// text — including edits that split CRLF pairs, touch astral characters, and
// replace the whole text.

import { strict as assert } from 'node:assert';
import type { Parser } from 'web-tree-sitter';
import { DocumentStore, ParseBudgetExceeded, type TextChange } from '../../server/out/syntax/document-store';
import { createPythonParser } from '../../server/out/syntax/python-parser';
import { LineTable } from '../../server/out/syntax/source-text';
import { Analyzer } from '../../server/out/engine';

let parser: Parser;
before(async () => {
  parser = await createPythonParser();
});

/** A change that replaces text[from, to) with `insert`, expressed as an LSP-style range. */
function change(text: string, from: number, to: number, insert: string): TextChange {
  const lines = new LineTable(text);
  return { range: { start: lines.pointAt(from), end: lines.pointAt(to) }, text: insert };
}

function applyAll(text: string, edits: [number, number, string][]): { final: string; changes: TextChange[] } {
  const changes: TextChange[] = [];
  let current = text;
  for (const [from, to, insert] of edits) {
    changes.push(change(current, from, to, insert));
    current = current.slice(0, from) + insert + current.slice(to);
  }
  return { final: current, changes };
}

function diagnosticsOf(analyzer: Analyzer, store: DocumentStore, key: string): string {
  const doc = store.get(key);
  assert.ok(doc);
  const result = analyzer.analyzeDocument(key, doc, new TextEncoder().encode(doc.text));
  return JSON.stringify(result.diagnostics);
}

describe('document store: incremental edits', () => {
  const base = 'from plue import workflow, push\n\n@workflow(triggers=[push()])\ndef ci(ctx):\n    ctx.run("build", "make")\n';

  const sequences: { name: string; edits: [number, number, string][]; expect: string }[] = [
    { name: 'type a forbidden call and delete it', edits: [[base.length, base.length, '    e'], [base.length + 5, base.length + 5, 'val(1)\n']], expect: 'SecurityError' },
    { name: 'break the colon, then restore it', edits: [[base.indexOf('):') + 1, base.indexOf('):') + 2, '']], expect: 'SyntaxError' },
    { name: 'open a string and leave it open', edits: [[base.indexOf('"make"'), base.indexOf('"make"') + 1, '']], expect: 'SyntaxError' },
    { name: 'insert an import of os at the top', edits: [[0, 0, 'import os\n']], expect: 'ImportError' },
    { name: 'add an emoji and a dunder after it', edits: [[base.length, base.length, '    x = "😀"; y = ctx.__class__\n']], expect: 'SecurityError' },
  ];

  for (const seq of sequences) {
    it(`${seq.name}: same diagnostics as a fresh parse`, async () => {
      const analyzer = new Analyzer(parser);
      const store = new DocumentStore(parser);
      store.set('doc', base, 1);
      const { final, changes } = applyAll(base, seq.edits);
      let version = 1;
      for (const c of changes) store.update('doc', [c], ++version);
      const fresh = new DocumentStore(parser);
      fresh.set('doc', final, 1);
      assert.equal(store.get('doc')?.text, final);
      assert.equal(store.get('doc')?.tree.rootNode.toString(), fresh.get('doc')?.tree.rootNode.toString());
      const incremental = diagnosticsOf(analyzer, store, 'doc');
      assert.equal(incremental, diagnosticsOf(analyzer, fresh, 'doc'));
      assert.match(incremental, new RegExp(seq.expect));
      store.clear();
      fresh.clear();
    });
  }

  it('a diagnostic appears when a character is typed and disappears when it is deleted', () => {
    const analyzer = new Analyzer(parser);
    const store = new DocumentStore(parser);
    store.set('doc', base, 1);
    assert.equal(diagnosticsOf(analyzer, store, 'doc'), '[]');
    const at = base.indexOf('ctx.run');
    store.update('doc', [change(base, at, at, '_')], 2);
    const withUnderscore = JSON.parse(diagnosticsOf(analyzer, store, 'doc')) as { kind: string; range: { start: { row: number; column: number } } }[];
    assert.equal(withUnderscore[0].kind, 'SecurityError');
    assert.deepEqual(withUnderscore[0].range.start, { row: 4, column: 4 });
    const typed = store.get('doc')?.text ?? '';
    store.update('doc', [change(typed, at, at + 1, '')], 3);
    assert.equal(diagnosticsOf(analyzer, store, 'doc'), '[]');
    store.clear();
  });

  it('several changes in one update apply in order', () => {
    const store = new DocumentStore(parser);
    store.set('doc', 'a = 1\nb = 2\n', 1);
    const first = change('a = 1\nb = 2\n', 0, 1, 'alpha');
    const second = change('alpha = 1\nb = 2\n', 10, 11, 'beta');
    store.update('doc', [first, second], 2);
    assert.equal(store.get('doc')?.text, 'alpha = 1\nbeta = 2\n');
    store.clear();
  });

  it('turning a lone CR into CRLF reparses the line break', () => {
    const store = new DocumentStore(parser);
    const text = 'x = 1\ry = 2\n';
    store.set('doc', text, 1);
    store.update('doc', [change(text, 6, 6, '\n')], 2);
    const fresh = new DocumentStore(parser);
    fresh.set('doc', 'x = 1\r\ny = 2\n', 1);
    assert.equal(store.get('doc')?.tree.rootNode.toString(), fresh.get('doc')?.tree.rootNode.toString());
    store.clear();
    fresh.clear();
  });

  it('a whole-text change replaces the document', () => {
    const store = new DocumentStore(parser);
    store.set('doc', 'x = 1\n', 1);
    store.update('doc', [{ text: 'def f(:\n' }], 2);
    assert.equal(store.get('doc')?.text, 'def f(:\n');
    assert.ok(store.get('doc')?.tree.rootNode.hasError);
    store.clear();
  });

  it('random edit sequences match a fresh parse (seeded)', () => {
    const analyzer = new Analyzer(parser);
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pieces = ['x', ' ', '\n', '(', ')', ':', '"', 'eval', '_', '    ', 'ctx.run("a", "b")', '😀', '\r\n', '#', 'if x', '1+'];
    for (let round = 0; round < 40; round++) {
      const store = new DocumentStore(parser);
      let text = base;
      store.set('doc', text, 0);
      for (let i = 0; i < 12; i++) {
        const from = random(text.length + 1);
        const to = Math.min(text.length, from + random(4));
        // Never split a surrogate pair or a CRLF: LSP clients send whole characters.
        if (/[\uDC00-\uDFFF\n]/.test(text[from] ?? '') || /[\uDC00-\uDFFF\n]/.test(text[to] ?? '')) continue;
        const insert = pieces[random(pieces.length)];
        store.update('doc', [change(text, from, to, insert)], i + 1);
        text = text.slice(0, from) + insert + text.slice(to);
      }
      const fresh = new DocumentStore(parser);
      fresh.set('doc', text, 0);
      assert.equal(store.get('doc')?.tree.rootNode.toString(), fresh.get('doc')?.tree.rootNode.toString(), JSON.stringify(text));
      assert.equal(diagnosticsOf(analyzer, store, 'doc'), diagnosticsOf(analyzer, fresh, 'doc'));
      store.clear();
      fresh.clear();
    }
  });
});

describe('document store: the parse budget (the language server main thread)', () => {
  const nested = `x = ${'['.repeat(3000)}${']'.repeat(3000)}\n`.repeat(40);

  it('abandons a parse over its budget, drops the document, and parses it again with room', () => {
    const budgets: number[] = [];
    const store = new DocumentStore(parser, (length) => {
      budgets.push(length);
      return 0;
    });
    store.set('ok', 'x = 1\n', 1);
    assert.throws(() => store.set('ok', nested, 2), (e: unknown) => e instanceof ParseBudgetExceeded && e.budgetMs === 0);
    assert.equal(store.get('ok'), undefined);
    assert.deepEqual(budgets, [6, nested.length]);
    const roomy = new DocumentStore(parser, () => 60_000);
    assert.equal(roomy.set('doc', nested, 1).tree.rootNode.hasError, false);
    // An incremental edit over the budget drops the document as well.
    const tight = new DocumentStore(parser, (length) => (length > 10 ? 0 : 60_000));
    tight.set('doc', 'x = 1\n', 1);
    assert.throws(() => tight.update('doc', [{ range: { start: { row: 1, column: 0 }, end: { row: 1, column: 0 } }, text: nested }], 2), ParseBudgetExceeded);
    assert.equal(tight.get('doc'), undefined);
    roomy.clear();
  });
});
