// The seeded generator, row draws and the per-tree sorted layout.
import { describe, expect, it } from 'vitest';
import { drawWithoutReplacement, mulberry32 } from '../../../src/predictive/forest/random.js';
import { allocateTreeSample, argsortColumn, fillTreeSample, prefixOrder } from '../../../src/predictive/forest/tree-sample.js';
import { syntheticData } from './forest-helpers.js';

describe('mulberry32', () => {
  it('gives the reference sequence', () => {
    // Same values as bench/generators/prng.ts's independent mulberry32 (seed 1).
    const next = mulberry32(1);
    expect(next()).toBe(0.6270739405881613);
    expect(next()).toBe(0.002735721180215478);
  });
  it('stays in [0, 1) with a mean near 1/2', () => {
    const next = mulberry32(99);
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = next();
      sum += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });
});

describe('drawWithoutReplacement', () => {
  it('draws distinct rows, each about equally often', () => {
    const pool = Int32Array.from({ length: 50 }, (_, i) => i);
    const random = mulberry32(5);
    const hits = new Array(50).fill(0);
    for (let t = 0; t < 4000; t++) {
      const k = drawWithoutReplacement(pool, 10, random);
      const drawn = Array.from(pool.subarray(0, k));
      expect(new Set(drawn).size).toBe(10);
      for (const row of drawn) hits[row]++;
    }
    // Expected 800 per row; a binomial sd of ~25, so 700..900 is a wide margin.
    for (const h of hits) {
      expect(h).toBeGreaterThan(700);
      expect(h).toBeLessThan(900);
    }
    expect(Array.from(pool).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
  it('clamps k to the pool', () => {
    expect(drawWithoutReplacement(Int32Array.of(1, 2), 5, mulberry32(1))).toBe(2);
  });
});

describe('argsortColumn', () => {
  it('is a stable argsort, with ties by index and -0 equal to 0', () => {
    const random = mulberry32(3);
    for (let k = 0; k < 100; k++) {
      const n = 1 + Math.floor(random() * 200);
      const v = Float64Array.from({ length: n }, () => (k % 2 ? Math.round(random() * 8) - 4 : random() * 100 - 50));
      if (n > 3) {
        v[1] = -0;
        v[2] = 0;
      }
      const want = Array.from({ length: n }, (_, i) => i).sort((a, b) => v[a] - v[b] || a - b);
      expect(Array.from(argsortColumn(v))).toEqual(want);
    }
  });
});

describe('prefixOrder', () => {
  it('equals argsortColumn of the prefix (ties included), from the order of a longer prefix', () => {
    const random = mulberry32(5);
    for (let k = 0; k < 50; k++) {
      const n = 2 + Math.floor(random() * 300);
      const v = Float64Array.from({ length: n }, () => (k % 2 ? Math.round(random() * 6) : random()));
      const rows = 1 + Math.floor(random() * (n - 1));
      expect(Array.from(prefixOrder(argsortColumn(v), rows))).toEqual(Array.from(argsortColumn(v.subarray(0, rows))));
    }
    expect(Array.from(prefixOrder(Int32Array.of(1, 3, 2, 0), 3))).toEqual([1, 2, 0]);
  });
});

describe('fillTreeSample', () => {
  it('lays out the drawn rows with each feature sorted', () => {
    const { X, y } = syntheticData(300, 3, 8, { decimals: 1 });
    const order = X.map(argsortColumn);
    const pool = Int32Array.from({ length: 300 }, (_, i) => i);
    const m = drawWithoutReplacement(pool, 120, mulberry32(2));
    const rows = pool.subarray(0, m);
    const localId = new Int32Array(300).fill(-1);
    const sample = allocateTreeSample(3, m);
    fillTreeSample(sample, X, y, order, rows, localId);
    expect(localId.every((v) => v === -1)).toBe(true);
    for (let j = 0; j < m; j++) {
      expect(sample.labels[j]).toBe(y[rows[j]]);
      for (let f = 0; f < 3; f++) expect(sample.columns[f][j]).toBe(X[f][rows[j]]);
    }
    for (let f = 0; f < 3; f++) {
      const ids = Array.from(sample.sorted[f]);
      expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: m }, (_, j) => j));
      for (let i = 1; i < m; i++) expect(sample.columns[f][ids[i]]).toBeGreaterThanOrEqual(sample.columns[f][ids[i - 1]]);
    }
  });
});
