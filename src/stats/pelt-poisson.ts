/**
 * Changes in the level of a count series with a multiplicative rhythm (a weekly pattern of daily
 * counts): count_t ~ Poisson(a_segment · g_phase), both factors fitted jointly, PELT on the exact
 * Poisson likelihood. Given the rhythm g, a segment's cost is −2 · Y log(Y / Γ) (Y = Σ counts,
 * Γ = Σ g over the segment; the terms that do not depend on the segmentation dropped), divided by the
 * dispersion φ ≥ 1 (quasi-Poisson: the Pearson residuals' variance with the same AR(1) long-run
 * factor as `dependentNoiseSigma`), so the penalty stays in χ² units. Given the segmentation, the
 * factors are the Poisson maximum likelihood of the two-way model (iterative proportional fitting of
 * the segment and phase totals). Segmentation, rhythm and φ are re-estimated until a segmentation
 * repeats, starting from one segment. A halving changes the weekend gap of √counts by √2, which an
 * additive rhythm on the √ scale cannot follow; here it is the model.
 */
import { peltSearch } from './pelt.js';
import { dependentNoiseSigma } from './changepoints.js';

/** Options of {@link poissonRhythmChangepoints}. */
export interface PoissonRhythmOptions {
  /** Cost per change, χ² units. */
  penalty: number;
  /** Fewest values in a segment. */
  minSegment: number;
}

/** One change found by {@link poissonRhythmChangepoints}. */
export interface PoissonShift {
  /** Index of the first value after the change. */
  index: number;
  /** Segment levels before / after (counts per step at the mean rhythm). */
  before: number;
  after: number;
  /** Cost saved by the split (χ² units, over φ). */
  costGain: number;
  /** (after − before) / its standard error (√(φ a / Γ) per segment). */
  zScore: number;
}

/** What {@link poissonRhythmChangepoints} returns. */
export interface PoissonRhythmFit {
  changes: PoissonShift[];
  segmentStarts: number[];
  /** Multiplicative rhythm per phase, mean 1. */
  rhythm: number[];
  /** Dispersion φ (≥ 1). */
  dispersion: number;
}

/** At most this many re-estimations (the segmentation usually repeats after 2–3). */
const MAX_PASSES = 20;

/** Sweeps of iterative proportional fitting (converges geometrically). */
const MAX_IPF_SWEEPS = 200;

const xlogx = (y: number, g: number): number => (y > 0 ? y * Math.log(y / g) : 0);

/**
 * Poisson maximum likelihood of a_segment · g_phase by iterative proportional fitting (the fitted
 * means' segment and phase totals equal the counts').
 * @param counts counts ≥ 0
 * @param phase each count's phase
 * @param period number of phases
 * @param bounds segment bounds (0, starts …, n)
 * @returns segment levels (at the mean rhythm) and the rhythm (mean 1 over phases)
 * @example poissonRhythmFactors([2, 4, 4, 8], [0, 1, 0, 1], 2, [0, 2, 4]) // { levels: [3, 6], rhythm: [2/3, 4/3] }
 */
export function poissonRhythmFactors(counts: readonly number[], phase: readonly number[], period: number, bounds: readonly number[]): { levels: number[]; rhythm: number[] } {
  const g = new Array<number>(period).fill(1);
  const levels = new Array<number>(bounds.length - 1).fill(0);
  const phaseTotal = new Array<number>(period).fill(0);
  counts.forEach((c, i) => {
    phaseTotal[phase[i]] += c;
  });
  for (let sweep = 0; sweep < MAX_IPF_SWEEPS; sweep++) {
    for (let k = 0; k + 1 < bounds.length; k++) {
      let y = 0;
      let e = 0;
      for (let i = bounds[k]; i < bounds[k + 1]; i++) {
        y += counts[i];
        e += g[phase[i]];
      }
      levels[k] = y / e;
    }
    const exposure = new Array<number>(period).fill(0);
    for (let k = 0; k + 1 < bounds.length; k++) for (let i = bounds[k]; i < bounds[k + 1]; i++) exposure[phase[i]] += levels[k];
    let moved = 0;
    for (let j = 0; j < period; j++) {
      const next = exposure[j] > 0 ? phaseTotal[j] / exposure[j] : 1;
      moved = Math.max(moved, Math.abs(next - g[j]));
      g[j] = next;
    }
    if (moved < 1e-10) break;
  }
  const mean = g.reduce((a, b) => a + b, 0) / period;
  return { levels: levels.map((a) => a * mean), rhythm: g.map((v) => v / mean) };
}

/**
 * Segments counts whose rhythm is a factor of the level.
 * @param counts counts ≥ 0 in time order
 * @param phase each count's place in the rhythm (0 … period − 1)
 * @param options penalty (χ² units), minSegment
 * @returns the changes, the segmentation, the rhythm and the dispersion; no change for fewer than 2 · minSegment values or no counts
 * @example poissonRhythmChangepoints([9, 11, 10, 9, 11, 10, 30, 29, 31, 30, 28, 32], new Array(12).fill(0), { penalty: 7.5, minSegment: 3 }).segmentStarts // [0, 6]
 */
export function poissonRhythmChangepoints(counts: readonly number[], phase: readonly number[], options: PoissonRhythmOptions): PoissonRhythmFit {
  const n = counts.length;
  const period = Math.max(0, ...phase) + 1;
  const { penalty, minSegment } = options;
  let starts = [0];
  let fit = poissonRhythmFactors(counts, phase, period, [0, n]);
  let dispersion = 1;
  if (n < 2 * minSegment || counts.every((c) => c === 0)) return { changes: [], segmentStarts: n ? [0] : [], rhythm: fit.rhythm, dispersion };
  const Y = new Float64Array(n + 1);
  const G = new Float64Array(n + 1);
  const seen = new Set<string>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const bounds = [...starts, n];
    // Pearson residuals around the current fit → dispersion with the AR(1) long-run factor, at least 1
    const r: number[] = [];
    for (let k = 0; k + 1 < bounds.length; k++)
      for (let i = bounds[k]; i < bounds[k + 1]; i++) {
        const mu = fit.levels[k] * fit.rhythm[phase[i]];
        r.push(mu > 0 ? (counts[i] - mu) / Math.sqrt(mu) : 0);
      }
    // the first pass (one segment) without the AR(1) factor, as `changepoints` starts from the SD: a step's residuals are dependent
    dispersion = Math.max(1, pass === 0 ? r.reduce((a, v) => a + v * v, 0) / Math.max(1, n - 1) : dependentNoiseSigma(r, new Array<number>(n).fill(1), starts).sigma ** 2);
    for (let i = 0; i < n; i++) {
      Y[i + 1] = Y[i] + counts[i];
      G[i + 1] = G[i] + fit.rhythm[phase[i]];
    }
    const phi = dispersion;
    const cost = (a: number, b: number): number => (-2 * xlogx(Y[b] - Y[a], G[b] - G[a])) / phi;
    const next = peltSearch(n, minSegment, penalty, cost).segmentStarts;
    const key = next.join(',');
    starts = next;
    fit = poissonRhythmFactors(counts, phase, period, [...starts, n]);
    if (seen.has(key)) break;
    seen.add(key);
  }
  // describe at the final rhythm and dispersion
  for (let i = 0; i < n; i++) G[i + 1] = G[i] + fit.rhythm[phase[i]];
  const cost = (a: number, b: number): number => (-2 * xlogx(Y[b] - Y[a], G[b] - G[a])) / dispersion;
  const bounds = [...starts, n];
  const changes = starts.slice(1).map((b, k): PoissonShift => {
    const [a, c] = [bounds[k], bounds[k + 2]];
    const before = (Y[b] - Y[a]) / (G[b] - G[a]);
    const after = (Y[c] - Y[b]) / (G[c] - G[b]);
    const se = Math.sqrt(dispersion * (before / (G[b] - G[a]) + after / (G[c] - G[b])));
    return { index: b, before, after, costGain: cost(a, c) - cost(a, b) - cost(b, c), zScore: se > 0 ? (after - before) / se : 0 };
  });
  return { changes, segmentStarts: starts, rhythm: fit.rhythm, dispersion };
}
