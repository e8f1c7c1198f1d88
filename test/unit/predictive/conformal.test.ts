// Split-conformal prediction sets: the exact quantile rule, and their coverage on generated data
// whose true probabilities are known (expected coverage = mean over rows of P(outcome in set)).
import { describe, expect, it } from 'vitest';
import { CONFORMAL_LEVEL, fitConformal, predictionSet, readConformal, setCoverage } from '../../../src/predictive/evaluation/conformal.js';
import { mulberry32 } from '../../../src/stats/random.js';

/** Rows with a true probability and a deliberately wrong model (too confident, shifted). */
function draw(n: number, rand: () => number): { truth: Float64Array; p: Float64Array; y: Uint8Array } {
  const truth = new Float64Array(n);
  const p = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = rand() * 4 - 1.5;
    truth[i] = 1 / (1 + Math.exp(-(1.2 * x + 0.3 * Math.sin(3 * x))));
    p[i] = 1 / (1 + Math.exp(-(2 * x + 0.4)));
    y[i] = rand() < truth[i] ? 1 : 0;
  }
  return { truth, p, y };
}

describe('split-conformal prediction sets', () => {
  it('q̂ is the ⌈(n + 1)·level⌉-th smallest score 1 − p(outcome); sets hold the outcomes scoring ≤ q̂', () => {
    // Scores: 0.1, 0.8, 0.3, 0.4, 0.05 → sorted 0.05, 0.1, 0.3, 0.4, 0.8; ⌈6 × 0.5⌉ = 3rd → 0.3.
    const c = fitConformal([0.9, 0.8, 0.3, 0.6, 0.95], [1, 0, 0, 1, 1], 0.5);
    expect([c.level, c.rows]).toEqual([0.5, 5]);
    expect(c.threshold).toBeCloseTo(0.3, 15);
    expect(predictionSet(c, 0.75)).toEqual({ level: 0.5, completed: true, notCompleted: false });
    expect(predictionSet(c, 0.2)).toEqual({ level: 0.5, completed: false, notCompleted: true });
    expect(predictionSet(c, 0.5)).toEqual({ level: 0.5, completed: false, notCompleted: false });
    // Too few rows for the level: every set holds both outcomes.
    expect(fitConformal([0.9, 0.2], [1, 0], 0.9).threshold).toBe(1);
    expect(() => fitConformal([], [], 0.9)).toThrow(/at least one/);
    expect(() => fitConformal([0.5], [1], 1)).toThrow(/level/);
    expect(readConformal(JSON.parse(JSON.stringify(c)))).toEqual(c);
    expect(() => readConformal({ level: 2, rows: 1, threshold: 0.5 })).toThrow(/damaged/);
  });

  it('coverage of the 90 % sets on generated data: expected coverage within 2 points of 90 % on each of 40 draws, 90 % on average', () => {
    const rand = mulberry32(29);
    const expected: number[] = [];
    const observed: number[] = [];
    for (let k = 0; k < 40; k++) {
      const cal = draw(4000, rand);
      const fresh = draw(10000, rand);
      const c = fitConformal(cal.p, cal.y, CONFORMAL_LEVEL);
      const cov = setCoverage(c, fresh.p, fresh.y, fresh.truth);
      expected.push(cov.expectedCoverage!);
      observed.push(cov.coverage);
      expect(cov.sizes.completed + cov.sizes.notCompleted + cov.sizes.both + cov.sizes.empty).toBeCloseTo(1, 12);
    }
    for (const e of expected) expect(Math.abs(e - 0.9)).toBeLessThan(0.02);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    // Split conformal: E[coverage] ∈ [0.9, 0.9 + 1/(n + 1)]; the mean of 40 draws is within ±0.003 of it.
    expect(mean(expected)).toBeGreaterThan(0.897);
    expect(mean(expected)).toBeLessThan(0.904);
    expect(Math.abs(mean(observed) - mean(expected))).toBeLessThan(0.004);
  });

  it('a model that ignores the input still gets 90 % coverage, by wide sets', () => {
    const rand = mulberry32(7);
    const cal = draw(4000, rand);
    const fresh = draw(10000, rand);
    const flat = new Float64Array(4000).fill(0.5);
    const c = fitConformal(flat, cal.y, 0.9);
    const cov = setCoverage(c, new Float64Array(10000).fill(0.5), fresh.y, fresh.truth);
    expect(cov.sizes.both).toBe(1);
    expect(cov.expectedCoverage).toBe(1);
  });
});
