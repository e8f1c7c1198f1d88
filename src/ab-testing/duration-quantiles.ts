/**
 * Quantile tests on duration: the median and p90 of the outcomes' durations per group, and the
 * difference with a percentile bootstrap interval that resamples whole users (a user's durations
 * are correlated, so resampling outcomes would give too narrow intervals).
 */
import { clusterBootstrapQuantileDifferences } from '../stats/index.js';
import type { ABGroup } from './ABTestConfig.js';
import type { UserDuration } from './ab-queries.js';
import type { DurationQuantileAnalysis } from './extended-types.js';

/** The quantiles reported: median and p90. */
export const DURATION_QUANTILES = [0.5, 0.9] as const;

const METHOD = 'type-7 quantiles of outcome durations (numpy default); user-cluster percentile bootstrap, 2000 resamples, seed 1';

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * Median and p90 of duration per group with bootstrap CIs of the difference.
 * @param durations every known duration with its user and group (null: not available)
 * @param alpha level of the CIs
 * @returns the quantiles, differences and CIs; `available: false` without per-outcome durations
 * @throws AnalyticsError INVALID_ARGUMENT for alpha outside (0, 1)
 * @example
 * durationQuantiles(rows, 0.05).quantiles[0] // { q: 0.5, controlSeconds: 36.1, treatmentSeconds: 35.7, difference: {...}, ... }
 */
export function durationQuantiles(durations: readonly UserDuration[] | null, alpha: number): DurationQuantileAnalysis {
  if (durations === null) return { method: METHOD, available: false, quantiles: [] };
  const clusters: Record<ABGroup, Map<string, number[]>> = { control: new Map(), treatment: new Map() };
  for (const d of durations) {
    const m = clusters[d.group];
    if (!m) continue;
    const list = m.get(d.userId);
    if (list) list.push(d.duration);
    else m.set(d.userId, [d.duration]);
  }
  const results = clusterBootstrapQuantileDifferences([...clusters.control.values()], [...clusters.treatment.values()], DURATION_QUANTILES, { alpha, resamples: 2000, seed: 1 });
  const level = 1 - alpha;
  return {
    method: METHOD,
    available: true,
    quantiles: results.map((r) => ({
      q: r.q,
      controlSeconds: fin(r.controlQuantile),
      treatmentSeconds: fin(r.treatmentQuantile),
      difference: { estimate: fin(r.difference), ciLow: fin(r.ci[0]), ciHigh: fin(r.ci[1]), confidenceLevel: level },
      relativeDifference: { estimate: fin(r.relativeDifference), ciLow: fin(r.relativeCi[0]), ciHigh: fin(r.relativeCi[1]), confidenceLevel: level },
      resamples: r.resamples,
    })),
  };
}
