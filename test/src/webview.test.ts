/// <reference lib="dom" />
// The plan-preview webview page (client/src/preview-html.ts, client/webview/
// preview.ts → client/media/preview.js, client/media/preview.css, dagre) in
// headless Chromium: the page previewHtml() builds is served with the real
// built media files from a local HTTP server, `acquireVsCodeApi` is stubbed
// (recording posted messages, keeping setState in sessionStorage), and plan
// messages carry real envelopes from `bin/plue workflow plan --json`.
//
// Checks the DOM contract the extension's end-to-end tests rely on, the
// messages the page posts, diagnostics, state restore, determinism, the zoom
// of wide graphs in a narrow view (an editor-side panel, 620 px), and that
// the Content-Security-Policy blocks nothing the page needs. Screenshots go to
// test-output/webview-<name>.png.
//
// Needs a build (npm run build) and Chromium at /usr/bin/chromium
// (apt-get install -y chromium). Run: npx mocha --grep webview

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { workflowPlan } from '../../server/out/cli/workflow-plan';
import { makeTree, plue } from './cli-harness';

const ROOT = path.join(__dirname, '..', '..');
const MEDIA = path.join(ROOT, 'client', 'media');
const PREVIEW_HTML_JS = path.join(ROOT, 'client', 'out', 'preview-html.js');
const OUTPUT = path.join(ROOT, 'test-output');
const CONFORMANCE = '/work/shared/conformance/workflows';
const REALISTIC = path.join(ROOT, 'test', 'fixtures', 'realistic-repos');
const CHROMIUM = '/usr/bin/chromium';

// The parts of client/src/preview-protocol.ts and preview-html.ts the test uses.
// (The test project does not reference the client project, so the compiled
// module is loaded at run time.)
interface PreviewHtmlOptions {
  readonly scriptUris: readonly string[];
  readonly styleUri: string;
  readonly cspSource: string;
  readonly nonce: string;
  readonly title: string;
}
interface PreviewHtmlModule {
  previewHtml(opts: PreviewHtmlOptions): string;
  readonly PREVIEW_SCRIPTS: readonly string[];
  readonly PREVIEW_STYLE: string;
}
interface Step {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly config: Record<string, unknown>;
  readonly depends_on: readonly string[];
}
interface Workflow {
  readonly name: string;
  readonly steps: readonly Step[];
}
interface Envelope {
  readonly files: readonly { path: string; workflows: readonly Workflow[]; tools: readonly Workflow[] }[];
  readonly diagnostics: readonly { kind: string; message: string; file: string; line: number; column: number }[];
}
interface PlanMessage {
  readonly type: 'plan';
  readonly uri: string;
  readonly fileName: string;
  readonly version: number;
  readonly envelope: Envelope;
  readonly json: string;
  readonly event: string;
  readonly events: readonly string[];
}
interface ErrorMessage {
  readonly type: 'error';
  readonly message: string;
}
type Posted = { type: string; event?: string; name?: string };

/** What the init script keeps on `window`. */
interface StubWindow {
  __posted: Posted[];
  __csp: string[];
  acquireVsCodeApi(): unknown;
}

const EVENTS = ['push', 'pull_request', 'issue_comment', 'manual', 'schedule', 'file:.plue/events/pr-opened.json'];

/** VS Code's "Light Modern" values of the variables the page uses (the CSS falls back to Dark Modern). */
const LIGHT_THEME: Record<string, string> = {
  '--vscode-editor-background': '#ffffff',
  '--vscode-editor-foreground': '#3b3b3b',
  '--vscode-foreground': '#3b3b3b',
  '--vscode-descriptionForeground': '#3b3b3b',
  '--vscode-widget-border': '#e5e5e5',
  '--vscode-panel-border': '#e5e5e5',
  '--vscode-editorWidget-background': '#f8f8f8',
  '--vscode-focusBorder': '#005fb8',
  '--vscode-charts-lines': 'rgba(97, 97, 97, 0.5)',
  '--vscode-charts-foreground': '#616161',
  '--vscode-charts-blue': '#1a85ff',
  '--vscode-charts-purple': '#652d90',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-green': '#388a34',
  '--vscode-charts-yellow': '#bf8803',
  '--vscode-debugTokenExpression-string': '#a31515',
  '--vscode-errorForeground': '#f85149',
  '--vscode-dropdown-background': '#ffffff',
  '--vscode-dropdown-border': '#cecece',
  '--vscode-dropdown-foreground': '#3b3b3b',
  '--vscode-button-background': '#005fb8',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-hoverBackground': '#0258a8',
  '--vscode-button-secondaryBackground': '#e5e5e5',
  '--vscode-button-secondaryForeground': '#3b3b3b',
  '--vscode-button-secondaryHoverBackground': '#cccccc',
  '--vscode-badge-background': '#cccccc',
  '--vscode-badge-foreground': '#3b3b3b',
  '--vscode-textLink-foreground': '#005fb8',
  '--vscode-textCodeBlock-background': '#f8f8f8',
  '--vscode-list-inactiveSelectionBackground': '#e4e6f1',
  '--vscode-editor-inactiveSelectionBackground': '#e5ebf1',
  '--vscode-inputValidation-errorBackground': '#f2dede',
};

/** `bin/plue workflow plan --json ARGS` in `cwd`, as a plan message. */
function planMessage(cwd: string, args: readonly string[], event = 'push', expectErrors = false): PlanMessage {
  const run = plue(['workflow', 'plan', '--json', ...args], cwd);
  assert.equal(run.status, expectErrors ? 1 : 0, run.stderr);
  const file = args[args.length - 1];
  return {
    type: 'plan',
    uri: pathToFileURL(path.join(cwd, file)).href,
    fileName: path.basename(file),
    version: 1,
    envelope: JSON.parse(run.stdout) as Envelope,
    json: run.stdout,
    event,
    events: EVENTS,
  };
}

/**
 * `plue workflow plan --json [--event event.json]` of a repo, run in this
 * process (the CLI's own entry point, without a process start per repo).
 */
async function planJson(repo: string): Promise<string> {
  const args = ['--json', path.join(repo, '.plue', 'workflows')];
  if (fs.existsSync(path.join(repo, 'event.json'))) args.push('--event', path.join(repo, 'event.json'));
  let stdout = '';
  const status = await workflowPlan(args, { stdout: (text) => void (stdout += text), stderr: () => undefined });
  assert.ok(status === 0 || status === 1, `${repo}: exit status ${status}`);
  return stdout;
}

/** The `{{ ... }}` placeholders in the strings of a config. */
function placeholders(value: unknown): string[] {
  if (typeof value === 'string') return value.match(/\{\{[^{}]*\}\}/g) ?? [];
  if (Array.isArray(value)) return value.flatMap(placeholders);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(placeholders);
  return [];
}

/** What the DOM must hold for a workflow: see the contract in client/webview/preview.ts. */
function expectedGraph(workflow: Workflow): { nodes: string[]; clusters: string[]; edges: string[] } {
  const ids = new Set(workflow.steps.map((s) => s.id));
  const edges = new Set<string>();
  for (const s of workflow.steps) {
    for (const d of s.depends_on) if (ids.has(d) && d !== s.id) edges.add(`${d}->${s.id}`);
  }
  return {
    nodes: workflow.steps.filter((s) => s.type !== 'parallel').map((s) => s.id).sort(),
    clusters: workflow.steps.filter((s) => s.type === 'parallel').map((s) => s.id).sort(),
    edges: [...edges].sort(),
  };
}

interface DomGraph {
  nodes: { id: string; type: string; name: string; title: string; box: Rect }[];
  clusters: { id: string; box: Rect }[];
  edges: { key: string; start: [number, number]; end: [number, number] }[];
}
interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function domGraph(page: Page, workflow: string): Promise<DomGraph> {
  return page.evaluate((name) => {
    const section = [...document.querySelectorAll<HTMLElement>('section.workflow')].find((s) => s.dataset.workflow === name);
    if (!section) throw new Error(`no section for ${name}`);
    const num = (e: Element | null, name: string): number => Number(e?.getAttribute(name) ?? NaN);
    const nodeBox = (g: SVGGElement): Rect => {
      // A node is drawn at the origin and moved by translate(x,y).
      const t = /translate\(([-\d.]+),([-\d.]+)\)/.exec(g.getAttribute('transform') ?? '');
      const b = (g.querySelector<SVGPathElement>('path.shape') ?? g).getBBox();
      return { x: Number(t?.[1] ?? NaN) + b.x, y: Number(t?.[2] ?? NaN) + b.y, width: b.width, height: b.height };
    };
    const clusterBox = (g: SVGGElement): Rect => {
      const r = g.querySelector('rect.cluster-box');
      return { x: num(r, 'x'), y: num(r, 'y'), width: num(r, 'width'), height: num(r, 'height') };
    };
    const point = (d: string, last: boolean): [number, number] => {
      const nums = (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
      return last ? [nums[nums.length - 2], nums[nums.length - 1]] : [nums[0], nums[1]];
    };
    return {
      nodes: [...section.querySelectorAll<SVGGElement>('svg.dag g.node')].map((g) => ({
        id: g.dataset.stepId ?? '',
        type: g.dataset.stepType ?? '',
        name: g.querySelector('text.step-name')?.textContent ?? '',
        title: g.querySelector(':scope > title')?.textContent ?? '',
        box: nodeBox(g),
      })),
      clusters: [...section.querySelectorAll<SVGGElement>('svg.dag g.cluster')].map((g) => ({
        id: g.dataset.stepId ?? '',
        box: clusterBox(g),
      })),
      edges: [...section.querySelectorAll<SVGPathElement>('svg.dag path.edge')].map((p) => ({
        key: `${p.dataset.from ?? ''}->${p.dataset.to ?? ''}`,
        start: point(p.getAttribute('d') ?? '', false),
        end: point(p.getAttribute('d') ?? '', true),
      })),
    };
  }, workflow);
}

function assertGraph(dom: DomGraph, workflow: Workflow): void {
  const expected = expectedGraph(workflow);
  assert.deepEqual(dom.nodes.map((n) => n.id).sort(), expected.nodes, `${workflow.name}: one g.node per non-parallel step`);
  assert.deepEqual(dom.clusters.map((c) => c.id).sort(), expected.clusters, `${workflow.name}: one g.cluster per parallel step`);
  assert.deepEqual(dom.edges.map((e) => e.key).sort(), expected.edges, `${workflow.name}: one path.edge per dependency pair`);
  const byId = new Map(workflow.steps.map((s) => [s.id, s] as const));
  for (const node of dom.nodes) {
    const step = byId.get(node.id);
    assert.ok(step);
    assert.equal(node.type, step.type, `${node.id} data-step-type`);
    assert.equal(node.name, step.name, `${node.id} label`);
    assert.ok(node.box.width > 0 && node.box.height > 0, `${node.id} is drawn`);
  }
  // Members lie inside their parallel group's box.
  const clusterBox = new Map(dom.clusters.map((c) => [c.id, c.box] as const));
  const nodeBox = new Map(dom.nodes.map((n) => [n.id, n.box] as const));
  for (const s of workflow.steps) {
    if (s.type !== 'parallel') continue;
    const outer = clusterBox.get(s.id);
    assert.ok(outer);
    for (const m of s.config.step_ids as string[]) {
      const inner = nodeBox.get(m) ?? clusterBox.get(m);
      assert.ok(inner, `member ${m} drawn`);
      assert.ok(
        inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 &&
          inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5,
        `${m} inside the box of ${s.id}`,
      );
    }
  }
  // An edge from a parallel group leaves from the bottom of its box.
  for (const e of dom.edges) {
    const [from] = e.key.split('->');
    const box = clusterBox.get(from);
    if (!box) continue;
    assert.ok(Math.abs(e.start[1] - (box.y + box.height)) < 1, `${e.key} starts at the bottom of ${from}`);
    assert.ok(e.start[0] >= box.x && e.start[0] <= box.x + box.width, `${e.key} starts within ${from}`);
  }
}

/** A conformance repo's reference envelope (expected.json) as a plan message. */
function conformancePlan(repo: string): PlanMessage {
  const json = fs.readFileSync(path.join(CONFORMANCE, repo, 'expected.json'), 'utf8');
  return { type: 'plan', uri: `file:///${repo}`, fileName: repo, version: 1, envelope: JSON.parse(json) as Envelope, json, event: 'push', events: EVENTS };
}

/** Where a workflow's graph is drawn, in client coordinates. */
interface Zoomed {
  /** The scale drawn (svg.dag[data-scale]), and as measured: drawn width / layout width. */
  readonly scale: number;
  readonly measured: number;
  /** The zoom level shown, the Fit button's aria-pressed. */
  readonly level: string;
  readonly fitPressed: boolean;
  /** The .graph box's visible area (its client box, without a scrollbar). */
  readonly visible: { left: number; top: number; right: number; bottom: number };
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly nodes: readonly { id: string; left: number; top: number; right: number; bottom: number }[];
}

async function zoomed(page: Page, workflow: string): Promise<Zoomed> {
  return page.evaluate((name) => {
    const section = [...document.querySelectorAll<HTMLElement>('section.workflow')].find((s) => s.dataset.workflow === name);
    const graph = section?.querySelector<HTMLElement>('.graph');
    const svg = graph?.querySelector<SVGSVGElement>('svg.dag');
    if (!section || !graph || !svg) throw new Error(`no graph for ${name}`);
    const box = graph.getBoundingClientRect();
    const left = box.left + graph.clientLeft;
    const top = box.top + graph.clientTop;
    return {
      scale: Number(svg.dataset.scale),
      measured: svg.getBoundingClientRect().width / svg.viewBox.baseVal.width,
      level: section.querySelector('.zoom-level')?.textContent ?? '',
      fitPressed: section.querySelector('button[data-zoom="fit"]')?.getAttribute('aria-pressed') === 'true',
      visible: { left, top, right: left + graph.clientWidth, bottom: top + graph.clientHeight },
      scrollWidth: graph.scrollWidth,
      clientWidth: graph.clientWidth,
      nodes: [...svg.querySelectorAll<SVGGElement>('g.node')].map((g) => {
        const r = g.getBoundingClientRect();
        return { id: g.dataset.stepId ?? '', left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      }),
    };
  }, workflow);
}

/** The ids of the nodes not wholly in the graph box's visible area. */
function outside(z: Zoomed, nodes: Zoomed['nodes'] = z.nodes): string[] {
  const v = z.visible;
  return nodes
    .filter((n) => n.left < v.left - 0.5 || n.top < v.top - 0.5 || n.right > v.right + 0.5 || n.bottom > v.bottom + 0.5)
    .map((n) => n.id);
}

/** The nodes drawn highest: the first rank. */
function firstRank(z: Zoomed): Zoomed['nodes'] {
  const top = Math.min(...z.nodes.map((n) => n.top));
  return z.nodes.filter((n) => n.top < top + 2);
}

describe('webview: plan preview page', function () {
  this.timeout(60000);

  let browser: Browser;
  let server: http.Server;
  let origin = '';
  let html = '';
  const contexts: BrowserContext[] = [];
  /** The temporary trees this suite made (makeTree). */
  const ownRoots: string[] = [];

  before(async function () {
    for (const file of ['preview.js', 'preview.css', 'dagre.min.js']) {
      assert.ok(fs.existsSync(path.join(MEDIA, file)), `client/media/${file} is missing: run npm run build`);
    }
    assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
    fs.mkdirSync(OUTPUT, { recursive: true });

    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const media = /^\/media\/([a-z0-9.-]+)$/i.exec(url.pathname);
      if (url.pathname === '/favicon.ico') {
        res.writeHead(204).end();
      } else if (url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      } else if (media && fs.existsSync(path.join(MEDIA, media[1]))) {
        const type = media[1].endsWith('.css') ? 'text/css' : 'text/javascript';
        res.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(fs.readFileSync(path.join(MEDIA, media[1])));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const mod = (await import(pathToFileURL(PREVIEW_HTML_JS).href)) as PreviewHtmlModule;
    html = mod.previewHtml({
      scriptUris: mod.PREVIEW_SCRIPTS.map((f) => `${origin}/media/${f}`),
      styleUri: `${origin}/media/${mod.PREVIEW_STYLE}`,
      // A source list shaped like VS Code 1.100's webview.cspSource (`'self' https://*.vscode-cdn.net`).
      cspSource: `'self' ${origin}`,
      nonce: 'dGVzdC1ub25jZS0xMjM0NTY',
      title: 'Plue Plan Preview',
    });

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });

  after(async function () {
    for (const c of contexts) await c.close();
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    for (const root of ownRoots) fs.rmSync(root, { recursive: true, force: true });
  });

  interface Opened {
    readonly page: Page;
    /** Console errors and warnings, page errors, CSP violations, requests off the page's origin. */
    readonly problems: string[];
  }

  async function open(theme?: Record<string, string>, viewport = { width: 1280, height: 800 }): Promise<Opened> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    await context.addInitScript((vars: Record<string, string> | null) => {
      const w = window as unknown as StubWindow;
      w.__posted = [];
      w.__csp = [];
      const saved = sessionStorage.getItem('vscode-state');
      let state: unknown = saved === null ? undefined : JSON.parse(saved);
      let acquired = false;
      w.acquireVsCodeApi = () => {
        if (acquired) throw new Error('acquireVsCodeApi called twice');
        acquired = true;
        return {
          postMessage: (message: Posted) => w.__posted.push(message),
          getState: () => state,
          setState: (next: unknown) => {
            state = next;
            sessionStorage.setItem('vscode-state', JSON.stringify(next));
            return next;
          },
        };
      };
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
      // Theme variables on <html>, as VS Code sets them (through the CSSOM: the CSP allows no style attribute).
      const theme = (): void => {
        for (const [k, v] of Object.entries(vars ?? {})) document.documentElement.style.setProperty(k, v);
      };
      if (document.documentElement) theme();
      else document.addEventListener('readystatechange', theme, { once: true });
    }, theme ?? null);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(origin)) problems.push(`request off origin: ${r.url()}`);
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => (window as unknown as StubWindow).__posted.length > 0);
    return { page, problems };
  }

  async function assertClean(opened: Opened): Promise<void> {
    const csp = await opened.page.evaluate(() => (window as unknown as StubWindow).__csp);
    assert.deepEqual([...opened.problems, ...csp.map((v) => `CSP violation: ${v}`)], []);
  }

  async function post(page: Page, message: PlanMessage | ErrorMessage): Promise<void> {
    await page.evaluate((m) => window.postMessage(m, '*'), message);
    if (message.type === 'plan') {
      await page.waitForFunction((json) => document.querySelector('pre.plan-json')?.textContent === json, message.json);
    } else {
      await page.waitForFunction(
        (text) => [...document.querySelectorAll('.diagnostics li')].some((li) => li.textContent?.includes(text)),
        message.message,
      );
    }
  }

  async function postedMessages(page: Page): Promise<Posted[]> {
    return page.evaluate(() => (window as unknown as StubWindow).__posted);
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(OUTPUT, `webview-${name}.png`), fullPage: true });
  }

  it('draws each workflow of examples ci.py as a DAG, with the exact JSON', async function () {
    const plan = planMessage(path.join(ROOT, 'examples'), ['.plue/workflows/ci.py']);
    const opened = await open();
    const { page } = opened;
    assert.deepEqual(await postedMessages(page), [{ type: 'ready' }]);
    await post(page, plan);

    const workflows = plan.envelope.files.flatMap((f) => f.workflows);
    assert.ok(workflows.some((w) => w.steps.some((s) => s.type === 'parallel')), 'ci.py has a parallel group');
    const sections = await page.$$eval('section.workflow', (els) => els.map((e) => (e as HTMLElement).dataset.workflow));
    assert.deepEqual(sections, workflows.map((w) => w.name));
    for (const workflow of workflows) assertGraph(await domGraph(page, workflow.name), workflow);

    // Triggers and image, compactly.
    const meta = await page.$eval('section.workflow[data-workflow="ci"] .meta', (e) => e.textContent ?? '');
    assert.match(meta, /push: main, release\/\*/);
    assert.match(meta, /pull_request: opened, synchronize/);
    assert.match(meta, /image: ghcr\.io\/astral-sh\/uv:python3\.12-bookworm/);

    // Run-time placeholders: in the node's tooltip, and highlighted in its secondary line.
    const install = (await domGraph(page, 'ci')).nodes.find((n) => n.name === 'install');
    assert.ok(install);
    assert.match(install.title, /cache: uv:\{\{ hash_files:uv\.lock \}\}/);
    const publish = (await domGraph(page, 'ci')).nodes.find((n) => n.name === 'publish docs');
    assert.ok(publish);
    assert.match(publish.title, /env\.GH_TOKEN: \{\{ secret:DOCS_DEPLOY_TOKEN \}\}/);

    // The JSON tab holds the CLI's bytes.
    assert.equal(await page.$eval('pre.plan-json', (e) => e.textContent), plan.json);
    assert.equal(await page.$eval('pre.plan-json', (e) => (e.closest('.json-view') as HTMLElement).hidden), true);
    await screenshot(page, 'ci');
    await page.click('button.tab[data-view="json"]');
    assert.equal(await page.isVisible('pre.plan-json'), true);
    assert.equal(await page.isVisible('section.workflow'), false);
    await page.click('button.tab[data-view="graph"]');
    assert.equal(await page.isVisible('section.workflow'), true);
    await assertClean(opened);
  });

  it('draws llm, agent and action steps with their run-time placeholders (10-ai-code-review)', async function () {
    const repo = path.join(CONFORMANCE, '10-ai-code-review');
    const plan = planMessage(repo, ['--event', 'event.json', '.plue/workflows/review.py'], 'file:event.json');
    const opened = await open();
    const { page } = opened;
    await post(page, plan);
    const workflows = plan.envelope.files.flatMap((f) => f.workflows);
    const types = new Set(workflows.flatMap((w) => w.steps.map((s) => s.type)));
    for (const t of ['llm', 'agent', 'action']) assert.ok(types.has(t), `the repo has ${t} steps`);
    for (const workflow of workflows) {
      const dom = await domGraph(page, workflow.name);
      assertGraph(dom, workflow);
      for (const step of workflow.steps) {
        if (step.type === 'parallel') continue;
        const node = dom.nodes.find((n) => n.id === step.id);
        for (const placeholder of placeholders(step.config)) {
          assert.ok(node?.title.includes(placeholder), `${step.id}'s tooltip shows ${placeholder}`);
        }
        const badge = await page.$(`section.workflow[data-workflow="${workflow.name}"] g.node[data-step-id="${step.id}"] .ph-badge`);
        assert.equal(badge !== null, placeholders(step.config).length > 0, `${step.id} has a {{ }} badge iff its config has placeholders`);
      }
    }
    // The selected event is an event file the list did not name: it is added to the selector.
    assert.equal(await page.$eval('select#event', (e) => (e as HTMLSelectElement).value), 'file:event.json');

    // A click on a node opens its details with the whole config.
    const first = workflows[0].steps.find((s) => s.type === 'agent') ?? workflows[0].steps[0];
    await page.click(`section.workflow[data-workflow="${workflows[0].name}"] g.node[data-step-id="${first.id}"]`);
    const details = await page.$eval(`section.workflow[data-workflow="${workflows[0].name}"] .step-details`, (e) => e.textContent ?? '');
    assert.ok(details.includes(first.name) && details.includes('"prompt_path"'), details);
    await screenshot(page, 'ai-code-review');
    await assertClean(opened);
  });

  it('nests parallel groups and lists tools (13-nextjs-multi-workflow, 12-tool-workflows)', async function () {
    const opened = await open();
    const { page } = opened;
    const nextjs = planMessage(path.join(CONFORMANCE, '13-nextjs-multi-workflow'), ['.plue/workflows/app.py']);
    await post(page, nextjs);
    const workflows = nextjs.envelope.files.flatMap((f) => f.workflows);
    const nested = workflows.find((w) => w.steps.some((s) =>
      s.type === 'parallel' && (s.config.step_ids as string[]).some((m) => w.steps.find((x) => x.id === m)?.type === 'parallel')));
    assert.ok(nested, 'a workflow with nested parallel groups');
    for (const workflow of workflows) assertGraph(await domGraph(page, workflow.name), workflow);
    await screenshot(page, 'nextjs');

    const tools = planMessage(path.join(CONFORMANCE, '12-tool-workflows'), ['.plue/workflows/tools.py']);
    await post(page, tools);
    const names = tools.envelope.files.flatMap((f) => f.tools.map((t) => t.name));
    assert.ok(names.length > 0);
    assert.deepEqual(await page.$$eval('section.tools li.tool', (els) => els.map((e) => (e as HTMLElement).dataset.tool)), names);
    await page.click(`li.tool[data-tool="${names[0]}"] .tool-name`);
    assert.deepEqual((await postedMessages(page)).at(-1), { type: 'revealWorkflow', name: names[0] });
    await assertClean(opened);
  });

  it('posts ready, selectEvent, pickEventFile, copyJson and revealWorkflow', async function () {
    const plan = planMessage(path.join(ROOT, 'examples'), ['.plue/workflows/review.py'], 'pull_request');
    const opened = await open();
    const { page } = opened;
    await post(page, plan);
    assert.deepEqual(await page.$$eval('select#event option', (os) => os.map((o) => (o as HTMLOptionElement).value)),
      [...EVENTS, '']);
    assert.equal(await page.$eval('select#event', (e) => (e as HTMLSelectElement).value), 'pull_request');

    await page.selectOption('select#event', 'issue_comment');
    await page.selectOption('select#event', 'file:.plue/events/pr-opened.json');
    await page.selectOption('select#event', { label: 'JSON file…' });
    // The selector shows the plan's event until a new plan comes.
    assert.equal(await page.$eval('select#event', (e) => (e as HTMLSelectElement).value), 'pull_request');
    await page.click('button#copy-json');
    await page.click('section.workflow[data-workflow="code_review"] .workflow-title');
    assert.deepEqual(await postedMessages(page), [
      { type: 'ready' },
      { type: 'selectEvent', event: 'issue_comment' },
      { type: 'selectEvent', event: 'file:.plue/events/pr-opened.json' },
      { type: 'pickEventFile' },
      { type: 'copyJson' },
      { type: 'revealWorkflow', name: 'code_review' },
    ]);
    await assertClean(opened);
  });

  it('shows the diagnostics of a file with an error, and error messages, without a DAG', async function () {
    const root = makeTree({
      '.plue/workflows/broken.py': [
        'from plue import workflow, push',
        'import os',
        '',
        '@workflow(triggers=[push()])',
        'def ci(ctx):',
        '    ctx.run("test", "make test")',
        '',
      ].join('\n'),
    });
    ownRoots.push(root);
    const plan = planMessage(root, ['.plue/workflows/broken.py'], 'push', true);
    assert.ok(plan.envelope.diagnostics.length > 0);
    const opened = await open();
    const { page } = opened;
    await post(page, plan);
    const items = await page.$$eval('.diagnostics li', (els) => els.map((e) => e.textContent ?? ''));
    assert.equal(items.length, plan.envelope.diagnostics.length);
    plan.envelope.diagnostics.forEach((d, i) => {
      assert.ok(items[i].includes(d.kind), items[i]);
      assert.ok(items[i].includes(`${d.file}:${d.line}:${d.column}`), items[i]);
      assert.ok(items[i].includes(d.message), items[i]);
    });
    assert.equal((await page.$$('g.node')).length, 0);
    assert.equal(await page.$eval('pre.plan-json', (e) => e.textContent), plan.json);
    await screenshot(page, 'diagnostics');

    // A plan error replaces the DAG; a new plan brings it back.
    const good = planMessage(path.join(ROOT, 'examples'), ['.plue/workflows/ci.py']);
    await post(page, good);
    assert.equal((await page.$$('.diagnostics li')).length, 0);
    assert.ok((await page.$$('g.node')).length > 0);
    await post(page, { type: 'error', message: 'The Plue language server is not running.' });
    assert.deepEqual(await page.$$eval('.diagnostics li', (els) => els.map((e) => e.textContent ?? '')),
      ['ErrorThe Plue language server is not running.']);
    assert.equal((await page.$$('g.node')).length, 0);
    assert.equal(await page.$eval('button#copy-json', (e) => (e as HTMLButtonElement).disabled), true);
    await assertClean(opened);
  });

  it('restores the last plan from setState after a reload, and draws the same plan the same way', async function () {
    const plan = planMessage(path.join(ROOT, 'examples'), ['.plue/workflows/release.py']);
    const opened = await open();
    const { page } = opened;
    await post(page, plan);
    await page.click('button.tab[data-view="json"]');
    await page.click('button.tab[data-view="graph"]');
    // Placeholders in a node's secondary line are highlighted.
    const highlighted = await page.$$eval('g.node .step-detail .ph', (els) => els.map((e) => e.textContent));
    assert.ok(highlighted.some((t) => t?.startsWith('{{ inputs.')), highlighted.join(' '));
    const first = await page.$eval('#app', (e) => e.innerHTML);
    await post(page, { type: 'error', message: 'transient' });
    await post(page, plan);
    assert.equal(await page.$eval('#app', (e) => e.innerHTML), first, 'same plan → same DOM');

    await page.reload();
    await page.waitForFunction(() => (window as unknown as StubWindow).__posted.length > 0);
    assert.deepEqual(await postedMessages(page), [{ type: 'ready' }]);
    assert.equal(await page.$eval('pre.plan-json', (e) => e.textContent), plan.json);
    assert.equal(await page.$eval('#app', (e) => e.innerHTML), first, 'restored from setState');
    await assertClean(opened);
  });

  it('fits wide graphs to a narrow view and zooms them (22-elixir-phoenix, 14-cmake-cpp-large-matrix)', async function () {
    const opened = await open(undefined, { width: 620, height: 800 });
    const { page } = opened;
    const elixir = conformancePlan('22-elixir-phoenix');
    await post(page, elixir);
    const workflow = elixir.envelope.files[0].workflows[0];
    assertGraph(await domGraph(page, workflow.name), workflow);
    const zoomButton = (zoom: string): string => `section.workflow[data-workflow="${workflow.name}"] button[data-zoom="${zoom}"]`;

    // By default: fitted to the width as far as AUTO_MIN_SCALE; then it scrolls, showing the first rank.
    const initial = await zoomed(page, workflow.name);
    assert.equal(initial.scale, 0.25, 'the default fit stops at 25%');
    assert.ok(Math.abs(initial.measured - initial.scale) < 0.01, `drawn at ${initial.measured}`);
    assert.equal(initial.level, '25%');
    assert.equal(initial.fitPressed, false);
    assert.ok(initial.scrollWidth > initial.clientWidth, 'a graph wider than the view at 25% scrolls');
    assert.deepEqual(outside(initial, firstRank(initial)), [], 'the first rank is in view');
    await screenshot(page, 'wide-default');

    // Fit: the whole graph in the view, without scrolling.
    await page.click(zoomButton('fit'));
    const fit = await zoomed(page, workflow.name);
    assert.ok(fit.scale < initial.scale && fit.scale > 0, `Fit scale ${fit.scale}`);
    assert.deepEqual(outside(fit), [], 'every node is in view after Fit');
    assert.ok(fit.scrollWidth <= fit.clientWidth, 'nothing to scroll after Fit');
    assert.equal(fit.fitPressed, true);
    assert.equal(fit.level, `${Math.round(fit.scale * 100)}%`);
    await screenshot(page, 'wide-fit');

    // + zooms in, − out, 100% is the layout's size.
    await page.click(zoomButton('in'));
    const zoomedIn = await zoomed(page, workflow.name);
    assert.ok(zoomedIn.scale > fit.scale, `+ zooms in: ${fit.scale} → ${zoomedIn.scale}`);
    assert.ok(zoomedIn.measured > fit.measured);
    assert.equal(zoomedIn.fitPressed, false);
    await page.click(zoomButton('in'));
    const twice = (await zoomed(page, workflow.name)).scale;
    assert.ok(twice > zoomedIn.scale);
    await page.click(zoomButton('out'));
    assert.equal((await zoomed(page, workflow.name)).scale, zoomedIn.scale, '− undoes +');
    await page.click(zoomButton('reset'));
    const actual = await zoomed(page, workflow.name);
    assert.equal(actual.scale, 1);
    assert.ok(Math.abs(actual.measured - 1) < 0.001);

    // Ctrl+wheel over the graph zooms too (out: the wheel turned towards the user).
    const graph = await page.$eval(`section.workflow[data-workflow="${workflow.name}"] .graph`, (e) => {
      const r = e.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + Math.min(r.height / 2, 100) };
    });
    await page.mouse.move(graph.x, graph.y);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, 100);
    await page.keyboard.up('Control');
    await page.waitForFunction((name) => {
      const svg = document.querySelector(`section.workflow[data-workflow="${name}"] svg.dag`);
      return svg?.getAttribute('data-scale') !== '1';
    }, workflow.name);
    const wheeled = await zoomed(page, workflow.name);
    assert.ok(wheeled.scale < 1, `Ctrl+wheel zooms out: ${wheeled.scale}`);

    // A scale of one's own stays when the view is resized, and comes back from setState after a reload.
    await page.setViewportSize({ width: 900, height: 800 });
    await page.waitForFunction(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)))));
    assert.equal((await zoomed(page, workflow.name)).scale, wheeled.scale, 'a chosen scale survives a resize');
    await page.reload();
    await page.waitForFunction(() => document.querySelector('svg.dag') !== null);
    assert.equal((await zoomed(page, workflow.name)).scale, wheeled.scale, 'the zoom is restored from setState');

    // Fitted graphs are fitted again to a new width.
    await page.click(zoomButton('fit'));
    const wide = await zoomed(page, workflow.name);
    await page.setViewportSize({ width: 620, height: 800 });
    await page.waitForFunction(([name, before]) =>
      Number(document.querySelector(`section.workflow[data-workflow="${name}"] svg.dag`)?.getAttribute('data-scale')) < before,
    [workflow.name, wide.scale] as const);
    const narrow = await zoomed(page, workflow.name);
    assert.deepEqual(outside(narrow), [], 'every node is in view after the resize');
    assert.ok(Math.abs(narrow.scale - fit.scale) < 0.002, `fitted again as at first: ${narrow.scale}, ${fit.scale}`);

    // The large matrix: 217 and 318 steps, tens of thousands of pixels wide.
    const cmake = conformancePlan('14-cmake-cpp-large-matrix');
    await post(page, cmake);
    for (const w of cmake.envelope.files[0].workflows) {
      assertGraph(await domGraph(page, w.name), w);
      const before = await zoomed(page, w.name);
      assert.equal(before.scale, 0.25);
      assert.deepEqual(outside(before, firstRank(before)), [], `${w.name}: the first rank is in view`);
      await page.click(`section.workflow[data-workflow="${w.name}"] button[data-zoom="fit"]`);
      const after = await zoomed(page, w.name);
      assert.equal(after.nodes.length, w.steps.filter((s) => s.type !== 'parallel').length);
      assert.deepEqual(outside(after), [], `${w.name}: every node is in view after Fit`);
      await page.click(`section.workflow[data-workflow="${w.name}"] button[data-zoom="in"]`);
      assert.ok((await zoomed(page, w.name)).scale > after.scale, `${w.name}: + zooms in`);
    }
    await screenshot(page, 'wide-cmake');
    await assertClean(opened);
  });

  it('draws a graph that fits at 100%, never larger', async function () {
    const small = planMessage(path.join(ROOT, 'examples'), ['.plue/workflows/release.py']);
    const ci = planMessage(path.join(ROOT, 'examples'), ['.plue/workflows/ci.py']);
    const narrow = await open(undefined, { width: 620, height: 800 });
    await post(narrow.page, small);
    for (const w of small.envelope.files.flatMap((f) => f.workflows)) {
      const z = await zoomed(narrow.page, w.name);
      assert.equal(z.scale, 1, `${w.name} at 100%`);
      assert.ok(Math.abs(z.measured - 1) < 0.001);
      assert.equal(z.fitPressed, true, 'the whole graph is seen');
      assert.deepEqual(outside(z), []);
    }
    // ci.py (1575 px wide) in 620 px: shrunk to fit, above the 25% floor, every node in view.
    await post(narrow.page, ci);
    const shrunk = await zoomed(narrow.page, 'ci');
    assert.ok(shrunk.scale > 0.25 && shrunk.scale < 1, `ci at ${shrunk.scale}`);
    assert.deepEqual(outside(shrunk), []);
    await assertClean(narrow);
    // ... and at 100% in a view wide enough for it, not more.
    const wide = await open(undefined, { width: 1680, height: 800 });
    await post(wide.page, ci);
    const whole = await zoomed(wide.page, 'ci');
    assert.equal(whole.scale, 1);
    assert.ok(whole.clientWidth > whole.nodes.reduce((m, n) => Math.max(m, n.right), 0) - whole.visible.left);
    assert.deepEqual(outside(whole), []);
    await assertClean(wide);
  });

  it('reads well in a light theme', async function () {
    const plan = planMessage(path.join(ROOT, 'examples'), ['.plue/workflows/ci.py']);
    const opened = await open(LIGHT_THEME);
    await post(opened.page, plan);
    await screenshot(opened.page, 'ci-light');
    await assertClean(opened);
  });

  it('survives odd plans: cycles, unknown ids and types, empty and overlapping parallel groups', async function () {
    const step = (id: string, type: string, depends_on: string[], config: Record<string, unknown> = {}): Step =>
      ({ id, name: `${id} ${type}`, type, config, depends_on });
    const workflow: Workflow = {
      name: 'odd',
      steps: [
        step('a', 'shell', ['b', 'missing', 'a'], { cmd: 'echo {{ secret:X }}', env: {}, cache: null }),
        step('b', 'shell', ['a', 'a']),
        step('c', 'custom', [], { anything: [1, { deep: '{{ env:HOME }}' }] }),
        step('d', 'shell', ['g2']),
        step('g1', 'parallel', [], { step_ids: ['c', 'd', 'g1', 'nope'] }),
        step('g2', 'parallel', ['g1'], { step_ids: ['d', 'e'] }),
        step('e', 'llm', ['g2'], { prompt_path: 'p', inputs: {}, client: 'x', tools: null, max_turns: 10 }),
        step('g3', 'parallel', [], { step_ids: [] }),
        step('f', 'action', ['g3'], { action: 'comment', body: 'hi' }),
      ],
    };
    const envelope = {
      files: [{ path: 'odd.py', content_hash: '0', workflows: [{ ...workflow, triggers: [{ type: 'push', branches: null }], image: 'x', dockerfile: null }], tools: [] }],
      diagnostics: [],
    };
    const json = `${JSON.stringify(envelope, null, 2)}\n`;
    const opened = await open();
    await post(opened.page, { type: 'plan', uri: 'file:///odd.py', fileName: 'odd.py', version: 3, envelope: envelope as unknown as Envelope, json, event: 'push', events: EVENTS });
    const dom = await domGraph(opened.page, 'odd');
    assert.deepEqual(dom.nodes.map((n) => n.id).sort(), ['a', 'b', 'c', 'd', 'e', 'f']);
    assert.deepEqual(dom.clusters.map((c) => c.id).sort(), ['g1', 'g2', 'g3']);
    assert.deepEqual(dom.edges.map((e) => e.key).sort(), ['a->b', 'b->a', 'g1->g2', 'g2->d', 'g2->e', 'g3->f']);
    await assertClean(opened);
  });

  it('lays out every realistic workflow repo', async function () {
    this.timeout(180000);
    // The reference's envelopes of the conformance repos, and our CLI's of the realistic ones.
    const envelopes: { name: string; json: string }[] = fs.readdirSync(CONFORMANCE)
      .filter((d) => fs.existsSync(path.join(CONFORMANCE, d, 'expected.json')))
      .map((d) => ({ name: d, json: fs.readFileSync(path.join(CONFORMANCE, d, 'expected.json'), 'utf8') }));
    const repos = fs.readdirSync(REALISTIC).filter((d) => fs.existsSync(path.join(REALISTIC, d, '.plue')));
    for (const d of repos) envelopes.push({ name: d, json: await planJson(path.join(REALISTIC, d)) });
    assert.ok(envelopes.length > 100, `found ${envelopes.length} repos`);
    const opened = await open();
    const { page } = opened;
    let nodes = 0;
    for (const { name, json } of envelopes) {
      const envelope = JSON.parse(json) as Envelope;
      await post(page, { type: 'plan', uri: `file:///${name}`, fileName: name, version: 1, envelope, json, event: 'push', events: EVENTS });
      for (const workflow of envelope.files.flatMap((f) => f.workflows)) {
        const dom = await domGraph(page, workflow.name);
        assertGraph(dom, workflow);
        nodes += dom.nodes.length;
      }
      assert.equal((await page.$$('.diagnostics li')).length, envelope.diagnostics.length, name);
    }
    assert.ok(nodes > 500, `${nodes} nodes drawn`);
    await assertClean(opened);
  });
});
