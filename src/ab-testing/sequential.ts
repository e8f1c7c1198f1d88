/**
 * Always-valid p-value over daily looks: at the end of each UTC day with outcomes, every user's
 * completion rate so far is one observation, and the normal-mixture mSPRT (Johari, Koomen, Pekelis
 * & Walsh, "Peeking at A/B Tests", KDD 2017) compares the groups' mean rates. The p-value is the
 * running minimum of 1/Λ over the looks, so analysing the test every day (or every hour) does not
 * inflate false positives the way repeated fixed-horizon t-tests do.
 */
import { msprtNormalMixture, summaryFromSums } from '../stats/index.js';
import type { ABGroup } from './ABTestConfig.js';
import type { UserDayCounts } from './ab-queries.js';
import type { SequentialAnalysis } from './analysis-types.js';

/** Default τ: plausible effects on completion are a few percentage points. */
export const DEFAULT_MIXTURE_SD = 0.05;

const METHOD = 'mSPRT normal mixture (Johari et al. 2017), user-level, one look per UTC day of recorded_at' as const;

/**
 * The always-valid p-value of the test from its per-user, per-day counts.
 * @param rows per user and day outcome counts, ordered by day (from `selectUserDayCounts`)
 * @param mixtureSd τ of the normal mixing distribution (absolute completion-rate scale), > 0
 * @returns the p-value, the number of looks and the day it was reached
 * @throws AnalyticsError INVALID_ARGUMENT when mixtureSd is not positive (from the mSPRT)
 * @example
 * sequentialPValue(rows, 0.05) // { pValue: 0.0071…, looks: 1, decidedOn: '2026-11-24', ... }
 */
export function sequentialPValue(rows: readonly UserDayCounts[], mixtureSd: number = DEFAULT_MIXTURE_SD): SequentialAnalysis {
  const users: Record<ABGroup, Map<string, { n: number; k: number }>> = { control: new Map(), treatment: new Map() };
  let pValue = 1;
  let looks = 0;
  let decidedOn: string | null = null;
  let i = 0;
  while (i < rows.length) {
    const day = rows[i].day;
    for (; i < rows.length && rows[i].day === day; i++) {
      const r = rows[i];
      const map = users[r.group];
      if (!map) continue;
      const u = map.get(r.userId);
      if (u) {
        u.n += r.n;
        u.k += r.completed;
      } else map.set(r.userId, { n: r.n, k: r.completed });
    }
    looks++;
    const look = msprtNormalMixture({
      control: rateSummary(users.control),
      treatment: rateSummary(users.treatment),
      mixingVariance: mixtureSd * mixtureSd,
      previousPValue: pValue,
    });
    if (look.pValue < pValue) {
      pValue = look.pValue;
      decidedOn = day;
    }
  }
  return { method: METHOD, pValue, looks, mixtureSd, decidedOn };
}

function rateSummary(map: Map<string, { n: number; k: number }>) {
  let sum = 0;
  let sumSq = 0;
  for (const { n, k } of map.values()) {
    const rate = k / n;
    sum += rate;
    sumSq += rate * rate;
  }
  return summaryFromSums(map.size, sum, sumSq);
}
