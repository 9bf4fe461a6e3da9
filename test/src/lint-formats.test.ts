// The CI output formats of `plue workflow lint` (json, github, sarif) and
// the stable diagnostic codes: bin/plue run as a child process on files with
// errors and on clean files, exact outputs and exit codes, every SARIF log
// validated against the SARIF 2.1.0 JSON Schema kept in test/fixtures/sarif,
// and one conformance case's log compared byte for byte.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import { codeInfo, diagnosticCode, DIAGNOSTIC_CODES, type DiagnosticCode } from '../../server/out/diag/diagnostic-codes';
import { makeTree, plue } from './cli-harness';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'sarif');
const DOC = path.join(ROOT, 'docs', 'diagnostic-codes.md');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const CLEAN = ['from plue import workflow, push', '', '', '@workflow(triggers=[push()])', 'def ci(ctx):', '    ctx.run("test", "npm test")', ''].join('\n');
// SecurityError at 3:12, the name `eval` (to 3:16).
const BAD_EVAL = 'from plue import workflow\n\nx = 1; y = eval\n';
// TypeError at 1:14 in code points (the emoji is two UTF-16 units), `e + 1` to 1:19.
const WIDE = 'e = "😀"; x = e + 1\n';
// ImportError at 1:1, the whole statement (to 1:10).
const IMPORT_OS = 'import os\n';

const EVAL_MESSAGE = "'eval' is not allowed in workflow files: workflow files cannot run code from strings";
const IMPORT_MESSAGE = "import of 'os' is not allowed: workflow files can import plue, plue.prompts and plue.tools";
const WIDE_MESSAGE = 'can only concatenate str (not "int") to str';
const PROMPT_MESSAGE = 'prompt file has no frontmatter: it must start with a --- line';

// ---- SARIF schema validation ----------------------------------------------

// RFC 3986 characters: unreserved, reserved, and percent-encoded octets (a space or a raw non-ASCII character is not a URI).
const URI_CHARACTERS = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/;
const isUriReference = (s: string): boolean => URI_CHARACTERS.test(s) && URL.canParse(s, 'file:///base/');
const isUri = (s: string): boolean => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) && URI_CHARACTERS.test(s) && URL.canParse(s);
const isDateTime = (s: string): boolean =>
  /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i.test(s) && !Number.isNaN(Date.parse(s));

let validator: ValidateFunction | null = null;

/** The SARIF 2.1.0 schema compiled once (draft-07: Ajv's default class). */
function sarifValidator(): ValidateFunction {
  if (validator) return validator;
  const schema = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  // Strict, except strictRequired: the schema's anyOf branches require properties the enclosing object defines.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  ajv.addFormat('uri', isUri);
  ajv.addFormat('uri-reference', isUriReference);
  ajv.addFormat('date-time', isDateTime);
  validator = ajv.compile(schema);
  return validator;
}

function assertValidSarif(log: unknown): void {
  const validate = sarifValidator();
  assert.ok(validate(log), `SARIF schema errors: ${JSON.stringify(validate.errors, null, 2)}`);
}

// ---- the expected shapes ---------------------------------------------------

interface ExpectedResult {
  readonly code: DiagnosticCode;
  readonly text: string;
  readonly artifact: { uri: string; uriBaseId?: string };
  readonly region: { startLine: number; startColumn: number; endLine?: number; endColumn?: number };
}

/** The whole log plue should print for these results, rules sorted by code. */
function expectedLog(results: readonly ExpectedResult[]): unknown {
  const codes = [...new Set(results.map((r) => r.code))].sort();
  return {
    $schema: 'https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'plue',
            version: VERSION,
            rules: codes.map((code) => ({
              id: code,
              name: codeInfo(code).name,
              shortDescription: { text: codeInfo(code).summary },
              help: { text: `See docs/diagnostic-codes.md#${code.toLowerCase()}` },
              defaultConfiguration: { level: 'error' },
            })),
          },
        },
        columnKind: 'unicodeCodePoints',
        results: results.map((r) => ({
          ruleId: r.code,
          ruleIndex: codes.indexOf(r.code),
          level: 'error',
          message: { text: r.text },
          locations: [{ physicalLocation: { artifactLocation: r.artifact, region: r.region } }],
        })),
      },
    ],
  };
}

const lines = (stdout: string): string[] => stdout.replace(/\n$/, '').split('\n');

/** The temporary trees this suite made (removed after it). */
const created: string[] = [];
function tree(files: Readonly<Record<string, string>>): string {
  const dir = makeTree(files);
  created.push(dir);
  return fs.realpathSync(dir);
}

describe('plue workflow lint: CI formats and diagnostic codes', function () {
  // Each test spawns bin/plue (one to three times): the repository's .mocharc allows that, mocha's 2 s default may not.
  this.timeout(20000);
  let root: string;
  const args = ['--prompts', 'prompts', 'a', 'dir with space', 'wide.py'];

  before(function () {
    root = tree({
      'a/bad.py': BAD_EVAL,
      'a/clean.py': CLEAN,
      'dir with space/ünï.py': IMPORT_OS,
      'wide.py': WIDE,
      'prompts/Bad.prompt.md': 'no frontmatter\n',
      'clean/one.py': CLEAN,
      'clean/two.py': CLEAN.replace('def ci', 'def ci_two'),
    });
  });

  after(function () {
    for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('json', function () {
    it('one object per diagnostic: the envelope fields unchanged, then the code', function () {
      const run = plue(['workflow', 'lint', '--format', 'json', ...args], root);
      assert.equal(run.status, 1, run.stderr);
      assert.equal(run.stderr, '');
      assert.deepEqual(lines(run.stdout), [
        JSON.stringify({ kind: 'SecurityError', message: EVAL_MESSAGE, file: 'a/bad.py', line: 3, column: 12, code: 'PLUE-SECURITY' }),
        JSON.stringify({ kind: 'ImportError', message: IMPORT_MESSAGE, file: 'dir with space/ünï.py', line: 1, column: 1, code: 'PLUE-IMPORT' }),
        JSON.stringify({ kind: 'TypeError', message: WIDE_MESSAGE, file: 'wide.py', line: 1, column: 14, code: 'PLUE-TYPE' }),
        JSON.stringify({ kind: 'ValueError', message: PROMPT_MESSAGE, file: 'prompts/Bad.prompt.md', line: 1, column: 1, code: 'PLUE-PROMPT' }),
      ]);
    });

    it('the fields other than code are those of the envelope of plan --json', function () {
      const lint = plue(['workflow', 'lint', '--format', 'json', ...args], root);
      const plan = plue(['workflow', 'plan', '--json', ...args], root);
      const envelope = JSON.parse(plan.stdout) as { diagnostics: unknown[] };
      const withoutCode = lines(lint.stdout).map((l) => {
        const { code, ...rest } = JSON.parse(l) as Record<string, unknown>;
        assert.equal(typeof code, 'string');
        return rest;
      });
      assert.deepEqual(withoutCode, envelope.diagnostics);
    });

    it('clean files: nothing on stdout, exit 0', function () {
      const run = plue(['workflow', 'lint', '--format', 'json', 'clean'], root);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, '');
    });
  });

  describe('github', function () {
    it('::error annotations titled with the kind and the code, values escaped', function () {
      const run = plue(['workflow', 'lint', '--format', 'github', ...args], root);
      assert.equal(run.status, 1, run.stderr);
      assert.deepEqual(lines(run.stdout), [
        `::error file=a/bad.py,line=3,col=12,title=SecurityError (PLUE-SECURITY)::${EVAL_MESSAGE}`,
        `::error file=dir with space/ünï.py,line=1,col=1,title=ImportError (PLUE-IMPORT)::${IMPORT_MESSAGE}`,
        `::error file=wide.py,line=1,col=14,title=TypeError (PLUE-TYPE)::${WIDE_MESSAGE}`,
        `::error file=prompts/Bad.prompt.md,line=1,col=1,title=ValueError (PLUE-PROMPT)::${PROMPT_MESSAGE}`,
      ]);
    });

    it('a path with a comma and a message with a newline are escaped as workflow commands require', function () {
      const dir = tree({ 'x,y.py': 'raise ValueError("a\\nb: 100%")\n' });
      const run = plue(['workflow', 'lint', '--format', 'github', 'x,y.py'], dir);
      assert.equal(run.status, 1, run.stderr);
      assert.equal(run.stdout, '::error file=x%2Cy.py,line=1,col=1,title=ValueError (PLUE-VALUE)::a%0Ab: 100%25\n');
    });

    it('clean files: nothing on stdout, exit 0', function () {
      const run = plue(['workflow', 'lint', '--format', 'github', 'clean'], root);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, '');
    });
  });

  describe('sarif', function () {
    it('the schema validator refuses what is not SARIF 2.1.0 (a control for the tests below)', function () {
      const valid = expectedLog([{ code: 'PLUE-TYPE', text: 'TypeError: x', artifact: { uri: 'a.py', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1 } }]);
      assertValidSarif(valid);
      const validate = sarifValidator();
      const broken = (edit: (run: Record<string, unknown>, result: Record<string, unknown>) => void): unknown => {
        const copy = JSON.parse(JSON.stringify(valid)) as { runs: [Record<string, unknown> & { results: Record<string, unknown>[] }] };
        edit(copy.runs[0], copy.runs[0].results[0]);
        return copy;
      };
      assert.equal(validate(broken((run) => (run.columnKind = 'codePoints'))), false, 'an unknown columnKind');
      assert.equal(validate(broken((_, result) => delete result.message)), false, 'a result without a message');
      assert.equal(validate(broken((_, result) => (result.level = 'fatal'))), false, 'an unknown level');
      assert.equal(validate(broken((_, result) => (result.locations = [{ physicalLocation: { artifactLocation: { uri: 'a b.py' } } }]))), false, 'a raw space in a URI');
      assert.equal(validate(broken((run) => (run.tool = { driver: { name: 'plue', informationUri: 'not a uri' } }))), false, 'a relative informationUri');
    });

    it('one log: a rule per code used, a result per diagnostic, code-point columns, URIs relative to the working directory', function () {
      const run = plue(['workflow', 'lint', '--format', 'sarif', ...args], root);
      assert.equal(run.status, 1, run.stderr);
      assert.equal(run.stderr, '');
      const expected = expectedLog([
        { code: 'PLUE-SECURITY', text: `SecurityError: ${EVAL_MESSAGE}`, artifact: { uri: 'a/bad.py', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 12, endLine: 3, endColumn: 16 } },
        {
          code: 'PLUE-IMPORT',
          text: `ImportError: ${IMPORT_MESSAGE}`,
          artifact: { uri: 'dir%20with%20space/%C3%BCn%C3%AF.py', uriBaseId: '%SRCROOT%' },
          region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 10 },
        },
        { code: 'PLUE-TYPE', text: `TypeError: ${WIDE_MESSAGE}`, artifact: { uri: 'wide.py', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 14, endLine: 1, endColumn: 19 } },
        { code: 'PLUE-PROMPT', text: `ValueError: ${PROMPT_MESSAGE}`, artifact: { uri: 'prompts/Bad.prompt.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1 } },
      ]);
      assert.equal(run.stdout, `${JSON.stringify(expected, null, 2)}\n`);
      assertValidSarif(JSON.parse(run.stdout));
    });

    it('the same run twice gives the same bytes', function () {
      const first = plue(['workflow', 'lint', '--format', 'sarif', ...args], root);
      const second = plue(['workflow', 'lint', '--format', 'sarif', ...args], root);
      assert.ok(first.stdoutBytes.equals(second.stdoutBytes));
    });

    it('a file outside the working directory gets an absolute file: URI', function () {
      const run = plue(['workflow', 'lint', '--format', 'sarif', '../wide.py'], path.join(root, 'a'));
      assert.equal(run.status, 1, run.stderr);
      const log = JSON.parse(run.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: unknown } }[] }[] }[] };
      assert.deepEqual(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: pathToFileURL(path.join(root, 'wide.py')).href });
      assertValidSarif(log);
    });

    it('clean files: a valid log with no rules and no results, exit 0', function () {
      const run = plue(['workflow', 'lint', '--format', 'sarif', 'clean'], root);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, `${JSON.stringify(expectedLog([]), null, 2)}\n`);
      assertValidSarif(JSON.parse(run.stdout));
    });

    it('conformance case 34-mistake-if-on-step-result: byte for byte the log in test/fixtures/sarif', function () {
      const run = plue(['workflow', 'lint', '--format', 'sarif'], path.join(FIXTURES, '34-mistake-if-on-step-result'));
      assert.equal(run.status, 1, run.stderr);
      const expected = fs.readFileSync(path.join(FIXTURES, '34-mistake-if-on-step-result.sarif'));
      assert.equal(run.stdout, expected.toString('utf8'));
      assert.ok(run.stdoutBytes.equals(expected));
      assertValidSarif(JSON.parse(run.stdout));
    });
  });

  describe('codes', function () {
    // One file per class of diagnostic; the code comes from the kind (and from a prompt file being a prompt file).
    const cases: readonly [file: string, source: string, kind: string, code: DiagnosticCode][] = [
      ['syntax.py', 'x = (1,\n', 'SyntaxError', 'PLUE-SYNTAX'],
      ['security.py', 'y = __import__\n', 'SecurityError', 'PLUE-SECURITY'],
      ['import.py', 'import os\n', 'ImportError', 'PLUE-IMPORT'],
      ['limit.py', `x = ${'['.repeat(300)}${']'.repeat(300)}\n`, 'LimitError', 'PLUE-LIMIT'],
      ['plan.py', 'from plue import workflow, push\n@workflow(triggers=[push()])\ndef ci(ctx):\n    s = ctx.run("a", "b")\n    if s.exit_code == 0:\n        pass\n', 'PlanError', 'PLUE-PLAN'],
      ['name.py', 'x = zz\n', 'NameError', 'PLUE-NAME'],
      ['unbound.py', 'def f():\n    y = x\n    x = 1\nf()\n', 'UnboundLocalError', 'PLUE-NAME'],
      ['type.py', 'x = 1 + "a"\n', 'TypeError', 'PLUE-TYPE'],
      ['value.py', 'x = int("nope")\n', 'ValueError', 'PLUE-VALUE'],
      ['key.py', 'd = {}\nx = d["k"]\n', 'KeyError', 'PLUE-KEY'],
      ['index.py', 'xs = []\nx = xs[3]\n', 'IndexError', 'PLUE-INDEX'],
      ['attribute.py', 'x = "a".nope\n', 'AttributeError', 'PLUE-ATTRIBUTE'],
      ['zero.py', 'x = 1 // 0\n', 'ZeroDivisionError', 'PLUE-ZERO-DIVISION'],
      ['overflow.py', 'x = 2 ** 63\n', 'OverflowError', 'PLUE-OVERFLOW'],
      ['assertion.py', 'assert 1 == 2, "no"\n', 'AssertionError', 'PLUE-ASSERTION'],
      ['raised.py', 'raise RuntimeError("boom")\n', 'RuntimeError', 'PLUE-EXCEPTION'],
      ['exception.py', 'raise Exception("custom")\n', 'Exception', 'PLUE-EXCEPTION'],
    ];

    it('each class of diagnostic the CLI reports carries its code (json and sarif agree)', function () {
      const files = Object.fromEntries(cases.map(([file, source]) => [`w/${file}`, source]));
      const dir = tree(files);
      const json = plue(['workflow', 'lint', '--format', 'json', ...cases.map(([file]) => `w/${file}`)], dir);
      assert.equal(json.status, 1, json.stderr);
      const got = lines(json.stdout).map((l) => JSON.parse(l) as { file: string; kind: string; code: string });
      assert.deepEqual(
        got.map((d) => [d.file, d.kind, d.code]),
        cases.map(([file, , kind, code]) => [`w/${file}`, kind, code]),
      );
      const sarif = plue(['workflow', 'lint', '--format', 'sarif', ...cases.map(([file]) => `w/${file}`)], dir);
      const log = JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string }[]; tool: { driver: { rules: { id: string }[] } } }[] };
      assert.deepEqual(log.runs[0].results.map((r) => r.ruleId), cases.map(([, , , code]) => code));
      assert.deepEqual(log.runs[0].tool.driver.rules.map((r) => r.id), [...new Set(cases.map(([, , , code]) => code))].sort());
      assertValidSarif(log);
    });

    it('subclasses share their base class code; unknown exception names are PLUE-EXCEPTION; prompt files are PLUE-PROMPT', function () {
      assert.equal(diagnosticCode('TabError'), 'PLUE-SYNTAX');
      assert.equal(diagnosticCode('IndentationError'), 'PLUE-SYNTAX');
      assert.equal(diagnosticCode('ModuleNotFoundError'), 'PLUE-IMPORT');
      assert.equal(diagnosticCode('UnicodeDecodeError'), 'PLUE-VALUE');
      assert.equal(diagnosticCode('InternalError'), 'PLUE-INTERNAL');
      assert.equal(diagnosticCode('Exception'), 'PLUE-EXCEPTION');
      assert.equal(diagnosticCode('LookupError'), 'PLUE-EXCEPTION');
      assert.equal(diagnosticCode('ValueError', 'prompt'), 'PLUE-PROMPT');
    });

    it('docs/diagnostic-codes.md has one section per code, in order, each with an example and a fix', function () {
      const doc = fs.readFileSync(DOC, 'utf8');
      const sections = doc.split(/^## /m).slice(1);
      assert.deepEqual(
        sections.map((s) => s.slice(0, s.indexOf('\n'))),
        DIAGNOSTIC_CODES.map((c) => c.code),
      );
      for (const section of sections) {
        const code = section.slice(0, section.indexOf('\n'));
        assert.ok(section.includes(codeInfo(code as DiagnosticCode).summary), `${code}: the summary the SARIF rule gives`);
        assert.match(section, /\*\*Example\*\*/, `${code}: an example`);
        assert.match(section, /\*\*How to fix\*\*/, `${code}: how to fix`);
      }
    });
  });

  it('lint --help names the sarif format and the codes document', function () {
    const run = plue(['workflow', 'lint', '--help'], root);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /--format text\|json\|github\|sarif/);
    assert.match(run.stdout, /docs\/diagnostic-codes\.md/);
  });
});
