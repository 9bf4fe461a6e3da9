// The language server's name lookups in document text (hover, hints, quick
// fixes): a name is matched literally, and a name of megabytes (V8 refuses
// such a pattern: "Regular expression too large", found by lsp-fuzz seed
// 2101 as a failed hover) is not looked up instead of failing the request.

import { strict as assert } from 'node:assert';
import { namePattern } from '../../server/out/lsp/features/name-pattern';

describe('namePattern: names from documents in regular expressions', () => {
  it('matches the name literally, with the caller\'s context around it', () => {
    const pattern = namePattern('build', (n) => `^\\s*${n}\\s*=`, 'm');
    assert.ok(pattern?.test('x = 1\n  build = ctx.run("b", "make")\n'));
    assert.equal(pattern?.test('builder = 1\n'), false);
    // Whatever a hostile document calls a name, it is text, not pattern syntax.
    const odd = namePattern('a.b(c', (n) => `^${n}$`);
    assert.ok(odd?.test('a.b(c'));
    assert.equal(odd?.test('aXb(c'), false);
  });

  it('a name of megabytes is not searched for (no exception)', () => {
    const huge = 'x'.repeat(6_000_000);
    assert.throws(() => new RegExp(`\\b${huge}\\b`).test('x'), /too large/);
    assert.equal(namePattern(huge, (n) => `\\b${n}\\b`), null);
    assert.ok(namePattern('x'.repeat(1024), (n) => `\\b${n}\\b`)?.test('x'.repeat(1024)));
  });
});
