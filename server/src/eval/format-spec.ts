// Python's format-specification mini-language for f-strings and format():
// [[fill]align][sign][z][#][0][width][grouping][.precision][type] applied to
// str, int and float with CPython's results and errors.

import { pyError, valueError } from './errors';
import { floatRepr, formatFixed, placeDigits, significantDigits } from './numbers';
import { codePointLength } from './text';

interface Spec {
  fill: string;
  /** Whether the spec wrote a fill character (the 0 flag only supplies one when it did not). */
  fillGiven: boolean;
  align: '<' | '>' | '^' | '=' | null;
  sign: '+' | '-' | ' ' | null;
  z: boolean;
  alternate: boolean;
  zero: boolean;
  width: number;
  grouping: ',' | '_' | null;
  precision: number | null;
  type: string;
}

const SPEC = /^(?:(.)?([<>=^]))?([-+ ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([a-zA-Z%])?$/su;

/** Parsed specs by text: an f-string in a loop formats with the same spec again and again. */
const parsedSpecs = new Map<string, Readonly<Spec>>();
const PARSED_SPECS_KEPT = 256;

function parseSpec(text: string): Readonly<Spec> {
  let spec = parsedSpecs.get(text);
  if (spec === undefined) {
    spec = Object.freeze(readSpec(text));
    if (text.length <= 64) {
      if (parsedSpecs.size >= PARSED_SPECS_KEPT) parsedSpecs.clear();
      parsedSpecs.set(text, spec);
    }
  }
  return spec;
}

function readSpec(text: string): Spec {
  const m = SPEC.exec(text);
  if (!m) throw valueError('Invalid format specifier');
  return {
    fill: m[1] ?? ' ',
    fillGiven: m[1] !== undefined,
    align: (m[2] as Spec['align']) ?? null,
    sign: (m[3] as Spec['sign']) ?? null,
    z: m[4] !== undefined,
    alternate: m[5] !== undefined,
    zero: m[6] !== undefined,
    width: m[7] ? Number(m[7]) : 0,
    grouping: (m[8] as Spec['grouping']) ?? null,
    precision: m[9] !== undefined ? Number(m[9]) : null,
    type: m[10] ?? '',
  };
}

function pad(body: string, sign: string, spec: Spec, defaultAlign: '<' | '>'): string {
  let fill = spec.fill;
  let align = spec.align;
  if (spec.zero && !spec.fillGiven) fill = '0';
  if (spec.zero && align === null) align = '=';
  align ??= defaultAlign;
  const length = codePointLength(sign) + codePointLength(body);
  const missing = spec.width - length;
  if (missing <= 0) return sign + body;
  switch (align) {
    case '<':
      return sign + body + fill.repeat(missing);
    case '>':
      return fill.repeat(missing) + sign + body;
    case '^': {
      const left = Math.floor(missing / 2);
      return fill.repeat(left) + sign + body + fill.repeat(missing - left);
    }
    default:
      return sign + fill.repeat(missing) + body;
  }
}

function group(intDigits: string, separator: string, every: number): string {
  let out = '';
  for (let i = intDigits.length; i > 0; i -= every) {
    const from = Math.max(0, i - every);
    out = intDigits.slice(from, i) + (out ? separator + out : '');
  }
  return out;
}

/** The leading integer digits of a formatted number (hex digits too when grouping by 4). */
function integerDigits(text: string, every: number): string {
  return ((every === 4 ? /^[0-9a-fA-F]*/ : /^\d*/).exec(text) as RegExpExecArray)[0];
}

/** Applies grouping to the integer part of a digits string (which may carry a fraction or exponent). */
function groupNumber(text: string, spec: Spec, every = 3): string {
  if (!spec.grouping) return text;
  const intDigits = integerDigits(text, every);
  return group(intDigits, spec.grouping, every) + text.slice(intDigits.length);
}

/** With a zero-padded width, zeros go into the grouped digits (CPython groups the padding too). */
function padNumber(digits: string, sign: string, spec: Spec, every = 3): string {
  // CPython pads the digits themselves when the fill is '0' with '=' alignment, whether the 0 flag or the spec said so.
  const fill = spec.zero && !spec.fillGiven ? '0' : spec.fill;
  const align = spec.align ?? (spec.zero ? '=' : null);
  if (spec.grouping && fill === '0' && align === '=') {
    let intDigits = integerDigits(digits, every);
    const rest = digits.slice(intDigits.length);
    let text = groupNumber(intDigits + rest, spec, every);
    while (codePointLength(sign + text) < spec.width) {
      intDigits = `0${intDigits}`;
      text = groupNumber(intDigits + rest, spec, every);
    }
    return sign + text;
  }
  return pad(groupNumber(digits, spec, every), sign, spec, '>');
}

function signOf(negative: boolean, spec: Spec): string {
  if (negative) return '-';
  if (spec.sign === '+') return '+';
  if (spec.sign === ' ') return ' ';
  return '';
}

export function formatString(value: string, text: string): string {
  if (text === '') return value;
  const spec = parseSpec(text);
  if (spec.type !== '' && spec.type !== 's') throw valueError(`Unknown format code '${spec.type}' for object of type 'str'`);
  if (spec.sign) throw valueError('Sign not allowed in string format specifier');
  if (spec.alternate) throw valueError('Alternate form (#) not allowed in string format specifier');
  if (spec.align === '=') throw valueError("'=' alignment not allowed in string format specifier");
  if (spec.grouping) throw valueError(`Cannot specify '${spec.grouping}' with 's'.`);
  let body = value;
  if (spec.precision !== null) body = [...body].slice(0, spec.precision).join('');
  // For strings the 0 flag only supplies the fill ('x0000'); the alignment stays left.
  return pad(body, '', { ...spec, align: spec.align ?? '<' }, '<');
}

export function formatInt(value: bigint, text: string): string {
  if (text === '') return value.toString();
  const spec = parseSpec(text);
  if (spec.z && !'eEfFgG%'.includes(spec.type || 'd')) throw valueError('Negative zero coercion (z) not allowed in integer format specifier');
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  switch (spec.type) {
    case '':
    case 'd':
    case 'n':
      if (spec.precision !== null) throw valueError('Precision not allowed in integer format specifier');
      return padNumber(magnitude.toString(), signOf(negative, spec), spec);
    case 'x':
    case 'X':
    case 'o':
    case 'b': {
      if (spec.precision !== null) throw valueError('Precision not allowed in integer format specifier');
      if (spec.grouping === ',') throw valueError(`Cannot specify ',' with '${spec.type}'.`);
      const radix = spec.type === 'o' ? 8 : spec.type === 'b' ? 2 : 16;
      let digits = magnitude.toString(radix);
      if (spec.type === 'X') digits = digits.toUpperCase();
      const prefix = spec.alternate ? `0${spec.type}` : '';
      return padNumber(digits, signOf(negative, spec) + prefix, spec, 4);
    }
    case 'c': {
      if (spec.sign) throw valueError("Sign not allowed with integer format specifier 'c'");
      if (value < 0n || value > 0x10ffffn) throw pyError('OverflowError', '%c arg not in range(0x110000)');
      return pad(String.fromCodePoint(Number(value)), '', spec, '>');
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case '%':
      return formatFloat(Number(value), text);
    default:
      throw valueError(`Unknown format code '${spec.type}' for object of type 'int'`);
  }
}


function exponentForm(x: number, precision: number, upper: boolean, alternate: boolean): string {
  const { digits, exp } = significantDigits(x, precision + 1);
  let mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : alternate ? `${digits}.` : digits;
  mantissa += `e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return upper ? mantissa.toUpperCase() : mantissa;
}

/** 'g' and the no-type form with a precision: significant digits, trailing zeros removed. */
function generalForm(x: number, precision: number, upper: boolean, alternate: boolean, addDotZero: boolean): string {
  const p = precision === 0 ? 1 : precision;
  if (x === 0) {
    const zero = alternate ? `0.${'0'.repeat(p - 1)}` : addDotZero ? '0.0' : '0';
    return zero;
  }
  const { digits, exp } = significantDigits(x, p);
  const useExp = exp < -4 || exp + 1 > (addDotZero ? p - 1 : p);
  let kept = alternate ? digits : digits.replace(/0+$/, '') || '0';
  if (useExp) {
    let mantissa = kept.length > 1 ? `${kept[0]}.${kept.slice(1)}` : alternate ? `${kept}.` : kept;
    mantissa += `e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
    return upper ? mantissa.toUpperCase() : mantissa;
  }
  if (alternate && kept.length < p) kept = kept.padEnd(p, '0');
  let out = placeDigits(kept, exp, false, addDotZero);
  if (alternate && !out.includes('.')) out += '.';
  return out;
}

export function formatFloat(value: number, text: string): string {
  if (text === '') return floatRepr(value);
  const spec = parseSpec(text);
  let negative = value < 0 || Object.is(value, -0);
  let x = Math.abs(value);
  const upper = spec.type === 'E' || spec.type === 'F' || spec.type === 'G';
  let body: string;
  if (!['f', 'F', 'e', 'E', 'g', 'G', 'n', '%', ''].includes(spec.type)) throw valueError(`Unknown format code '${spec.type}' for object of type 'float'`);
  if (!Number.isFinite(value)) {
    body = Number.isNaN(value) ? 'nan' : 'inf';
    if (Number.isNaN(value)) negative = false;
    if (upper) body = body.toUpperCase();
    if (spec.type === '%') body += '%';
    return pad(body, signOf(negative, spec), spec, '>');
  }
  switch (spec.type) {
    case 'f':
    case 'F':
      body = formatFixed(x, spec.precision ?? 6);
      if (spec.alternate && !body.includes('.')) body += '.';
      break;
    case 'e':
    case 'E':
      body = exponentForm(x, spec.precision ?? 6, upper, spec.alternate);
      break;
    case 'g':
    case 'G':
    case 'n':
      body = generalForm(x, spec.precision ?? 6, upper, spec.alternate, false);
      break;
    case '%':
      x *= 100;
      body = `${formatFixed(x, spec.precision ?? 6)}%`;
      if (spec.alternate && !body.includes('.')) body = body.replace('%', '.%');
      break;
    case '':
      if (spec.precision === null) {
        body = floatRepr(x);
        // CPython's alternate form of repr() keeps a decimal point: format(1e-05, '#') is '1.e-05'.
        if (spec.alternate && !body.includes('.')) body = body.replace('e', '.e');
      } else body = generalForm(x, spec.precision, false, spec.alternate, true);
      break;
    default:
      throw valueError(`Unknown format code '${spec.type}' for object of type 'float'`);
  }
  if (spec.z && negative && !/[1-9]/.test(body.replace(/e[+-]?\d+$/i, ''))) negative = false;
  return padNumber(body, signOf(negative, spec), spec);
}
