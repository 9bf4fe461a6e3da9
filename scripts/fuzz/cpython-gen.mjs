// Seeded generator of random, valid programs in the workflow language subset
// (docs/evaluation.md "The language subset", minus what docs/language.md says
// the static policy refuses). Every program is small (5–40 lines), bounded
// (loops run over short literals or counters, recursion is capped) and prints
// what it computes, so that our interpreter and CPython 3.11 can be compared
// line by line.
//
//   import { generateProgram } from './cpython-gen.mjs';
//   generateProgram(seed, index)   // the same (seed, index) always gives the same text
//
// Never generated: classes, imports, global/nonlocal, `_`-names, banned
// builtins (type, id, hash, getattr ...), str.format, yield, with, match, :=,
// map/filter (not builtins here), printing a set (CPython's order of a set of
// strings depends on PYTHONHASHSEED), print(sep=/end=).

/** mulberry32: a small, fast, seedable PRNG. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of program `index` of a run seeded with `seed`. */
export function programSeed(seed, index) {
  let h = (seed * 0x9e3779b1 + index * 0x85ebca77) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  return h >>> 0;
}

const TYPES = ['int', 'float', 'str', 'bool', 'list', 'tuple', 'dict', 'none'];
const EXC = ['ValueError', 'TypeError', 'KeyError', 'IndexError', 'ZeroDivisionError', 'RuntimeError', 'ArithmeticError', 'LookupError', 'AssertionError', 'AttributeError', 'OverflowError'];
const CATCH = [...EXC, 'Exception', '(ValueError, TypeError)', '(KeyError, IndexError)', '(ZeroDivisionError, OverflowError)'];
const WORDS = ['a', 'b', 'ab', 'hello', 'World', 'x y', ' pad ', 'a,b,,c', 'abc', 'A-b_c', '', 'ßx', 'é', '12', '-3', '3.5', 'tab\\tx', 'line\\nnext', 'mIxEd case', 'aaa', "it's", 'q"q', '0x1f', '  ', 'ǅx', '🙂!'];

class Gen {
  constructor(seed) {
    this.r = prng(seed);
    this.lines = [];
    this.indent = 0;
    this.vars = new Map(); // name -> type
    this.funcs = []; // { name, call: () => string }
    this.counter = 0;
    this.inFunc = 0;
    this.inLoop = 0;
    this.fstr = 0;
  }

  rand() { return this.r(); }
  int(lo, hi) { return lo + Math.floor(this.r() * (hi - lo + 1)); }
  pick(xs) { return xs[Math.floor(this.r() * xs.length)]; }
  chance(p) { return this.r() < p; }
  fresh(prefix) { this.counter += 1; return `${prefix}${this.counter}`; }
  emit(line) { this.lines.push('    '.repeat(this.indent) + line); }

  varOf(type) {
    const names = [...this.vars].filter(([, t]) => t === type).map(([n]) => n);
    return names.length ? this.pick(names) : null;
  }

  // ---- literals -------------------------------------------------------
  intLit() {
    const k = this.rand();
    if (k < 0.6) return String(this.int(-5, 12));
    if (k < 0.85) return String(this.int(-1000, 1000));
    if (k < 0.95) return String(this.int(-(2 ** 40), 2 ** 40));
    return this.pick(['0x1F', '0o17', '0b101', '1_000', '2**62', '9223372036854775807', '-9223372036854775807']);
  }
  floatLit() {
    const k = this.rand();
    if (k < 0.4) return this.pick(['0.0', '-0.0', '0.1', '0.5', '1.5', '2.5', '-2.5', '3.14159', '2.675', '1e16', '1e-05', '1.0', '100.0', '0.3', '1e300', '123456.789', '-1.25', '7.0']);
    if (k < 0.8) return (this.int(-10000, 10000) / this.pick([1, 4, 8, 10, 100, 1000, 3])).toString().replace(/^(-?\d+)$/, '$1.0');
    return this.pick(["float('inf')", "float('-inf')", "float('nan')", "float('1.5')", "float(' 2 ')", '1.5e10', '2.0**0.5']);
  }
  strLit() {
    const w = this.pick(WORDS);
    if (this.fstr) return `'${w.replace(/\\./g, '').replace(/'/g, '')}'`;
    return w.includes("'") ? `"${w}"` : `'${w}'`;
  }

  // ---- expressions ----------------------------------------------------
  expr(type, depth) {
    if (type === 'any') type = this.pick(TYPES);
    const v = this.varOf(type);
    if (v && this.chance(depth <= 0 ? 0.7 : 0.35)) return v;
    if (depth <= 0 || this.chance(0.2)) return this.leaf(type);
    const f = this[`e_${type}`];
    return f.call(this, depth - 1);
  }
  leaf(type) {
    switch (type) {
      case 'int': return this.intLit();
      case 'float': return this.floatLit();
      case 'str': return this.strLit();
      case 'bool': return this.pick(['True', 'False']);
      case 'none': return 'None';
      case 'list': return `[${Array.from({ length: this.int(0, 4) }, () => this.intLit()).join(', ')}]`;
      case 'tuple': { const n = this.int(0, 3); const xs = Array.from({ length: n }, () => this.pick([this.intLit(), this.strLit()])); return n === 1 ? `(${xs[0]},)` : `(${xs.join(', ')})`; }
      case 'dict': return `{${Array.from({ length: this.int(0, 3) }, () => `${this.strLit()}: ${this.intLit()}`).join(', ')}}`;
      default: throw new Error(type);
    }
  }
  small() { return String(this.int(0, 6)); }
  paren(s) { return `(${s})`; }

  e_int(d) {
    const k = this.int(0, 22);
    const I = () => this.expr('int', d);
    switch (k) {
      case 0: case 1: return this.paren(`${I()} ${this.pick(['+', '-', '*'])} ${I()}`);
      case 2: return this.paren(`${I()} ${this.pick(['//', '%'])} ${this.chance(0.8) ? I() : this.pick(['0', '-3', '7'])}`);
      case 3: return this.paren(`${I()} ** ${this.int(0, 5)}`);
      case 4: return this.paren(`${I()} ${this.pick(['&', '|', '^'])} ${I()}`);
      case 5: return this.paren(`${I()} ${this.pick(['<<', '>>'])} ${this.int(0, 40)}`);
      case 6: return this.paren(`${this.pick(['-', '~', '+'])}${I()}`);
      case 7: return `len(${this.expr(this.pick(['str', 'list', 'tuple', 'dict']), d)})`;
      case 8: return `abs(${I()})`;
      case 9: return `int(${this.pick([this.expr('float', d), this.expr('bool', d), `'${this.int(-99, 99)}'`, `' ${this.int(0, 9)}_0 '`, `'ff', 16`, `'0x1f', 0`, `'z', 36`, `'1.5'`])})`;
      case 10: return `${this.pick(['min', 'max'])}(${I()}, ${I()}${this.chance(0.3) ? `, ${I()}` : ''})`;
      case 11: return `sum(${this.pick([this.expr('list', d), `range(${this.small()})`, `[${I()}, ${I()}]`])})`;
      case 12: return `round(${this.expr('float', d)})`;
      case 13: return `${this.expr('str', d)}.${this.pick(['find', 'count', 'rfind'])}(${this.strLit()})`;
      case 14: return this.paren(`${I()} if ${this.expr('bool', d)} else ${I()}`);
      case 15: return `${this.expr('list', d)}[${this.int(-3, 3)}]`;
      case 16: return `${this.expr('dict', d)}.get(${this.strLit()}, ${I()})`;
      case 17: return `ord(${this.pick(["'a'", "'Z'", "'é'", "'0'", "'🙂'"])})`;
      case 18: return `divmod(${I()}, ${I()})[${this.int(0, 1)}]`;
      case 19: return `pow(${I()}, ${this.int(0, 4)}${this.chance(0.5) ? `, ${this.int(1, 97)}` : ''})`;
      case 20: return `sorted(${this.expr('list', d)}, key=lambda v: ${this.pick(['-v', 'v % 3', 'abs(v)', 'str(v)', '(v % 2, v)'])}${this.chance(0.3) ? ', reverse=True' : ''})[0]`;
      case 21: return `${this.expr('list', d)}.index(${I()})`;
      default: return `int(${this.expr('bool', d)}) + ${I()}`;
    }
  }
  e_float(d) {
    const k = this.int(0, 10);
    const N = () => this.expr(this.pick(['int', 'float', 'float']), d);
    switch (k) {
      case 0: case 1: return this.paren(`${N()} ${this.pick(['+', '-', '*'])} ${this.expr('float', d)}`);
      case 2: return this.paren(`${N()} / ${N()}`);
      case 3: return this.paren(`${this.expr('float', d)} ${this.pick(['//', '%'])} ${N()}`);
      case 4: return this.paren(`${this.expr('float', d)} ** ${this.pick(['2', '0.5', '-1', '3', '-0.5', '1.5'])}`);
      case 5: return `float(${this.pick([this.expr('int', d), this.strLit(), "'1e3'", "'-0.0'", "'inf'", "'nan'", "' 3.25 '"])})`;
      case 6: return `round(${this.expr('float', d)}, ${this.int(-2, 4)})`;
      case 7: return `abs(${this.expr('float', d)})`;
      case 8: return `${this.pick(['min', 'max'])}(${N()}, ${this.expr('float', d)})`;
      case 9: return `sum([${N()}, ${this.expr('float', d)}], ${this.pick(['0', '0.5', '-1'])})`;
      default: return this.paren(`${this.expr('int', d)} / ${this.pick(['2', '3', '-4', '7', '0.1', '10'])}`);
    }
  }
  e_str(d) {
    const k = this.int(0, 22);
    const S = () => this.expr('str', d);
    switch (k) {
      case 0: return this.paren(`${S()} + ${S()}`);
      case 1: return this.paren(`${S()} * ${this.int(-1, 3)}`);
      case 2: return `${S()}.${this.pick(['upper', 'lower', 'title', 'strip', 'lstrip', 'rstrip', 'capitalize', 'swapcase', 'casefold'])}()`;
      case 3: return `${S()}.replace(${this.strLit()}, ${this.strLit()}${this.chance(0.3) ? `, ${this.int(-1, 2)}` : ''})`;
      case 4: return `${this.strLit()}.join(${this.pick([this.expr('list', d).replace(/^/, '[str(v) for v in ') + ']', `[${S()}, ${S()}]`, `${S()}.split()`, `sorted(${S()})`])})`;
      case 5: return `${S()}[${this.sliceOrIndex()}]`;
      case 6: return `str(${this.expr('any', d)})`;
      case 7: return `repr(${this.expr('any', d)})`;
      case 8: return this.fstring(d);
      case 9: return `${S()}.zfill(${this.int(0, 8)})`;
      case 10: return `${S()}.${this.pick(['center', 'ljust', 'rjust'])}(${this.int(0, 9)}${this.chance(0.5) ? `, '${this.pick(['*', '-', ' '])}'` : ''})`;
      case 11: return `${S()}.${this.pick(['strip', 'lstrip', 'rstrip', 'removeprefix', 'removesuffix'])}(${this.strLit()})`;
      case 12: return `${this.pick(['hex', 'oct', 'bin'])}(${this.expr('int', d)})`;
      case 13: return `chr(${this.pick(['65', '97', '233', '8364', '128578', String(this.int(32, 126))])})`;
      case 14: return `${S()}.split(${this.pick(['', this.strLit(), "','", `${this.strLit()}, ${this.int(-1, 2)}`, "None, 1"])})[${this.int(-1, 1)}]`;
      case 15: return `${S()}.${this.pick(['partition', 'rpartition'])}(${this.pick(["' '", "','", "'a'"])})[${this.int(0, 2)}]`;
      case 16: return `'%s-%03d' % (${S()}, ${this.expr('int', d)})`;
      case 17: return this.paren(`${S()} if ${this.expr('bool', d)} else ${S()}`);
      case 18: return `${this.pick(['min', 'max'])}(${S()}, ${S()})`;
      case 19: return `format(${this.expr(this.pick(['int', 'float']), d)}, '${this.spec(this.pick(['int', 'float']))}')`;
      case 20: return `${S()}.splitlines()[0] if ${S()}.splitlines() else ''`;
      case 21: return `${S()}.expandtabs(${this.int(1, 8)})`;
      default: return `''.join(reversed(${S()}))`;
    }
  }
  sliceOrIndex() {
    const a = () => (this.chance(0.3) ? '' : String(this.int(-6, 6)));
    const k = this.int(0, 3);
    if (k === 0) return String(this.int(-3, 3));
    if (k === 1) return `${a()}:${a()}`;
    return `${a()}:${a()}:${this.pick(['1', '2', '-1', '-2', '3'])}`;
  }
  spec(type) {
    const fill = this.chance(0.3) ? this.pick(['*', '0', '-', '_', ' ', 'x']) : '';
    const align = fill || this.chance(0.3) ? this.pick(['<', '>', '^', '=']) : '';
    const sign = this.chance(0.3) ? this.pick(['+', '-', ' ']) : '';
    const alt = this.chance(0.1) ? '#' : '';
    const zero = !align && this.chance(0.15) ? '0' : '';
    const width = this.chance(0.5) ? String(this.int(1, 14)) : '';
    const group = this.chance(0.25) ? this.pick([',', '_']) : '';
    let t;
    let prec = '';
    if (type === 'int') {
      t = this.pick(['', 'd', 'x', 'X', 'o', 'b', 'f', 'e', 'g', '%', 'n', 'c', 'E', 'G']);
      if (['f', 'e', 'g', '%', 'E', 'G'].includes(t) && this.chance(0.5)) prec = `.${this.int(0, 6)}`;
      if (t === 'n' || t === 'c') return `${fill}${align}${width}${t}`;
      if (group && ['x', 'X', 'o', 'b'].includes(t)) return `${fill}${align}${sign}${alt}${zero}${width}_${t}`;
    } else if (type === 'float') {
      t = this.pick(['', 'f', 'e', 'g', '%', 'E', 'G', 'F']);
      if (this.chance(0.6)) prec = `.${this.int(0, 8)}`;
    } else {
      t = this.pick(['', 's']);
      if (this.chance(0.3)) prec = `.${this.int(0, 5)}`;
      return `${fill}${align === '=' ? '<' : align}${width}${prec}${t}`;
    }
    return `${fill}${align}${sign}${alt}${zero}${width}${group}${prec}${t}`;
  }
  fstring(d) {
    if (this.fstr) return this.strLit();
    this.fstr += 1;
    const parts = [];
    const n = this.int(1, 3);
    for (let i = 0; i < n; i += 1) {
      if (this.chance(0.4)) parts.push(this.pick(['x=', ' | ', 'v', ':', '{{', '}}', ' ']));
      const t = this.pick(['int', 'int', 'float', 'float', 'str', 'any']);
      const e = this.expr(t, Math.min(d, 1));
      const k = this.rand();
      if (k < 0.2) parts.push(`{${e}!r}`);
      else if (k < 0.3) parts.push(`{${e}!s}`);
      else if (k < 0.4 || t === 'any') parts.push(`{${e}}`);
      else {
        // tree-sitter-python reads `{v:=...}` as a walrus (docs/language.md): a bare name before a spec that
        // starts with `=` is parenthesised, which CPython reads the same way.
        const spec = this.spec(t);
        parts.push(`{${spec.startsWith('=') && /^\w+$/.test(e) ? `(${e})` : e}:${spec}}`);
      }
    }
    this.fstr -= 1;
    return `f"${parts.join('')}"`;
  }
  e_bool(d) {
    const k = this.int(0, 12);
    const A = (t) => this.expr(t ?? this.pick(['int', 'float', 'str']), d);
    switch (k) {
      case 0: case 1: { const t = this.pick(['int', 'float', 'str', 'int']); return this.paren(`${A(t)} ${this.pick(['<', '<=', '>', '>=', '==', '!='])} ${A(t === 'str' ? 'str' : this.pick(['int', 'float']))}${this.chance(0.3) ? ` ${this.pick(['<', '==', '!='])} ${A(t === 'str' ? 'str' : 'int')}` : ''}`); }
      case 2: return this.paren(`${this.expr('bool', d)} ${this.pick(['and', 'or'])} ${this.expr('bool', d)}`);
      case 3: return this.paren(`not ${this.expr('any', d)}`);
      case 4: return this.paren(`${A('int')} ${this.pick(['in', 'not in'])} ${this.expr(this.pick(['list', 'tuple']), d)}`);
      case 5: return this.paren(`${A('str')} ${this.pick(['in', 'not in'])} ${this.expr(this.pick(['str', 'dict']), d)}`);
      case 6: return `bool(${this.expr('any', d)})`;
      case 7: return `isinstance(${this.expr('any', d)}, ${this.pick(['int', 'float', 'str', 'bool', 'list', 'dict', 'tuple', '(int, float)'])})`;
      case 8: return `${this.expr('str', d)}.${this.pick(['startswith', 'endswith'])}(${this.pick([this.strLit(), `(${this.strLit()}, ${this.strLit()})`])})`;
      case 9: return `${this.expr('str', d)}.${this.pick(['isdigit', 'isalpha', 'isspace', 'isupper', 'islower', 'isalnum', 'istitle', 'isidentifier', 'isdecimal', 'isnumeric'])}()`;
      case 10: return `${this.pick(['any', 'all'])}(${this.pick([`${this.expr('list', d)}`, `v > ${this.int(-2, 5)} for v in ${this.expr('list', d)}`.replace(/^/, '('), `[${A()}, ${A()}]`])}${''}`.replace(/\(v > (.*)$/, '(v > $1)') + ')';
      case 11: return this.chance(0.3) ? this.paren(`${this.expr('any', d)} ${this.pick(['is', 'is not'])} None`) : this.paren(`${this.expr(this.pick(['list', 'tuple', 'dict', 'none']), d)} ${this.pick(['==', '!='])} ${this.expr(this.pick(['list', 'tuple', 'none']), d)}`);
      default: return this.paren(`${this.expr('any', d)} ${this.pick(['and', 'or'])} ${this.expr('bool', d)}`);
    }
  }
  e_none() { return 'None'; }
  e_list(d) {
    const k = this.int(0, 16);
    const L = () => this.expr('list', d);
    switch (k) {
      case 0: return `[${Array.from({ length: this.int(0, 4) }, () => this.expr(this.pick(['int', 'int', 'str', 'float']), d)).join(', ')}]`;
      case 1: return `[${this.pick(['v * 2', 'v + 1', 'v % 3', 'str(v)', '-v', '(v, i)'.replace('i', 'v')])} for v in ${this.iterable(d)}${this.chance(0.4) ? ` if ${this.pick(['v % 2', 'v > 1', 'not v'])}` : ''}]`;
      case 2: return this.paren(`${L()} + ${L()}`);
      case 3: return this.paren(`${L()} * ${this.int(0, 3)}`);
      case 4: return `${L()}[${this.sliceOrIndex().includes(':') ? this.sliceOrIndex() : '::-1'}]`.replace(/\[(-?\d+)\]$/, '[::-1]');
      case 5: return `sorted(${this.pick([L(), this.expr('str', d), `${this.expr('dict', d)}`])}${this.chance(0.3) ? ', reverse=True' : ''})`;
      case 6: return `list(${this.pick([`range(${this.int(-3, 3)}, ${this.int(0, 8)}${this.chance(0.4) ? `, ${this.pick(['2', '-1', '3', '-2'])}` : ''})`, `reversed(${L()})`, this.expr('str', d), this.expr('tuple', d), `${this.expr('dict', d)}.${this.pick(['keys', 'values'])}()`])})`;
      case 7: return `${this.expr('str', d)}.split(${this.pick(['', "','", "' '"])})`;
      case 8: return `[x for x in ${this.iterable(d)} for y in range(${this.int(0, 2)})]`;
      case 9: return `list(enumerate(${this.expr(this.pick(['list', 'str']), d)}${this.chance(0.3) ? `, ${this.int(-1, 3)}` : ''}))`;
      case 10: return `list(zip(${L()}, ${this.expr(this.pick(['list', 'str', 'tuple']), d)}))`;
      case 11: return `[*${L()}, ${this.expr('int', d)}]`;
      case 12: return `list(${this.expr('dict', d)}.items())`;
      case 13: return `sorted(set(${L()}))`;
      case 14: return `[divmod(${this.expr('int', d)}, ${this.pick(['3', '-3', '7'])})]`;
      case 15: return `list(sorted(${this.expr('dict', d)}.items(), key=lambda kv: kv[1]))`;
      default: return `[${this.expr('any', d)}, ${this.expr('any', d)}]`;
    }
  }
  iterable(d) {
    return this.pick([`range(${this.small()})`, `range(${this.int(-2, 2)}, ${this.int(0, 6)})`, this.expr('list', d), `[${this.int(-3, 9)}, ${this.int(-3, 9)}, ${this.int(-3, 9)}]`]);
  }
  e_tuple(d) {
    const k = this.int(0, 6);
    switch (k) {
      case 0: return `(${this.expr('any', d)}, ${this.expr('any', d)})`;
      case 1: return `tuple(${this.expr(this.pick(['list', 'str']), d)})`;
      case 2: return `divmod(${this.expr(this.pick(['int', 'float']), d)}, ${this.expr(this.pick(['int', 'float']), d)})`;
      case 3: return `${this.expr('str', d)}.partition(${this.pick(["' '", "','", "'a'"])})`;
      case 4: return `${this.expr('tuple', d)}[${this.pick(['1:', '::-1', ':2', '-1:'])}]`;
      case 5: return this.paren(`${this.expr('tuple', d)} + (${this.expr('int', d)},)`);
      default: return `tuple(sorted(${this.expr('list', d)}))`;
    }
  }
  e_dict(d) {
    const k = this.int(0, 7);
    switch (k) {
      case 0: return `{${this.strLit()}: ${this.expr('any', d)}, ${this.strLit()}: ${this.expr('any', d)}}`;
      case 1: return `{str(v): v * v for v in ${this.iterable(d)}${this.chance(0.3) ? ' if v % 2 == 0' : ''}}`;
      case 2: return `dict(${this.pick([`zip(${this.expr('str', d)}, ${this.iterable(d)})`, `a=${this.expr('int', d)}, b=${this.expr('str', d)}`, `${this.expr('dict', d)}, z=0`, `[(${this.strLit()}, 1), (${this.strLit()}, 2)]`])})`;
      case 3: return `{**${this.expr('dict', d)}, **${this.expr('dict', d)}}`;
      case 4: return `{v: i for i, v in enumerate(${this.expr(this.pick(['str', 'list']), d)})}`;
      case 5: return `{${this.intLit()}: 'i', ${this.pick(['1.0', 'True', '2', "'1'"])}: 'j'}`;
      case 6: return `dict.fromkeys(${this.expr('str', d)}, ${this.expr('int', d)})`;
      default: return `dict(sorted(${this.expr('dict', d)}.items()))`;
    }
  }

  // ---- statements -----------------------------------------------------
  block(n, depth) {
    const before = this.lines.length;
    this.indent += 1;
    for (let i = 0; i < n; i += 1) this.stmt(depth);
    if (this.lines.length === before) this.emit('pass');
    this.indent -= 1;
  }
  show(e) {
    const k = this.rand();
    if (k < 0.7) this.emit(`print(repr(${e}))`);
    else if (k < 0.85) this.emit(`print(${e})`);
    else this.emit(`print(${this.strLit()}, ${e}, ${this.chance(0.5) ? 'len(str(' + e + '))' : this.strLit()})`);
  }
  assign(depth) {
    const t = this.pick(TYPES);
    const name = this.vars.size > 8 && this.chance(0.6) ? this.pick([...this.vars.keys()]) : this.fresh(this.pick(['x', 'n', 's', 'v', 'w', 'item', 'total', 'acc', 'name']));
    this.emit(`${name} = ${this.expr(t, this.int(1, 3))}`);
    this.vars.set(name, t);
    if (this.chance(0.5) && depth > 0) this.show(name);
  }
  stmt(depth) {
    const k = this.int(0, depth > 0 ? 21 : 6);
    switch (k) {
      case 0: case 1: case 2: this.assign(depth); break;
      case 3: case 4: this.show(this.expr(this.pick([...TYPES, 'str', 'int', 'float']), this.int(1, 3))); break;
      case 5: { // augmented assignment
        const t = this.pick(['int', 'str', 'list', 'float']);
        const v = this.varOf(t);
        if (!v) { this.assign(depth); break; }
        const op = t === 'int' ? this.pick(['+=', '-=', '*=', '//=', '%=', '|=', '^=', '&=', '<<=', '>>=']) : t === 'float' ? this.pick(['+=', '-=', '*=', '/=', '**=']) : this.pick(['+=', '*=']);
        const rhs = op === '*=' && t !== 'int' && t !== 'float' ? String(this.int(0, 3)) : op === '<<=' || op === '>>=' ? String(this.int(0, 8)) : op === '**=' ? this.pick(['2', '0.5', '-1']) : this.expr(t, 1);
        this.emit(`${v} ${op} ${rhs}`);
        this.show(v);
        break;
      }
      case 6: { // unpacking
        const a = this.fresh('a'); const b = this.fresh('b');
        const kk = this.int(0, 3);
        if (kk === 0) { this.emit(`${a}, ${b} = ${this.expr('int', 1)}, ${this.expr('str', 1)}`); this.vars.set(a, 'int'); this.vars.set(b, 'str'); }
        else if (kk === 1) { this.emit(`${a}, *${b} = ${this.expr(this.pick(['list', 'str']), 1)}`); this.vars.set(b, 'list'); }
        else if (kk === 2) { this.emit(`${a}, ${b} = ${this.expr('list', 1)}`); }
        else { this.emit(`(${a}, ${b}), c = divmod(${this.expr('int', 1)}, ${this.pick(['3', '-4', '5'])}), ${this.expr('str', 0)}`); this.vars.set(a, 'int'); this.vars.set(b, 'int'); }
        this.emit(`print(repr(${a}), repr(${b}))`);
        break;
      }
      case 7: case 8: { // if/elif/else
        this.emit(`if ${this.expr('bool', 2)}:`);
        this.block(this.int(1, 2), depth - 1);
        if (this.chance(0.4)) { this.emit(`elif ${this.expr('bool', 1)}:`); this.block(this.int(1, 2), depth - 1); }
        if (this.chance(0.5)) { this.emit('else:'); this.block(this.int(1, 2), depth - 1); }
        break;
      }
      case 9: case 10: { // for
        const v = this.fresh('i');
        const it = this.pick([this.iterable(1), this.expr('str', 1), `enumerate(${this.expr('list', 1)})`, `${this.expr('dict', 1)}.items()`, `zip(${this.expr('list', 1)}, ${this.expr('str', 1)})`]);
        const target = /^(enumerate|zip)|\.items\(\)$/.test(it) ? `${v}, ${v}b` : v;
        this.emit(`for ${target} in ${it}:`);
        this.indent += 1;
        this.inLoop += 1;
        this.vars.set(v, it.startsWith('range') ? 'int' : 'any_');
        if (this.chance(0.4)) { this.emit(`if ${this.pick([`${v} == ${this.int(0, 4)}`, 'len(str(' + v + ')) > 3', `str(${v}) < 'b'`])}:`); this.indent += 1; this.emit(this.pick(['break', 'continue'])); this.indent -= 1; }
        this.emit(`print(repr(${v})${target.includes(',') ? `, repr(${v}b)` : ''})`);
        for (let i = this.int(0, 2); i > 0; i -= 1) this.stmt(depth - 1);
        this.inLoop -= 1;
        this.indent -= 1;
        this.vars.delete(v);
        if (this.chance(0.3)) { this.emit('else:'); this.block(1, 0); }
        break;
      }
      case 11: { // while, bounded
        const c = this.fresh('k');
        this.emit(`${c} = 0`);
        this.emit(`while ${c} < ${this.int(0, 6)}:`);
        this.indent += 1;
        this.emit(`${c} += 1`);
        if (this.chance(0.5)) { this.emit(`if ${c} % ${this.int(2, 4)} == 0:`); this.indent += 1; this.emit(this.pick(['continue', 'break'])); this.indent -= 1; }
        this.inLoop += 1;
        this.stmt(depth - 1);
        this.inLoop -= 1;
        this.indent -= 1;
        if (this.chance(0.3)) { this.emit('else:'); this.indent += 1; this.emit(`print('done', ${c})`); this.indent -= 1; }
        this.vars.set(c, 'int');
        break;
      }
      case 12: case 13: this.tryStmt(depth); break;
      case 14: case 15: this.funcDef(depth); break;
      case 16: { // call a defined function
        if (!this.funcs.length) { this.funcDef(depth); break; }
        this.show(this.pick(this.funcs).call());
        break;
      }
      case 17: { // list/dict mutation
        const t = this.pick(['list', 'dict']);
        const v = this.varOf(t);
        if (!v) { this.assign(depth); break; }
        if (t === 'list') {
          this.emit(this.pick([
            `${v}.append(${this.expr('int', 1)})`, `${v}.extend(${this.expr(this.pick(['list', 'str', 'tuple']), 1)})`,
            `${v}.insert(${this.int(-3, 5)}, ${this.expr('any', 0)})`, `print(repr(${v}.pop(${this.chance(0.5) ? this.int(-3, 3) : ''})))`,
            `${v}.remove(${this.expr('int', 0)})`, `${v}.sort(${this.pick(['', 'reverse=True', 'key=lambda q: -q', 'key=str', 'key=abs'])})`, `${v}.reverse()`,
            `${v}[${this.int(-3, 3)}] = ${this.expr('any', 1)}`, `${v}[${this.sliceOrIndex().includes(':') ? '1:2' : ':1'}] = ${this.expr('list', 0)}`,
            `del ${v}[${this.pick([String(this.int(-3, 3)), '::2', '1:', ':1'])}]`, `${v}[${this.int(-2, 2)}] += ${this.expr('int', 0)}`,
            `print(${v}.count(${this.expr('int', 0)}), ${v}.copy() == ${v}, ${v}.index(${this.expr('int', 0)}) if ${this.expr('int', 0)} in ${v} else -1)`,
            `${v}.clear()`,
          ]));
        } else {
          this.emit(this.pick([
            `${v}[${this.strLit()}] = ${this.expr('any', 1)}`, `print(repr(${v}.setdefault(${this.strLit()}, ${this.expr('int', 0)})))`,
            `${v}.update(${this.pick([this.expr('dict', 1), `k=${this.expr('int', 0)}`, `[('p', 1)]`])})`, `print(repr(${v}.pop(${this.strLit()}${this.chance(0.6) ? ', None' : ''})))`,
            `del ${v}[${this.strLit()}]`, `print(repr(${v}.get(${this.strLit()})), list(${v}), ${this.strLit()} in ${v})`,
            `${v}[${this.strLit()}] = ${v}.get(${this.strLit()}, 0) + 1`, `print(repr(${v}.popitem()) if ${v} else 'empty')`,
            `for kk, vv in ${v}.items():\n${'    '.repeat(this.indent + 1)}print(kk, repr(vv))`,
          ]));
        }
        this.show(v);
        break;
      }
      case 18: { // comprehensions and generator expressions
        const e = this.pick([
          `{v % ${this.int(2, 5)} for v in ${this.iterable(1)}}`, `sum(v * v for v in ${this.iterable(1)})`, `max((len(w), w) for w in ${this.expr('str', 1)}.split())`,
          `[[c * j for c in range(j)] for j in range(${this.int(0, 4)})]`, `{c: ${this.expr('str', 0)}.count(c) for c in ${this.expr('str', 1)}}`,
          `list(x for x in ${this.iterable(1)} if x ${this.pick(['>', '<', '!='])} ${this.int(-1, 3)})`, `sorted({w.lower() for w in ${this.expr('str', 1)}})`,
          `[(a, b) for a in range(${this.int(0, 3)}) for b in range(a) if a != b]`, `min(${this.iterable(1)}, default=${this.intLit()})`,
          `max(${this.expr('list', 1)}, key=lambda q: (q % 3, -q), default=None)`, `[f(2) for f in [lambda z, m=m: z * m for m in range(3)]]`,
          `[g() for g in [lambda: m for m in range(3)]]`,
        ]);
        this.show(e.startsWith('{v %') ? `sorted(${e})` : e);
        break;
      }
      case 19: { // raise / assert at top level (ends the program with an exception sometimes)
        if (this.chance(0.5)) this.emit(`assert ${this.expr('bool', 1)}${this.chance(0.5) ? `, ${this.strLit()}` : ''}`);
        else this.emit(`if ${this.expr('bool', 1)}:\n${'    '.repeat(this.indent + 1)}raise ${this.pick(EXC)}(${this.strLit()})`);
        break;
      }
      case 20: { // slicing assignment/reading
        const v = this.varOf('str') ?? this.varOf('list');
        if (!v) { this.assign(depth); break; }
        this.show(`${v}[${this.sliceOrIndex()}]`);
        break;
      }
      default: { // lambdas
        const f = this.fresh('fn');
        const [params, body] = this.pick([['p', 'p * 2'], ['p', 'p if p else 0'], ['p, q=2', 'p + q'], ['p, q=2', '(p, q)'], ['*ps', 'len(ps)'], ['*ps', 'ps[::-1]'], ['p, *, q=3', 'p - q'], ['**kw', 'sorted(kw)'], ['p, *rest, **kw', '(p, rest, kw)']]);
        this.emit(`${f} = lambda ${params}: ${body}`);
        const sig = this.lines[this.lines.length - 1];
        const args = sig.includes('**kw') ? 'a=1, b=2' : sig.includes('*ps') ? '1, 2, 3' : sig.includes('*, q') ? `${this.expr('int', 0)}, q=${this.expr('int', 0)}` : sig.includes('q=2') ? `${this.expr('int', 0)}` : `${this.expr(this.pick(['int', 'str', 'list']), 0)}`;
        this.show(`${f}(${args})`);
      }
    }
  }
  tryStmt(depth) {
    this.emit('try:');
    this.indent += 1;
    const k = this.int(0, 5);
    if (k === 0) this.emit(`raise ${this.pick(EXC)}(${this.strLit()})`);
    else if (k === 1) this.show(this.pick([`${this.expr('int', 1)} // ${this.pick(['0', '1', '2'])}`, `${this.expr('dict', 1)}[${this.strLit()}]`, `${this.expr('list', 1)}[${this.int(-5, 5)}]`, `int(${this.strLit()})`, `${this.expr('str', 1)}.index(${this.strLit()})`, `[1, 2].remove(${this.int(0, 3)})`, `${this.expr('int', 1)} + ${this.expr('str', 1)}`, `float(${this.strLit()})`, `${this.expr('float', 1)} % 0`, `${this.expr('list', 1)}.pop()`, `{}.popitem()`, `chr(-1)`]));
    else this.stmt(depth - 1);
    if (this.chance(0.3)) this.stmt(depth - 1);
    this.indent -= 1;
    const n = this.int(1, 2);
    let caught = false;
    for (let i = 0; i < n; i += 1) {
      const c = this.pick(CATCH);
      if (this.chance(0.5)) {
        const e = this.fresh('err');
        this.emit(`except ${c} as ${e}:`);
        this.indent += 1;
        this.emit(this.pick([`print('caught', repr(${e}))`, `print('caught', str(${e}))`, `print('caught', isinstance(${e}, ${this.pick(EXC)}))`, `print('caught', ${e}.args)`]));
        if (this.chance(0.15)) this.emit('raise');
        this.indent -= 1;
      } else {
        this.emit(`except ${c}:`);
        this.indent += 1;
        this.emit(`print('handler', ${this.strLit()})`);
        if (this.chance(0.1)) this.emit(`raise ${this.pick(EXC)}('from handler')`);
        this.indent -= 1;
      }
      caught = true;
    }
    if (caught && this.chance(0.3)) { this.emit('else:'); this.block(1, 0); }
    if (this.chance(0.4)) { this.emit('finally:'); this.indent += 1; this.emit("print('finally')"); this.indent -= 1; }
  }
  funcDef(depth) {
    const name = this.fresh('f');
    const kind = this.int(0, 5);
    const saved = this.vars;
    this.vars = new Map([...saved].filter(() => this.chance(0.5)));
    let call;
    this.inFunc += 1;
    if (kind === 0) { // defaults and keywords
      this.emit(`def ${name}(p, q=${this.intLit()}, r=${this.strLit()}):`);
      this.vars.set('p', 'int'); this.vars.set('q', 'int'); this.vars.set('r', 'str');
      this.indent += 1; this.stmt(Math.min(depth - 1, 1)); this.emit(`return ${this.expr(this.pick(['int', 'str', 'tuple']), 2)}`); this.indent -= 1;
      call = () => `${name}(${this.expr('int', 1)}${this.pick(['', `, ${this.expr('int', 0)}`, `, r=${this.strLit()}`, `, r=${this.strLit()}, q=${this.intLit()}`])})`;
    } else if (kind === 1) { // *args, **kwargs
      this.emit(`def ${name}(*args, **kwargs):`);
      this.indent += 1; this.emit(`return ${this.pick(['(args, sorted(kwargs.items()))', 'len(args) + len(kwargs)', 'sum(args) + sum(kwargs.values())', '[a * 2 for a in args] + list(kwargs)'])}`); this.indent -= 1;
      call = () => `${name}(${this.pick(['', '1, 2', `*${this.expr('list', 1)}`, `${this.intLit()}, k=${this.intLit()}`, `**${this.pick(["{'a': 1}", "dict(b=2, c=3)"])}`])})`;
    } else if (kind === 2) { // keyword-only
      this.emit(`def ${name}(p, *, q${this.chance(0.5) ? `=${this.intLit()}` : ''}):`);
      this.vars.set('p', 'int'); this.vars.set('q', 'int');
      this.indent += 1; this.emit(`return ${this.expr('int', 2)}`); this.indent -= 1;
      call = () => `${name}(${this.expr('int', 0)}${this.pick([`, q=${this.expr('int', 0)}`, '', `, ${this.intLit()}`])})`;
    } else if (kind === 3) { // closure
      this.emit(`def ${name}(p):`);
      this.indent += 1;
      this.emit(`def inner(m):`);
      this.indent += 1; this.emit(`return ${this.pick(['p * m', 'p + m', '[p] * m', '(p, m)'])}`); this.indent -= 1;
      this.emit(`return ${this.pick(['inner', 'inner(2)', '[inner(j) for j in range(3)]'])}`);
      this.indent -= 1;
      const body = this.lines.slice(-1)[0];
      if (body.trim() === 'return inner') call = () => `${name}(${this.expr('int', 0)})(${this.int(0, 3)})`;
      else call = () => `${name}(${this.expr('int', 0)})`;
    } else if (kind === 4) { // bounded recursion
      this.emit(`def ${name}(m):`);
      this.indent += 1;
      const [base, rec] = this.pick([['1', `m * ${name}(m - 1)`], ['m', `${name}(m - 1) + ${name}(m - 2)`], ['[m]', `${name}(m - 1) + [m]`], ["''", `str(m) + ${name}(m // 2)`], ['(m,)', `(m,) + ${name}(m - 2)`]]);
      this.emit(`if m <= ${this.pick(['0', '1'])}:`);
      this.indent += 1; this.emit(`return ${base}`); this.indent -= 1;
      this.emit(`return ${rec}`);
      this.indent -= 1;
      call = () => `${name}(${this.int(-1, 12)})`;
    } else { // body with a loop and early return
      this.emit(`def ${name}(xs, limit=${this.int(0, 5)}):`);
      this.indent += 1;
      this.emit('out = []');
      this.emit('for x in xs:');
      this.indent += 1;
      this.emit(`if ${this.pick(['len(out) >= limit', 'x == limit', 'not x'])}:`);
      this.indent += 1; this.emit(this.pick(['return out', 'break', 'continue'])); this.indent -= 1;
      this.emit(`out.append(${this.pick(['x', 'repr(x)', '(x, len(out))'])})`);
      this.indent -= 1;
      this.emit(`return ${this.pick(['out', 'tuple(out)', 'len(out)'])}`);
      this.indent -= 1;
      call = () => `${name}(${this.expr(this.pick(['list', 'str', 'tuple']), 1)}${this.chance(0.5) ? `, limit=${this.int(0, 4)}` : ''})`;
    }
    this.inFunc -= 1;
    this.vars = saved;
    this.funcs.push({ name, call });
    this.show(call());
  }
}

/** One program: a few statements at the top level, each printing what it computes. */
export function generateProgram(seed, index = 0) {
  const g = new Gen(programSeed(seed, index));
  const n = g.int(3, 9);
  for (let i = 0; i < n && g.lines.length < 36; i += 1) g.stmt(2);
  if (g.lines.length < 5) g.show(g.expr('any', 2));
  return `${g.lines.join('\n')}\n`;
}
