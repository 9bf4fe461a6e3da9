// Seeded generator of random workflow repos for the oracle differential.
//
//   generateCase(seed) -> { files: { 'relative/path': text, ... }, invalid: string | null }
//
// A case is a small repo: one to three `.plue/workflows/*.py`, maybe
// `.plue/prompts/*.prompt.md` and an `event.json`. The same seed always gives
// the same bytes (no Math.random, no time). Programs are valid plue most of the
// time; about one in six carries one deliberate mistake (`invalid` names it) so
// that diagnostics are compared too.

/** splitmix32-style PRNG: a function returning floats in [0, 1). */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    z = (z ^ (z >>> 16)) >>> 0;
    return z / 4294967296;
  };
}

/** The seed of program `index` of a run seeded `seed`. */
export function caseSeed(seed, index) {
  return (Math.imul(seed >>> 0, 0x27d4eb2d) + Math.imul(index + 1, 0x165667b1)) >>> 0;
}

class Gen {
  constructor(seed) {
    this.r = rng(seed);
  }

  int(lo, hi) {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }

  chance(p) {
    return this.r() < p;
  }

  pick(xs) {
    return xs[Math.floor(this.r() * xs.length)];
  }

  some(xs, lo, hi) {
    const n = this.int(lo, Math.min(hi, xs.length));
    const pool = [...xs];
    const out = [];
    for (let i = 0; i < n; i++) out.push(pool.splice(Math.floor(this.r() * pool.length), 1)[0]);
    return out;
  }
}

const WORDS = ['build', 'test', 'lint', 'deploy', 'docs', 'bench', 'fmt', 'e2e', 'pkg', 'scan', 'api', 'web', 'core', 'cli'];
const LANGS = ['3.10', '3.11', '3.12', '18', '20', '1.22', 'stable'];
const BRANCHES = ['main', 'develop', 'release/*', 'feature/**', 'v1'];
const IMAGES = ['node:20', 'python:3.12', 'golang:1.22', 'rust:1.79', 'ubuntu:24.04', 'alpine:3.20'];
const TOOLS = ['read_file', 'write_file', 'shell', 'glob', 'grep', 'websearch', 'readfile', 'writefile'];
const PROMPT_NAMES = ['CodeReview', 'Triage', 'Summarize', 'FixLint', 'Release'];
const OUTPUT_FIELDS = ['approved', 'summary', 'comments', 'labels', 'score', 'severity', 'patch', 'title'];
const INPUT_FIELDS = ['diff', 'files', 'title', 'body', 'log', 'lang', 'context'];
const EVENT_TYPES = ['push', 'pull_request', 'issue_comment', 'manual', 'schedule'];

function q(s) {
  return JSON.stringify(s);
}

/** A random event payload (or null for the reference mock event). */
function genEvent(g) {
  const type = g.pick(EVENT_TYPES);
  const ev = { type };
  if (type === 'push') {
    ev.ref = `refs/heads/${g.pick(['main', 'dev', 'feature/x'])}`;
    if (g.chance(0.7)) ev.sha = g.pick(['abc123', 'deadbeef', '0f0f0f']);
    if (g.chance(0.4)) ev.commits = [{ id: 'c1', message: 'fix: x' }, { id: 'c2', message: 'feat: y' }].slice(0, g.int(1, 2));
    if (g.chance(0.3)) ev.forced = g.chance(0.5);
  } else if (type === 'pull_request') {
    ev.action = g.pick(['opened', 'synchronize', 'closed']);
    ev.number = g.int(1, 999);
    const pr = { number: ev.number, title: g.pick(['Fix bug', 'Add "feature"', 'WIP: refactor ünïcode']), base: 'main' };
    if (g.chance(0.7)) pr.head = g.pick(['feature/x', 'fix-1']);
    if (g.chance(0.5)) pr.draft = g.chance(0.5);
    if (g.chance(0.5)) pr.labels = g.some(['bug', 'docs', 'ci', 'big'], 0, 3);
    if (g.chance(0.3)) pr.additions = g.pick([0, 12, 1500]);
    if (g.chance(0.2)) pr.ratio = g.pick([0.5, 1.0, 2.25, 1e-7]);
    ev.pull_request = pr;
  } else if (type === 'issue_comment') {
    ev.comment = { body: g.pick(['/review', 'lgtm', '/deploy staging']), user: { login: 'octo' } };
    if (g.chance(0.7)) ev.issue = { number: g.int(1, 99), title: 'Crash on start' };
  } else if (type === 'manual') {
    ev.inputs = {};
    if (g.chance(0.7)) ev.inputs.target = g.pick(['staging', 'prod']);
    if (g.chance(0.5)) ev.inputs.count = g.int(0, 5);
  } else {
    if (g.chance(0.5)) ev.cron = '0 3 * * *';
  }
  if (g.chance(0.3)) ev.repository = { name: 'plue', full_name: 'acme/plue', private: false };
  return ev;
}

function genPrompt(g, name) {
  const lines = ['---'];
  const meta = { name, fields: null };
  if (g.chance(0.7)) lines.push(`name: ${name}`);
  if (g.chance(0.6)) lines.push(`client: ${g.pick(['anthropic/claude-sonnet', 'anthropic/claude-opus', 'openai/gpt-4o'])}`);
  if (g.chance(0.7)) lines.push(`type: ${g.pick(['llm', 'agent'])}`);
  if (g.chance(0.7)) {
    lines.push('inputs:');
    for (const f of g.some(INPUT_FIELDS, 1, 3)) lines.push(`  ${f}: ${g.pick(['str', 'string', 'list[str]', 'int'])}`);
  }
  if (g.chance(0.85)) {
    lines.push('output:');
    meta.fields = g.some(OUTPUT_FIELDS, 1, 4);
    for (const f of meta.fields) {
      if (g.chance(0.2)) {
        lines.push(`  ${f}:`);
        lines.push(`    type: array`);
        lines.push(`    items: string`);
      } else lines.push(`  ${f}: ${g.pick(['bool', 'str', 'int', 'list[str]', 'enum[low, high]'])}`);
    }
  }
  if (g.chance(0.5)) {
    lines.push('tools:');
    for (const t of g.some(['read_file', 'grep', 'shell', '//tools/lint:lint', 'websearch'], 1, 3)) lines.push(`  - ${t}`);
  }
  if (g.chance(0.5)) lines.push(`max_turns: ${g.int(1, 30)}`);
  lines.push('---', `You are ${name}. Review {{ diff }} carefully.`, '{% for f in files %}- {{ f }}{% endfor %}', '');
  return { text: lines.join('\n'), meta };
}

/**
 * One workflow file's source. `scope` tracks what the generated code can refer
 * to. Statements are emitted as lines with their indentation.
 */
class FileGen {
  constructor(g, prompts, invalid, wfNames) {
    this.g = g;
    this.prompts = prompts; // [{name, fields}]
    this.invalid = invalid; // the mistake to make somewhere, or null
    this.invalidDone = false;
    this.lines = [];
    this.n = 0;
    this.wfNames = wfNames;
    this.helpers = [];
  }

  fresh(prefix) {
    this.n += 1;
    return `${prefix}${this.n}`;
  }

  /** A Python string literal; inside an f-string field (before 3.12) single-quoted, with no backslash. */
  q(s) {
    if (!this.inF) return q(s);
    return `'${s.replace(/[\\'\t\n"]/g, '')}'`;
  }

  /** Generates an f-string field's expression. */
  fx(make) {
    const outer = this.inF;
    this.inF = true;
    try {
      return make().replace(/"/g, "'");
    } finally {
      this.inF = outer;
    }
  }

  emit(indent, text) {
    this.lines.push(`${'    '.repeat(indent)}${text}`);
  }

  // ------------------------------------------------------------ values

  strLit() {
    const g = this.g;
    return this.q(g.pick([...WORDS, 'make all', 'npm ci', 'echo "hi"', "it's", 'tab\tsep', 'ü-ñ', '', 'a b c']));
  }

  /** A plan-time or run-time string-ish expression, inside the workflow (ctx available). */
  text(scope, depth = 0) {
    const g = this.g;
    const choices = [
      () => this.strLit(),
      () => `f"${g.pick(WORDS)} {${this.fx(() => this.runtimeValue(scope))}}"`,
      () => `f"${g.pick(WORDS)}-{${this.fx(() => this.plainValue(scope))}}"`,
      () => `ctx.secrets.${g.pick(['TOKEN', 'NPM_TOKEN', 'DEPLOY_KEY'])}`,
      () => `ctx.env.${g.pick(['BRANCH', 'HOME', 'CI'])}`,
      () => `ctx.read(${this.q(g.pick(['VERSION', 'README.md', 'src/x.py']))})`,
      () => `ctx.glob(${this.q(g.pick(['**/*.py', 'src/*.ts']))})`,
      () => `ctx.secret(${this.q(g.pick(['TOKEN', 'KEY']))})`,
      () => `hash_files(${this.q(g.pick(['package-lock.json', 'poetry.lock']))})`,
      () => `cache_key(${this.q(g.pick(WORDS))}, ${this.plainValue(scope)}, ${g.int(0, 9)})`,
      () => `" ".join([${this.strLit()}, ${this.strLit()}])`,
      () => `${this.strLit()}.upper()`,
      () => `${this.strLit()} + ${this.strLit()}`,
      () => `"%s-%03d" % (${this.strLit()}, ${g.int(0, 200)})`,
      () => `str(${this.runtimeValue(scope)})`,
      () => `${this.strLit()} + str(${g.pick(['1.5', '2', 'True', 'None', '[1, 2]', '{"a": 1}'])})`,
    ];
    if (scope.strs.length) choices.push(() => g.pick(scope.strs));
    if (scope.shell.length && depth === 0) choices.push(() => `f"got {${g.pick(scope.shell)}.${g.pick(['stdout', 'stderr', 'exit_code', 'outputs'])}}"`);
    if (scope.prompt.length && depth === 0) {
      choices.push(() => {
        const p = g.pick(scope.prompt);
        return `f"review: {${p.v}.${p.fields ? g.pick(p.fields) : 'output'}}"`;
      });
    }
    if (scope.helpers.includes('slug')) choices.push(() => `slug(${this.strLit()})`);
    return g.pick(choices)();
  }

  /** Values known at plan time. */
  plainValue(scope) {
    const g = this.g;
    const choices = [
      () => this.strLit(),
      () => String(g.int(-3, 100)),
      () => g.pick(['1.5', '0.1 + 0.2', '1e16', '2.0', '-0.0', '10 / 4', '7 // 2', '-7 % 3', '2 ** 10']),
      () => g.pick(['True', 'False', 'None']),
      () => `len(${this.q(g.pick(WORDS))})`,
      () => `ctx.event.type`,
      () => `ctx.event.get(${this.q(g.pick(['ref', 'number', 'action', 'missing']))}, "none")`,
      () => `${this.q(g.pick(WORDS))}[${g.int(0, 2)}:${g.int(2, 5)}]`,
      () => `sorted(${this.q(g.pick(WORDS))})[0]`,
      () => `max(${g.int(0, 9)}, ${g.int(0, 9)})`,
      () => `round(${g.pick(['2.5', '3.14159', '1.005'])}, ${g.int(0, 2)})`,
    ];
    if (scope.loopVars.length) choices.push(() => g.pick(scope.loopVars));
    return g.pick(choices)();
  }

  /** Expressions known only when the workflow runs. */
  runtimeValue(scope) {
    const g = this.g;
    const choices = [
      () => `ctx.event.${g.pick(['ref', 'sha', 'action', 'number', 'missing_field', 'pull_request', 'comment', 'inputs', 'repository'])}`,
      () => `ctx.event.pull_request.${g.pick(['number', 'title', 'base', 'head', 'draft', 'labels', 'user'])}`,
      () => `ctx.event.comment.body`,
      () => `ctx.inputs.${g.pick(['target', 'count', 'dry_run'])}`,
      () => `ctx.inputs.get(${this.q(g.pick(['target', 'count']))}, ${this.strLit()})`,
      () => `ctx.git.diff(${g.pick(['', 'base="main"', 'base=ctx.event.pull_request.base', 'base=ctx.event.ref', 'base=3', 'base=None'])})`,
      () => `ctx.git.log(${g.pick(['', 'n=5', 'n=True', 'n="x"', 'n=1.5'])})`,
      () => `ctx.repo`,
      () => `ctx.repo.${g.pick(['name', 'owner', 'default_branch'])}`,
      () => `ctx.issue.${g.pick(['number', 'title'])}`,
      () => `ctx.pr.${g.pick(['number', 'head'])}`,
    ];
    if (scope.shell.length) choices.push(() => `${g.pick(scope.shell)}.${g.pick(['stdout', 'stderr', 'exit_code', 'outputs'])}`);
    if (scope.shell.length) choices.push(() => `${g.pick(scope.shell)}.exit_code ${g.pick(['==', '!=', '<', '>='])} ${g.pick(['0', '1', '"x"', 'None'])}`);
    if (scope.prompt.length) {
      choices.push(() => {
        const p = g.pick(scope.prompt);
        return p.fields ? `${p.v}.${g.pick(p.fields)}` : `${p.v}.output`;
      });
      choices.push(() => {
        const p = g.pick(scope.prompt);
        return p.fields ? `${p.v}.output.${g.pick(p.fields)}` : `${p.v}.output.anything`;
      });
    }
    return g.pick(choices)();
  }

  envDict(scope) {
    const g = this.g;
    const entries = [];
    for (let i = 0; i < g.int(0, 3); i++) entries.push(`${this.q(g.pick(['CI', 'TOKEN', 'NODE_ENV', 'LANG', 'REF', 'N']))}: ${g.chance(0.6) ? this.text(scope) : this.plainValue(scope)}`);
    return `{${entries.join(', ')}}`;
  }

  depsExpr(scope) {
    const g = this.g;
    const steps = [...scope.shell, ...scope.prompt.map((p) => p.v), ...scope.actions];
    if (!steps.length) return null;
    if (scope.lists.length && g.chance(0.2)) return g.pick(scope.lists);
    if (g.chance(0.4)) return g.pick(steps);
    return `[${g.some(steps, 1, 3).join(', ')}]`;
  }

  runCall(scope, nameExpr = null, cmdExpr = null) {
    const g = this.g;
    const name = nameExpr ?? (g.chance(0.8) ? this.text(scope) : null);
    const cmd = cmdExpr ?? (g.chance(0.15) ? `"""${g.pick(WORDS)} --all\n${g.pick(WORDS)} again"""` : this.text(scope));
    const args = [];
    const kwStyle = g.chance(0.5);
    if (name !== null && !kwStyle) args.push(name, cmd);
    else {
      if (name !== null) args.push(`name=${name}`);
      args.push(`cmd=${cmd}`);
    }
    if (g.chance(0.4)) args.push(`env=${g.chance(0.1) ? 'None' : this.envDict(scope)}`);
    if (g.chance(0.3)) args.push(`cache=${g.pick([`cache_key("deps", hash_files("package-lock.json"))`, 'None', this.strLit(), `cache_key(${this.plainValue(scope)})`])}`);
    if (g.chance(0.4)) {
      const d = this.depsExpr(scope);
      if (d) args.push(`depends_on=${d}`);
    }
    return `ctx.run(${args.join(', ')})`;
  }

  actionCall(scope) {
    const g = this.g;
    const dep = () => {
      if (!g.chance(0.3)) return '';
      const d = this.depsExpr(scope);
      return d ? `, depends_on=${d}` : '';
    };
    return g.pick([
      () => `ctx.comment(${this.text(scope)}${dep()})`,
      () => `ctx.review_comment(${this.q(g.pick(['src/a.py', 'README.md']))}, ${g.int(1, 80)}, ${this.text(scope)}${dep()})`,
      () => `ctx.approve(${dep().slice(2)})`,
      () => `ctx.request_changes(${this.text(scope)}${dep()})`,
      () => `ctx.write(${this.q(g.pick(['out/report.md', 'VERSION']))}, ${this.text(scope)}${dep()})`,
      () => `ctx.git.checkout(${g.pick([this.q('main'), 'ctx.event.ref', 'ctx.event.pull_request.head', this.text(scope)])}${dep()})`,
      () => `ctx.issue.comment(${this.text(scope)}${dep()})`,
      () => `ctx.pr.comment(${this.text(scope)}${dep()})`,
    ])();
  }

  promptCall(scope) {
    const g = this.g;
    const p = g.pick(this.prompts);
    const args = [];
    for (const f of g.some(INPUT_FIELDS, 0, 3)) args.push(`${f}=${g.chance(0.5) ? this.runtimeValue(scope) : g.chance(0.5) ? this.text(scope) : `[${this.strLit()}, ${this.plainValue(scope)}]`}`);
    if (g.chance(0.4)) args.push(`tools=${g.pick(['[]', 'None', `[${g.some(this.tools, 1, 3).map((t) => `${t}(${g.chance(0.3) ? `allow=[${this.strLit()}]` : ''})`).join(', ')}]`])}`);
    if (g.chance(0.3)) args.push(`max_turns=${g.int(1, 20)}`);
    if (g.chance(0.3)) {
      const d = this.depsExpr(scope);
      if (d) args.push(`depends_on=${d}`);
    }
    return { call: `${p.name}(${args.join(', ')})`, fields: p.fields };
  }

  // -------------------------------------------------------- statements

  /** Emits a few statements at `indent`; `budget` bounds nesting. */
  block(scope, indent, count, budget) {
    for (let i = 0; i < count; i++) this.statement(scope, indent, budget);
  }

  statement(scope, indent, budget) {
    const g = this.g;
    const kinds = [
      [6, () => {
        const v = this.fresh('s');
        this.emit(indent, `${v} = ${this.runCall(scope)}`);
        scope.shell.push(v);
      }],
      [2, () => this.emit(indent, this.runCall(scope))],
      [3, () => {
        const v = this.fresh('a');
        this.emit(indent, `${v} = ${this.actionCall(scope)}`);
        scope.actions.push(v);
      }],
      [1, () => {
        const v = this.fresh('t');
        this.emit(indent, `${v} = ${this.text(scope)}`);
        scope.strs.push(v);
      }],
      [1, () => this.emit(indent, `print(${this.text(scope)}, ${this.plainValue(scope)})`)],
    ];
    if (this.prompts.length) {
      kinds.push([3, () => {
        const v = this.fresh('r');
        const { call, fields } = this.promptCall(scope);
        this.emit(indent, `${v} = ${call}`);
        scope.prompt.push({ v, fields });
      }]);
    }
    if (budget > 0) {
      kinds.push([2, () => {
        // matrix by loop
        const lst = this.fresh('jobs');
        const lv = this.fresh('v');
        this.emit(indent, `${lst} = []`);
        this.emit(indent, `for ${lv} in ${g.pick([`[${g.some(LANGS, 1, 3).map((x) => this.q(x)).join(', ')}]`, `range(${g.int(0, 3)})`, `${this.q(g.pick(WORDS).slice(0, 3))}`, `enumerate(["a", "b"])`])}:`);
        const inner = { ...scope, loopVars: [...scope.loopVars, lv], strs: [...scope.strs], shell: [...scope.shell] };
        this.emit(indent + 1, `${lst}.append(${this.runCall(inner, `f"${g.pick(WORDS)} {${lv}}"`, g.chance(0.5) ? null : `f"run --v={${lv}}"`)})`);
        if (g.chance(0.3)) this.emit(indent + 1, `print(${lv})`);
        scope.lists.push(lst);
      }]);
      kinds.push([2, () => {
        // matrix by comprehension
        const lst = this.fresh('m');
        const a = this.fresh('x');
        const b = this.fresh('y');
        const inner = { ...scope, loopVars: [...scope.loopVars, a, b] };
        const cond = g.chance(0.4) ? ` if not (${a} == ${this.q(LANGS[0])} and ${b} == "ubuntu")` : '';
        this.emit(indent, `${lst} = [${this.runCall(inner, `f"test {${a}} on {${b}}"`, `f"tox -e {${a}}"`)} for ${a} in [${g.some(LANGS, 1, 3).map((x) => this.q(x)).join(', ')}] for ${b} in ["ubuntu", "macos"]${cond}]`);
        scope.lists.push(lst);
      }]);
      kinds.push([2, () => {
        const v = this.fresh('p');
        if (scope.lists.length && g.chance(0.5)) this.emit(indent, `${v} = ctx.parallel(${g.pick(scope.lists)})`);
        else this.emit(indent, `${v} = ctx.parallel([${this.runCall(scope)}, ${this.runCall(scope)}])`);
        scope.shell.push(v); // parallel steps have no results: attribute access is an error — see invalid kinds
        scope.shell.pop();
        scope.actions.push(v);
      }]);
      kinds.push([3, () => {
        // conditional on the event
        const t = g.pick(EVENT_TYPES);
        this.emit(indent, g.pick([
          `if ctx.event.type == ${this.q(t)}:`,
          `if ctx.event.type in (${this.q(t)}, "manual"):`,
          `if ctx.event.get("ref", "") == "refs/heads/main":`,
          `if ctx.exists(${this.q('Makefile')}):`,
          `if len(${this.q(g.pick(WORDS))}) > 3:`,
          `if ctx.event.get("pull_request") is not None and ctx.event.pull_request.get("draft", False):`,
        ]));
        const inner = { ...scope, shell: [...scope.shell], strs: [...scope.strs], prompt: [...scope.prompt], actions: [...scope.actions], lists: [...scope.lists] };
        this.block(inner, indent + 1, g.int(1, 2), budget - 1);
        if (g.chance(0.5)) {
          this.emit(indent, 'else:');
          const other = { ...scope, shell: [...scope.shell], strs: [...scope.strs], prompt: [...scope.prompt], actions: [...scope.actions], lists: [...scope.lists] };
          this.block(other, indent + 1, g.int(1, 2), budget - 1);
        }
      }]);
      kinds.push([1, () => {
        this.emit(indent, 'try:');
        this.emit(indent + 1, `cfg = {"a": 1}[${this.q(g.pick(['a', 'b']))}]`);
        this.emit(indent, `except ${g.pick(['KeyError', 'LookupError', 'Exception'])} as e:`);
        this.emit(indent + 1, `cfg = str(e)`);
        this.emit(indent, `${this.fresh('s')} = ctx.run("cfg", f"echo {cfg}")`);
      }]);
    }
    // wider Python and plue surface: every entry is one statement (or a small block)
    kinds.push([4, () => {
      const v = this.fresh('w');
      const sh = scope.shell.length ? g.pick(scope.shell) : null;
      const exprs = [
        `ctx.event.get(${this.q(g.pick(['pull_request', 'ref', 'commits', 'inputs', 'nothing']))})`,
        `ctx.event[${this.q(g.pick(['ref', 'type', 'sha', 'number', 'absent']))}]`,
        `ctx.event.commits[0].message if ctx.event.get("commits") else "none"`,
        `f"{ctx.event.pull_request}" if ctx.event.get("pull_request") is not None else "no pr"`,
        `str(ctx.event.get("repository", {}))`,
        `ctx.inputs[${this.q(g.pick(['target', 'n']))}]`,
        `ctx.secrets[${this.q('TOKEN')}] + "/" + ctx.env["HOME"]`,
        `ctx.git.diff()[0]`,
        `ctx.repo.files(${this.q('src')}, n=2, deep=True, x=None, f=1.5)`,
        `ctx.event.missing_field == None`,
        `ctx.event.missing_field + ${this.q('-sfx')}`,
        `${this.q('pfx-')} + ctx.event.missing_field`,
        `ctx.event.missing_field + ${g.pick(['1', '1.5', 'True', 'None', 'ctx.inputs.n'])}`,
        `${g.pick(['1', '2.5', 'False'])} + ctx.inputs.n`,
        `ctx.inputs.n ${g.pick(['<', '<=', '>', '>=', '!='])} ${g.pick(['3', '"x"', 'ctx.inputs.m', '[1]', '2.0'])}`,
        `{**{"A": "1"}, "B": ${this.text(scope)}, **dict(C="3")}`,
        `sorted([${this.q('b')}, ${this.q('a')}, ${this.q('C')}], key=lambda x: x.lower(), reverse=${g.pick(['True', 'False'])})`,
        `[f"{i}:{w}" for i, w in enumerate(${this.q(g.pick(WORDS))}.split("e"), start=1)]`,
        `list(zip([1, 2, 3], "ab"))`,
        `${this.q(g.pick(['a,b,,c', ' x y ', 'ref/heads/main', 'v1.2.3']))}.${g.pick(['split(",")', 'partition("/")', 'strip()', 'zfill(8)', 'removeprefix("ref/")', 'replace(".", "_")', 'find("b")', 'count(",")', 'splitlines()', 'title()', 'rsplit(".", 1)', 'upper().lower()', 'startswith(("a", "v"))'])}`,
        `isinstance(ctx.event.get("number", 0), int)`,
        `isinstance(${this.q('x')}, (int, str))`,
        `[x * 2 for x in range(5) if x % 2]`,
        `{k: v for k, v in [("a", 1), ("b", 2.5)]}`,
        `ctx.success(**{"x": ${this.plainValue(scope)}, "y": ctx.inputs.y})`,
        `ctx.fail(${this.text(scope)})`,
        `ctx.exists("x") and ${this.plainValue(scope)}`,
        `${g.pick(['1e16', '1e-7', '-0.0', '0.1 * 3', '2 ** 0.5', '7 / 7', 'float("1e300") * 10', 'round(2.5)', 'round(-0.5)', 'abs(-2.0)', 'divmod(-7, 2)', 'pow(2, -1)', '1 / 3', '3 // 0.5', 'int("12") + int(3.9)', 'float(7)', 'max([1.0, 1])', 'sum([0.1] * 10)'])}`,
        `${this.q('%s|%5.2f|%-4d|%r') } % (${this.q('a')}, 3.14159, 7, ${this.q('q')})`,
        `"%(a)s-%(b)03d" % {"a": "x", "b": 5}`,
        `f"{${g.pick(['3.14159:.2f', '42:>6', "'x'!r", '1234567:,', '0.5:%', '255:#x', '7:03d', "'s':^7", '1e16', '-0.0', '2.5:g'])}}"`,
        `repr(${g.pick(['"a\'b"', '[1, "x", None, 2.0]', '{"k": (1,)}', 'True', '1e16'])})`,
      ];
      if (sh) exprs.push(`${sh}.exit_code == ${g.pick(scope.shell)}.exit_code`, `[${sh}.stdout, ${sh}.exit_code != 0]`, `{"out": ${sh}.stdout}`);
      this.emit(indent, `${v} = ${g.pick(exprs)}`);
      if (g.chance(0.7)) {
        const usage = g.pick([
          `ctx.run(${this.q(`use ${v}`)}, f"echo {${v}}")`,
          `ctx.run(${this.q(`env ${v}`)}, "true", env={"V": ${v}})`,
          `ctx.run(${this.q(`cache ${v}`)}, "true", cache=${v})`,
          `ctx.comment(${v})`,
          `ctx.review_comment("a.py", ${v}, "b")`,
          `ctx.write("out.txt", ${v})`,
          `print(${v})`,
        ]);
        const u = this.fresh('u');
        this.emit(indent, `${u} = ${usage}`);
      }
    }]);
    kinds.push([0.4, () => {
      // a run-time value given directly where a string is wanted
      this.emit(indent, `${this.fresh('d')} = ctx.run(${g.pick([this.runtimeValue(scope), 'None', '5', this.q('n')])}, ${g.pick(['ctx.event.ref', 'ctx.event.type', this.runtimeValue(scope), 'ctx.read("x")', '"a\\nb"', 'str(ctx.inputs.n)'])})`);
    }]);
    if (budget > 0) {
      kinds.push([1, () => {
        const i = this.fresh('i');
        this.emit(indent, `${i} = 0`);
        this.emit(indent, `while ${i} < ${g.int(0, 3)}:`);
        this.emit(indent + 1, `${i} += 1`);
        this.emit(indent + 1, `if ${i} == ${g.int(1, 3)}:`);
        this.emit(indent + 2, g.pick(['break', 'continue', 'pass']));
        this.emit(indent + 1, `ctx.run(f"loop {${i}}", "true")`);
        this.emit(indent, 'else:');
        this.emit(indent + 1, `ctx.run("done", "true", depends_on=(${[...scope.shell, 'ctx.run("a", "b")'].slice(-2).join(', ')},))`);
      }]);
      kinds.push([1, () => {
        const f = this.fresh('step_for');
        this.emit(indent, `def ${f}(label, *args, extra=None, **kw):`);
        this.emit(indent + 1, `return ctx.run(f"{label} {len(args)}", " ".join(args) or "true", env=kw or None, cache=extra)`);
        const v = this.fresh('s');
        this.emit(indent, `${v} = ${f}(${this.q(g.pick(WORDS))}${g.some(WORDS, 0, 2).map((w) => `, ${this.q(w)}`).join('')}${g.chance(0.5) ? ', X="1"' : ''}${g.chance(0.3) ? ', extra="k"' : ''})`);
        scope.shell.push(v);
      }]);
      kinds.push([1, () => {
        const fn = this.fresh('mk');
        this.emit(indent, `${fn} = lambda n, c="true": ctx.run(n, c)`);
        this.emit(indent, `${this.fresh('l')} = [${fn}(${this.q('a')}), ${fn}(${this.q('b')}, c=${this.q('make b')})]`);
      }]);
      kinds.push([1, () => {
        this.emit(indent, `for ${this.fresh('k')}, ${this.fresh('vv')} in ${g.pick(['{"a": 1, "b": 2}.items()', 'zip("xy", [1, 2])', 'enumerate(["p", "q"])', '[]'])}:`);
        this.emit(indent + 1, `ctx.run(${this.q(g.pick(WORDS))}, "true")`);
        this.emit(indent, 'else:');
        this.emit(indent + 1, 'pass');
      }]);
    }
    if (scope.helpers.includes('build_all')) kinds.push([2, () => {
      const v = this.fresh('hb');
      this.emit(indent, `${v} = build_all(ctx, [${g.some(WORDS, 1, 3).map((x) => this.q(x)).join(', ')}])`);
      scope.lists.push(v);
    }]);
    if (scope.helpers.includes('notify')) kinds.push([1, () => this.emit(indent, `notify(ctx, ${this.text(scope)})`)]);
    const total = kinds.reduce((s, [w]) => s + w, 0);
    let x = g.r() * total;
    for (const [w, f] of kinds) {
      x -= w;
      if (x < 0) return f();
    }
    return kinds[0][1]();
  }

  /** The deliberate mistake, as one statement (needs a shell step to exist for some). */
  mistake(scope, indent) {
    const g = this.g;
    const s = scope.shell[0] ?? 'ctx.run("x", "y")';
    const p = scope.prompt[0];
    const lines = {
      'wrong-kwarg': `ctx.run("a", "b", ${g.pick(['timeout=5', 'retries=2', 'needs=[]'])})`,
      'depends-on-non-step': `ctx.run("a", "b", depends_on=${g.pick(['["step_1"]', '"build"', '1', '[None]', '{"a": 1}'])})`,
      'bool-runtime': g.pick([`if ${s}.exit_code == 0:\n${'    '.repeat(indent + 1)}pass`, `ok = bool(ctx.inputs.flag)`, `n = len(ctx.git.diff())`,
        `x = ctx.event.missing_field or "d"`, `ys = [c for c in ctx.git.log(n=3)]`, `z = not ctx.repo.name`]),
      'missing-output-field': p ? `x = ${p.v}.${g.pick(['nonexistent', 'result'])}` : `x = ${s}.output`,
      'step-attr': `x = ${s}.${g.pick(['result', 'id_', 'name2', 'status'])}`,
      'missing-cmd': g.pick(['ctx.run("only name")', 'ctx.run(name="n")', 'ctx.run("a", 5)', 'ctx.run()']),
      'parallel-non-steps': g.pick(['ctx.parallel([1, 2])', 'ctx.parallel("a")', 'ctx.parallel(None)']),
      'name-error': `ctx.run("a", ${g.pick(['undefined_var', 'cmdd', 'Review()'])})`,
      'zero-div': `n = ${g.pick(['1 / 0', '5 % 0', '[1][3]', '{"a": 1}["b"]', 'int("x")', '"abc".index("z")', '[].pop()'])}`,
      'format': `x = "{}".format(1)`,
      'underscore': g.pick(['_x = 1', 'y = ctx._workflow', 'x = "a".__class__']),
      'bad-config': `ctx.run("a", "b", env=${g.pick(['{"f": len}', '{1: "x"}', '{"x": float("nan")}', '{"x": float("inf")}', '{"x": ctx}', '{"x": {1, 2}}'])})`,
      'schema-error': g.pick(['x = schema(a=5)', 'x = enum()', 'x = enum(1, 2)', 'x = optional("s")']),
      'raise': `raise ${g.pick(['ValueError("boom")', 'RuntimeError("x")', 'NotImplementedError("y")', 'AssertionError'])}`,
      'assert': `assert ${g.pick(['1 == 2', 'False, "nope"', 'ctx.event.type == "never"'])}`,
      'forbidden': g.pick(['x = eval("1")', 'x = type(1)', 'x = getattr(ctx, "run")', 'x = open("f")', 'x = hash("a")']),
      'runtime-join': `x = " ".join([ctx.event.missing_field])`,
      'expr-arith': g.pick([`x = ctx.event.missing_field - 1`, `x = ctx.inputs.n * 2`, `x = ctx.repo[0:2]`, `x = ctx.inputs.n + 1`, `x = 1 + ctx.inputs.n`]),
    };
    const text = lines[this.invalid] ?? null;
    if (text === null) return false;
    for (const [i, l] of text.split('\n').entries()) this.emit(i === 0 ? indent : 0, l);
    return true;
  }

  triggers() {
    const g = this.g;
    const ts = [];
    for (let i = 0; i < g.int(0, 3); i++) {
      ts.push(g.pick([
        () => (g.chance(0.5) ? 'push()' : `push(branches=[${g.some(BRANCHES, 1, 3).map((x) => this.q(x)).join(', ')}])`),
        () => (g.chance(0.5) ? 'pull_request()' : `pull_request(types=[${g.some(['opened', 'synchronize', 'reopened', 'closed'], 0, 3).map((x) => this.q(x)).join(', ')}])`),
        () => `issue_comment(${g.chance(0.6) ? `contains=${this.q(g.pick(['/review', '/deploy']))}` : ''})`,
        () => `manual(${g.chance(0.6) ? `inputs={"target": ${g.pick(['str', 'enum("staging", "prod")', 'optional(str)'])}, "count": ${g.pick(['int', 'float', 'bool', 'list(str)', 'schema(a=int, b=optional(str))'])}}` : ''})`,
        () => `schedule(${this.q(g.pick(['0 3 * * *', '*/15 * * * *']))})`,
      ])());
    }
    return `[${ts.join(', ')}]`;
  }

  workflowDef(scope, isTool) {
    const g = this.g;
    let name;
    do name = `${g.pick(['ci', 'review', 'release', 'nightly', 'triage', 'deploy', 'docs'])}${g.chance(0.5) ? `_${g.int(1, 9)}` : ''}`;
    while (this.wfNames.has(name) && this.invalid !== 'duplicate-workflow');
    this.wfNames.add(name);
    const extras = [];
    if (g.chance(0.3)) extras.push(`image=${g.chance(0.8) ? this.q(g.pick(IMAGES)) : 'None'}`);
    if (g.chance(0.15)) extras.push(`dockerfile=${this.q(g.pick(['Dockerfile', '.plue/Dockerfile.ci']))}`);
    if (isTool) {
      const inputs = g.some(['path', 'query', 'n', 'mode', 'tags', 'opt'], 0, 3).map((k) => `${this.q(k)}: ${g.pick(['str', 'int', 'float', 'bool', 'enum("a", "b")', 'list(str)', 'optional(int)', 'schema(x=int)', 'list(schema(y=str))'])}`);
      const out = g.chance(0.7) ? `, output=schema(ok=bool, msg=optional(str)${g.chance(0.4) ? ', items=list(enum("x", "y"))' : ''})` : '';
      this.emit(0, `@tool(inputs={${inputs.join(', ')}}${out}${extras.length ? `, ${extras.join(', ')}` : ''})`);
    } else if (this.invalid === 'bare-workflow' && !this.invalidDone) {
      this.emit(0, '@workflow');
      this.invalidDone = true;
    } else {
      const trig = this.triggers();
      this.emit(0, `@workflow(${g.chance(0.5) ? `triggers=${trig}` : trig}${extras.length ? `, ${extras.join(', ')}` : ''})`);
    }
    this.emit(0, `def ${name}(ctx):`);
    const body = { ...scope, shell: [], prompt: [], strs: [], actions: [], lists: [], loopVars: [] };
    const n = g.int(1, 6);
    const mistakeAt = this.invalid && !this.invalidDone ? g.int(0, n) : -1;
    for (let i = 0; i <= n; i++) {
      if (i === mistakeAt && this.mistake(body, 1)) this.invalidDone = true;
      if (i < n) this.statement(body, 1, 2);
    }
    if (g.chance(0.3)) this.emit(1, g.pick([`return ctx.success(result=${this.text(body)})`, `return ctx.fail("nope")`, 'return None']));
    this.emit(0, '');
  }

  helperDefs(scope) {
    const g = this.g;
    if (g.chance(0.35)) {
      this.emit(0, 'def build_all(ctx, targets, prefix="make"):');
      this.emit(1, 'return [ctx.run(f"build {t}", f"{prefix} {t}", cache=cache_key("build", t)) for t in targets]');
      this.emit(0, '');
      scope.helpers.push('build_all');
    }
    if (g.chance(0.25)) {
      this.emit(0, 'def slug(s):');
      this.emit(1, 'return "-".join(s.lower().split()) or "x"');
      this.emit(0, '');
      scope.helpers.push('slug');
    }
    if (g.chance(0.2)) {
      this.emit(0, 'def notify(ctx, msg, **kw):');
      this.emit(1, 'return ctx.comment(f"[bot] {msg}", **kw)');
      this.emit(0, '');
      scope.helpers.push('notify');
    }
    if (g.chance(0.2)) {
      this.emit(0, `MATRIX = {${g.some(LANGS, 1, 3).map((l, i) => `${this.q(`v${i}`)}: ${this.q(l)}`).join(', ')}}`);
      this.emit(0, '');
    }
  }

  imports() {
    const g = this.g;
    if (g.chance(0.6)) {
      const names = g.some(['workflow', 'tool', 'push', 'pull_request', 'issue_comment', 'manual', 'schedule', 'schema', 'enum', 'optional', 'cache_key', 'hash_files', 'list', 'str'], 1, 6);
      this.emit(0, `from plue import ${names.join(', ')}`);
    }
    if (g.chance(0.2)) this.emit(0, 'import plue');
    this.tools = g.chance(0.4) ? g.some(TOOLS, 1, 4) : TOOLS;
    this.emit(0, `from plue.tools import ${this.tools.join(', ')}`);
    if (this.prompts.length) this.emit(0, `from plue.prompts import ${this.prompts.map((p) => p.name).join(', ')}`);
    if (this.invalid === 'unknown-prompt' && !this.invalidDone) {
      this.emit(0, `from plue.prompts import ${g.pick(['Missing', 'codereview', 'Reviewer'])}`);
      this.invalidDone = true;
    }
    if (this.invalid === 'bad-import' && !this.invalidDone) {
      this.emit(0, g.pick(['import os', 'from plue import nothing', 'from plue import *', 'from subprocess import run', 'import plue.tools as _t']));
      this.invalidDone = true;
    }
    this.emit(0, '');
  }

  file() {
    const g = this.g;
    if (g.chance(0.3)) this.emit(0, `"""${g.pick(WORDS)} workflows."""`);
    this.imports();
    const scope = { helpers: [], shell: [], prompt: [], strs: [], actions: [], lists: [], loopVars: [] };
    this.helperDefs(scope);
    const n = g.int(1, 3);
    for (let i = 0; i < n; i++) this.workflowDef(scope, g.chance(0.15));
    if (this.invalid === 'duplicate-workflow' && !this.invalidDone) {
      const existing = [...this.wfNames][0];
      this.emit(0, `@workflow(triggers=[push()])\ndef ${existing}(ctx):\n    ctx.run("dup", "true")\n`);
      this.invalidDone = true;
    }
    if (this.invalid && !this.invalidDone) {
      // the mistake needs a place: a workflow of its own
      this.emit(0, '@workflow(triggers=[manual()])');
      this.emit(0, 'def broken(ctx):');
      const body = { ...scope, shell: [], prompt: [], strs: [], actions: [], lists: [], loopVars: [] };
      this.statement(body, 1, 0);
      if (!this.mistake(body, 1)) this.emit(1, 'pass');
      this.invalidDone = true;
    }
    return `${this.lines.join('\n')}\n`;
  }
}

const INVALID_KINDS = ['wrong-kwarg', 'depends-on-non-step', 'bool-runtime', 'missing-output-field', 'step-attr', 'missing-cmd', 'parallel-non-steps',
  'name-error', 'zero-div', 'format', 'underscore', 'bad-config', 'schema-error', 'raise', 'assert', 'forbidden', 'runtime-join', 'expr-arith',
  'unknown-prompt', 'bad-import', 'duplicate-workflow', 'bare-workflow'];

/** A random repo: its files by relative path, and the mistake it carries (null when valid). */
export function generateCase(seed) {
  const g = new Gen(seed);
  const files = {};
  const prompts = [];
  if (g.chance(0.6)) {
    for (const name of g.some(PROMPT_NAMES, 1, 3)) {
      const { text, meta } = genPrompt(g, name);
      files[`.plue/prompts/${name}.prompt.md`] = text;
      prompts.push(meta);
    }
  }
  if (g.chance(0.6)) files['event.json'] = `${JSON.stringify(genEvent(g), null, 2)}\n`;
  const invalid = g.chance(0.17) ? g.pick(INVALID_KINDS) : null;
  const nFiles = g.int(1, 3);
  const wfNames = new Set();
  const invalidFile = g.int(0, nFiles - 1);
  for (let i = 0; i < nFiles; i++) {
    const fg = new FileGen(g, prompts, i === invalidFile ? invalid : null, wfNames);
    files[`.plue/workflows/${g.pick(['ci', 'review', 'release', 'nightly', 'main'])}${i}.py`] = fg.file();
  }
  return { files, invalid };
}

/**
 * The case with one to three random edits of its workflow files (a line
 * deleted, duplicated or swapped with the next, a character deleted or
 * doubled): mostly still valid Python with other data flow, sometimes not,
 * so that name errors, indentation and syntax errors are compared too.
 * Seeded by the case seed, so `--mutate` runs are reproducible as well.
 */
export function mutateCase(seed, files) {
  const g = new Gen((seed ^ 0x5bd1e995) >>> 0);
  const out = { ...files };
  const pyFiles = Object.keys(out).filter((p) => p.endsWith('.py'));
  for (let k = g.int(1, 3); k > 0; k--) {
    const rel = g.pick(pyFiles);
    const lines = out[rel].split('\n');
    const i = g.int(0, Math.max(0, lines.length - 2));
    const line = lines[i];
    const c = g.int(0, Math.max(0, line.length - 1));
    switch (g.int(0, 4)) {
      case 0: lines.splice(i, 1); break;
      case 1: lines.splice(i, 0, line); break;
      case 2: lines.splice(i, 2, lines[i + 1] ?? '', line); break;
      case 3: lines[i] = line.slice(0, c) + line.slice(c + 1); break;
      default: lines[i] = line.slice(0, c) + line.slice(c, c + 1) + line.slice(c); break;
    }
    out[rel] = lines.join('\n');
  }
  return out;
}
