// `plue workflow graph` (bin/plue as a child process): the exact Mermaid, DOT
// and JSON outputs of fixed workflows (test/fixtures/graph/), the DOT of every
// workflow and tool of the conformance repos (../shared/conformance/workflows)
// rendered by Graphviz (`dot -Tsvg`, Debian package graphviz) with every
// label in the SVG, the Mermaid checked line by line against the plan (no
// renderer, no network), the JSON checked against the reference plan, and the
// usage errors and diagnostics.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { plue } from './cli-harness';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'graph');
const ESCAPING = path.join(FIXTURES, 'escaping');
const CONFORMANCE = path.join(ROOT, '..', 'shared', 'conformance', 'workflows');
const EXAMPLES = 'examples/.plue/workflows';
const LABEL_WIDTH = 48;

interface GraphJson {
  kind: 'workflow' | 'tool';
  name: string;
  nodes: { id: string; name: string; type: string; label: [string, string]; group: string | null }[];
  edges: { from: string; to: string }[];
  groups: { id: string; label: string; parent: string | null; members: string[] }[];
}

interface PlanStep {
  id: string;
  name: string;
  type: string;
  config: Record<string, unknown>;
  depends_on: string[];
}
interface Plan {
  name: string;
  steps: PlanStep[];
}
interface ExpectedEnvelope {
  files: { path: string; workflows: Plan[]; tools: Plan[] }[];
  diagnostics: { file: string }[];
}

function graph(args: readonly string[], cwd: string): ReturnType<typeof plue> {
  return plue(['workflow', 'graph', ...args], cwd);
}

function graphJson(args: readonly string[], cwd: string): GraphJson {
  const run = graph([...args, '--format', 'json'], cwd);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as GraphJson;
}

// ---------------------------------------------------------------- Graphviz

/** `dot -Tsvg` on `source`; fails the test with how to install Graphviz when `dot` is missing, and on any message from dot. */
function renderSvg(source: string): string {
  const result = spawnSync('dot', ['-Tsvg'], { input: source, encoding: 'utf8', timeout: 20000 });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    assert.fail("Graphviz's 'dot' is not installed: apt-get install -y graphviz");
  }
  if (result.error) throw result.error;
  assert.equal(result.status, 0, `dot -Tsvg failed:\n${result.stderr}`);
  assert.equal(result.stderr, '', 'dot -Tsvg printed warnings');
  return result.stdout;
}

function decodeXml(s: string): string {
  const named: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (all, code: string) => {
    if (code.startsWith('#x')) return String.fromCodePoint(parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(parseInt(code.slice(1), 10));
    return named[code] ?? all;
  });
}

function svgElements(svg: string, tag: 'text' | 'title'): string[] {
  return [...svg.matchAll(new RegExp(`<${tag}\\b[^>]*>([^<]*)</${tag}>`, 'g'))].map((m) => decodeXml(m[1]));
}

/** The first step inside a group (nested groups followed), as graph-dot.ts attaches edges to groups. */
function firstStep(g: GraphJson, id: string): string {
  let at = id;
  for (let group = g.groups.find((x) => x.id === at); group !== undefined; group = g.groups.find((x) => x.id === at)) at = group.members[0];
  return at;
}

/** Renders `dot` and checks the SVG holds every node (title and both label lines), every cluster and its label, and every edge of `g`. */
function assertSvgDrawsGraph(dot: string, g: GraphJson): void {
  const svg = renderSvg(dot);
  const texts = svgElements(svg, 'text');
  const titles = new Set(svgElements(svg, 'title'));
  assert.ok(texts.includes(`${g.kind} ${g.name}`), 'the graph label');
  for (const n of g.nodes) {
    assert.ok(titles.has(n.id), `node ${n.id} in the SVG`);
    for (const line of n.label) assert.ok(texts.includes(line), `label line ${JSON.stringify(line)} of ${n.id} in the SVG`);
  }
  for (const group of g.groups) {
    assert.ok(titles.has(`cluster_${group.id}`), `cluster of ${group.id} in the SVG`);
    assert.ok(texts.includes(group.label), `label of group ${group.id} in the SVG`);
  }
  for (const e of g.edges) {
    const title = `${firstStep(g, e.from)}->${firstStep(g, e.to)}`;
    assert.ok(titles.has(title), `edge ${e.from} -> ${e.to} (${title}) in the SVG`);
  }
}

// ---------------------------------------------------------------- Mermaid

interface MermaidGraph {
  nodes: Map<string, { label: string[]; parent: string | null }>;
  subgraphs: Map<string, { label: string; parent: string | null }>;
  edges: { from: string; to: string }[];
}

const MERMAID_ID = '[A-Za-z][A-Za-z0-9_]*';
const MERMAID_KEYWORDS = new Set(['end', 'subgraph', 'graph', 'flowchart', 'direction', 'style', 'classdef', 'class', 'click', 'linkstyle', 'call', 'href', 'callback', 'interpolate', 'default']);
/** A quoted label as Mermaid must get it: no raw `"`, `#`, `%`, `&`, `<`, `>` or backtick; entity codes and `<br/>` only. */
const ESCAPED_LABEL = /^(?:[^"#%&<>`]|#\d+;|<br\/>)*$/;

function decodeMermaid(label: string): string[] {
  assert.match(label, ESCAPED_LABEL, `label ${JSON.stringify(label)} is escaped`);
  return label.split('<br/>').map((line) => line.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code))));
}

/** Parses the flowchart line by line: every line must be one of the forms the renderer may write, nodes declared once and before any edge names them, subgraphs balanced and indented by depth. */
function parseMermaid(text: string): MermaidGraph {
  assert.ok(text.endsWith('\n'), 'ends with a newline');
  const lines = text.slice(0, -1).split('\n');
  assert.equal(lines[0], 'flowchart TD');
  const out: MermaidGraph = { nodes: new Map(), subgraphs: new Map(), edges: [] };
  const stack: string[] = [];
  const declare = (id: string): void => {
    assert.ok(!MERMAID_KEYWORDS.has(id.toLowerCase()), `id ${id} is not a keyword`);
    assert.ok(!out.nodes.has(id) && !out.subgraphs.has(id), `${id} declared once`);
  };
  for (const line of lines.slice(1)) {
    const pad = ' '.repeat(2 * (stack.length + 1));
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^( *)subgraph (${MERMAID_ID})\\["([^"]*)"\\]$`).exec(line))) {
      assert.equal(m[1], pad, `indentation of ${JSON.stringify(line)}`);
      declare(m[2]);
      const label = decodeMermaid(m[3]);
      assert.equal(label.length, 1, 'a group label is one line');
      out.subgraphs.set(m[2], { label: label[0], parent: stack.at(-1) ?? null });
      stack.push(m[2]);
    } else if ((m = /^( *)end$/.exec(line))) {
      assert.ok(stack.length > 0, 'end closes a subgraph');
      assert.equal(m[1], ' '.repeat(2 * stack.length), `indentation of ${JSON.stringify(line)}`);
      stack.pop();
    } else if ((m = new RegExp(`^( *)(${MERMAID_ID})\\["([^"]*)"\\]$`).exec(line))) {
      assert.equal(m[1], pad, `indentation of ${JSON.stringify(line)}`);
      declare(m[2]);
      out.nodes.set(m[2], { label: decodeMermaid(m[3]), parent: stack.at(-1) ?? null });
    } else if ((m = new RegExp(`^  (${MERMAID_ID}) --> (${MERMAID_ID})$`).exec(line))) {
      assert.equal(stack.length, 0, 'edges come after every subgraph');
      for (const id of [m[1], m[2]]) assert.ok(out.nodes.has(id) || out.subgraphs.has(id), `edge end ${id} declared before`);
      out.edges.push({ from: m[1], to: m[2] });
    } else if (/^ {2}classDef \w+ fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6}$/.test(line)) {
      assert.equal(stack.length, 0, 'classes come after every subgraph');
    } else if ((m = new RegExp(`^  class (${MERMAID_ID}(?:,${MERMAID_ID})*) (\\w+)$`).exec(line))) {
      for (const id of m[1].split(',')) assert.ok(out.nodes.has(id), `class names node ${id}`);
    } else {
      assert.fail(`unexpected Mermaid line ${JSON.stringify(line)}`);
    }
  }
  assert.equal(stack.length, 0, 'every subgraph is closed');
  return out;
}

/** The Mermaid text draws exactly the graph `g`: the same nodes, labels, groups, nesting and edges. */
function assertMermaidDrawsGraph(text: string, g: GraphJson): void {
  const m = parseMermaid(text);
  assert.deepEqual([...m.nodes.keys()].sort(), g.nodes.map((n) => n.id).sort(), 'nodes');
  for (const n of g.nodes) assert.deepEqual(m.nodes.get(n.id), { label: n.label, parent: n.group }, `node ${n.id}`);
  assert.deepEqual([...m.subgraphs.keys()].sort(), g.groups.map((x) => x.id).sort(), 'subgraphs');
  for (const x of g.groups) assert.deepEqual(m.subgraphs.get(x.id), { label: x.label, parent: x.parent }, `subgraph ${x.id}`);
  assert.deepEqual(m.edges, g.edges, 'edges');
}

// ---------------------------------------------------------------- the plan

/** `line` is `full`, or `full` cut to at most LABEL_WIDTH characters with an ellipsis. */
function assertShortened(line: string, full: string): void {
  if (line === full) {
    assert.ok(Array.from(full).length <= LABEL_WIDTH, `${JSON.stringify(full)} fits`);
    return;
  }
  assert.ok(Array.from(full).length > LABEL_WIDTH, `${JSON.stringify(full)} is only cut when too long`);
  assert.ok(line.endsWith('…') && Array.from(line).length <= LABEL_WIDTH && full.startsWith(line.slice(0, -1)), `${JSON.stringify(line)} shortens ${JSON.stringify(full)}`);
}

/** The second label line as --help documents it: the type, and the command's first line, the prompt file or the action. */
function typeLine(step: PlanStep): string {
  const config = step.config;
  if (step.type === 'shell') {
    const first = String(config.cmd).split('\n')[0].trim();
    return first === step.name ? 'shell' : `shell: ${first}`;
  }
  if (step.type === 'llm' || step.type === 'agent') return `${step.type}: ${String(config.prompt_path)}`;
  if (step.type === 'action') return config.action === step.name ? 'action' : `action: ${String(config.action)}`;
  if (step.type === 'parallel') return 'parallel: no steps';
  return step.type;
}

/** The JSON graph says what the plan says: a group per parallel step with members (the first listing owns a step), a node per other step, an edge per distinct dependency. */
function assertGraphOfPlan(g: GraphJson, plan: Plan, kind: 'workflow' | 'tool'): void {
  assert.equal(g.kind, kind);
  assert.equal(g.name, plan.name);
  const parentOf = new Map<string, string>();
  const members = new Map<string, string[]>();
  for (const s of plan.steps) {
    if (s.type !== 'parallel') continue;
    const ids = (s.config.step_ids as string[]).filter((id) => !parentOf.has(id));
    for (const id of ids) parentOf.set(id, s.id);
    if (ids.length) members.set(s.id, ids);
  }
  const groups = plan.steps.filter((s) => members.has(s.id));
  assert.deepEqual(g.groups.map((x) => [x.id, x.parent, x.members]), groups.map((s) => [s.id, parentOf.get(s.id) ?? null, members.get(s.id)]), 'groups');
  const steps = plan.steps.filter((s) => !members.has(s.id));
  assert.deepEqual(g.nodes.map((n) => [n.id, n.name, n.type, n.group]), steps.map((s) => [s.id, s.name, s.type, parentOf.get(s.id) ?? null]), 'nodes');
  g.nodes.forEach((n, i) => {
    assertShortened(n.label[0], steps[i].name);
    assertShortened(n.label[1], typeLine(steps[i]));
  });
  const edges: { from: string; to: string }[] = [];
  for (const s of plan.steps) for (const d of new Set(s.depends_on)) edges.push({ from: d, to: s.id });
  assert.deepEqual(g.edges, edges, 'edges');
}

// ---------------------------------------------------------------- tests

describe('plue workflow graph', function () {
  describe('exact outputs (test/fixtures/graph)', function () {
    const cases: [fixture: string, cwd: string, args: string[]][] = [
      ['examples-ci.mmd', ROOT, ['ci', EXAMPLES]],
      ['examples-ci.dot', ROOT, ['ci', '--format', 'dot', EXAMPLES]],
      ['examples-ci.json', ROOT, ['--format=json', 'ci', EXAMPLES]],
      ['examples-code_review.mmd', ROOT, ['code_review', '--format', 'mermaid', EXAMPLES]],
      ['conformance-e2e_nightly.dot', path.join(CONFORMANCE, '13-nextjs-multi-workflow'), ['e2e_nightly', '--format', 'dot', '--event', 'event.json']],
      ['conformance-e2e_nightly.mmd', path.join(CONFORMANCE, '13-nextjs-multi-workflow'), ['e2e_nightly', '--event', 'event.json']],
      ['escaping-labels.mmd', ESCAPING, ['labels']],
      ['escaping-labels.dot', ESCAPING, ['labels', '--format', 'dot']],
      ['escaping-labels.json', ESCAPING, ['labels', '--format', 'json']],
    ];
    for (const [fixture, cwd, args] of cases) {
      it(`${fixture}: plue workflow graph ${args.join(' ')}`, function () {
        const run = graph(args, cwd);
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stderr, '');
        assert.equal(run.stdout, fs.readFileSync(path.join(FIXTURES, fixture), 'utf8'));
      });
    }

    it('gives the same bytes on every run', function () {
      const runs = [0, 1].map(() => graph(['e2e_nightly', '--format', 'dot', '--event', 'event.json'], path.join(CONFORMANCE, '13-nextjs-multi-workflow')));
      assert.ok(runs[0].stdoutBytes.length > 0);
      assert.ok(runs[0].stdoutBytes.equals(runs[1].stdoutBytes));
    });
  });

  describe('labels with characters each format must escape', function () {
    let g: GraphJson;
    before(function () {
      g = graphJson(['labels'], ESCAPING);
    });

    it('keeps the text as it is in the plan (JSON)', function () {
      assert.deepEqual(g.nodes[0].label, ['say "hi" \\N <b>bold</b> & #1 `tick` 50%%', 'shell: echo "a\\\\b" | grep \'<x>\' # comment']);
      assert.deepEqual(g.nodes.map((n) => n.label[0]), ['say "hi" \\N <b>bold</b> & #1 `tick` 50%%', 'ünïcødé ✓ end', 'k', 'a step whose name is much longer than one label…', 'after', 'parallel']);
      assert.deepEqual(g.groups.map((x) => [x.id, x.label, x.parent, x.members]), [
        ['step_4', 'parallel (2 steps)', 'step_6', ['step_2', 'step_3']],
        ['step_6', 'parallel (3 steps)', null, ['step_4', 'step_5']],
      ]);
    });

    it('Graphviz draws every label character for character', function () {
      const run = graph(['labels', '--format', 'dot'], ESCAPING);
      assert.equal(run.status, 0, run.stderr);
      assertSvgDrawsGraph(run.stdout, g);
    });

    it('Mermaid labels are escaped and decode to the same text', function () {
      const run = graph(['labels', '--format', 'mermaid'], ESCAPING);
      assert.equal(run.status, 0, run.stderr);
      assertMermaidDrawsGraph(run.stdout, g);
    });
  });

  describe('the bundled example repository', function () {
    // Three CLI runs and a Graphviz run per test: room for a busy machine.
    this.timeout(60_000);
    let envelope: ExpectedEnvelope;
    before(function () {
      const plan = plue(['workflow', 'plan', '--json', EXAMPLES], ROOT);
      assert.equal(plan.status, 0, plan.stdout);
      envelope = JSON.parse(plan.stdout) as ExpectedEnvelope;
    });
    for (const [name, kind] of [['ci', 'workflow'], ['release', 'workflow'], ['nightly', 'workflow'], ['code_review', 'workflow'], ['release_notes', 'tool']] as const) {
      it(`${kind} ${name}: JSON as the plan says, DOT rendered by Graphviz, Mermaid well formed`, function () {
        const plans = envelope.files.flatMap((f) => (kind === 'workflow' ? f.workflows : f.tools));
        const g = graphJson([name, EXAMPLES], ROOT);
        assertGraphOfPlan(g, plans.find((p) => p.name === name) as Plan, kind);
        assertSvgDrawsGraph(graph([name, '--format', 'dot', EXAMPLES], ROOT).stdout, g);
        assertMermaidDrawsGraph(graph([name, EXAMPLES], ROOT).stdout, g);
      });
    }
  });

  describe('every workflow and tool of the conformance repos', function () {
    this.timeout(60_000);
    if (!fs.existsSync(CONFORMANCE)) {
      it('needs ../shared/conformance/workflows', function () {
        assert.fail(`${CONFORMANCE} is missing: the shared corpora must be beside the repository`);
      });
      return;
    }
    for (const repo of fs.readdirSync(CONFORMANCE).sort()) {
      const dir = path.join(CONFORMANCE, repo);
      const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as ExpectedEnvelope;
      const event = fs.existsSync(path.join(dir, 'event.json')) ? ['--event', 'event.json'] : [];
      // A file with errors stops every graph: only the clean files are named then.
      const broken = new Set(expected.diagnostics.map((d) => d.file));
      const paths = broken.size ? expected.files.filter((f) => !broken.has(f.path)).map((f) => f.path) : [];
      for (const file of expected.files) {
        for (const [kind, plans] of [['workflow', file.workflows], ['tool', file.tools]] as const) {
          for (const plan of plans) {
            it(`${repo}: ${kind} ${plan.name}`, function () {
              const g = graphJson([plan.name, ...event, ...paths], dir);
              assertGraphOfPlan(g, plan, kind);
              const dot = graph([plan.name, '--format', 'dot', ...event, ...paths], dir);
              assert.equal(dot.status, 0, dot.stderr);
              assertSvgDrawsGraph(dot.stdout, g);
              const mermaid = graph([plan.name, ...event, ...paths], dir);
              assert.equal(mermaid.status, 0, mermaid.stderr);
              assertMermaidDrawsGraph(mermaid.stdout, g);
            });
          }
        }
      }
    }
  });

  describe('problems', function () {
    it('an unknown name exits 2 naming the workflows found, with a did-you-mean', function () {
      const run = graph(['cii', EXAMPLES], ROOT);
      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, "plue: workflow graph: no workflow named 'cii'; did you mean 'ci'? (workflows found: ci, release, nightly, code_review; tools: release_notes)\n");
    });

    it('an unknown name without a close one lists the workflows only', function () {
      const run = graph(['deploy', 'examples/.plue/workflows/review.py'], ROOT);
      assert.equal(run.status, 2);
      assert.equal(run.stderr, "plue: workflow graph: no workflow named 'deploy' (workflows found: code_review)\n");
    });

    it('a missing NAME and an unknown --format are usage errors (exit 2)', function () {
      const none = graph([], ROOT);
      assert.equal(none.status, 2);
      assert.match(none.stderr, /^plue: workflow graph: which workflow\?/);
      const format = graph(['ci', '--format', 'dott', EXAMPLES], ROOT);
      assert.equal(format.status, 2);
      assert.equal(format.stderr, "plue: workflow graph: unknown --format 'dott'; did you mean 'dot'? (one of mermaid, dot, json)\n");
      const option = graph(['ci', '--fromat', 'dot', EXAMPLES], ROOT);
      assert.equal(option.status, 2);
      assert.match(option.stderr, /unknown option '--fromat'; did you mean '--format'\?/);
    });

    it('a file with errors: no graph, the diagnostics as plan prints them (on stderr), exit 1', function () {
      const dir = path.join(CONFORMANCE, '34-mistake-if-on-step-result');
      const run = graph(['ci', '--format', 'dot'], dir);
      assert.equal(run.status, 1);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^Traceback \(most recent call last\):\n/);
      assert.match(run.stderr, /\n\.plue\/workflows\/deploy\.py:16:8: PlanError: 'steps\.step_2\.exit_code == 0' is only known when the workflow runs/);
      const plan = plue(['workflow', 'plan'], dir);
      assert.equal(plan.status, 1);
      assert.ok(plan.stdout.includes(run.stderr), `plan prints the same diagnostics:\n${plan.stdout}`);
    });

    it('a missing path is a usage error', function () {
      const run = graph(['ci', 'no/such/dir'], ROOT);
      assert.equal(run.status, 2);
      assert.equal(run.stderr, 'plue: no such file or directory: no/such/dir\n');
    });
  });

  describe('help', function () {
    it('plue workflow graph --help documents the formats and the JSON shape', function () {
      const run = graph(['--help'], ROOT);
      assert.equal(run.status, 0);
      assert.match(run.stdout, /^Usage: plue workflow graph NAME \[--format mermaid\|dot\|json\]/);
      for (const word of ['flowchart TD', 'digraph', '"nodes"', '"edges"', '"groups"', '--event FILE', '--prompts DIR']) assert.ok(run.stdout.includes(word), word);
    });

    it('plue --help and plue workflow --help list the command', function () {
      assert.match(plue(['--help'], ROOT).stdout, /workflow graph NAME/);
      const workflow = plue(['workflow', '--help'], ROOT);
      assert.match(workflow.stdout, /plan\|lint\|list\|graph/);
      assert.match(workflow.stdout, /\n {2}graph {3}/);
    });
  });
});
