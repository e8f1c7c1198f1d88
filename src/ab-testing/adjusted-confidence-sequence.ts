/**
 * Variance reduction inside the always-valid decision: a regression-adjusted confidence sequence
 * of the user-level completion difference. At each daily look the CUPED / ANCOVA estimate is
 * refitted on what is known by then (each user's skills and pre-assignment history, the covariates
 * of `varianceReduction`, θ pooled within groups, applied with ≥ 20 users per covariate, residual
 * variance × (N − 2)/(N − 2 − p)), and its variance s²_adj replaces the unadjusted s² in the
 * normal-mixture boundary: Λ = √(s²/(s² + τ²))·exp(τ²Δ̂²/(2s²(s² + τ²))), p = min over looks of
 * 1/Λ, the interval Δ̂ ± r(s², τ², α) intersected over looks (the plug-in approach of Lindon, Ham,
 * Tingley & Bojinov 2022, "Anytime-valid linear models and regression adjusted causal inference").
 * A look with too few users for the adjustment, or where the adjustment does not lower the
 * estimated variance, uses the unadjusted estimate.
 */
import { normalMixtureRadius, type SampleSummary } from '../stats/index.js';
import type { UserHistory, UserSkillCounts } from './ab-queries.js';
import type { Interval } from './interval.js';
import type { UserSkillDayCounts } from './segment-queries.js';
import { adjustUnits, userCovariates } from './variance-reduction.js';
import { dailyLooks } from './daily-looks.js';

/** `adjustedAlwaysValid` of the analysis: the completion-rate sequence the decision uses. */
export interface AdjustedAlwaysValid {
  method: string;
  /** false: no per-day skill counts were given (analysis from sufficient statistics); the decision then rests on the unadjusted sequence. */
  available: boolean;
  /** τ of the mixture (absolute completion rate). */
  mixtureSd: number;
  looks: number;
  /** Looks at which the adjustment was applied: enough users and a lower estimated variance (the others used the unadjusted estimate). */
  adjustedLooks: number;
  /** Covariates at the last adjusted look. */
  covariates: string[];
  /** Always-valid p of the adjusted estimates (running minimum of 1/Λ). */
  pValue: number;
  /** Adjusted estimate at the last look; the interval is the running intersection. */
  difference: Interval;
  /** Day (YYYY-MM-DD) of the first look with p < alpha, or null. */
  decidedOn: string | null;
}

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * The regression-adjusted confidence sequence of the completion difference over the daily looks.
 * @param rows per user, skill and day counts, ordered by day (undefined: not available)
 * @param history each user's pre-assignment history
 * @param mixtureSd τ of the normal mixture
 * @param alpha level
 * @returns the adjusted always-valid p, the running interval and the day of the decision
 * @throws AnalyticsError INVALID_ARGUMENT for non-finite values (from the stats functions)
 * @example adjustedConfidenceSequence(rows, history, 0.05, 0.05).pValue // 0.003
 */
export function adjustedConfidenceSequence(
  rows: readonly UserSkillDayCounts[] | undefined,
  history: readonly UserHistory[],
  mixtureSd: number,
  alpha: number,
): AdjustedAlwaysValid {
  const method =
    'regression-adjusted normal-mixture confidence sequence (CUPED refitted at each daily look on the covariates of varianceReduction; the adjusted variance in the mSPRT boundary; running intersection)';
  const level = 1 - alpha;
  if (!rows) {
    return {
      method,
      available: false,
      mixtureSd,
      looks: 0,
      adjustedLooks: 0,
      covariates: [],
      pValue: 1,
      difference: { estimate: null, ciLow: null, ciHigh: null, confidenceLevel: level },
      decidedOn: null,
    };
  }
  const tau2 = mixtureSd * mixtureSd;
  const cells = new Map<string, UserSkillCounts>();
  let p = 1;
  let low = -Infinity;
  let high = Infinity;
  let last: number | null = null;
  let looks = 0;
  let adjustedLooks = 0;
  let covariates: string[] = [];
  let decidedOn: string | null = null;
  for (const look of dailyLooks(rows)) {
    const day = look.day;
    for (const r of look.rows) {
      if (r.group !== 'control' && r.group !== 'treatment') continue;
      const key = `${r.userId}\u0000${r.skill}`;
      const c = cells.get(key) ?? { group: r.group, userId: r.userId, skill: r.skill, n: 0, completed: 0 };
      c.n += r.n;
      c.completed += r.completed;
      cells.set(key, c);
    }
    looks++;
    const cov = userCovariates({ userSkills: [...cells.values()], history });
    const units = [...cov.users.values()].map((u) => ({ treatment: u.group === 'treatment', y: u.k / u.n, x: u.x }));
    const a = units.length ? adjustUnits(units, cov.names) : null;
    if (!a) continue;
    const variance = (x: SampleSummary, y: SampleSummary) => x.variance / x.n + y.variance / y.n;
    // the adjustment is used at a look only when it lowers the estimated variance (else it costs its degrees of freedom)
    const useAdjusted = a.adjusted && variance(a.adjustedControl, a.adjustedTreatment) < variance(a.fit.control, a.fit.treatment);
    const c = useAdjusted ? a.adjustedControl : a.fit.control;
    const t = useAdjusted ? a.adjustedTreatment : a.fit.treatment;
    if (c.n < 2 || t.n < 2) continue;
    const s2 = variance(c, t);
    if (!(s2 > 0)) continue;
    if (useAdjusted) {
      adjustedLooks++;
      covariates = a.covariates;
    }
    const d = t.mean - c.mean;
    last = d;
    const logLambda = 0.5 * Math.log(s2 / (s2 + tau2)) + (tau2 * d * d) / (2 * s2 * (s2 + tau2));
    p = Math.min(p, 1, Math.exp(-logLambda));
    const r = normalMixtureRadius(s2, tau2, alpha);
    low = Math.max(low, d - r);
    high = Math.min(high, d + r);
    if (decidedOn === null && p < alpha) decidedOn = day;
  }
  return {
    method,
    available: true,
    mixtureSd,
    looks,
    adjustedLooks,
    covariates,
    pValue: p,
    difference: { estimate: last === null ? null : fin(last), ciLow: fin(low), ciHigh: fin(high), confidenceLevel: level },
    decidedOn,
  };
}
