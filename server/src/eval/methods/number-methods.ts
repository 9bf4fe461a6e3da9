// The few methods of int and float that workflow code uses.

import { positionalArgs } from '../arguments';
import type { Host, Kwargs, Value } from '../values';

type NumberMethod = (self: never, args: Value[], kwargs: Kwargs, host: Host) => Value;

export const INT_METHODS: Readonly<Record<string, NumberMethod>> = {
  bit_length(self: bigint | boolean, args: Value[], kwargs: Kwargs) {
    positionalArgs('int.bit_length', args, kwargs, 0, 0);
    const v = typeof self === 'boolean' ? (self ? 1n : 0n) : self;
    return BigInt((v < 0n ? -v : v).toString(2).replace(/^0$/, '').length);
  },
} as Record<string, NumberMethod>;

export const FLOAT_METHODS: Readonly<Record<string, NumberMethod>> = {
  is_integer(self: number, args: Value[], kwargs: Kwargs) {
    positionalArgs('float.is_integer', args, kwargs, 0, 0);
    return Number.isInteger(self);
  },
} as Record<string, NumberMethod>;
