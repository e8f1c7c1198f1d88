/**
 * lowerBound / upperBound against a scan of every position, on random sorted arrays with many
 * duplicates, sub-ranges, values below, between and above the array's, ±0 and NaN.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/stats/index.js';
import { lowerBound, upperBound } from '../../../src/stats/sorted-search.js';

/** First i in [from, to) where below(a[i]) is false, by a scan (`to` when none). */
function scan(a: Float64Array, from: number, to: number, below: (v: number) => boolean): number {
  for (let i = from; i < to; i++) if (!below(a[i])) return i;
  return to;
}

describe('lowerBound / upperBound', () => {
  it('hand-worked positions', () => {
    const a = Float64Array.of(1, 3, 3, 5);
    expect([0, 1, 2, 3, 4, 5, 6].map((x) => lowerBound(a, x))).toEqual([0, 0, 1, 1, 3, 3, 4]);
    expect([0, 1, 2, 3, 4, 5, 6].map((x) => upperBound(a, x))).toEqual([0, 1, 1, 3, 3, 4, 4]);
    expect(lowerBound(a, 3, 2)).toBe(2);
    expect(upperBound(a, 3, 0, 2)).toBe(2);
    expect(lowerBound(new Float64Array(0), 1)).toBe(0);
    expect(upperBound(new Float64Array(0), 1)).toBe(0);
    // ±0 compare equal; NaN is never below nor at most anything: the range's start.
    expect([lowerBound(Float64Array.of(-0, 0, 0), 0), upperBound(Float64Array.of(-0, 0, 0), -0)]).toEqual([0, 3]);
    expect([lowerBound(a, Number.NaN, 1), upperBound(a, Number.NaN, 2)]).toEqual([1, 2]);
  });

  it('equals a scan on 500 random arrays with duplicates, at every value, between them and past both ends', () => {
    const rnd = mulberry32(26);
    for (let k = 0; k < 500; k++) {
      const n = Math.floor(rnd() * 40);
      const distinct = 1 + Math.floor(rnd() * 8);
      const a = Float64Array.from({ length: n }, () => Math.floor(rnd() * distinct) - 2).sort();
      const from = Math.floor(rnd() * (n + 1));
      const to = from + Math.floor(rnd() * (n - from + 1));
      const probes = [-Infinity, -3, -2.5, Infinity, ...a, ...Array.from(a, (v) => v + 0.5)];
      for (const x of probes) {
        expect(lowerBound(a, x, from, to)).toBe(scan(a, from, to, (v) => v < x));
        expect(upperBound(a, x, from, to)).toBe(scan(a, from, to, (v) => v <= x));
        expect(lowerBound(a, x)).toBe(scan(a, 0, n, (v) => v < x));
        expect(upperBound(a, x)).toBe(scan(a, 0, n, (v) => v <= x));
      }
    }
  });
});
