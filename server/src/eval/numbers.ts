// Python numbers: 64-bit exact ints (bigint; OverflowError beyond the range,
// never silent rounding), floats with CPython's floor division, modulo and
// repr (shortest round-trip digits, exponent below 1e-4 and from 1e16), and
// exact decimal expansion of doubles for correctly rounded formatting.

import { LimitError, pyError } from './errors';

/** Results this large are stopped as a resource bomb (LimitError) before any work, not merely reported as overflow. */
export const HUGE_INT_BITS = 1 << 16;

export const INT_MIN = -(2n ** 63n);
export const INT_MAX = 2n ** 63n - 1n;

export function checkInt(v: bigint): bigint {
  if (v > INT_MAX || v < INT_MIN) throw pyError('OverflowError', 'integer result does not fit in 64 bits (workflow ints are 64-bit)');
  return v;
}

export function intFloorDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw pyError('ZeroDivisionError', 'integer division or modulo by zero');
  let q = a / b;
  if (a % b !== 0n && (a < 0n) !== (b < 0n)) q -= 1n;
  return checkInt(q);
}

export function intMod(a: bigint, b: bigint): bigint {
  if (b === 0n) throw pyError('ZeroDivisionError', 'integer modulo by zero');
  let r = a % b;
  if (r !== 0n && (r < 0n) !== (b < 0n)) r += b;
  return r;
}

/** CPython's float_divmod: [floor quotient, modulo with the divisor's sign]. */
export function floatDivmod(vx: number, wx: number, what: string): [number, number] {
  if (wx === 0) throw pyError('ZeroDivisionError', what);
  let mod = vx % wx;
  let div = (vx - mod) / wx;
  // C truth tests: NaN counts as true (inf // 1 is nan, as in CPython).
  if (mod !== 0) {
    if (wx < 0 !== mod < 0) {
      mod += wx;
      div -= 1.0;
    }
  } else {
    mod = Math.sign(wx) < 0 || Object.is(wx, -0) ? -0 : 0;
  }
  let floordiv: number;
  if (div !== 0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = vx / wx < 0 || Object.is(vx / wx, -0) ? -0 : 0;
  }
  return [floordiv, mod];
}

/** int ** int with a non-negative exponent; sizes are checked before computing. */
export function intPow(base: bigint, exp: bigint): bigint {
  if (base === 0n || base === 1n) return exp === 0n ? 1n : base;
  if (base === -1n) return exp % 2n === 0n ? 1n : -1n;
  const bits = Number(exp) * Math.log2(Math.abs(Number(base)));
  if (bits > 64) {
    if (bits > HUGE_INT_BITS) {
      throw new LimitError(`memory limit: ${base} ** ${exp} would build an integer of about ${Math.round(bits)} bits before overflowing`);
    }
    throw pyError('OverflowError', `${base} ** ${exp} does not fit in 64 bits (workflow ints are 64-bit)`);
  }
  return checkInt(base ** exp);
}


/** repr() of a float, as CPython prints it. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  return (negative ? '-' : '') + placeDigits(digits, exp, exp < -4 || exp >= 16, true);
}

/** Lays out significant digits d1d2d3... with decimal exponent `exp` (value = d1.d2d3 × 10^exp). */
export function placeDigits(digits: string, exp: number, scientific: boolean, addDotZero: boolean): string {
  if (scientific) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp >= 0) {
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    return frac ? `${intPart}.${frac}` : addDotZero ? `${intPart}.0` : intPart;
  }
  return `0.${'0'.repeat(-exp - 1)}${digits}`;
}

/**
 * The exact decimal value of a finite, non-negative double: all its digits
 * and the position of the decimal point (value = 0.digits × 10^point).
 */
export function exactDecimal(x: number): { digits: string; point: number } {
  if (x === 0) return { digits: '0', point: 1 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp2: number;
  if (biased === 0) exp2 = -1074;
  else {
    mantissa |= 1n << 52n;
    exp2 = biased - 1075;
  }
  if (exp2 >= 0) {
    const digits = (mantissa << BigInt(exp2)).toString();
    return { digits, point: digits.length };
  }
  const digits = (mantissa * 5n ** BigInt(-exp2)).toString();
  return { digits, point: digits.length + exp2 };
}

/**
 * Rounds an exact decimal (digits, point) half-to-even so that `keep` digits
 * remain after the decimal point's position `point + fracDigits`... expressed
 * as: keep the first `count` digits. Returns the rounded digits (length
 * `count`, or `count + 1` after a carry) and whether a carry grew it.
 */
export function roundDigits(digits: string, count: number): { digits: string; carried: boolean } {
  if (count < 0) return { digits: '', carried: false };
  if (digits.length <= count) return { digits: digits.padEnd(count, '0'), carried: false };
  const kept = digits.slice(0, count);
  const next = digits.charCodeAt(count) - 48;
  const restNonZero = /[1-9]/.test(digits.slice(count + 1));
  const lastOdd = count > 0 && (kept.charCodeAt(count - 1) - 48) % 2 === 1;
  const up = next > 5 || (next === 5 && (restNonZero || lastOdd));
  if (!up) return { digits: kept, carried: false };
  const arr = kept.split('');
  let i = arr.length - 1;
  while (i >= 0 && arr[i] === '9') arr[i--] = '0';
  if (i < 0) return { digits: `1${arr.join('')}`, carried: true };
  arr[i] = String.fromCharCode(arr[i].charCodeAt(0) + 1);
  return { digits: arr.join(''), carried: false };
}

/** Fixed notation with `precision` fractional digits, correctly rounded (format 'f'), for |x|. */
export function formatFixed(x: number, precision: number): string {
  const { digits, point } = exactDecimal(Math.abs(x));
  const count = point + precision;
  let rounded: string;
  let intDigits = point;
  if (count < 0) {
    rounded = '';
  } else {
    const r = roundDigits(digits, count);
    rounded = r.digits;
    if (r.carried) intDigits += 1;
  }
  // Pad so that there are intDigits integer digits and `precision` fraction digits.
  let all = rounded;
  if (intDigits <= 0) {
    all = '0'.repeat(1 - intDigits) + all;
    intDigits = 1;
  }
  all = all.padEnd(intDigits + precision, '0');
  const intPart = all.slice(0, intDigits).replace(/^0+(?=\d)/, '');
  const frac = all.slice(intDigits, intDigits + precision);
  return precision > 0 ? `${intPart}.${frac}` : intPart;
}

/** Significant digits of |x| rounded to `count` digits, and the decimal exponent of the first. */
export function significantDigits(x: number, count: number): { digits: string; exp: number } {
  if (x === 0) return { digits: '0'.repeat(count), exp: 0 };
  const { digits, point } = exactDecimal(Math.abs(x));
  const firstNonZero = digits.search(/[1-9]/);
  const sig = digits.slice(firstNonZero);
  let exp = point - firstNonZero - 1;
  const r = roundDigits(sig, count);
  let out = r.digits;
  if (r.carried) {
    exp += 1;
    out = out.slice(0, count);
  }
  return { digits: out, exp };
}
