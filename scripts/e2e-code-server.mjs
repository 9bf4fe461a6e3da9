// End-to-end test of the packaged extension in a real VS Code (code-server
// 4.100.3 = VS Code 1.100), driven like a user with playwright-core and
// Debian's chromium. Run by .ci/run; on its own: `node scripts/e2e-code-server.mjs`.
//
// 1. ../shared/tools/code-server-setup installs code-server (cached; prints entry.js)
// 2. `npm run build`, then scripts/package-vsix.mjs packages the .vsix
// 3. `code-server --install-extension` installs it into a temporary extensions dir
// 4. a temporary workspace: the conformance case 34-mistake-if-on-step-result
//    (ci.py: a valid 3-step chain; deploy.py: a PlanError) plus elixir.py of
//    case 22-elixir-phoenix (29 steps with parallel groups); what the editor
//    must show comes from those cases' expected.json
// 5. code-server on 127.0.0.1:<free port>, chromium opens ?folder=<workspace>
// 6. scenarios, each with a screenshot in test-output/e2e/:
//    - Quick Open deploy.py; the extension activates (its output channel exists)
//    - the Problems panel lists exactly the expected diagnostics (message,
//      source plue, code = kind, line) and ci.py / elixir.py have none
//    - hovering a step variable in ci.py shows the step's id and type
//    - "Plue: Preview Plan" opens the webview beside the editor and draws the
//      DAG (sections, nodes, edges, parallel clusters, the plan JSON and the
//      event selector); test-output/e2e/preview.png is the picture in docs/editors.md
//    - the @vscode/test-electron suite (test/electron) in a second code-server,
//      whose extension host loads the extension from this tree
//
// Exit 0 only when every assertion passed. code-server is always stopped.
// Options: --skip=hover,preview,suite (scenarios to leave out while developing),
// --keep (keep the temporary folder), --headed (show the browser; needs a display).
/* global document, window, NodeFilter, fetch, setTimeout, clearTimeout */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const shared = process.env.PLUE_SHARED_DIR ?? join(root, '..', 'shared');
const setupTool = join(shared, 'tools', 'code-server-setup');
const casesDir = join(shared, 'conformance', 'workflows');
const chromiumPath = process.env.PLUE_E2E_CHROMIUM ?? '/usr/bin/chromium';
const outDir = join(root, 'test-output', 'e2e');

const args = process.argv.slice(2);
const skip = new Set(
  args
    .filter((a) => a.startsWith('--skip='))
    .flatMap((a) => a.slice('--skip='.length).split(','))
    .filter(Boolean),
);
const keep = args.includes('--keep');
const headed = args.includes('--headed');

/** Bounds: the whole run after the setup, and single waits in the UI. */
const RUN_TIMEOUT_MS = 10 * 60_000;
const SETUP_TIMEOUT_MS = 45 * 60_000;
const UI_TIMEOUT_MS = 30_000;
const SERVER_TIMEOUT_MS = 90_000;

const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;
const log = (message) => console.log(`[e2e ${seconds(started).padStart(6)}] ${message}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class AssertionFailure extends Error {}
function check(condition, message) {
  if (!condition) throw new AssertionFailure(message);
}

// ---------------------------------------------------------------------------
// Run state and clean-up

let tempDir;
const servers = []; // code-server ChildProcesses, each in its own process group
let browser;
let page;
const failures = [];
let stepNumber = 0;

async function cleanUp() {
  if (browser) await browser.close().catch(() => {});
  browser = undefined;
  for (const server of servers.splice(0)) {
    if (server.exitCode !== null || server.signalCode !== null) continue;
    log(`stopping code-server (pid ${server.pid})`);
    try {
      process.kill(-server.pid, 'SIGTERM'); // code-server and the processes it started
    } catch {
      // already gone
    }
    const exited = await Promise.race([new Promise((r) => server.once('exit', () => r(true))), sleep(5000).then(() => false)]);
    if (!exited) {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  if (tempDir && existsSync(tempDir)) {
    // The logs of VS Code and the extension host are kept as artefacts.
    for (const [data, name] of [['data', 'vscode-logs'], ['suite-data', 'suite-vscode-logs']]) {
      const logs = join(tempDir, data, 'logs');
      if (existsSync(logs)) cpSync(logs, join(outDir, name), { recursive: true });
    }
    if (keep) log(`kept ${tempDir}`);
    else rmSync(tempDir, { recursive: true, force: true });
  }
}

async function finish(code) {
  await cleanUp();
  log(code === 0 ? 'PASSED' : `FAILED (${failures.length} failure${failures.length === 1 ? '' : 's'})`);
  for (const f of failures) console.log(`  - ${f}`);
  if (code === 0 || failures.length > 0) console.log(`artefacts: ${relative(process.cwd(), outDir) || outDir}`);
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    failures.push(`interrupted by ${signal}`);
    void finish(1);
  });
}

async function screenshot(name) {
  if (!page) return;
  await page.screenshot({ path: join(outDir, `${name}.png`) }).catch((e) => log(`  (no screenshot ${name}: ${e.message})`));
}

/** A step that must pass for the run to go on. */
async function required(title, body) {
  stepNumber += 1;
  const since = Date.now();
  log(`${stepNumber}. ${title}`);
  try {
    const result = await body();
    log(`   ok (${seconds(since)})`);
    return result;
  } catch (error) {
    log(`   FAILED: ${error.message}`);
    failures.push(`${title}: ${error.message}`);
    await screenshot(`failure-${stepNumber}`);
    return finish(1);
  }
}

/** A scenario: a failure is recorded and the run goes on with the next one. */
async function scenario(key, title, body) {
  stepNumber += 1;
  if (skip.has(key)) {
    log(`${stepNumber}. ${title}: skipped (--skip=${key})`);
    return;
  }
  const since = Date.now();
  log(`${stepNumber}. ${title}`);
  try {
    await body();
    log(`   ok (${seconds(since)})`);
  } catch (error) {
    const message = error instanceof AssertionFailure ? error.message : `${error.name}: ${error.message}`;
    log(`   FAILED: ${message}`);
    failures.push(`${title}: ${message}`);
    await screenshot(`failure-${stepNumber}-${key}`);
    // Leave whatever widget was open so the next scenario starts clean.
    await page?.keyboard.press('Escape').catch(() => {});
  }
}

// ---------------------------------------------------------------------------
// Helpers outside the browser

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, encoding: 'utf8', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
    throw new Error(`${command} ${commandArgs.join(' ')} exited with ${result.status ?? result.signal}\n${output}`);
  }
  return result;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on 127.0.0.1:`port` (its own process group, stopped by
 * cleanUp) and waits until it answers. `env`: extra environment, which its
 * extension host inherits.
 */
async function startCodeServer({ port, extensionsDir, userDataDir, folder, logName, env = {} }) {
  const serverLog = createWriteStream(join(outDir, logName));
  const server = spawn(
    process.execPath,
    [
      entry,
      '--config', join(tempDir, 'config.yaml'),
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--extensions-dir', extensionsDir,
      '--user-data-dir', userDataDir,
      folder,
    ],
    { cwd: tempDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  servers.push(server);
  server.stdout.pipe(serverLog);
  server.stderr.pipe(serverLog);
  await waitForHttp(server, `http://127.0.0.1:${port}/healthz`, SERVER_TIMEOUT_MS, logName);
}

async function waitForHttp(server, url, timeoutMs, logName) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}; see test-output/e2e/${logName}`);
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

/** The expectations of one conformance case, for one of its files. */
function expectedFor(caseName, file) {
  const expected = JSON.parse(readFileSync(join(casesDir, caseName, 'expected.json'), 'utf8'));
  const entry = expected.files.find((f) => f.path === file);
  if (!entry) throw new Error(`${caseName}/expected.json has no file ${file}`);
  return {
    workflows: entry.workflows,
    diagnostics: expected.diagnostics.filter((d) => d.file === file),
  };
}

// ---------------------------------------------------------------------------
// Helpers in the browser

/** Whether a locator becomes visible within the time given. */
async function appears(locator, timeout) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
    return true;
  } catch {
    return false;
  }
}

/** Opens the quick input with a key (retrying while the workbench settles). */
async function openQuickInput(key) {
  const widget = page.locator('.quick-input-widget');
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await page.keyboard.press(key);
    if (await appears(widget, 4000)) return widget;
    await page.keyboard.press('Escape');
  }
  throw new AssertionFailure(`${key} did not open the quick input`);
}

/** Quick Open (Ctrl+P): type the file name, pick it, wait for its tab. */
async function quickOpen(fileName) {
  const widget = await openQuickInput('Control+P');
  await page.keyboard.type(fileName);
  // Enter picks the focused row: wait until the list is filtered down to the file.
  const row = widget.locator('.monaco-list-row.focused', { hasText: fileName });
  check(await appears(row, UI_TIMEOUT_MS), `Quick Open does not offer ${fileName}`);
  await page.keyboard.press('Enter');
  check(await appears(page.locator('.tabs-container .tab.active', { hasText: fileName }), UI_TIMEOUT_MS), `${fileName} did not open in an editor`);
}

/** Command palette (F1): type the command's title, run it (`picks`: it opens a picker). */
async function runCommand(title, { picks = false } = {}) {
  const widget = await openQuickInput('F1');
  await page.keyboard.type(title);
  const row = widget.locator('.monaco-list-row.focused', { hasText: title });
  check(await appears(row, UI_TIMEOUT_MS), `the command palette does not offer "${title}"`);
  await page.keyboard.press('Enter');
  if (!picks) await widget.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS }).catch(() => {});
}

/** Polls `probe` until it returns a truthy value or the time is up. */
async function poll(probe, timeoutMs, intervalMs = 500) {
  const deadline = Date.now() + timeoutMs;
  let value;
  do {
    value = await probe();
    if (value) return value;
    await sleep(intervalMs);
  } while (Date.now() < deadline);
  return value;
}

/** The rows of the Problems panel: files and their markers. */
async function problemRows() {
  return page.evaluate(() =>
    [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((row) => {
      const text = (selector) => row.querySelector(selector)?.textContent?.trim() ?? null;
      const position = /\[Ln (\d+), Col (\d+)\]/.exec(text('.marker-line') ?? '');
      const isMarker = row.querySelector('.marker-message') !== null;
      return {
        isMarker,
        // A file row has a count badge; the others below a marker are its related information.
        isFile: !isMarker && row.querySelector('.monaco-count-badge') !== null,
        file: text('.label-name'),
        message: text('.marker-message'),
        source: text('.marker-source'),
        code: text('.marker-code'),
        line: position ? Number(position[1]) : null,
        column: position ? Number(position[2]) : null,
        severity: ['error', 'warning', 'info'].find((s) => row.querySelector(`.marker-icon.${s}`)) ?? null,
        text: (row.textContent ?? '').replace(/\s+/g, ' ').trim(),
      };
    }),
  );
}

/** Shows the Problems panel (Ctrl+Shift+M toggles it, so only when hidden). */
async function showProblems() {
  const panel = page.locator('.markers-panel');
  if (await panel.isVisible()) return;
  await page.keyboard.press('Control+Shift+M');
  check(await appears(panel, UI_TIMEOUT_MS), 'Ctrl+Shift+M did not open the Problems panel');
}

/** The centre of `word` inside the first visible editor line that contains `needle`. */
async function wordCentre(needle, word) {
  return page.evaluate(
    ([n, w]) => {
      const editor = document.querySelector('.editor-group-container.active .monaco-editor .view-lines');
      if (!editor) return null;
      for (const line of editor.querySelectorAll('.view-line')) {
        const text = (line.textContent ?? '').replace(/\u00a0/g, ' ');
        const at = text.indexOf(n);
        if (at < 0) continue;
        const start = at + n.indexOf(w);
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        let offset = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent.length;
          if (start < offset + length) {
            const range = document.createRange();
            range.setStart(node, start - offset);
            range.setEnd(node, Math.min(length, start - offset + w.length));
            const box = range.getBoundingClientRect();
            return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
          }
          offset += length;
        }
      }
      return null;
    },
    [needle, word],
  );
}

/** The text of an error VS Code shows (a modal dialog or an error notification), if any. */
async function shownError() {
  return page.evaluate(() => {
    const text = (root, selector) => root.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    const dialog = document.querySelector('.monaco-dialog-box');
    if (dialog) return [text(dialog, '.dialog-message-text'), text(dialog, '.dialog-message-detail')].filter(Boolean).join(': ');
    const toast = [...document.querySelectorAll('.notifications-toasts .notification-list-item')].find((n) => n.querySelector('.codicon-error'));
    return toast ? text(toast, '.notification-list-item-message') : undefined;
  });
}

/**
 * The webview frame whose document has `selector` (webviews are nested
 * iframes). Fails at once when VS Code shows an error instead.
 */
async function webviewFrame(selector, timeoutMs) {
  return poll(async () => {
    const error = await shownError();
    if (error) throw new AssertionFailure(`VS Code shows an error: ${error}`);
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const found = await frame.$(selector).catch(() => null);
      if (found) return frame;
    }
    return undefined;
  }, timeoutMs);
}

/** What the plan preview draws, read from its DOM contract. */
async function readPreview(frame) {
  return frame.evaluate(() => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    return {
      workflows: [...document.querySelectorAll('section.workflow')].map((section) => ({
        name: section.getAttribute('data-workflow'),
        nodes: [...section.querySelectorAll('g.node[data-step-id]')].map((g) => ({
          id: g.getAttribute('data-step-id'),
          type: g.getAttribute('data-step-type'),
          text: g.textContent ?? '',
          ...box(g),
        })),
        edges: [...section.querySelectorAll('path.edge[data-from][data-to]')].map((p) => ({
          from: p.getAttribute('data-from'),
          to: p.getAttribute('data-to'),
          d: p.getAttribute('d') ?? '',
        })),
        clusters: [...section.querySelectorAll('g.cluster[data-step-id]')].map((g) => ({ id: g.getAttribute('data-step-id'), ...box(g) })),
      })),
      planJson: document.querySelector('pre.plan-json')?.textContent ?? null,
      events: [...(document.querySelector('select#event')?.options ?? [])].map((o) => o.textContent),
      hasEventSelect: document.querySelector('select#event') !== null,
      viewport: { width: window.innerWidth, height: window.innerHeight },
    };
  });
}

/**
 * Checks what the preview draws against the expected workflows of one file:
 * a node per step of its type, a cluster around the members of each parallel
 * step, and an edge per dependency (a dependency on a parallel step may be
 * drawn from its cluster or from its members), nothing more.
 */
function checkPreview(drawn, expectedWorkflows, file) {
  const drawnNames = drawn.workflows.map((w) => w.name);
  const expectedNames = expectedWorkflows.map((w) => w.name);
  check(isDeepStrictEqual(drawnNames, expectedNames), `${file}: the preview shows workflows ${JSON.stringify(drawnNames)}, expected ${JSON.stringify(expectedNames)}`);
  for (const workflow of expectedWorkflows) {
    const section = drawn.workflows.find((w) => w.name === workflow.name);
    const nodes = new Map(section.nodes.map((n) => [n.id, n]));
    const clusters = new Map(section.clusters.map((c) => [c.id, c]));
    const members = new Map(workflow.steps.filter((s) => s.type === 'parallel').map((s) => [s.id, s.config.step_ids]));
    for (const step of workflow.steps) {
      if (step.type === 'parallel') {
        const cluster = clusters.get(step.id);
        check(cluster, `${workflow.name}: no cluster for the parallel step ${step.id}`);
        for (const member of step.config.step_ids) {
          const node = nodes.get(member);
          const inside =
            node &&
            node.x >= cluster.x - 1 &&
            node.y >= cluster.y - 1 &&
            node.x + node.width <= cluster.x + cluster.width + 1 &&
            node.y + node.height <= cluster.y + cluster.height + 1;
          check(inside, `${workflow.name}: ${member} is not drawn inside the cluster of ${step.id}`);
        }
        continue;
      }
      const node = nodes.get(step.id);
      check(node, `${workflow.name}: no node for ${step.id} (${step.name})`);
      check(node.type === step.type, `${workflow.name}: node ${step.id} has type ${node.type}, expected ${step.type}`);
      check(node.width > 0 && node.height > 0, `${workflow.name}: node ${step.id} is not drawn (empty box)`);
    }
    const steps = workflow.steps.filter((s) => s.type !== 'parallel').length;
    check(nodes.size === steps, `${workflow.name}: ${nodes.size} nodes for ${steps} steps`);
    check(clusters.size === members.size, `${workflow.name}: ${clusters.size} clusters for ${members.size} parallel steps`);
    const ends = (id) => [id, ...(members.get(id) ?? [])];
    const dependencies = workflow.steps.flatMap((s) => s.depends_on.map((d) => [d, s.id]));
    const edges = section.edges.map((e) => [e.from, e.to]);
    const matches = ([from, to], [d, s]) => ends(d).includes(from) && ends(s).includes(to);
    for (const dependency of dependencies) {
      check(edges.some((e) => matches(e, dependency)), `${workflow.name}: no edge for ${dependency[1]} depending on ${dependency[0]}`);
    }
    for (const edge of edges) {
      check(dependencies.some((d) => matches(edge, d)), `${workflow.name}: an edge ${edge[0]} -> ${edge[1]} that is no dependency`);
    }
    check(section.edges.every((e) => e.d.length > 0), `${workflow.name}: an edge has no path`);
  }
  check(drawn.hasEventSelect, 'the preview has no event selector (select#event)');
  check(drawn.planJson !== null, 'the preview has no plan JSON (pre.plan-json)');
  let envelope;
  try {
    envelope = JSON.parse(drawn.planJson);
  } catch (error) {
    throw new AssertionFailure(`pre.plan-json is not JSON: ${error.message}`);
  }
  const fileEntry = envelope.files?.find((f) => String(f.path).endsWith(file.split('/').pop()));
  check(fileEntry, `the plan JSON has no entry for ${file}`);
  check(
    isDeepStrictEqual(fileEntry.workflows, expectedWorkflows),
    `the plan JSON's workflows for ${file} differ from the conformance case's expected.json`,
  );
}

// ---------------------------------------------------------------------------
// The run

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
log(`Plue Workflows end-to-end test in code-server; artefacts in ${relative(process.cwd(), outDir) || outDir}`);

const entry = await required('code-server (../shared/tools/code-server-setup; installs on first use, then cached)', () => {
  check(existsSync(setupTool), `${setupTool} not found`);
  const result = run(setupTool, [], { timeout: SETUP_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'inherit'] });
  const path = result.stdout.trim().split('\n').pop();
  check(path && existsSync(path), `the setup printed no entry.js (${path})`);
  check(existsSync(chromiumPath), `${chromiumPath} not found`);
  log(`   ${path}`);
  return path;
});

// From here on the run is bounded.
const watchdog = setTimeout(() => {
  failures.push(`the run took longer than ${RUN_TIMEOUT_MS / 60_000} minutes after the setup`);
  void finish(1);
}, RUN_TIMEOUT_MS);
watchdog.unref();

tempDir = mkdtempSync(join(tmpdir(), 'plue-e2e-'));
const extensionsDir = join(tempDir, 'extensions');
const userDataDir = join(tempDir, 'data');
const workspace = join(tempDir, 'workspace');
const vsix = join(tempDir, 'plue-workflows.vsix');

await required('build and package the extension (npm run build, scripts/package-vsix.mjs)', () => {
  run('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const result = run(process.execPath, [join(root, 'scripts', 'package-vsix.mjs'), '--out', vsix]);
  log(`   ${result.stdout.trim().split('\n').pop()}`);
});

await required('install the .vsix into code-server (--install-extension)', () => {
  const result = run(process.execPath, [entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--config', join(tempDir, 'config.yaml'), '--install-extension', vsix]);
  check(/successfully installed/.test(result.stdout), `unexpected output: ${result.stdout.trim()}`);
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const installed = join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  check(existsSync(join(installed, 'client', 'out', 'extension.js')), `${installed} has no client/out/extension.js`);
  check(!existsSync(join(installed, 'node_modules', 'typescript')), 'devDependencies were installed with the extension');
});

const cases = {
  main: '34-mistake-if-on-step-result',
  parallel: '22-elixir-phoenix',
};
const expected = await required(`workspace: conformance cases ${cases.main} + elixir.py of ${cases.parallel}`, () => {
  cpSync(join(casesDir, cases.main), workspace, { recursive: true });
  cpSync(join(casesDir, cases.parallel, '.plue', 'workflows', 'elixir.py'), join(workspace, '.plue', 'workflows', 'elixir.py'));
  for (const extra of ['expected.json', 'event.json']) rmSync(join(workspace, extra), { force: true });
  const all = {
    'ci.py': expectedFor(cases.main, '.plue/workflows/ci.py'),
    'deploy.py': expectedFor(cases.main, '.plue/workflows/deploy.py'),
    'elixir.py': expectedFor(cases.parallel, '.plue/workflows/elixir.py'),
  };
  check(all['deploy.py'].diagnostics.length > 0, 'the main case expects no diagnostic in deploy.py');
  check(all['ci.py'].workflows[0]?.steps.length >= 3, 'the main case has no workflow with several steps in ci.py');
  // A quiet, offline editor: no welcome page, no update or gallery checks.
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'security.workspace.trust.enabled': false,
        'editor.hover.delay': 200,
        'editor.minimap.enabled': false,
        'window.commandCenter': false,
      },
      null,
      2,
    ),
  );
  return all;
});

const port = await freePort();
await required(`start code-server on 127.0.0.1:${port}`, () =>
  startCodeServer({ port, extensionsDir, userDataDir, folder: workspace, logName: 'code-server.log' }),
);

await required('open the workspace in chromium (playwright-core)', async () => {
  const { chromium } = require('playwright-core');
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: !headed,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  page = await context.newPage();
  const consoleLog = createWriteStream(join(outDir, 'browser-console.log'));
  page.on('console', (message) => consoleLog.write(`[${message.type()}] ${message.text()}\n`));
  page.on('pageerror', (error) => consoleLog.write(`[pageerror] ${error.message}\n`));
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, { timeout: SERVER_TIMEOUT_MS });
  check(await appears(page.locator('.monaco-workbench .part.editor'), SERVER_TIMEOUT_MS), 'the workbench did not load');
  // The explorer shows the workspace once the remote file system answers.
  check(await appears(page.locator('.explorer-folders-view .monaco-list-row', { hasText: '.plue' }), SERVER_TIMEOUT_MS), 'the explorer does not show .plue');
  await screenshot('01-workbench');
});

await scenario('activation', 'open deploy.py with Quick Open; the extension activates', async () => {
  await quickOpen('deploy.py');
  await screenshot('02-deploy-open');
  // The language client creates the "Plue Workflows" output channel when the
  // extension activates; it is listed in the Output view's channel picker.
  const listed = await poll(async () => {
    await runCommand('Output: Show Output Channels...', { picks: true });
    const widget = page.locator('.quick-input-widget');
    const row = widget.locator('.monaco-list-row', { hasText: 'Plue Workflows' });
    const found = await appears(row, 3000);
    if (found) {
      await row.first().click();
    } else {
      await page.keyboard.press('Escape');
    }
    return found;
  }, UI_TIMEOUT_MS, 1000);
  check(listed, 'no "Plue Workflows" output channel: the extension did not activate');
  await screenshot('03-output-channel');
});

await scenario('problems', 'the Problems panel lists the expected diagnostics', async () => {
  await showProblems();
  const want = expected['deploy.py'].diagnostics;
  const rows = await poll(async () => {
    const markers = (await problemRows()).filter((r) => r.isMarker);
    return markers.length >= want.length ? markers : undefined;
  }, 60_000);
  check(rows, `the Problems panel shows no diagnostics (expected ${want.length})`);
  for (const d of want) {
    const row = rows.find((r) => r.line === d.line && r.code === d.kind);
    check(row, `no problem ${d.kind} at line ${d.line} in ${d.file}; the panel shows: ${rows.map((r) => r.text).join(' | ')}`);
    check(row.message === d.message, `the ${d.kind} problem says "${row.message}", expected "${d.message}"`);
    check(row.source === 'plue', `the ${d.kind} problem's source is ${row.source}, expected plue`);
    check(row.severity === 'error', `the ${d.kind} problem is shown as ${row.severity}, expected an error`);
  }
  check(rows.length === want.length, `the panel shows ${rows.length} problems, expected ${want.length}: ${rows.map((r) => r.text).join(' | ')}`);
  const files = (await problemRows()).filter((r) => r.isFile).map((r) => r.file);
  check(isDeepStrictEqual(files, ['deploy.py']), `the panel lists problems in ${JSON.stringify(files)}, expected only deploy.py`);
  const status = await page.locator('#status\\.problems').innerText();
  check(status.replace(/\s+/g, ' ').trim().startsWith(String(want.length)), `the status bar shows "${status}" problems`);
  await screenshot('04-problems');
});

await scenario('hover', 'hovering a step variable in ci.py shows its step id', async () => {
  await quickOpen('ci.py');
  // `test = ctx.run("go test", ...)` in ci.py is the step named "go test".
  const step = expected['ci.py'].workflows[0].steps.find((s) => s.name === 'go test');
  check(step, 'ci.py has no step "go test" in expected.json');
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: step.id });
  let shown = false;
  for (let attempt = 1; attempt <= 4 && !shown; attempt += 1) {
    const at = await poll(() => wordCentre('test = ctx.run(', 'test'), UI_TIMEOUT_MS);
    check(at, 'line `test = ctx.run(` not found in the editor');
    await page.mouse.move(at.x - 200, at.y + 120);
    await sleep(200);
    await page.mouse.move(at.x, at.y, { steps: 4 });
    shown = await appears(hover, 8000);
  }
  const seen = await page.locator('.monaco-hover:not(.hidden)').allInnerTexts();
  check(shown, `no hover with ${step.id}; hover text: ${JSON.stringify(seen)}`);
  const text = (await hover.first().innerText()).replace(/\s+/g, ' ');
  check(text.includes(step.type), `the hover shows no step type ${step.type}: "${text}"`);
  log(`   hover: ${text.slice(0, 160)}`);
  await screenshot('05-hover');
  await page.mouse.move(5, 500);
  await page.keyboard.press('Escape');
});

await scenario('preview', 'Plue: Preview Plan draws the DAG of ci.py beside the editor', async () => {
  await quickOpen('ci.py');
  // A tidier picture: no panel below the editors (Ctrl+J toggles it).
  if (await page.locator('.part.panel').isVisible()) await page.keyboard.press('Control+J');
  await runCommand('Plue: Preview Plan');
  const frame = await webviewFrame('section.workflow', 60_000);
  check(frame, 'no webview with section.workflow within 60s');
  const drawn = await poll(async () => {
    const d = await readPreview(frame);
    return d.workflows.every((w) => w.nodes.length > 0 && w.nodes.every((n) => n.width > 0)) ? d : undefined;
  }, UI_TIMEOUT_MS);
  check(drawn, 'the preview drew no step nodes');
  writeFileSync(join(outDir, 'preview-ci.json'), JSON.stringify(drawn, null, 2));
  checkPreview(drawn, expected['ci.py'].workflows, '.plue/workflows/ci.py');
  // A small plan is seen whole, without scrolling.
  for (const node of drawn.workflows.flatMap((w) => w.nodes)) {
    const visible = node.x >= 0 && node.y >= 0 && node.x + node.width <= drawn.viewport.width && node.y + node.height <= drawn.viewport.height;
    check(visible, `node ${node.id} is outside the preview's view (${JSON.stringify(node)} in ${JSON.stringify(drawn.viewport)})`);
  }
  // The preview sits beside the editor: two editor groups, ci.py in one.
  const groups = await page.locator('.editor-group-container').count();
  check(groups >= 2, `the preview is not beside the editor (${groups} editor group)`);
  await sleep(500);
  await page.screenshot({ path: join(outDir, 'preview.png') });
  log(`   ${drawn.workflows.map((w) => `${w.name}: ${w.nodes.length} nodes, ${w.edges.length} edges`).join('; ')}; events: ${drawn.events.join(', ')}`);
});

await scenario('preview', 'Plue: Preview Plan draws elixir.py with its parallel groups', async () => {
  await page.keyboard.press('Control+1'); // back to the editors' group
  await quickOpen('elixir.py');
  await runCommand('Plue: Preview Plan');
  const want = expected['elixir.py'].workflows;
  const frame = await webviewFrame(`section.workflow[data-workflow="${want[0].name}"]`, 60_000);
  check(frame, `no webview with section.workflow[data-workflow="${want[0].name}"] within 60s`);
  const drawn = await poll(async () => {
    const d = await readPreview(frame);
    return d.workflows.some((w) => w.clusters.length > 0) ? d : undefined;
  }, UI_TIMEOUT_MS);
  check(drawn, 'the preview drew no parallel clusters');
  writeFileSync(join(outDir, 'preview-elixir.json'), JSON.stringify(drawn, null, 2));
  checkPreview(drawn, want, '.plue/workflows/elixir.py');
  await sleep(1000);
  await screenshot('07-preview-parallel');
});

await scenario('problems', 'with every file opened, the Problems panel still lists only the expected diagnostics', async () => {
  await page.keyboard.press('Control+1');
  for (const file of Object.keys(expected)) await quickOpen(file);
  await showProblems();
  const want = Object.entries(expected).flatMap(([file, e]) => e.diagnostics.map(() => file));
  await sleep(2000); // time for diagnostics of the files just opened
  const rows = await problemRows();
  const markers = rows.filter((r) => r.isMarker);
  check(
    markers.length === want.length,
    `the panel shows ${markers.length} problems, expected ${want.length}: ${markers.map((r) => r.text).join(' | ')}`,
  );
  const files = rows.filter((r) => r.isFile).map((r) => r.file);
  check(isDeepStrictEqual(files, [...new Set(want)]), `the panel lists problems in ${JSON.stringify(files)}, expected ${JSON.stringify([...new Set(want)])}`);
  await screenshot('08-problems-final');
});

await scenario('suite', 'the test/electron mocha suite in code-server\'s extension host', async () => {
  // The suite `npm run test:electron` runs in a desktop VS Code, here in a
  // second code-server whose extension host loads the extension from this
  // source tree: the workbench takes extensionDevelopmentPath and
  // extensionTestsPath from the URL's `payload`, as for "Run Extension" on
  // the web. The suite's result line comes through the browser console.
  const { expectationsFor } = require(join(root, 'test', 'electron', 'out', 'expectations.js'));
  const suiteWorkspace = join(tempDir, 'suite-workspace');
  cpSync(join(root, 'test', 'electron', 'fixture'), suiteWorkspace, { recursive: true });
  rmSync(join(suiteWorkspace, 'README.md'), { force: true });
  const suiteData = join(tempDir, 'suite-data');
  mkdirSync(join(suiteData, 'User'), { recursive: true });
  writeFileSync(join(suiteData, 'User', 'settings.json'), readFileSync(join(userDataDir, 'User', 'settings.json')));
  const suitePort = await freePort();
  await startCodeServer({
    port: suitePort,
    extensionsDir: join(tempDir, 'suite-extensions'),
    userDataDir: suiteData,
    folder: suiteWorkspace,
    logName: 'code-server-suite.log',
    env: {
      PLUE_TEST_WORKSPACE: suiteWorkspace,
      PLUE_TEST_EXPECTATIONS: JSON.stringify(expectationsFor(root, suiteWorkspace)),
    },
  });
  const suitePage = await page.context().newPage();
  const lines = [];
  let result;
  suitePage.on('console', (message) => {
    const text = message.text();
    const match = /plue-suite-result (\{.*\})/.exec(text);
    if (match) result = JSON.parse(match[1]);
    const line = /plue-suite: (.*)/.exec(text);
    if (line) lines.push(line[1]);
  });
  const remote = `vscode-remote://127.0.0.1:${suitePort}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `${remote}${root}`],
    ['extensionTestsPath', `${remote}${join(root, 'test', 'electron', 'out', 'suite', 'index')}`],
  ]);
  await suitePage.goto(`http://127.0.0.1:${suitePort}/?folder=${encodeURIComponent(suiteWorkspace)}&payload=${encodeURIComponent(payload)}`);
  await poll(() => result, 180_000, 500);
  writeFileSync(join(outDir, 'suite-console.log'), `${lines.join('\n')}\n`);
  await suitePage.screenshot({ path: join(outDir, '09-suite.png') }).catch(() => {});
  await suitePage.close();
  check(result, `the suite reported no result within 180s; see test-output/e2e/suite-console.log`);
  for (const line of lines) log(`   ${line}`);
  check(result.passes > 0 && result.failures === 0, `the suite: ${result.passes} passing, ${result.failures} failing`);
});

clearTimeout(watchdog);
await finish(failures.length === 0 ? 0 : 1);
