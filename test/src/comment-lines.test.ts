// Comment-only lines reach tree-sitter as blank lines (textForParser): which
// lines are blanked, that offsets and everything else stay as they were, that
// a fresh parse and an incremental one agree when an edit changes which lines
// are comments (a quote typed above them), and that plans and diagnostics are
// those of the original text.

import { strict as assert } from 'node:assert';
import type { Parser } from 'web-tree-sitter';
import { Analyzer } from '../../server/out/engine';
import { DocumentStore, type TextChange } from '../../server/out/syntax/document-store';
import { createPythonParser } from '../../server/out/syntax/python-parser';
import { LineTable, textForParser } from '../../server/out/syntax/source-text';

let parser: Parser;
before(async () => {
  parser = await createPythonParser();
});

/** The text with each character the parser text changed shown as `_` (a blank) or `<c>`, to compare readably. */
function blanked(text: string): string {
  const parserText = textForParser(text);
  assert.equal(parserText.length, text.length, 'same length');
  let out = '';
  for (let i = 0; i < text.length; i++) out += parserText[i] === text[i] ? text[i] : parserText[i] === ' ' ? '_' : `<${parserText[i]}>`;
  return out;
}

describe('textForParser: comment-only lines', () => {
  const cases: [string, string, string][] = [
    ['a comment line', 'x = 1\n# note\ny = 2\n', 'x = 1\n_ ____\ny = 2\n'],
    ['indented, CRLF and form feed', 'if x:\r\n    # a\r\n\f  # b\r\n    pass\r\n', 'if x:\r\n    _ _\r\n\f  _ _\r\n    pass\r\n'],
    ['a trailing comment stays', 'x = 1  # note\n', 'x = 1  # note\n'],
    ['a # in a string stays', 'x = "# not"\ny = \'#\'\n', 'x = "# not"\ny = \'#\'\n'],
    ['inside a triple-quoted string stays', 'x = """\n# inside\n"""\n# outside\n', 'x = """\n# inside\n"""\n_ _______\n'],
    ['a backslash-newline continues a one-line string', 'x = "a\\\n# c"\n', 'x = "a\\\n# c"\n'],
    ['a one-line string left open by an escaped quote ends at its line', 'x = "a\\"\n# c\n', 'x = "a\\"\n_ _\n'],
    ["an escaped quote in a triple-quoted string", "x = '''\\'''\n# in\n'''\n", "x = '''\\'''\n# in\n'''\n"],
    ['a one-line string left open ends at its line', 'x = "open\n# c\n', 'x = "open\n_ _\n'],
    ['after a backslash continuation stays', 'x = 1 + \\\n# c\n', 'x = 1 + \\\n# c\n'],
    ['inside brackets', 'f(\n    # arg\n    1,\n)\n', 'f(\n    _ ___\n    1,\n)\n'],
    ['a lone CR ends a line', 'x = 1\r# c\ry = 2\n', 'x = 1<\n>_ _<\n>y = 2\n'],
    ['the last line without a newline', 'x = 1\n# end', 'x = 1\n_ ___'],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      assert.equal(blanked(text), expected);
    });
  }
});

describe('comment-only lines: parsed and analysed as the original text', () => {
  it('tree-sitter gets no comment nodes for them, and the plans and diagnostics are unchanged', async () => {
    const analyzer = new Analyzer(parser);
    const body = [
      'from plue import workflow, push',
      '# about the workflow',
      '@workflow(triggers=[push()])',
      'def ci(ctx):',
      '    # the build',
      '    b = ctx.run("build", "make")  # trailing',
      '        # deeper than the block',
      '# at column 0 inside the function',
      '    ctx.run("test", f"make test # {b.stdout}", depends_on=[b])',
      '',
    ].join('\n');
    const tree = parser.parse(textForParser(body));
    assert.ok(tree);
    const comments = tree.rootNode.descendantsOfType('comment').map((n) => n?.text);
    assert.deepEqual(comments, ['# trailing'], 'only the trailing comment is a node');
    const withoutComments = body.replace(/^\s*#.*$/gm, '');
    const a = analyzer.analyze([{ path: 'a.py', bytes: new TextEncoder().encode(body) }]);
    const b = analyzer.analyze([{ path: 'a.py', bytes: new TextEncoder().encode(withoutComments) }]);
    assert.equal(a.envelope.diagnostics.length, 0, JSON.stringify(a.envelope.diagnostics));
    assert.deepEqual(a.envelope.files[0].workflows, b.envelope.files[0].workflows);
    assert.equal(a.envelope.files[0].workflows.length, 1);
    tree.delete();
  });

  it('a syntax error after comment lines keeps its CPython position', () => {
    const analyzer = new Analyzer(parser);
    const text = 'from plue import workflow, push\n# one\n# two\nx = (1,\n# three\n';
    const result = analyzer.analyze([{ path: 'a.py', bytes: new TextEncoder().encode(text) }]);
    const [d] = result.envelope.diagnostics;
    assert.equal(d.kind, 'SyntaxError');
    assert.equal(d.message, "'(' was never closed");
    assert.deepEqual([d.line, d.column], [4, 5]);
  });
});

describe('comment-only lines: incremental parses', () => {
  /** Edits that turn comment lines into string content and back, each checked against a fresh parse. */
  it('opening and closing a triple-quoted string above comment lines gives the fresh tree every time', () => {
    const store = new DocumentStore(parser);
    let text = 'x = 1\n# a\n# b\ny = 2\n# c\nz = 3\n';
    store.set('doc', text, 0);
    const edits: [string, string][] = [
      ['x = 1\n', 'x = 1\ns = """\n'],
      ['# b\n', '# b\n"""\n'],
      ['s = """\n', ''],
      ['y = 2\n', "y = '''\n"],
      ['# c\n', "# c\n'''\n"],
      ['x = 1\n', 'x = "#"\n'],
      ['# a\n', '# a \\\n'],
    ];
    let version = 1;
    for (const [find, replace] of edits) {
      const at = text.indexOf(find);
      assert.ok(at >= 0, find);
      const lines = new LineTable(text);
      const change: TextChange = { range: { start: lines.pointAt(at), end: lines.pointAt(at + find.length) }, text: replace };
      text = text.slice(0, at) + replace + text.slice(at + find.length);
      const doc = store.update('doc', [change], version++);
      assert.equal(doc.text, text);
      const fresh = parser.parse(textForParser(text));
      assert.ok(fresh);
      assert.equal(doc.tree.rootNode.toString(), fresh.rootNode.toString(), `after ${JSON.stringify(replace)}`);
      fresh.delete();
      // The same through whole texts (the analysis worker's path).
      const other = new DocumentStore(parser);
      other.set('doc', text.replace(/y = /, 'w = '), 0);
      const viaText = other.updateText('doc', text, 1);
      assert.equal(viaText.tree.rootNode.toString(), doc.tree.rootNode.toString());
      other.clear();
    }
    store.clear();
  });
});
