// Bytes and size: NUL bytes, invalid UTF-8 (comments included), lone CR line
// ends, the source size limit and the nesting limit on 100,000-deep inputs
// (no stack overflow), with the exact kind and position.

import { strict as assert } from 'node:assert';
import { analyzeSource, summarize } from './harness';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('source bytes', () => {
  it('a NUL byte is a SyntaxError at its line and column', async () => {
    assert.equal(await summarize(bytes('x = 1\n# a', [0], ' b\n')), 'SyntaxError@2:4');
  });
  it('invalid UTF-8 in a string is a SyntaxError at the bad byte', async () => {
    assert.equal(await summarize(bytes('x = 1\nlabel = "caf', [0xe9], '"\n')), 'SyntaxError@2:13');
  });
  it('invalid UTF-8 inside a comment is refused too', async () => {
    const { first } = await analyzeSource(bytes('# ', [0xff], '\n'));
    assert.equal(first?.kind, 'SyntaxError');
    assert.equal(first?.line, 1);
    assert.match(first?.message ?? '', /Non-UTF-8 code starting with '\\xff'/);
  });
  it('overlong and surrogate encodings are invalid UTF-8', async () => {
    assert.equal(await summarize(bytes('x = "', [0xc0, 0xaf], '"\n')), 'SyntaxError@1:6');
    assert.equal(await summarize(bytes('x = "', [0xed, 0xa0, 0x80], '"\n')), 'SyntaxError@1:6');
  });
  it('line numbers count \\r\\n and a lone \\r once each, as CPython does', async () => {
    assert.equal(await summarize('a = 1\r\nb = 2\rc = eval\n'), 'SecurityError@3:5');
    assert.equal(await summarize('# comment\rexec("x")\n'), 'SecurityError@2:1');
  });
  it('a UTF-8 byte-order mark is accepted, as in a CPython source file', async () => {
    assert.equal(await summarize(bytes([0xef, 0xbb, 0xbf], 'x = 1\n')), 'ok');
  });
  it('columns count code points: an emoji before the fault counts once', async () => {
    assert.equal(await summarize('x = "😀😀"; y = eval\n'), 'SecurityError@1:15');
    assert.equal(await summarize('名前 = "値"; z = _y\n'), 'SecurityError@1:15');
  });
});

describe('source limits', () => {
  it('a file over the size limit is a LimitError on line 1', async () => {
    const { first } = await analyzeSource('x = 1\n'.repeat(200), { limits: { maxSourceBytes: 1000 } });
    assert.equal(first?.kind, 'LimitError');
    assert.equal(first?.line, 1);
    assert.match(first?.message ?? '', /source size limit of 1000 bytes/);
  });
  it('a 1 MiB single line within the limit is analysed completely', async () => {
    const line = `payload = "${'A'.repeat(1024 * 1024 - 40)}"; z = eval\n`;
    assert.equal(await summarize(line), `SecurityError@1:${line.length - 4}`);
  });
  const bombs: [string, string][] = [
    ['100,000 nested parentheses', `x = ${'('.repeat(100_000)}1${')'.repeat(100_000)}\n`],
    ['100,000 nested lists', `x = ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`],
    ['100,000-term addition chain', `x = 1${'+1'.repeat(100_000)}\n`],
    ['100,000 unary minus signs', `x = ${'-'.repeat(100_000)}1\n`],
    ['100,000-long attribute chain', `x = y${'.a'.repeat(100_000)}\n`],
    ['100,000 nested calls', `x = ${'f('.repeat(100_000)}${')'.repeat(100_000)}\n`],
  ];
  for (const [name, source] of bombs) {
    it(`${name} is a LimitError on its line, not a stack overflow`, async () => {
      const { first } = await analyzeSource(`# header\n${source}`);
      assert.equal(first?.kind, 'LimitError');
      assert.equal(first?.line, 2);
      assert.match(first?.message ?? '', /nest/);
    });
  }
  it('200 nested brackets are fine, 201 are a LimitError at the 201st', async () => {
    assert.equal(await summarize(`x = ${'('.repeat(150)}1${')'.repeat(150)}\n`), 'ok');
    assert.equal(await summarize(`x = ${'['.repeat(201)}${']'.repeat(201)}\n`), 'LimitError@1:205');
  });
  it('the nesting limit is a setting', async () => {
    const { first } = await analyzeSource(`x = ${'('.repeat(20)}1${')'.repeat(20)}\n`, { limits: { maxNestingDepth: 10 } });
    assert.equal(first?.kind, 'LimitError');
    assert.equal(first?.column, 15);
  });
});
