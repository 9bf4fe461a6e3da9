// Regression tests for the shapes of RestrictedPython's historical
// advisories and of JavaScript-host escapes: each must fail cleanly — the
// right kind, on the right line, nothing run — and a value model that cannot
// be polluted through `__proto__`, `constructor` or `toString` used as names,
// attributes, dict keys, keyword arguments, event fields or frontmatter keys.

import { strict as assert } from 'node:assert';
import { mockEvent } from '../../server/out/engine';
import { parseJson } from '../../server/out/plan/json';
import { loadPrompts } from '../../server/out/plue/prompt-files';
import { analyzeSource, summarize } from './harness';

const HEAD = 'from plue import workflow, push\n';

/** [advisory or shape, source after HEAD, expected `Kind@line`]. Lines count HEAD as line 1. */
const ADVISORIES: readonly (readonly [string, string, string])[] = [
  // Format strings reaching attributes (CVE-2023-37271 family, str.format on the sandboxed object).
  ['str.format attribute walk', 'x = "{0.__class__.__mro__}".format(1)\n', 'SecurityError@2'],
  ['str.format_map', 'x = "{a}".format_map({"a": 1})\n', 'SecurityError@2'],
  ['format via a bound method kept in a variable', 'f = "{}".format\n', 'SecurityError@2'],
  ['f-string with a dunder attribute', 'x = f"{(1).__class__}"\n', 'SecurityError@2'],
  ['f-string conversion of a private attribute', 'x = f"{print._x!r}"\n', 'SecurityError@2'],
  ['string.Formatter', 'import string\n', 'ImportError@2'],
  ['from string import Formatter', 'from string import Formatter\n', 'ImportError@2'],
  // Generator, coroutine and frame attributes (CVE-2024-47532 and the frame walks before it).
  ['generator gi_frame', 'g = (x for x in [1])\nf = g.gi_frame\n', 'SecurityError@3'],
  ['generator gi_code', 'g = (x for x in [1])\nc = g.gi_code\n', 'SecurityError@3'],
  ['frame f_back', 'def f(fr):\n    return fr.f_back\n', 'SecurityError@3'],
  ['frame f_globals', 'def f(fr):\n    return fr.f_globals\n', 'SecurityError@3'],
  ['traceback tb_frame', 'try:\n    1 / 0\nexcept Exception as e:\n    t = e.tb_frame\n', 'SecurityError@5'],
  ['code co_code', 'def f():\n    pass\nc = f.co_code\n', 'SecurityError@4'],
  ['coroutine cr_frame', 'def f(c):\n    return c.cr_frame\n', 'SecurityError@3'],
  ['async generator ag_frame', 'def f(a):\n    return a.ag_frame\n', 'SecurityError@3'],
  ['exception __traceback__', 'try:\n    1 / 0\nexcept Exception as e:\n    t = e.__traceback__\n', 'SecurityError@5'],
  // Guard shadowing through parameters (CVE-2023-41039 family: positional-only and default arguments).
  ['positional-only guard name', 'def f(_getattr_, /):\n    pass\n', 'SecurityError@2'],
  ['default-argument guard name', 'def f(_getiter_=None):\n    pass\n', 'SecurityError@2'],
  ['keyword-only guard name', 'def f(*, _write_=None):\n    pass\n', 'SecurityError@2'],
  ['lambda guard parameter', 'g = lambda _print_=print: _print_\n', 'SecurityError@2'],
  ['star-args guard name', 'def f(*_getitem_):\n    pass\n', 'SecurityError@2'],
  ['walrus on a guard name', 'if (_getattr_ := 1):\n    pass\n', 'SecurityError@2'],
  ['comprehension target guard name', 'x = [_inplacevar_ for _inplacevar_ in [1]]\n', 'SecurityError@2'],
  // try/except* and exception groups (CVE-2025-22153).
  ['try/except* (reported at the try, as RestrictedPython does)', 'try:\n    pass\nexcept* ValueError:\n    pass\n', 'SecurityError@2'],
  ['ExceptionGroup.split', 'e = ExceptionGroup("x", [ValueError()])\n', 'NameError@2'],
  // Reaching builtins and globals.
  ['__builtins__', 'b = __builtins__\n', 'SecurityError@2'],
  ['__import__', 'os = __import__("os")\n', 'SecurityError@2'],
  ['globals()', 'g = globals()\n', 'SecurityError@2'],
  ['lambda __globals__', 'g = (lambda: 0).__globals__\n', 'SecurityError@2'],
  ['getattr with a built string', 'x = getattr(1, "__" + "class__")\n', 'SecurityError@2'],
  ['vars()', 'v = vars()\n', 'SecurityError@2'],
  ['type() to reach object', 't = type(1)\n', 'SecurityError@2'],
  ['subclasses walk', 'x = ().__class__.__bases__[0].__subclasses__()\n', 'SecurityError@2'],
  ['__roles__ suffix', 'x = print.func__roles__\n', 'SecurityError@2'],
  // JavaScript-host escapes: names that mean something to a JS engine are ordinary (missing) Python names.
  ['constructor of a builtin', 'x = print.constructor\n', 'AttributeError@2'],
  ['constructor chain', 'x = (1).constructor.constructor("return process")()\n', 'AttributeError@2'],
  ['__proto__ attribute', 'x = [].__proto__\n', 'SecurityError@2'],
  ['prototype attribute', 'x = len.prototype\n', 'AttributeError@2'],
  ['toString attribute', 'x = "a".toString()\n', 'AttributeError@2'],
  ['valueOf attribute', 'x = (1).valueOf()\n', 'AttributeError@2'],
  ['process as a name', 'x = process\n', 'NameError@2'],
  ['require as a name', 'x = require("fs")\n', 'NameError@2'],
  ['Function as a name', 'x = Function("return 1")\n', 'NameError@2'],
];

describe('security: RestrictedPython advisories and host escapes fail cleanly', () => {
  for (const [what, body, expected] of ADVISORIES) {
    it(`${what}: ${expected}`, async () => {
      assert.equal((await summarize(HEAD + body)).replace(/:\d+$/, ''), expected);
    });
  }
});

describe('security: the value model cannot be polluted', () => {
  afterEach(() => {
    // Nothing a file does may reach JavaScript's shared prototypes.
    const probe: Record<string, unknown> = {};
    for (const key of ['polluted', 'x', 'a', 'constructor2', 'toString2']) assert.equal(probe[key], undefined, key);
    assert.equal(typeof probe.toString, 'function');
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  });

  const prints = async (body: string, options = {}): Promise<string[]> => {
    const { file, first } = await analyzeSource(HEAD + body, options);
    assert.equal(first, null, JSON.stringify(first));
    return file.prints.map((p) => p.text);
  };

  it('JS-special names are ordinary variables, parameters and functions', async () => {
    assert.deepEqual(
      await prints('constructor = 1\ntoString = 2\nhasOwnProperty = 3\nvalueOf = 4\nprototype = 5\nprint(constructor + toString + hasOwnProperty + valueOf + prototype)\ndef constructor2(toString=7):\n    return toString\nprint(constructor2(), constructor2(toString=8))\n'),
      ['15', '7 8'],
    );
  });

  it('JS-special strings are ordinary dict keys, set members and keyword arguments', async () => {
    assert.deepEqual(
      await prints(
        'd = {"__proto__": 1, "constructor": 2, "toString": 3, "polluted": 4}\nd["__proto__"] = 5\nprint(sorted(d.items()))\nprint("constructor" in d, "valueOf" in d, d.get("hasOwnProperty"))\nprint(len({"__proto__", "constructor", "__proto__"}))\nprint(dict(constructor=1, toString=2))\ndef f(**kw):\n    return sorted(kw)\nprint(f(**{"__proto__": 1, "constructor": 2}))\n',
      ),
      ["[('__proto__', 5), ('constructor', 2), ('polluted', 4), ('toString', 3)]", 'True False None', '2', "{'constructor': 1, 'toString': 2}", "['__proto__', 'constructor']"],
    );
  });

  it('a missing JS-special key is a KeyError, not a prototype member', async () => {
    const { first } = await analyzeSource(`${HEAD}d = {}\nx = d["constructor"]\n`);
    assert.deepEqual([first?.kind, first?.line, first?.message], ['KeyError', 3, "'constructor'"]);
  });

  it('event fields, secrets and env named like JS members are run-time values or the event’s own data', async () => {
    const event = parseJson('{"type": "push", "__proto__": {"polluted": true}, "constructor": "c", "ref": "refs/heads/main"}');
    assert.ok(event instanceof Map);
    assert.equal(event.get('constructor'), 'c');
    const { file, first } = await analyzeSource(
      `${HEAD}@workflow(triggers=[push()])\ndef w(ctx):\n    ctx.run("a", f"{ctx.event.constructor} {ctx.event.toString} {ctx.secrets.constructor} {ctx.env.__proto__x}")\n`,
      { event },
    );
    // ctx.env.__proto__x is an underscore attribute: refused before anything runs.
    assert.equal(first?.kind, 'SecurityError');
    assert.equal(file.workflows.length, 0);
    const ok = await analyzeSource(`${HEAD}@workflow(triggers=[push()])\ndef w(ctx):\n    ctx.run("a", f"{ctx.event.constructor} {ctx.event.toString} {ctx.secrets.constructor} {ctx.env.valueOf}")\n`, { event });
    assert.equal(ok.first, null);
    const steps = (ok.file.workflows[0] as Map<string, unknown>).get('steps') as Map<string, unknown>[];
    const config = steps[0].get('config') as Map<string, unknown>;
    assert.equal(config.get('cmd'), 'c {{ event.toString }} {{ secret:constructor }} {{ env:valueOf }}');
  });

  it('the mock event and JSON parsing keep __proto__ as data', () => {
    const parsed = parseJson('{"__proto__": {"polluted": 1}}');
    assert.ok(parsed instanceof Map);
    assert.ok(parsed.get('__proto__') instanceof Map);
    const mock = mockEvent();
    assert.ok(mock instanceof Map);
    assert.equal(mock.get('__proto__'), undefined);
  });

  it('prompt frontmatter keys named __proto__ or constructor stay keys', () => {
    const { prompts, problems } = loadPrompts(new Map([['p.prompt.md', '---\nname: P\n__proto__: x\nconstructor: y\ninputs:\n  __proto__: string\n---\nbody\n']]));
    assert.deepEqual(problems, []);
    const meta = prompts.get('P')?.meta;
    assert.ok(meta);
    assert.equal(meta['__proto__'], 'x');
    assert.equal(meta['constructor'], 'y');
    assert.deepEqual(Object.entries(meta['inputs'] as Record<string, string>), [['__proto__', 'string']]);
  });
});
