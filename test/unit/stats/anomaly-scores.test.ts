/**
 * anomalyScores: hand-worked values (flat line, spike, gap), a brute-force reference written out
 * independently below, causality (a prefix's scores are the scores' prefix) and misuse.
 */
import { describe, expect, it } from 'vitest';
import { ANOMALY_SCORE_DEFAULTS, type AnomalyScoreSettings, anomalyScoresWith } from '../../../src/stats/anomaly-scores.js';
import { anomalyScores, mulberry32 } from '../../../src/stats/index.js';
import { expectClose } from './close.js';

const HOUR = 3_600_000;

/** The score by its definition, with plain loops and full sorts (no incremental structures). */
function reference(values: number[], s: AnomalyScoreSettings, timestamps?: number[]): number[] {
  const ncm: (number | null)[] = [];
  const surprise: number[] = [];
  const scores: number[] = [];
  for (let t = 0; t < values.length; t++) {
    const past = values.slice(Math.max(0, t - s.memory), t);
    scores.push(0);
    surprise.push(0);
    if (past.length < s.neighbours) {
      ncm.push(null);
      continue;
    }
    const d = past.map((p) => (p - values[t]) ** 2).sort((a, b) => a - b);
    const own = d.slice(0, s.neighbours).reduce((a, b) => a + b, 0);
    const earlier = (ncm.filter((x) => x !== null) as number[]).slice(-s.memory).sort((a, b) => a - b);
    ncm.push(own);
    if (earlier.length < s.minHistory) continue;
    const n = earlier.length;
    const m = Math.max(2, Math.floor(n * s.tailFraction));
    const u = earlier[n - m];
    let tail: number;
    if (own <= u) tail = 1 - (earlier.filter((e) => e < own).length + 0.5 * earlier.filter((e) => e === own).length) / n;
    else {
      const beta = earlier.slice(n - m).reduce((a, e) => a + e - u, 0) / m;
      tail = beta > 0 ? (m / n) * Math.exp(-(own - u) / beta) : (m / n) * Number.EPSILON;
    }
    surprise[t] = -Math.log(Math.max(tail, Number.MIN_VALUE));
    let span = Infinity;
    if (timestamps) {
      const gaps = timestamps
        .slice(Math.max(1, t - s.memory + 1), t + 1)
        .map((x, i, a) => x - (i === 0 ? timestamps[Math.max(0, t - s.memory)] : a[i - 1]))
        .sort((a, b) => a - b);
      span = s.refractory * gaps[gaps.length >> 1];
    }
    let previous = 0;
    for (let j = t - 1; j >= Math.max(0, t - s.refractory); j--) {
      if (timestamps && timestamps[t] - timestamps[j] > span) break;
      previous = Math.max(previous, surprise[j]);
    }
    if (surprise[t] > previous) scores[t] = 1 - tail;
  }
  return scores;
}

function noisySeries(seed: number, n: number): number[] {
  const rand = mulberry32(seed);
  // a daily rhythm, noise, a level shift at 300 and a spike at 420
  return Array.from({ length: n }, (_, i) => 10 + 3 * Math.sin((2 * Math.PI * i) / 24) + 2 * (rand() - 0.5) + (i >= 300 ? 8 : 0) + (i === 420 ? 15 : 0));
}

describe('anomalyScores', () => {
  it('flat line then a spike: 0.5 at the first scored point, 1 at the spike, 0 elsewhere', () => {
    // t = 10..39 give 30 nonconformities of 0; at t = 40 the tail of 0 among 30 ties is 1 − 15/30 = 0.5.
    // t = 41..199: the same surprise ln 2 is not above the previous one → 0.
    // t = 200 (value 5): nonconformity 10 · 25 = 250 above u = 0 with mean excess 0 → tail (9/190)·2⁻⁵² → score 1.
    // t = 201 (value 0): nonconformity 0, surprise ln(191/96) below the spike's → 0.
    const values = [...Array(200).fill(0), 5, ...Array(20).fill(0)];
    const s = anomalyScores(values);
    expect(s[40]).toBe(0.5);
    expect(s[200]).toBe(1);
    expect(s.filter((x, i) => x !== 0 && i !== 40 && i !== 200)).toEqual([]);
  });

  it('a gap in the timestamps ends the onset rule', () => {
    // 0 ×200, 5 at 200, 0 ×9, then 3 at 210. Its nonconformity: (3−5)² + 9 · 3² = 85; the earlier 200
    // nonconformities are 199 zeros and 250: top m = 10 → u = 0, mean excess 25 → tail 0.05 · e^(−85/25).
    const values = [...Array(200).fill(0), 5, ...Array(9).fill(0), 3];
    expect(anomalyScores(values)[210]).toBe(0); // within 50 points of the spike's larger surprise
    const hourly = values.map((_, i) => i * HOUR);
    expect(anomalyScores(values, { timestamps: hourly })[210]).toBe(0);
    // 100 hours between the last two points: more than 50 × the median spacing (1 h)
    const gap = hourly.map((t, i) => (i === 210 ? t + 99 * HOUR : t));
    expectClose(anomalyScores(values, { timestamps: gap })[210], 1 - 0.05 * Math.exp(-3.4), 1e-15);
  });

  it('equals the brute-force reference (defaults, and a short memory that evicts)', () => {
    const values = noisySeries(7, 600);
    const stamps = values.map((_, i) => i * HOUR + (i > 500 ? 200 * HOUR : 0));
    expect(anomalyScores(values)).toEqual(reference(values, ANOMALY_SCORE_DEFAULTS));
    const short = { ...ANOMALY_SCORE_DEFAULTS, memory: 150, refractory: 20 };
    const got = anomalyScoresWith(values, short, stamps);
    const want = reference(values, short, stamps);
    for (let i = 0; i < values.length; i++) expectClose(got[i], want[i], 1e-12);
  });

  it('is causal: the scores of a prefix are the prefix of the scores', () => {
    const values = noisySeries(11, 700);
    const stamps = values.map((_, i) => i * HOUR);
    const all = anomalyScores(values, { timestamps: stamps });
    for (const n of [0, 5, 39, 41, 301, 421, 699]) {
      expect(anomalyScores(values.slice(0, n), { timestamps: stamps.slice(0, n) })).toEqual(all.slice(0, n));
    }
  });

  it('a level shift scores at its start, then not while the new level settles', () => {
    const values = noisySeries(3, 600);
    const s = anomalyScores(values);
    expect(s[300]).toBeGreaterThan(0.999); // tail 1.3e-4: beyond every earlier nonconformity
    expect(s.slice(301, 350).filter((x) => x > 0)).toEqual([]);
    expect(s[420]).toBeGreaterThan(0.9999); // the spike after the shift
    for (const x of s) expect(x >= 0 && x <= 1).toBe(true);
    expect(s.slice(0, 40)).toEqual(Array(40).fill(0));
  });

  it('misuse → INVALID_ARGUMENT', () => {
    expect(() => anomalyScores([1, Number.NaN, 2])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => anomalyScores([1, Infinity])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => anomalyScores([1, 2], { timestamps: [1] })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => anomalyScores([1, 2], { timestamps: [2, 1] })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => anomalyScores('1,2' as unknown as number[])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(anomalyScores([])).toEqual([]);
  });
});
