// printf-style string formatting, `"v%s-%03d" % (name, n)` and
// `"%(name)s" % mapping`, with CPython's conversions (s r a d i u f F e E g G
// x X o c %), flags (- + space # 0), width, precision and `*`. It only reads
// the values given (and mapping keys); nothing reaches attributes.

import { pyError, typeError, valueError } from './errors';
import { formatFloat, formatInt } from './format-spec';
import { typeName } from './operators';
import { asciiRepr } from './repr';
import type { Host, Value } from './values';
import { PyDict, PyTuple } from './values';

const SPEC = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/gy;

function toNumber(v: Value, conversion: string): bigint | number {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'number') return v;
  throw typeError(`%${conversion} format: a ${'diouxXc'.includes(conversion) ? 'real number' : 'real number'} is required, not ${typeName(v)}`);
}

export function percentFormat(template: string, values: Value, host: Host): string {
  const args = values instanceof PyTuple ? [...values.items] : [values];
  const mapping = values instanceof PyDict ? values : null;
  let next = 0;
  const take = (): Value => {
    if (next >= args.length) throw typeError('not enough arguments for format string');
    return args[next++];
  };
  let out = '';
  let i = 0;
  while (i < template.length) {
    const at = template.indexOf('%', i);
    if (at < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, at);
    SPEC.lastIndex = at;
    const m = SPEC.exec(template);
    if (!m) throw valueError(`unsupported format character '${template[at + 1] ?? ''}' (0x${(template.codePointAt(at + 1) ?? 0).toString(16)}) at index ${at + 1}`);
    i = SPEC.lastIndex;
    const [, key, flags, widthText, precisionText, conversion] = m;
    if (conversion === '%') {
      out += '%';
      continue;
    }
    const width = widthText === '*' ? Number(take()) : widthText ? Number(widthText) : 0;
    const precision = precisionText === '*' ? Number(take()) : precisionText !== undefined ? Number(precisionText) : null;
    let value: Value;
    if (key !== undefined) {
      if (!mapping) throw typeError('format requires a mapping');
      const found = mapping.get(key);
      if (found === undefined) throw pyError('KeyError', `'${key}'`);
      value = found;
    } else value = take();
    host.reserve((width + 16) * 2);
    const align = flags.includes('-') ? '<' : '>';
    const sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    const zero = flags.includes('0') && !flags.includes('-') ? '0' : '';
    const alternate = flags.includes('#') ? '#' : '';
    const w = width > 0 ? String(width) : '';
    let text: string;
    switch (conversion) {
      case 's':
      case 'r':
      case 'a': {
        let s = conversion === 's' ? host.str(value) : conversion === 'r' ? host.repr(value) : asciiRepr(host.repr(value));
        if (precision !== null) s = [...s].slice(0, precision).join('');
        text = width > 0 ? (align === '<' ? s.padEnd(width) : s.padStart(width)) : s;
        break;
      }
      case 'c': {
        const c = typeof value === 'string' ? value : String.fromCodePoint(Number(toNumber(value, 'c')));
        text = width > 0 ? (align === '<' ? c.padEnd(width) : c.padStart(width)) : c;
        break;
      }
      case 'd':
      case 'i':
      case 'u':
      case 'x':
      case 'X':
      case 'o': {
        const n = toNumber(value, conversion);
        const int = typeof n === 'number' ? BigInt(Math.trunc(n)) : n;
        const type = conversion === 'i' || conversion === 'u' ? 'd' : conversion;
        const digits = precision !== null ? `.${precision}` : '';
        text = digits ? padDigits(int, type, precision as number, sign, alternate) : formatInt(int, `${align === '<' ? '<' : ''}${sign}${alternate}${zero}${w}${type}`);
        if (digits && width > 0) text = align === '<' ? text.padEnd(width) : text.padStart(width);
        break;
      }
      default: {
        const n = toNumber(value, conversion);
        const p = precision ?? 6;
        text = formatFloat(typeof n === 'bigint' ? Number(n) : n, `${align === '<' ? '<' : ''}${sign}${alternate}${zero}${w}.${p}${conversion}`);
      }
    }
    out += text;
  }
  if (!mapping && next < args.length) throw typeError('not all arguments converted during string formatting');
  return out;
}

/** `%.3d`: the precision is a minimum number of digits. */
function padDigits(n: bigint, type: string, precision: number, sign: string, alternate: string): string {
  const negative = n < 0n;
  const magnitude = negative ? -n : n;
  let digits = type === 'd' ? magnitude.toString() : magnitude.toString(type === 'o' ? 8 : 16);
  if (type === 'X') digits = digits.toUpperCase();
  digits = digits.padStart(precision, '0');
  const prefix = alternate && type !== 'd' ? `0${type}` : '';
  return (negative ? '-' : sign) + prefix + digits;
}
