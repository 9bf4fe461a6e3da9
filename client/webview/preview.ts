// The plan-preview page: draws the plans of one workflow file as DAGs.
//
// A classic browser script (compiled to client/media/preview.js), loaded after
// dagre.min.js (the global `dagre`) by the page of client/src/preview-html.ts.
// Messages follow client/src/preview-protocol.ts. Everything is drawn with
// createElement/createElementNS, attributes and classes (the page's CSP allows
// no inline styles), and the same message always gives the same DOM.
//
// DOM contract (end-to-end tests rely on it):
//   section.workflow[data-workflow="<name>"]     one per workflow
//     h2 .workflow-title                          click → revealWorkflow
//     .zoom-controls button[data-zoom="out|in|fit|reset"], .zoom-level
//                                                 the graph's zoom (see "Zoom" below)
//     .graph > svg.dag[data-scale]                the DAG (dagre, rankdir TB), at that scale
//       g.cluster[data-step-id][data-step-type="parallel"]   one per parallel step
//       path.edge[data-from="<dependency>"][data-to="<dependent>"]
//                                                 one per distinct (dependency, dependent)
//                                                 pair of depends_on naming a step of the plan
//       g.node[data-step-id][data-step-type]      one per non-parallel step,
//         text.step-name                          holding the step's name
//         title                                   tooltip: id, type, dependencies, config
//                                                 values (run-time placeholders included)
//   section.tools li.tool[data-tool="<name>"]     one per tool
//   .diagnostics li                               one per diagnostic (or the error message)
//   pre.plan-json                                 the exact CLI --json text
//   select#event                                  the event selector
//   button#copy-json, button.tab[data-view]       Copy JSON, Graph/JSON tabs
//
// Edges and parallel groups: a parallel step P is drawn as a cluster (a
// labelled box around its members, nested for nested groups). An edge whose
// end is P (B depends on P, or P depends on D) is drawn as one path between
// the cluster's border and the other end: from the bottom of P's box to B, or
// from D to the top of P's box. For the layout, dagre (whose compound graphs
// cannot attach edges to a cluster) gets an invisible edge from/to every step
// inside P instead, so B is ranked below the whole group; those layout edges
// are not drawn. Edges between ordinary steps follow dagre's routes.
//
// Zoom: a graph is scaled through its SVG's width and height (the viewBox is
// the layout's size), top-left in its .graph box, which scrolls sideways when
// the graph is wider. By default it fits the box's width, down to
// AUTO_MIN_SCALE (then it scrolls, to the first rank); "Fit" fits the whole
// width however small; "−", "+", "100%" and Ctrl/Cmd+wheel set a scale of the
// user's own, kept in setState per workflow name. Fitted graphs are fitted
// again when the view's width changes (ResizeObserver).

type Envelope = import('../src/preview-protocol').Envelope;
type EnvelopeDiagnostic = import('../src/preview-protocol').EnvelopeDiagnostic;
type JsonValue = import('../src/preview-protocol').JsonValue;
type JsonObject = import('../src/preview-protocol').JsonObject;
type PlanMessage = import('../src/preview-protocol').PlanMessage;
type PlanStep = import('../src/preview-protocol').PlanStep;
type ToolPlan = import('../src/preview-protocol').ToolPlan;
type Trigger = import('../src/preview-protocol').Trigger;
type WebviewToExtensionMessage = import('../src/preview-protocol').WebviewToExtensionMessage;
type WorkflowPlan = import('../src/preview-protocol').WorkflowPlan;

interface VsCodeApi {
  postMessage(message: WebviewToExtensionMessage): void;
  getState(): unknown;
  setState(state: PreviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

type View = 'graph' | 'json';

/** What `vscode.setState` keeps, so a hidden and re-shown view comes back as it was. */
interface PreviewState {
  /** The last plan received (kept on an error for the toolbar: file name, events). */
  readonly plan?: PlanMessage;
  /** The last error message, if it came after the plan. */
  readonly error?: string;
  readonly view: View;
  /** The step whose details are open. */
  readonly selected?: { readonly workflow: string; readonly step: string };
  /** Zoom by workflow name, where not the default fit to the width. */
  readonly zoom?: Readonly<Record<string, Zoom>>;
}

/** `'fit'`: the whole width, however small; a number: a scale the user chose. */
type Zoom = number | 'fit';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** The value of the "JSON file…" entry of the event selector (events are never empty). */
const PICK_EVENT_FILE = '';
/** `{{ ... }}`: a value only known when the workflow runs. */
const PLACEHOLDER = /\{\{[^{}]*\}\}/g;
/** The same, or one cut short at the end of a node's secondary line. */
const PLACEHOLDER_OR_CUT = /\{\{[^{}]*(?:\}\}|\}?…$)/g;

// Node geometry (px). Text widths are measured; everything else is fixed.
const NODE_HEIGHT = 46;
const NODE_PAD_X = 12;
const NODE_MIN_WIDTH = 150;
/** The secondary line is cut to fit this width (or the name's, if wider). */
const NODE_DETAIL_WIDTH = 240;
const NAME_BASELINE = 19;
const DETAIL_BASELINE = 35;
const DETAIL_MAX_CHARS = 60;
const BADGE_GAP = 10;
const CLUSTER_LABEL_HEIGHT = 18;
const EMPTY_CLUSTER_HEIGHT = 40;

// Zoom.
/** The default fit goes no smaller (below, the graph scrolls sideways). */
const AUTO_MIN_SCALE = 0.25;
/** "Fit" goes no smaller. */
const FIT_MIN_SCALE = 0.01;
/** The scales "−" and "+" step through. */
const ZOOM_LEVELS = [0.1, 0.25, 0.33, 0.5, 0.67, 0.8, 1, 1.25, 1.5, 2] as const;
/** The wheel goes no smaller (unless already smaller, after Fit) and no larger. */
const ZOOM_MIN = ZOOM_LEVELS[0];
const ZOOM_MAX = ZOOM_LEVELS[ZOOM_LEVELS.length - 1];

const vscode = acquireVsCodeApi();
let state: PreviewState = restoreState(vscode.getState());
/** The graphs on the page (filled by render). */
let graphViews: GraphView[] = [];
/** Fits the fitted graphs again when the view's width changes. */
const resizeObserver = new ResizeObserver(refit);
window.addEventListener('resize', refit);

// ---------------------------------------------------------------------------
// Messages

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (isPlanMessage(message)) {
    const selected = state.selected;
    const keepSelection =
      selected !== undefined && message.envelope.files.some((file) =>
        file.workflows.some((w) => w.name === selected.workflow && w.steps.some((s) => s.id === selected.step)),
      );
    // Zooms of the workflows still there are kept.
    const names = new Set(message.envelope.files.flatMap((file) => file.workflows.map((w) => w.name)));
    const zoom = Object.entries(state.zoom ?? {}).filter(([name]) => names.has(name));
    update({
      plan: message, view: state.view, selected: keepSelection ? selected : undefined,
      zoom: zoom.length > 0 ? Object.fromEntries(zoom) : undefined,
    });
  } else if (isErrorMessage(message)) {
    update({ plan: state.plan, error: message.message, view: state.view, zoom: state.zoom });
  }
});

render();
vscode.postMessage({ type: 'ready' });

function update(next: PreviewState): void {
  state = next;
  vscode.setState(state);
  render();
}

function restoreState(saved: unknown): PreviewState {
  if (typeof saved !== 'object' || saved === null) return { view: 'graph' };
  const s = saved as { plan?: unknown; error?: unknown; view?: unknown; selected?: unknown; zoom?: unknown };
  const selected = s.selected as { workflow?: unknown; step?: unknown } | undefined;
  const zoom: Record<string, Zoom> = {};
  if (typeof s.zoom === 'object' && s.zoom !== null) {
    for (const [name, value] of Object.entries(s.zoom)) {
      if (value === 'fit') zoom[name] = value;
      else if (typeof value === 'number' && Number.isFinite(value) && value > 0) zoom[name] = clamp(value, FIT_MIN_SCALE, ZOOM_MAX);
    }
  }
  return {
    plan: isPlanMessage(s.plan) ? s.plan : undefined,
    error: typeof s.error === 'string' ? s.error : undefined,
    view: s.view === 'json' ? 'json' : 'graph',
    selected:
      typeof selected === 'object' && selected !== null &&
      typeof selected.workflow === 'string' && typeof selected.step === 'string'
        ? { workflow: selected.workflow, step: selected.step }
        : undefined,
    zoom: Object.keys(zoom).length > 0 ? zoom : undefined,
  };
}

function isPlanMessage(value: unknown): value is PlanMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<Record<keyof PlanMessage, unknown>>;
  if (m.type !== 'plan' || typeof m.json !== 'string' || typeof m.event !== 'string') return false;
  if (!Array.isArray(m.events) || !m.events.every((e) => typeof e === 'string')) return false;
  const envelope = m.envelope as { files?: unknown; diagnostics?: unknown } | null | undefined;
  return (
    typeof envelope === 'object' && envelope !== null &&
    Array.isArray(envelope.files) && Array.isArray(envelope.diagnostics)
  );
}

function isErrorMessage(value: unknown): value is { type: 'error'; message: string } {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as { type?: unknown; message?: unknown };
  return m.type === 'error' && typeof m.message === 'string';
}

// ---------------------------------------------------------------------------
// The page

function render(): void {
  const app = document.getElementById('app');
  if (!app) return;
  const plan = state.plan;
  // Sideways scroll positions survive a new plan (an edit); the first time, a graph shows its first rank.
  const scrolls = new Map<string, number>();
  for (const view of graphViews) {
    if (view.container.clientWidth > 0) scrolls.set(view.workflow, view.container.scrollLeft);
  }
  graphViews = [];
  const children: Node[] = [renderToolbar(plan, state.error === undefined)];
  if (state.error !== undefined) {
    children.push(renderDiagnostics([{ kind: 'Error', text: state.error }]));
  } else if (plan) {
    const diagnostics = plan.envelope.diagnostics;
    if (diagnostics.length > 0) children.push(renderDiagnostics(diagnostics.map(diagnosticItem)));
  }
  const graphView = el('div', { class: 'graph-view', role: 'tabpanel', id: 'view-graph' });
  const jsonView = el('div', { class: 'json-view', role: 'tabpanel', id: 'view-json' });
  jsonView.append(el('pre', { class: 'plan-json' }, state.error === undefined && plan ? plan.json : ''));
  if (state.error === undefined && plan) {
    renderEnvelope(graphView, plan.envelope);
  } else if (!plan && state.error === undefined) {
    graphView.append(el('p', { class: 'empty-state' }, 'Waiting for a plan…'));
  }
  graphView.hidden = state.view !== 'graph';
  jsonView.hidden = state.view !== 'json';
  children.push(graphView, jsonView);
  app.replaceChildren(...children);
  resizeObserver.disconnect();
  for (const view of graphViews) {
    if (applyZoom(view)) {
      const saved = scrolls.get(view.workflow);
      if (saved !== undefined) view.container.scrollLeft = saved;
      else scrollToStart(view);
    }
    resizeObserver.observe(view.container);
  }
  applySelection();
}

function renderToolbar(plan: PlanMessage | undefined, planIsCurrent: boolean): HTMLElement {
  const bar = el('header', { class: 'toolbar' });
  const title = el('div', { class: 'title' });
  title.append(el('span', { class: 'file-name' }, plan ? plan.fileName : 'Plan preview'));
  if (plan && planIsCurrent) title.append(el('span', { class: 'summary' }, planSummary(plan.envelope)));
  bar.append(title);

  const controls = el('div', { class: 'controls' });
  const label = el('label', { for: 'event', class: 'event-label' }, 'Event');
  const select = el('select', { id: 'event', title: 'The event the plan is computed for' });
  const events = plan ? [...plan.events] : [];
  if (plan && !events.includes(plan.event)) events.unshift(plan.event);
  const mocks = events.filter((e) => !e.startsWith('file:'));
  const files = events.filter((e) => e.startsWith('file:'));
  const mockGroup = el('optgroup', { label: 'Mock events' });
  for (const e of mocks) mockGroup.append(option(e, e));
  const fileGroup = el('optgroup', { label: 'Event files' });
  for (const e of files) fileGroup.append(option(e, e.slice('file:'.length)));
  fileGroup.append(option(PICK_EVENT_FILE, 'JSON file…'));
  if (mocks.length > 0) select.append(mockGroup);
  select.append(fileGroup);
  select.value = plan ? plan.event : PICK_EVENT_FILE;
  select.disabled = !plan;
  select.addEventListener('change', () => {
    const value = select.value;
    if (value === PICK_EVENT_FILE) {
      if (state.plan) select.value = state.plan.event;
      vscode.postMessage({ type: 'pickEventFile' });
    } else {
      vscode.postMessage({ type: 'selectEvent', event: value });
    }
  });
  controls.append(label, select);

  const tabs = el('div', { class: 'tabs', role: 'tablist' });
  for (const [view, text] of [['graph', 'Graph'], ['json', 'JSON']] as const) {
    const tab = el('button', {
      class: 'tab', type: 'button', role: 'tab', id: `tab-${view}`,
      'data-view': view, 'aria-controls': `view-${view}`,
      'aria-selected': String(state.view === view),
    }, text);
    tab.addEventListener('click', () => {
      if (state.view !== view) update({ ...state, view });
    });
    tabs.append(tab);
  }
  controls.append(tabs);

  const copy = el('button', { id: 'copy-json', class: 'button', type: 'button', title: 'Copy the plan JSON to the clipboard' }, 'Copy JSON');
  copy.disabled = !plan || !planIsCurrent;
  copy.addEventListener('click', () => vscode.postMessage({ type: 'copyJson' }));
  controls.append(copy);
  bar.append(controls);
  return bar;
}

function option(value: string, text: string): HTMLOptionElement {
  const o = el('option', {}, text);
  o.value = value;
  return o;
}

function planSummary(envelope: Envelope): string {
  let workflows = 0;
  let steps = 0;
  let tools = 0;
  for (const file of envelope.files) {
    workflows += file.workflows.length;
    tools += file.tools.length;
    for (const w of file.workflows) steps += w.steps.filter((s) => s.type !== 'parallel').length;
  }
  const parts = [plural(workflows, 'workflow'), plural(steps, 'step')];
  if (tools > 0) parts.push(plural(tools, 'tool'));
  if (envelope.diagnostics.length > 0) parts.push(plural(envelope.diagnostics.length, 'problem'));
  return parts.join(' · ');
}

interface DiagnosticItem {
  readonly kind: string;
  readonly location?: string;
  readonly text: string;
}

function diagnosticItem(d: EnvelopeDiagnostic): DiagnosticItem {
  return { kind: d.kind, location: `${d.file}:${d.line}:${d.column}`, text: d.message };
}

function renderDiagnostics(items: readonly DiagnosticItem[]): HTMLElement {
  const section = el('section', { class: 'diagnostics', role: 'alert' });
  section.append(el('h2', {}, items.length === 1 ? '1 problem' : `${items.length} problems`));
  const list = el('ul', {});
  for (const item of items) {
    const li = el('li', { class: 'diagnostic' });
    li.append(el('span', { class: 'kind' }, item.kind));
    if (item.location !== undefined) li.append(el('span', { class: 'location' }, item.location));
    li.append(el('span', { class: 'message' }, item.text));
    list.append(li);
  }
  section.append(list);
  return section;
}

function renderEnvelope(container: HTMLElement, envelope: Envelope): void {
  const several = envelope.files.length > 1;
  let drawn = 0;
  for (const file of envelope.files) {
    if (several) container.append(el('h2', { class: 'file-path' }, file.path));
    file.workflows.forEach((workflow) => {
      container.append(renderWorkflow(workflow, drawn));
      drawn += 1;
    });
    if (file.tools.length > 0) container.append(renderTools(file.tools));
    if (file.workflows.length === 0 && file.tools.length === 0 && envelope.diagnostics.length === 0) {
      container.append(el('p', { class: 'empty-state' }, 'No workflows in this file.'));
    }
  }
  const tools = envelope.files.reduce((n, file) => n + file.tools.length, 0);
  if (drawn === 0 && tools === 0 && envelope.diagnostics.length > 0) {
    container.append(el('p', { class: 'empty-state' }, 'No plan to draw until the errors above are fixed.'));
  } else if (envelope.files.length === 0) {
    container.append(el('p', { class: 'empty-state' }, 'No workflow files.'));
  }
  if (drawn > 0) container.append(renderLegend());
}

function renderWorkflow(workflow: WorkflowPlan, index: number): HTMLElement {
  const section = el('section', { class: 'workflow', 'data-workflow': workflow.name });
  const header = el('header', { class: 'workflow-header' });
  const h2 = el('h2', {});
  const title = el('button', { class: 'workflow-title', type: 'button', title: 'Go to the workflow definition' }, workflow.name);
  h2.append(title);
  h2.addEventListener('click', () => vscode.postMessage({ type: 'revealWorkflow', name: workflow.name }));
  header.append(h2);
  const steps = workflow.steps.filter((s) => s.type !== 'parallel').length;
  const groups = workflow.steps.length - steps;
  header.append(el('span', { class: 'step-count' },
    plural(steps, 'step') + (groups > 0 ? ` · ${plural(groups, 'parallel group')}` : '')));
  section.append(header);

  const meta = el('div', { class: 'meta' });
  for (const trigger of workflow.triggers) {
    meta.append(el('span', { class: 'chip trigger', title: JSON.stringify(trigger) }, formatTrigger(trigger)));
  }
  if (workflow.triggers.length === 0) meta.append(el('span', { class: 'chip trigger none' }, 'no triggers'));
  if (workflow.dockerfile !== null && workflow.dockerfile !== undefined) {
    meta.append(el('span', { class: 'chip image', title: 'dockerfile' }, `dockerfile: ${workflow.dockerfile}`));
  }
  if (workflow.image !== null && workflow.image !== undefined) {
    meta.append(el('span', { class: 'chip image', title: 'image' }, `image: ${workflow.image}`));
  }
  section.append(meta);

  const graph = el('div', { class: 'graph' });
  if (workflow.steps.length === 0) {
    graph.append(el('p', { class: 'empty-state' }, 'No steps.'));
  } else {
    const dag = renderDag(workflow, index);
    graph.append(dag.svg);
    const view = graphView(workflow.name, graph, dag);
    header.append(view.controls);
    graphViews.push(view);
  }
  section.append(graph);
  section.append(el('div', { class: 'step-details', hidden: '' }));
  return section;
}

function renderTools(tools: readonly ToolPlan[]): HTMLElement {
  const section = el('section', { class: 'tools' });
  section.append(el('h2', {}, tools.length === 1 ? 'Tool' : 'Tools'));
  const list = el('ul', {});
  for (const tool of tools) {
    const li = el('li', { class: 'tool', 'data-tool': tool.name });
    const name = el('button', { class: 'tool-name', type: 'button', title: 'Go to the tool definition' }, tool.name);
    name.addEventListener('click', () => vscode.postMessage({ type: 'revealWorkflow', name: tool.name }));
    const inputs = Object.entries(tool.inputs ?? {}).map(([key, schema]) => `${key}: ${schemaType(schema)}`);
    const signature = `(${inputs.join(', ')})` + (tool.output !== null && tool.output !== undefined ? ` → ${schemaType(tool.output)}` : '');
    li.append(name, el('span', { class: 'signature' }, signature));
    const steps = tool.steps.filter((s) => s.type !== 'parallel');
    li.append(el('span', { class: 'tool-steps' },
      `${plural(steps.length, 'step')}${steps.length > 0 ? ': ' : ''}${steps.map((s) => s.name).join(', ')}`));
    list.append(li);
  }
  section.append(list);
  return section;
}

function renderLegend(): HTMLElement {
  const legend = el('div', { class: 'legend', 'aria-hidden': 'true' });
  for (const type of ['shell', 'llm', 'agent', 'action', 'parallel']) {
    const item = el('span', { class: 'legend-item' });
    const swatch = svgEl('svg', { class: `swatch type-${type}`, width: 22, height: 14, viewBox: '0 0 22 14' });
    if (type === 'parallel') {
      swatch.append(svgEl('rect', { class: 'cluster-box', x: 1, y: 1, width: 20, height: 12, rx: 3 }));
    } else {
      swatch.append(svgEl('path', { class: 'shape', d: shapePath(type, 20, 12, 1, 1) }));
    }
    item.append(swatch, document.createTextNode(type));
    legend.append(item);
  }
  const ph = el('span', { class: 'legend-item' });
  ph.append(el('code', { class: 'ph' }, '{{ … }}'), document.createTextNode('known when the workflow runs'));
  legend.append(ph);
  return legend;
}

// ---------------------------------------------------------------------------
// Zoom (see the header comment).

/** A workflow's graph on the page and its zoom controls. */
interface GraphView {
  readonly workflow: string;
  /** The .graph box: the graph's visible area, scrolling sideways. */
  readonly container: HTMLElement;
  readonly dag: RenderedDag;
  readonly controls: HTMLElement;
  readonly level: HTMLElement;
  readonly buttons: Readonly<Record<'out' | 'in' | 'fit' | 'reset', HTMLButtonElement>>;
  /** The scale drawn. */
  scale: number;
  /** The container's width and the window's size when it was last fitted. */
  fittedTo: number;
  fittedWindow: string;
}

function graphView(workflow: string, container: HTMLElement, dag: RenderedDag): GraphView {
  const controls = el('div', { class: 'zoom-controls', role: 'toolbar', 'aria-label': `Zoom of ${workflow}` });
  const button = (zoom: string, text: string, title: string): HTMLButtonElement =>
    el('button', { class: 'zoom-button', type: 'button', 'data-zoom': zoom, title, 'aria-label': title }, text);
  const buttons = {
    out: button('out', '−', 'Zoom out'),
    in: button('in', '+', 'Zoom in (or Ctrl/Cmd + mouse wheel over the graph)'),
    fit: button('fit', 'Fit', 'Fit the whole graph to the width'),
    reset: button('reset', '100%', 'Actual size'),
  };
  const level = el('span', { class: 'zoom-level', 'aria-live': 'polite' }, '100%');
  controls.append(buttons.out, level, buttons.in, buttons.fit, buttons.reset);
  const view: GraphView = { workflow, container, dag, controls, level, buttons, scale: 1, fittedTo: 0, fittedWindow: '' };

  buttons.out.addEventListener('click', () => zoomTo(view, stepScale(view.scale, -1)));
  buttons.in.addEventListener('click', () => zoomTo(view, stepScale(view.scale, 1)));
  buttons.fit.addEventListener('click', () => zoomTo(view, 'fit'));
  buttons.reset.addEventListener('click', () => zoomTo(view, 1));
  container.addEventListener('wheel', (e: WheelEvent) => {
    if (!e.ctrlKey && !e.metaKey) return;
    e.preventDefault();
    const pixels = e.deltaY * (e.deltaMode === WheelEvent.DOM_DELTA_LINE ? 16 : e.deltaMode === WheelEvent.DOM_DELTA_PAGE ? 400 : 1);
    // A wheel notch (100px) scales by 0.79 or 1.26; a touchpad pinch's small steps smoothly.
    const next = view.scale * Math.pow(2, -clamp(pixels, -300, 300) / 300);
    const scale = Math.round(clamp(next, Math.min(ZOOM_MIN, view.scale), ZOOM_MAX) * 1000) / 1000;
    if (scale !== view.scale) zoomTo(view, scale, { x: e.clientX, y: e.clientY });
  }, { passive: false });
  return view;
}

/** Fits the fitted graphs whose box has a new width. */
function refit(): void {
  for (const view of graphViews) {
    if (typeof zoomOf(view.workflow) === 'number') continue;
    const width = view.container.clientWidth;
    if (width <= 0 || width === view.fittedTo) continue;
    // Wider in a window of the same size: the page's scrollbar went away, perhaps because the
    // last fit made the page shorter. Fitting again could bring it back, and so on: the fit stays.
    if (width > view.fittedTo && windowSize() === view.fittedWindow) continue;
    applyZoom(view);
  }
}

function windowSize(): string {
  return `${window.innerWidth}x${window.innerHeight}`;
}

function zoomOf(workflow: string): Zoom | undefined {
  return state.zoom?.[workflow];
}

/** The next scale of ZOOM_LEVELS up (+1) or down (-1) from `scale`; `scale` at either end. */
function stepScale(scale: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_LEVELS.find((s) => s > scale * 1.001) ?? scale;
  return [...ZOOM_LEVELS].reverse().find((s) => s < scale * 0.999) ?? scale;
}

/**
 * Draws a graph at its zoom: the scale chosen, or fitted to the container's
 * width. False (nothing done) if the container has no width (hidden).
 */
function applyZoom(view: GraphView): boolean {
  const zoom = zoomOf(view.workflow);
  const available = view.container.clientWidth;
  let scale: number;
  if (typeof zoom === 'number') {
    scale = zoom;
  } else {
    if (available <= 0) return false;
    // Rounded down, so the scaled width (rounded down too) never exceeds the container.
    const fit = Math.min(1, Math.floor((available / view.dag.width) * 1000) / 1000);
    scale = Math.max(fit, zoom === 'fit' ? FIT_MIN_SCALE : AUTO_MIN_SCALE);
    view.fittedTo = available;
    view.fittedWindow = windowSize();
  }
  view.scale = scale;
  const { svg, width, height } = view.dag;
  svg.setAttribute('width', String(Math.max(1, Math.floor(width * scale))));
  svg.setAttribute('height', String(Math.max(1, Math.floor(height * scale))));
  svg.setAttribute('data-scale', String(scale));
  view.level.textContent = `${Math.round(scale * 100)}%`;
  view.buttons.out.disabled = stepScale(scale, -1) === scale;
  view.buttons.in.disabled = stepScale(scale, 1) === scale;
  const whole = zoom === 'fit' || (zoom === undefined && Math.floor(width * scale) <= available);
  view.buttons.fit.setAttribute('aria-pressed', String(whole));
  view.buttons.reset.setAttribute('aria-pressed', String(scale === 1));
  return true;
}

/** Scrolls a graph wider than its box so that the first rank is seen (centred if need be). */
function scrollToStart(view: GraphView): void {
  const { left, right } = view.dag.first;
  const visible = view.container.clientWidth;
  const s = view.scale;
  view.container.scrollLeft = right * s <= visible ? 0 : Math.max(0, Math.min(left * s, ((left + right) / 2) * s - visible / 2));
}

/**
 * Sets the zoom of a workflow (kept in setState) and draws its graphs at it.
 * A chosen scale keeps the point at `anchor` (client coordinates; by default
 * the middle of the graph's visible width) where it is; Fit shows the start.
 */
function zoomTo(source: GraphView, zoom: Zoom, anchor?: { readonly x: number; readonly y: number }): void {
  const name = source.workflow;
  state = { ...state, zoom: { ...state.zoom, [name]: zoom } };
  vscode.setState(state);
  for (const view of graphViews) {
    if (view.workflow !== name) continue;
    const before = view.scale;
    const svgBox = view.dag.svg.getBoundingClientRect();
    const boxBox = view.container.getBoundingClientRect();
    const x = view === source && anchor ? anchor.x : boxBox.left + view.container.clientWidth / 2;
    // The anchor in layout coordinates.
    const u = (x - svgBox.left) / before;
    const v = view === source && anchor ? (anchor.y - svgBox.top) / before : 0;
    if (!applyZoom(view)) continue;
    if (zoom === 'fit') {
      scrollToStart(view);
    } else {
      view.container.scrollLeft += u * (view.scale - before);
      if (v !== 0) window.scrollBy(0, v * (view.scale - before));
    }
  }
}

// ---------------------------------------------------------------------------
// Selection: a click on a node opens its details under the graph.

function selectStep(workflow: string, step: string): void {
  const current = state.selected;
  const same = current !== undefined && current.workflow === workflow && current.step === step;
  state = { ...state, selected: same ? undefined : { workflow, step } };
  vscode.setState(state);
  applySelection();
}

function applySelection(): void {
  const selected = state.selected;
  for (const section of document.querySelectorAll<HTMLElement>('section.workflow')) {
    const name = section.dataset.workflow ?? '';
    const stepId = selected !== undefined && selected.workflow === name ? selected.step : undefined;
    for (const node of section.querySelectorAll<SVGGElement>('g.node')) {
      const on = node.dataset.stepId === stepId;
      node.classList.toggle('selected', on);
      node.setAttribute('aria-pressed', String(on));
    }
    for (const edge of section.querySelectorAll<SVGPathElement>('path.edge')) {
      const related = stepId !== undefined && (edge.dataset.from === stepId || edge.dataset.to === stepId);
      edge.classList.toggle('related', related);
      const marker = edge.dataset.marker ?? '';
      edge.setAttribute('marker-end', `url(#${marker}${related ? '-hl' : ''})`);
    }
    const details = section.querySelector<HTMLElement>('.step-details');
    if (!details) continue;
    const plan = findWorkflow(name);
    const step = plan?.steps.find((s) => s.id === stepId);
    if (!plan || !step) {
      details.hidden = true;
      details.replaceChildren();
      continue;
    }
    details.hidden = false;
    details.dataset.stepId = step.id;
    const head = el('div', { class: 'details-header' });
    head.append(el('span', { class: 'details-name' }, step.name));
    const deps = step.depends_on.length > 0 ? ` · after ${step.depends_on.join(', ')}` : '';
    head.append(el('span', { class: 'details-meta' }, `${step.id} · ${step.type}${deps}`));
    const close = el('button', { class: 'details-close', type: 'button', title: 'Close', 'aria-label': 'Close' }, '×');
    close.addEventListener('click', () => selectStep(name, step.id));
    head.append(close);
    const config = el('pre', { class: 'details-config' });
    appendWithPlaceholders(config, JSON.stringify(step.config, null, 2), () => el('span', { class: 'ph' }));
    details.replaceChildren(head, config);
  }
}

function findWorkflow(name: string): WorkflowPlan | undefined {
  for (const file of state.plan?.envelope.files ?? []) {
    const found = file.workflows.find((w) => w.name === name);
    if (found) return found;
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// The DAG

interface Box {
  /** Left. */
  readonly x: number;
  /** Top. */
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

interface DrawnEdge {
  readonly from: string;
  readonly to: string;
  readonly d: string;
}

interface DagLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: ReadonlyMap<string, Box>;
  readonly clusters: ReadonlyMap<string, Box>;
  readonly edges: readonly DrawnEdge[];
  /** Parallel steps by nesting depth, outermost first (drawing order). */
  readonly clusterOrder: readonly string[];
}

interface RenderedDag {
  readonly svg: SVGSVGElement;
  /** The layout's size (the viewBox). */
  readonly width: number;
  readonly height: number;
  /** The horizontal extent of what is drawn at the top (the first rank). */
  readonly first: { readonly left: number; readonly right: number };
}

function renderDag(workflow: WorkflowPlan, index: number): RenderedDag {
  const marker = `plue-arrow-${index}`;
  // Node contents first, in a measuring SVG, to know their widths.
  const measure = svgEl('svg', { class: 'dag measure', width: 0, height: 0, 'aria-hidden': 'true' });
  document.body.append(measure);
  const nodeGroups = new Map<string, { group: SVGGElement; width: number }>();
  const clusterLabels = new Map<string, { label: SVGGElement; width: number }>();
  for (const step of workflow.steps) {
    if (step.type === 'parallel') {
      clusterLabels.set(step.id, clusterLabel(step, measure));
    } else {
      nodeGroups.set(step.id, nodeContent(workflow, step, measure));
    }
  }
  measure.remove();

  const widths = new Map<string, number>();
  for (const [id, n] of nodeGroups) widths.set(id, n.width);
  for (const [id, c] of clusterLabels) widths.set(id, c.width + 24);
  const layout = layoutDag(workflow.steps, widths);

  // Drawn at 100% here; applyZoom scales it (width and height) once it is on the page.
  const svg = svgEl('svg', {
    class: 'dag', width: layout.width, height: layout.height,
    viewBox: `0 0 ${layout.width} ${layout.height}`, preserveAspectRatio: 'xMinYMin meet',
    role: 'group', 'aria-label': `Steps of ${workflow.name}`, 'data-scale': 1,
  });
  const defs = svgEl('defs', {});
  for (const suffix of ['', '-hl']) {
    const m = svgEl('marker', {
      id: marker + suffix, class: `arrow${suffix}`, viewBox: '0 0 10 10', refX: 9, refY: 5,
      markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto',
    });
    m.append(svgEl('path', { d: 'M0,0.5 L10,5 L0,9.5 z' }));
    defs.append(m);
  }
  svg.append(defs);

  const clustersLayer = svgEl('g', { class: 'clusters' });
  const labelsLayer = svgEl('g', { class: 'cluster-labels' });
  const byId = new Map(workflow.steps.map((s) => [s.id, s] as const));
  for (const id of layout.clusterOrder) {
    const box = layout.clusters.get(id);
    const step = byId.get(id);
    const label = clusterLabels.get(id);
    if (!box || !step || !label) continue;
    const g = svgEl('g', { class: 'cluster', 'data-step-id': id, 'data-step-type': step.type });
    g.append(svgEl('title', {}, clusterTitle(step, byId)));
    g.append(svgEl('rect', { class: 'cluster-box', x: r(box.x), y: r(box.y), width: r(box.width), height: r(box.height), rx: 8 }));
    clustersLayer.append(g);
    // The label straddles the top border, like a fieldset legend, above the edges.
    label.label.setAttribute('data-step-id', id);
    label.label.setAttribute('transform', `translate(${r(box.x + 12)},${r(box.y - CLUSTER_LABEL_HEIGHT / 2)})`);
    labelsLayer.append(label.label);
  }
  svg.append(clustersLayer);

  const edgesLayer = svgEl('g', { class: 'edges' });
  for (const edge of layout.edges) {
    edgesLayer.append(svgEl('path', {
      class: 'edge', d: edge.d, 'data-from': edge.from, 'data-to': edge.to,
      'data-marker': marker, 'marker-end': `url(#${marker})`,
    }));
  }
  svg.append(edgesLayer);

  const nodesLayer = svgEl('g', { class: 'nodes' });
  for (const step of workflow.steps) {
    const n = nodeGroups.get(step.id);
    const box = layout.nodes.get(step.id);
    if (!n || !box) continue;
    n.group.setAttribute('transform', `translate(${r(box.x)},${r(box.y)})`);
    n.group.addEventListener('click', () => selectStep(workflow.name, step.id));
    n.group.addEventListener('keydown', (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        selectStep(workflow.name, step.id);
      }
    });
    nodesLayer.append(n.group);
  }
  svg.append(labelsLayer, nodesLayer);

  const boxes = [...layout.nodes.values(), ...layout.clusters.values()];
  const top = Math.min(...boxes.map((b) => b.y));
  const first = boxes.filter((b) => b.y < top + NODE_HEIGHT / 2);
  return {
    svg, width: layout.width, height: layout.height,
    first: first.length === 0
      ? { left: 0, right: 0 }
      : { left: Math.min(...first.map((b) => b.x)), right: Math.max(...first.map((b) => b.x + b.width)) },
  };
}

/** A step node at the origin (its layout moves it), and its width. */
function nodeContent(workflow: WorkflowPlan, step: PlanStep, measure: SVGSVGElement): { group: SVGGElement; width: number } {
  const type = typeClass(step.type);
  const group = svgEl('g', {
    class: `node type-${type}`, 'data-step-id': step.id, 'data-step-type': step.type,
    tabindex: 0, role: 'button', 'aria-pressed': 'false',
  });
  group.append(svgEl('title', {}, stepTitle(workflow, step)));
  const shape = svgEl('path', { class: 'shape' });
  group.append(shape);

  const name = svgEl('text', { class: 'step-name', x: NODE_PAD_X, y: NAME_BASELINE }, step.name);
  const detail = svgEl('text', { class: 'step-detail', x: NODE_PAD_X, y: DETAIL_BASELINE });
  const placeholders = placeholdersOf(step.config);
  const badge = placeholders.length > 0
    ? svgEl('text', { class: 'ph-badge', y: NAME_BASELINE }, '{{ }}')
    : undefined;
  group.append(name, detail);
  if (badge) group.append(badge);
  measure.append(group);

  const nameWidth = name.getComputedTextLength();
  const badgeWidth = badge ? badge.getComputedTextLength() + BADGE_GAP : 0;
  const headWidth = Math.max(NODE_MIN_WIDTH, nameWidth + badgeWidth + 2 * NODE_PAD_X);
  const detailLimit = Math.max(headWidth, NODE_DETAIL_WIDTH) - 2 * NODE_PAD_X;
  // The secondary line: "type · summary", the summary cut to fit (the tooltip has it all).
  const summary = stepSummary(step);
  const fill = (chars: number): number => {
    detail.replaceChildren(svgEl('tspan', { class: 'step-type' }, step.type));
    const text = truncate(summary, chars, false);
    if (text !== '') {
      detail.append(svgEl('tspan', { class: 'sep' }, ' · '));
      const code = svgEl('tspan', { class: 'code' });
      appendWithPlaceholders(code, text, () => svgEl('tspan', { class: 'ph' }), PLACEHOLDER_OR_CUT);
      detail.append(code);
    }
    return detail.getComputedTextLength();
  };
  let detailWidth = fill(summary.length);
  if (detailWidth > detailLimit) {
    let lo = 0;
    let hi = summary.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fill(mid) <= detailLimit) lo = mid;
      else hi = mid - 1;
    }
    detailWidth = fill(lo);
  }
  group.remove();

  const width = Math.ceil(Math.max(headWidth, detailWidth + 2 * NODE_PAD_X));
  if (badge) badge.setAttribute('x', String(width - NODE_PAD_X - badgeWidth + BADGE_GAP));
  shape.setAttribute('d', shapePath(type, width, NODE_HEIGHT, 0, 0));
  return { group, width };
}

function clusterLabel(step: PlanStep, measure: SVGSVGElement): { label: SVGGElement; width: number } {
  const members = stepIds(step).length;
  const label = svgEl('g', { class: 'cluster-label' });
  const bg = svgEl('rect', { class: 'cluster-label-bg', x: 0, y: 0, height: CLUSTER_LABEL_HEIGHT, rx: CLUSTER_LABEL_HEIGHT / 2 });
  const text = svgEl('text', { x: 9, y: 13 });
  text.append(svgEl('tspan', { class: 'cluster-name' }, step.name));
  text.append(svgEl('tspan', { class: 'cluster-count' }, ` · ${members}`));
  label.append(bg, text);
  measure.append(label);
  const width = Math.ceil(text.getComputedTextLength() + 18);
  label.remove();
  bg.setAttribute('width', String(width));
  return { label, width };
}

/** The shape of a step by type, as a path in the box (x, y, width, height). */
function shapePath(type: string, width: number, height: number, x: number, y: number): string {
  const right = x + width;
  const bottom = y + height;
  switch (type) {
    case 'llm': {
      // A stadium.
      const rad = height / 2;
      return `M${r(x + rad)},${r(y)}H${r(right - rad)}A${r(rad)},${r(rad)} 0 0 1 ${r(right - rad)},${r(bottom)}` +
        `H${r(x + rad)}A${r(rad)},${r(rad)} 0 0 1 ${r(x + rad)},${r(y)}Z`;
    }
    case 'agent': {
      // A hexagon: an llm that loops with tools.
      const c = Math.min(height / 2, 12);
      return `M${r(x + c)},${r(y)}H${r(right - c)}L${r(right)},${r(y + height / 2)}L${r(right - c)},${r(bottom)}` +
        `H${r(x + c)}L${r(x)},${r(y + height / 2)}Z`;
    }
    case 'action': {
      // A tag with a notched left side: an effect on the outside world.
      const c = Math.min(height / 2, 10);
      return `M${r(x)},${r(y)}H${r(right - 4)}Q${r(right)},${r(y)} ${r(right)},${r(y + 4)}V${r(bottom - 4)}` +
        `Q${r(right)},${r(bottom)} ${r(right - 4)},${r(bottom)}H${r(x)}L${r(x + c)},${r(y + height / 2)}Z`;
    }
    default: {
      // A rounded rectangle (shell and any other type).
      const c = Math.min(5, height / 4);
      return `M${r(x + c)},${r(y)}H${r(right - c)}Q${r(right)},${r(y)} ${r(right)},${r(y + c)}V${r(bottom - c)}` +
        `Q${r(right)},${r(bottom)} ${r(right - c)},${r(bottom)}H${r(x + c)}Q${r(x)},${r(bottom)} ${r(x)},${r(bottom - c)}` +
        `V${r(y + c)}Q${r(x)},${r(y)} ${r(x + c)},${r(y)}Z`;
    }
  }
}

function typeClass(type: string): string {
  return ['shell', 'llm', 'agent', 'action', 'parallel'].includes(type) ? type : 'other';
}

/** Lays out the steps with dagre; widths holds each step's (or cluster label's) width. */
function layoutDag(steps: readonly PlanStep[], widths: ReadonlyMap<string, number>): DagLayout {
  const byId = new Map<string, PlanStep>();
  for (const s of steps) if (!byId.has(s.id)) byId.set(s.id, s);

  // Membership: the first parallel step listing a step owns it; nothing may contain itself.
  const parentOf = new Map<string, string>();
  const isAncestor = (candidate: string, of: string): boolean => {
    for (let p: string | undefined = of; p !== undefined; p = parentOf.get(p)) if (p === candidate) return true;
    return false;
  };
  const children = new Map<string, string[]>();
  for (const s of byId.values()) {
    if (s.type !== 'parallel') continue;
    for (const m of stepIds(s)) {
      if (!byId.has(m) || m === s.id || parentOf.has(m) || isAncestor(m, s.id)) continue;
      parentOf.set(m, s.id);
      const list = children.get(s.id) ?? [];
      list.push(m);
      children.set(s.id, list);
    }
  }
  // A parallel step with members is a dagre cluster; an empty one is a box of its own.
  const isCluster = (id: string): boolean => (children.get(id)?.length ?? 0) > 0;
  const leaves = (id: string): string[] => (isCluster(id) ? (children.get(id) ?? []).flatMap(leaves) : [id]);
  const related = (a: string, b: string): boolean => isAncestor(a, b) || isAncestor(b, a);

  const g = new dagre.graphlib.Graph({ compound: true, multigraph: false, directed: true });
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 44, edgesep: 12, marginx: 16, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const s of byId.values()) {
    if (isCluster(s.id)) g.setNode(s.id, {});
    else if (s.type === 'parallel') g.setNode(s.id, { width: widths.get(s.id) ?? NODE_MIN_WIDTH, height: EMPTY_CLUSTER_HEIGHT });
    else g.setNode(s.id, { width: widths.get(s.id) ?? NODE_MIN_WIDTH, height: NODE_HEIGHT });
  }
  for (const [child, parent] of parentOf) g.setParent(child, parent);

  // Drawn edges: one per distinct (dependency, dependent) pair naming a known step.
  const pairs: { from: string; to: string }[] = [];
  const seen = new Set<string>();
  for (const s of byId.values()) {
    for (const dep of s.depends_on) {
      const key = `${dep}\u0000${s.id}`;
      if (!byId.has(dep) || dep === s.id || seen.has(key)) continue;
      seen.add(key);
      pairs.push({ from: dep, to: s.id });
    }
  }
  // Layout edges. An edge ending at a parallel group goes through an invisible
  // anchor below (or above) the group, tied to every step inside it: the
  // dependent is ranked below the whole group, with as many edges as the group
  // has steps plus dependents rather than their product (dagre slows down fast
  // with edges). Inserted last first: dagre then keeps the steps of a layer
  // (the members of a parallel group, say) in plan order, left to right.
  const layoutEdges: [string, string][] = [];
  const anchors = new Map<string, string>();
  const anchor = (cluster: string, side: 'top' | 'bottom'): string => {
    const id = `\u0000${side}:${cluster}`;
    if (anchors.has(id)) return id;
    anchors.set(id, cluster);
    g.setNode(id, { width: 0, height: 0 });
    const parent = parentOf.get(cluster);
    if (parent !== undefined) g.setParent(id, parent);
    for (const leaf of leaves(cluster)) layoutEdges.push(side === 'bottom' ? [leaf, id] : [id, leaf]);
    return id;
  };
  for (const { from, to } of pairs) {
    if (related(from, to)) continue;
    layoutEdges.push([isCluster(from) ? anchor(from, 'bottom') : from, isCluster(to) ? anchor(to, 'top') : to]);
  }
  for (const [a, b] of [...layoutEdges].reverse()) {
    if (a !== b && !g.hasEdge(a, b)) g.setEdge(a, b, {});
  }
  dagre.layout(g);

  const nodes = new Map<string, Box>();
  const clusters = new Map<string, Box>();
  for (const s of byId.values()) {
    const n = g.node(s.id);
    if (!n || n.x === undefined || n.y === undefined || n.width === undefined || n.height === undefined) continue;
    const box: Box = { x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height };
    if (s.type === 'parallel') clusters.set(s.id, box);
    else nodes.set(s.id, box);
  }
  const boxOf = (id: string): Box | undefined => nodes.get(id) ?? clusters.get(id);

  const edges: DrawnEdge[] = [];
  for (const { from, to } of pairs) {
    const a = boxOf(from);
    const b = boxOf(to);
    if (!a || !b) continue;
    const routed = !isCluster(from) && !isCluster(to) ? g.edge(from, to)?.points : undefined;
    edges.push({ from, to, d: routed && routed.length >= 2 ? basisPath(tidyEnds(routed, a, b)) : borderPath(a, b) });
  }

  const depth = (id: string): number => {
    let d = 0;
    for (let p = parentOf.get(id); p !== undefined; p = parentOf.get(p)) d += 1;
    return d;
  };
  const clusterOrder = [...clusters.keys()].sort((x, y) => depth(x) - depth(y));
  const label = g.graph();
  let width = label.width ?? 0;
  let height = label.height ?? 0;
  for (const box of [...nodes.values(), ...clusters.values()]) {
    width = Math.max(width, box.x + box.width + 16);
    height = Math.max(height, box.y + box.height + 20);
  }
  return { width: Math.ceil(width), height: Math.ceil(height), nodes, clusters, edges, clusterOrder };
}

/**
 * Dagre's route, starting from the middle of the source's bottom and ending at
 * the middle of the target's top where the edge runs downwards (dagre ends
 * routes wherever the line to the next bend meets the border, often a side).
 */
function tidyEnds(points: readonly dagre.Point[], from: Box, to: Box): dagre.Point[] {
  const out = points.map((p) => ({ x: p.x, y: p.y }));
  const bottom = from.y + from.height;
  if (out[1].y > bottom) out[0] = { x: from.x + from.width / 2, y: bottom };
  const last = out.length - 1;
  if (out[last - 1].y < to.y) out[last] = { x: to.x + to.width / 2, y: to.y };
  return out;
}

/** A path from the bottom of `a` to the top of `b` (edges that start or end at a cluster). */
function borderPath(a: Box, b: Box): string {
  const inset = (box: Box): [number, number] => {
    const m = Math.min(20, box.width / 2);
    return [box.x + m, box.x + box.width - m];
  };
  const [aMin, aMax] = inset(a);
  const [bMin, bMax] = inset(b);
  // Vertical where the boxes overlap horizontally, else between the nearest points.
  const lo = Math.max(aMin, bMin);
  const hi = Math.min(aMax, bMax);
  let x0: number;
  let x1: number;
  if (lo <= hi) {
    const bc = b.x + b.width / 2;
    const ac = a.x + a.width / 2;
    const x = clamp((clamp(bc, lo, hi) + clamp(ac, lo, hi)) / 2, lo, hi);
    x0 = x;
    x1 = x;
  } else {
    x0 = clamp(b.x + b.width / 2, aMin, aMax);
    x1 = clamp(a.x + a.width / 2, bMin, bMax);
  }
  const y0 = a.y + a.height;
  const y1 = b.y;
  if (x0 === x1) return `M${r(x0)},${r(y0)}L${r(x1)},${r(y1)}`;
  const dy = (y1 - y0) / 2;
  return `M${r(x0)},${r(y0)}C${r(x0)},${r(y0 + dy)} ${r(x1)},${r(y1 - dy)} ${r(x1)},${r(y1)}`;
}

/** A smooth path through dagre's points (a uniform B-spline, as d3's curveBasis). */
function basisPath(points: readonly dagre.Point[]): string {
  const [p0, ...rest] = points;
  let d = `M${r(p0.x)},${r(p0.y)}`;
  if (points.length === 2) return `${d}L${r(rest[0].x)},${r(rest[0].y)}`;
  let x0 = p0.x;
  let y0 = p0.y;
  let x1 = rest[0].x;
  let y1 = rest[0].y;
  d += `L${r((5 * x0 + x1) / 6)},${r((5 * y0 + y1) / 6)}`;
  const curve = (x: number, y: number): void => {
    d += `C${r((2 * x0 + x1) / 3)},${r((2 * y0 + y1) / 3)} ${r((x0 + 2 * x1) / 3)},${r((y0 + 2 * y1) / 3)} ` +
      `${r((x0 + 4 * x1 + x) / 6)},${r((y0 + 4 * y1 + y) / 6)}`;
    x0 = x1;
    y0 = y1;
    x1 = x;
    y1 = y;
  };
  for (const p of rest.slice(1)) curve(p.x, p.y);
  curve(x1, y1);
  return `${d}L${r(x1)},${r(y1)}`;
}

// ---------------------------------------------------------------------------
// Text of steps, triggers and schemas

function stepIds(step: PlanStep): string[] {
  const ids = step.config?.step_ids;
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
}

/** The secondary line of a node: what the step does, in brief. */
function stepSummary(step: PlanStep): string {
  const config: JsonObject = step.config ?? {};
  const str = (key: string): string | undefined => {
    const v = config[key];
    return typeof v === 'string' ? v : undefined;
  };
  let text: string;
  switch (step.type) {
    case 'shell':
      text = firstLine(str('cmd') ?? '');
      break;
    case 'llm':
    case 'agent': {
      const tools = config.tools;
      const count = Array.isArray(tools) ? tools.length : 0;
      text = (str('client') ?? '') + (count > 0 ? ` · ${plural(count, 'tool')}` : '');
      break;
    }
    case 'action': {
      const args = Object.entries(config).filter(([key]) => key !== 'action');
      const preferred = args.find(([key]) => key === 'body') ?? args[0];
      text = preferred ? `${preferred[0]}: ${firstLine(jsonText(preferred[1]))}` : str('action') ?? '';
      break;
    }
    default: {
      const first = Object.entries(config)[0];
      text = first ? `${first[0]}: ${firstLine(jsonText(first[1]))}` : '';
    }
  }
  return truncate(text, DETAIL_MAX_CHARS);
}

/** The tooltip of a node: its id, type, dependencies and every config value. */
function stepTitle(workflow: WorkflowPlan, step: PlanStep): string {
  const names = new Map(workflow.steps.map((s) => [s.id, s.name] as const));
  const lines = [`${step.name}  (${step.id}, ${step.type})`];
  if (step.depends_on.length > 0) {
    lines.push(`after: ${step.depends_on.map((d) => (names.has(d) ? `${names.get(d)} (${d})` : d)).join(', ')}`);
  }
  for (const [path, value] of flatten(step.config ?? {}, '')) {
    lines.push(`${path}: ${truncate(value, 300)}`);
  }
  const placeholders = placeholdersOf(step.config ?? {});
  if (placeholders.length > 0) lines.push(`run-time values: ${placeholders.join(' ')}`);
  return lines.join('\n');
}

function clusterTitle(step: PlanStep, byId: ReadonlyMap<string, PlanStep>): string {
  const members = stepIds(step).map((id) => `${byId.get(id)?.name ?? '?'} (${id})`);
  return `${step.name}  (${step.id}): ${members.length > 0 ? members.join(', ') : 'no steps'}`;
}

/** Leaf values of a config as `path: text` pairs, in key order. */
function flatten(value: JsonValue, path: string): [string, string][] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as JsonObject);
    if (entries.length === 0) return path === '' ? [] : [[path, '{}']];
    return entries.flatMap(([key, v]) => flatten(v, path === '' ? key : `${path}.${key}`));
  }
  return [[path, typeof value === 'string' ? value.replace(/\n/g, '⏎ ') : JSON.stringify(value)]];
}

/** The distinct `{{ ... }}` placeholders of a config, in order of appearance. */
function placeholdersOf(value: JsonValue): string[] {
  const found: string[] = [];
  const visit = (v: JsonValue): void => {
    if (typeof v === 'string') {
      for (const m of v.match(PLACEHOLDER) ?? []) if (!found.includes(m)) found.push(m);
    } else if (Array.isArray(v)) {
      for (const item of v as readonly JsonValue[]) visit(item);
    } else if (v !== null && typeof v === 'object') {
      for (const item of Object.values(v as JsonObject)) visit(item);
    }
  };
  visit(value);
  return found;
}

/** Appends `text` to `parent`, wrapping each `{{ ... }}` in an element from `wrap`. */
function appendWithPlaceholders(parent: Element, text: string, wrap: () => Element, pattern = PLACEHOLDER): void {
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const at = m.index ?? 0;
    if (at > last) parent.append(document.createTextNode(text.slice(last, at)));
    const span = wrap();
    span.textContent = m[0];
    parent.append(span);
    last = at + m[0].length;
  }
  if (last < text.length) parent.append(document.createTextNode(text.slice(last)));
}

/** "push: main, release/*", "pull_request: opened, synchronize", "schedule: 0 3 * * 1-5", ... */
function formatTrigger(trigger: Trigger): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(trigger)) {
    if (key === 'type' || value === null) continue;
    let text: string;
    if (Array.isArray(value)) text = (value as readonly JsonValue[]).map(jsonText).join(', ');
    else if (typeof value === 'object') text = Object.keys(value).join(', ');
    else text = jsonText(value);
    if (text === '') continue;
    parts.push(parts.length === 0 ? text : `${key}: ${text}`);
  }
  return parts.length === 0 ? trigger.type : `${trigger.type}: ${parts.join(' · ')}`;
}

/** A JSON Schema in brief: `string`, `integer | null`, `"a" | "b"`, `string[]`, `{a, b}`. */
function schemaType(schema: JsonValue): string {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return jsonText(schema);
  const s = schema as JsonObject;
  if (Array.isArray(s.enum)) return (s.enum as readonly JsonValue[]).map((v) => JSON.stringify(v)).join(' | ');
  if (Array.isArray(s.anyOf)) return (s.anyOf as readonly JsonValue[]).map(schemaType).join(' | ');
  if (s.type === 'array') return `${s.items !== undefined ? schemaType(s.items) : 'any'}[]`;
  if (s.type === 'object' && s.properties !== null && typeof s.properties === 'object' && !Array.isArray(s.properties)) {
    return `{${Object.keys(s.properties).join(', ')}}`;
  }
  return typeof s.type === 'string' ? s.type : 'any';
}

function jsonText(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function firstLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return '';
  return lines.length > 1 ? `${lines[0].trim()} …` : lines[0].trim();
}

/** Cuts `text` to `max` characters, ending with `…`; `whole` keeps placeholders whole. */
function truncate(text: string, max: number, whole = true): string {
  if (text.length <= max) return text;
  if (max <= 1) return '';
  let cut = max - 1;
  if (whole) {
    for (const m of text.matchAll(PLACEHOLDER)) {
      const at = m.index ?? 0;
      if (at < cut && at + m[0].length > cut) cut = at;
    }
  }
  return `${text.slice(0, cut).trimEnd()}…`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** Coordinates with at most one decimal, so the same layout gives the same attribute text. */
function r(v: number): string {
  const rounded = Math.round(v * 10) / 10;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

// ---------------------------------------------------------------------------
// DOM helpers

type Attributes = Readonly<Record<string, string | number>>;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attributes, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attributes, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}
