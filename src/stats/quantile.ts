/**
 * Sample quantiles and a user-cluster bootstrap confidence interval for the difference of a
 * quantile between two groups. Quantiles use linear interpolation between order statistics
 * (Hyndman & Fan 1996 type 7: numpy's and R's default). The bootstrap resamples whole users
 * (clusters) within each group, because a user's outcomes are correlated; the interval is the
 * percentile interval of the bootstrap differences (Efron & Tibshirani 1993, §13.3).
 */
import { mulberry32 } from './random.js';
import { invalidArgument, requireOpenUnit } from './validate.js';

/**
 * Type-7 quantile of sorted values (numpy.quantile's default).
 * @param sorted values in ascending order (non-empty)
 * @param q probability in [0, 1]
 * @returns the interpolated quantile (NaN for an empty array)
 * @throws AnalyticsError INVALID_ARGUMENT when q is outside [0, 1]
 * @example
 * quantileSorted([1, 2, 3, 4], 0.9) // 3.7 (numpy.quantile([1, 2, 3, 4], 0.9))
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 1)) invalidArgument('quantileSorted', `q must lie in [0, 1] (got ${String(q)})`);
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Values of one user (a cluster). */
export type Cluster = readonly number[];

/** Result of {@link clusterBootstrapQuantileDifference}. */
export interface QuantileDifferenceResult {
  readonly status: 'ok' | 'insufficient_data';
  readonly q: number;
  readonly controlQuantile: number;
  readonly treatmentQuantile: number;
  /** treatment − control */
  readonly difference: number;
  /** treatment / control − 1 */
  readonly relativeDifference: number;
  /** percentile bootstrap interval of the difference */
  readonly ci: readonly [number, number];
  /** percentile bootstrap interval of the relative difference */
  readonly relativeCi: readonly [number, number];
  readonly confidenceLevel: number;
  readonly resamples: number;
}

function pooledSorted(clusters: readonly Cluster[], pick: (i: number) => number): Float64Array {
  const chosen = clusters.map((_, i) => clusters[pick(i)]);
  let size = 0;
  for (const u of chosen) size += u.length;
  const out = new Float64Array(size);
  let at = 0;
  for (const u of chosen) for (const v of u) out[at++] = v;
  return out.sort();
}

/** Pooled values in ascending order with the index of the user each came from. */
function sortedWithOwners(clusters: readonly Cluster[]): { values: Float64Array; owners: Int32Array } {
  const pairs: [number, number][] = [];
  clusters.forEach((u, i) => {
    for (const v of u) pairs.push([v, i]);
  });
  pairs.sort((a, b) => a[0] - b[0]);
  return { values: Float64Array.from(pairs, (p) => p[0]), owners: Int32Array.from(pairs, (p) => p[1]) };
}

/** Type-7 quantile of the multiset where value k appears counts[owners[k]] times (equal to sorting the resample). */
function weightedQuantile(sorted: { values: Float64Array; owners: Int32Array }, counts: Int32Array, q: number): number {
  let total = 0;
  for (let k = 0; k < sorted.owners.length; k++) total += counts[sorted.owners[k]];
  if (total === 0) return NaN;
  const h = (total - 1) * q;
  const lo = Math.floor(h);
  let seen = 0;
  let low = NaN;
  for (let k = 0; k < sorted.values.length; k++) {
    const m = counts[sorted.owners[k]];
    if (m === 0) continue;
    if (Number.isNaN(low) && lo < seen + m) {
      low = sorted.values[k];
      if (lo + 1 < seen + m || h === lo) return low + (h - lo) * (sorted.values[k] - low);
    } else if (!Number.isNaN(low)) {
      return low + (h - lo) * (sorted.values[k] - low);
    }
    seen += m;
  }
  return low;
}

/**
 * Quantiles qs of treatment minus control with user-cluster percentile bootstrap intervals (one
 * set of resamples serves every q).
 * @param control control users, each the array of their values
 * @param treatment treatment users, each the array of their values
 * @param qs probabilities (0.5 = median, 0.9 = p90)
 * @param options alpha (0.05), resamples (2000), seed (1) of the mulberry32 generator
 * @returns per q both quantiles, their difference and relative difference with percentile intervals
 * @throws AnalyticsError INVALID_ARGUMENT for a q outside [0, 1], alpha outside (0, 1), resamples < 100
 * @example
 * clusterBootstrapQuantileDifferences([[10, 12], [30]], [[11], [20, 40]], [0.5])[0].difference // 8 (20 − 12)
 */
export function clusterBootstrapQuantileDifferences(
  control: readonly Cluster[],
  treatment: readonly Cluster[],
  qs: readonly number[],
  options: { alpha?: number; resamples?: number; seed?: number } = {},
): QuantileDifferenceResult[] {
  const fn = 'clusterBootstrapQuantileDifferences';
  const { alpha = 0.05, resamples = 2000, seed = 1 } = options;
  for (const q of qs) if (!(q >= 0 && q <= 1)) invalidArgument(fn, `each q must lie in [0, 1] (got ${String(q)})`);
  requireOpenUnit(fn, 'alpha', alpha);
  if (!Number.isInteger(resamples) || resamples < 100) invalidArgument(fn, `resamples must be a whole number ≥ 100 (got ${String(resamples)})`);
  const c = control.filter((u) => u.length > 0);
  const t = treatment.filter((u) => u.length > 0);
  const sc = pooledSorted(c, (i) => i);
  const st = pooledSorted(t, (i) => i);
  const thin = c.length < 2 || t.length < 2;
  const diffs = qs.map(() => new Float64Array(thin ? 0 : resamples));
  const rels = qs.map(() => new Float64Array(thin ? 0 : resamples));
  if (!thin) {
    // A resample repeats each user's values as often as the user is drawn: its sorted values are
    // the pooled sorted values, each repeated by its user's count, so no resample is sorted.
    const oc = sortedWithOwners(c);
    const ot = sortedWithOwners(t);
    const countsC = new Int32Array(c.length);
    const countsT = new Int32Array(t.length);
    const rand = mulberry32(seed);
    for (let b = 0; b < resamples; b++) {
      countsC.fill(0);
      countsT.fill(0);
      for (let i = 0; i < c.length; i++) countsC[Math.floor(rand() * c.length)]++;
      for (let i = 0; i < t.length; i++) countsT[Math.floor(rand() * t.length)]++;
      qs.forEach((q, j) => {
        const qc = weightedQuantile(oc, countsC, q);
        const qt = weightedQuantile(ot, countsT, q);
        diffs[j][b] = qt - qc;
        rels[j][b] = qt / qc - 1;
      });
    }
  }
  const lo = alpha / 2;
  const hi = 1 - alpha / 2;
  return qs.map((q, j) => {
    const cq = quantileSorted(sc, q);
    const tq = quantileSorted(st, q);
    const d = diffs[j].sort();
    const r = rels[j].sort();
    return {
      status: thin ? ('insufficient_data' as const) : ('ok' as const),
      q,
      controlQuantile: cq,
      treatmentQuantile: tq,
      difference: tq - cq,
      relativeDifference: tq / cq - 1,
      ci: thin ? ([NaN, NaN] as const) : ([quantileSorted(d, lo), quantileSorted(d, hi)] as const),
      relativeCi: thin ? ([NaN, NaN] as const) : ([quantileSorted(r, lo), quantileSorted(r, hi)] as const),
      confidenceLevel: 1 - alpha,
      resamples,
    };
  });
}
