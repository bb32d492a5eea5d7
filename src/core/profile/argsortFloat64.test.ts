import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { argsortDecimal } from './argsortDecimal';
import { argsortPresent } from './argsortFloat64';

function reference(values: number[], missing: number[]): number[] {
  const rows = values.map((_, i) => i).filter((i) => !missing[i] && !Number.isNaN(values[i]));
  // Stable by row; -0 before +0 as in the radix sort's bit order.
  const key = (v: number) => [v, Object.is(v, -0) ? 0 : 1];
  return rows.sort((a, b) => {
    const [va, za] = key(values[a]);
    const [vb, zb] = key(values[b]);
    return va < vb ? -1 : va > vb ? 1 : za - zb || a - b;
  });
}

function check(values: number[], missing: number[] = values.map(() => 0)): void {
  const n = values.length;
  const sorted = new Float64Array(n);
  const order = new Int32Array(n);
  const { count, sum } = argsortPresent(Float64Array.from(values), Uint8Array.from(missing), sorted, order);
  const expected = reference(values, missing);
  expect(count).toBe(expected.length);
  expect(Array.from(order.subarray(0, count))).toEqual(expected);
  expect(Array.from(sorted.subarray(0, count)).every((v, i) => Object.is(v, values[expected[i]]))).toBe(true);
  const s = expected.reduce((a, r) => a + values[r], 0);
  expect(Number.isNaN(s) ? Number.isNaN(sum) : Math.abs(sum - s) <= 1e-9 * Math.max(1, Math.abs(s))).toBe(true);
}

describe('argsortPresent', () => {
  it('orders values like a stable comparison sort: signs, zeros, infinities, ties, gaps', () => {
    const rng = createRng(5);
    const values = Array.from({ length: 6000 }, (_, i) =>
      i % 7 === 0 ? Math.round(rng.next() * 10 - 5) : i % 11 === 0 ? NaN : (rng.next() - 0.5) * 10 ** Math.floor(rng.next() * 12 - 6),
    );
    values.push(Infinity, -Infinity, 0, -0, -0, 0, 1e-300, -1e-300, Number.MAX_VALUE, -Number.MAX_VALUE, 5e-324);
    const missing = values.map((_, i) => (i % 13 === 0 ? 1 : 0));
    check(values, missing);
  });

  it('orders long and short runs that share their high 32 bits', () => {
    const rng = createRng(9);
    // 1 + k * 2^-40 share the high word; so do their negatives.
    const values = Array.from({ length: 5000 }, (_, i) => {
      const k = Math.floor(rng.next() * 4096);
      return (i % 3 === 0 ? -1 : 1) * (1 + k * 2 ** -40) + (i % 5 === 0 ? 0.5 : 0);
    });
    check(values);
    check(values.slice(0, 600).map((v, i) => (i % 2 ? v : 3)));
  });

  it('handles the small cases', () => {
    check([]);
    check([NaN, NaN]);
    check([2]);
    check([3, 1, 2, 1]);
  });

  it('gives decimal columns (the short road) the same order: ties, signs, -0 before +0, gaps, decimals added midway', () => {
    const rng = createRng(13);
    const columns = [
      // Integers of a few values (one radix pass), then a wide range (two).
      Array.from({ length: 5000 }, () => rng.int(7) - 3),
      Array.from({ length: 5000 }, () => rng.int(2_000_000) - 1_000_000),
      // Two decimals, with -0 and 0 among them and a value with four decimals late in the column.
      Array.from({ length: 5000 }, (_, i) => (i === 4000 ? 0.1234 : i % 97 === 0 ? (i % 2 ? -0 : 0) : Math.round((rng.next() - 0.5) * 2e4) / 100)),
      // Decimals of every length up to six, and gaps.
      Array.from({ length: 5000 }, (_, i) => (i % 11 === 0 ? NaN : Math.round((rng.next() - 0.3) * 10 ** (i % 7)) / 10 ** (i % 7))),
    ];
    for (const values of columns) {
      const missing = values.map((v, i) => (i % 13 === 0 && !Number.isNaN(v) ? 1 : 0));
      const n = values.length;
      const a = new Uint32Array(3 * n);
      expect(argsortDecimal(Float64Array.from(values), Uint8Array.from(missing), new Float64Array(n), new Int32Array(n), a, new Uint32Array(3 * n))).not.toBeNull();
      check(values, missing);
    }
  });

  it('leaves columns that are not decimal to the general sort', () => {
    const none = (values: number[]) => {
      const n = values.length;
      return argsortDecimal(Float64Array.from(values), new Uint8Array(n), new Float64Array(n), new Int32Array(n), new Uint32Array(3 * n), new Uint32Array(3 * n));
    };
    expect(none([1, 2, Math.PI])).toBeNull();
    expect(none([1.5, Infinity])).toBeNull();
    expect(none([2 ** 31, 1])).toBeNull();
    expect(none([1e-10, 0])).toBeNull();
    expect(none([3, 1, 2])).not.toBeNull();
    check([1, 2, Math.PI, -0, 0, 2 ** 31, 1e-10, Infinity, -Infinity]);
  });
});
