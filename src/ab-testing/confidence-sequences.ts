/**
 * Always-valid confidence intervals over the daily looks, for completion rate, duration and
 * rating: at the end of each UTC day with outcomes, each user's metric so far (completion rate,
 * mean duration, mean rating) is one observation, and the normal-mixture confidence sequence (the
 * dual of the mSPRT p-value in `sequential.ts`) is intersected with the previous looks'. The
 * relative lift gets the same boundary on its delta-method variance with τ / control mean.
 */
import { msprtNormalMixture, normalMixtureRadius, summaryFromSums, type SampleSummary } from '../stats/index.js';
import type { ABGroup } from './ABTestConfig.js';
import type { UserDayCounts } from './ab-queries.js';
import type { Interval } from './interval.js';
import type { ABMetric, AlwaysValidAnalysis, AlwaysValidMetric } from './extended-types.js';

/** Default τ per metric, on its absolute scale: 5 pp of completion, 5 seconds, a quarter star. */
export const DEFAULT_METRIC_MIXTURE_SD: Readonly<Record<ABMetric, number>> = { completion_rate: 0.05, avg_duration_seconds: 5, avg_user_rating: 0.25 };

const METRICS: readonly { metric: ABMetric; lowerIsBetter: boolean }[] = [
  { metric: 'completion_rate', lowerIsBetter: false },
  { metric: 'avg_duration_seconds', lowerIsBetter: true },
  { metric: 'avg_user_rating', lowerIsBetter: false },
];

const METHOD =
  'normal-mixture confidence sequence (dual of the mSPRT, Johari et al. 2017; Howard et al. 2021 eq. 14), user-level, ' +
  'one look per UTC day, running intersection over looks; relative lift by the delta method with τ / control mean';

interface UserAcc {
  n: number;
  k: number;
  dn: number;
  ds: number;
  rn: number;
  rs: number;
}

function userValue(metric: ABMetric, u: UserAcc): number | null {
  if (metric === 'completion_rate') return u.k / u.n;
  if (metric === 'avg_duration_seconds') return u.dn > 0 ? u.ds / u.dn : null;
  return u.rn > 0 ? u.rs / u.rn : null;
}

function summaryOf(metric: ABMetric, users: Map<string, UserAcc>): SampleSummary {
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (const u of users.values()) {
    const v = userValue(metric, u);
    if (v === null) continue;
    n++;
    sum += v;
    sumSq += v * v;
  }
  return summaryFromSums(n, sum, sumSq);
}

interface Track {
  p: number;
  dLow: number;
  dHigh: number;
  lLow: number;
  lHigh: number;
  last: { d: number; l: number } | null;
}

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * Always-valid p-values and confidence sequences of the three metrics over the daily looks.
 * @param rows per user and day counts ordered by day (from `selectUserDayCounts`)
 * @param mixtureSd τ per metric on its absolute scale (defaults {@link DEFAULT_METRIC_MIXTURE_SD})
 * @param alpha level: each sequence covers its true value at every look with probability ≥ 1 − alpha
 * @returns per metric the p-value, the estimate at the last look and the running-intersection intervals
 * @throws AnalyticsError INVALID_ARGUMENT for a non-positive τ or alpha outside (0, 1) (from the stats functions)
 * @example
 * alwaysValidIntervals(rows, DEFAULT_METRIC_MIXTURE_SD, 0.05).metrics[0].difference // { estimate: 0.086, ciLow: 0.012, ciHigh: 0.160, ... }
 */
export function alwaysValidIntervals(rows: readonly UserDayCounts[], mixtureSd: Readonly<Record<ABMetric, number>>, alpha: number): AlwaysValidAnalysis {
  const users: Record<ABGroup, Map<string, UserAcc>> = { control: new Map(), treatment: new Map() };
  const tracks = METRICS.map((): Track => ({ p: 1, dLow: -Infinity, dHigh: Infinity, lLow: -Infinity, lHigh: Infinity, last: null }));
  let looks = 0;
  let i = 0;
  while (i < rows.length) {
    const day = rows[i].day;
    for (; i < rows.length && rows[i].day === day; i++) {
      const r = rows[i];
      const map = users[r.group];
      if (!map) continue;
      const u = map.get(r.userId) ?? { n: 0, k: 0, dn: 0, ds: 0, rn: 0, rs: 0 };
      u.n += r.n;
      u.k += r.completed;
      u.dn += r.durationN ?? 0;
      u.ds += r.durationSum ?? 0;
      u.rn += r.ratingN ?? 0;
      u.rs += r.ratingSum ?? 0;
      map.set(r.userId, u);
    }
    looks++;
    METRICS.forEach(({ metric }, m) => look(tracks[m], summaryOf(metric, users.control), summaryOf(metric, users.treatment), mixtureSd[metric], alpha));
  }
  const interval = (estimate: number | undefined, low: number, high: number): Interval => ({
    estimate: estimate === undefined ? null : fin(estimate),
    ciLow: fin(low),
    ciHigh: fin(high),
    confidenceLevel: 1 - alpha,
  });
  return {
    method: METHOD,
    metrics: METRICS.map(({ metric, lowerIsBetter }, m): AlwaysValidMetric => {
      const t = tracks[m];
      return {
        metric,
        lowerIsBetter,
        mixtureSd: mixtureSd[metric],
        pValue: t.p,
        looks,
        difference: interval(t.last?.d, t.dLow, t.dHigh),
        relativeLift: interval(t.last?.l, t.lLow, t.lHigh),
      };
    }),
  };
}

function look(t: Track, c: SampleSummary, tr: SampleSummary, tau: number, alpha: number): void {
  const tau2 = tau * tau;
  const m = msprtNormalMixture({ control: c, treatment: tr, mixingVariance: tau2, previousPValue: t.p });
  t.p = m.pValue;
  if (m.status !== 'ok') return;
  const r = normalMixtureRadius(m.differenceVariance, tau2, alpha);
  t.dLow = Math.max(t.dLow, m.difference - r);
  t.dHigh = Math.min(t.dHigh, m.difference + r);
  const lift = tr.mean / c.mean - 1;
  t.last = { d: m.difference, l: lift };
  if (c.mean === 0) return;
  const mc = c.mean;
  const liftVariance = tr.variance / (tr.n * mc * mc) + (tr.mean * tr.mean * c.variance) / (c.n * mc ** 4);
  if (!(liftVariance > 0)) return;
  const rl = normalMixtureRadius(liftVariance, tau2 / (mc * mc), alpha);
  t.lLow = Math.max(t.lLow, lift - rl);
  t.lHigh = Math.min(t.lHigh, lift + rl);
}
