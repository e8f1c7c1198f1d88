/**
 * Variance reduction of the user-level completion comparison from what was known before each
 * outcome: post-stratification by skill (each user's expected completion from the skills their
 * outcomes were recorded for, at the pooled per-skill rates) and CUPED with the user's history
 * before assignment (outcomes in other tests recorded before the assignment; for a session-style
 * user id, its skill invocations before the assignment). Both enter one regression adjustment
 * (ANCOVA / CUPED with several covariates, `regressionAdjustment`). Nothing measured after the
 * user was assigned is used: the skill is the stratum of the outcome, not its result, and
 * history stops at `assigned_at`.
 */
import { chiSquareSurvival, regressionAdjustment, relativeLift, welchTTest, type AdjustmentUnit, type SampleSummary } from '../stats/index.js';
import type { ABGroup } from './ABTestConfig.js';
import type { UserHistory, UserSkillCounts } from './ab-queries.js';
import type { Interval } from './interval.js';
import type { HistorySource, VarianceReductionAnalysis } from './extended-types.js';

/** Per-user data the adjustment needs. */
export interface VarianceReductionInput {
  userSkills: readonly UserSkillCounts[];
  history: readonly UserHistory[];
}

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Users needed per covariate before the adjustment is applied. */
export const USERS_PER_COVARIATE = 20;

interface UserRow {
  group: ABGroup;
  n: number;
  k: number;
  expected: number;
  priorN: number;
  priorK: number;
}

function skillMixPValue(rows: readonly UserSkillCounts[]): number | null {
  const bySkill = new Map<string, { control: number; treatment: number }>();
  for (const r of rows) {
    const s = bySkill.get(r.skill) ?? { control: 0, treatment: 0 };
    s[r.group] += r.n;
    bySkill.set(r.skill, s);
  }
  if (bySkill.size < 2) return null;
  let nc = 0;
  let nt = 0;
  for (const s of bySkill.values()) {
    nc += s.control;
    nt += s.treatment;
  }
  const total = nc + nt;
  if (nc === 0 || nt === 0) return null;
  let stat = 0;
  for (const s of bySkill.values()) {
    const row = s.control + s.treatment;
    const ec = (row * nc) / total;
    const et = (row * nt) / total;
    stat += (s.control - ec) ** 2 / ec + (s.treatment - et) ** 2 / et;
  }
  return fin(chiSquareSurvival(stat, bySkill.size - 1));
}

function interval(estimate: number, ci: readonly [number, number], alpha: number): Interval {
  return { estimate: fin(estimate), ciLow: fin(ci[0]), ciHigh: fin(ci[1]), confidenceLevel: 1 - alpha };
}

/** Each user's pre-assignment covariates, as {@link varianceReduction} uses them. */
export interface UserCovariates {
  /** Covariate names, in column order. */
  names: string[];
  /** Per user: group, outcomes n, completions k, and the covariate values. */
  users: Map<string, { group: ABGroup; n: number; k: number; x: number[] }>;
  usersWithHistory: number;
  historySource: HistorySource;
}

/**
 * The covariates of the adjustment: the expected completion from the skills of the user's
 * outcomes (≥ 2 skills), the completion rate before assignment and whether there was any history.
 * @param input per user and skill counts, and each user's pre-assignment history
 * @returns covariate names and per-user values
 * @throws never
 * @example userCovariates({ userSkills, history }).names // ['skill_mix_expected_rate', 'prior_completion_rate', 'has_prior_history']
 */
export function userCovariates(input: VarianceReductionInput): UserCovariates {
  const skillTotals = new Map<string, { n: number; k: number }>();
  const users = new Map<string, UserRow>();
  for (const r of input.userSkills) {
    const s = skillTotals.get(r.skill) ?? { n: 0, k: 0 };
    s.n += r.n;
    s.k += r.completed;
    skillTotals.set(r.skill, s);
  }
  for (const r of input.userSkills) {
    const u = users.get(r.userId) ?? { group: r.group, n: 0, k: 0, expected: 0, priorN: 0, priorK: 0 };
    const s = skillTotals.get(r.skill) as { n: number; k: number };
    u.n += r.n;
    u.k += r.completed;
    u.expected += r.n * (s.k / s.n);
    users.set(r.userId, u);
  }
  let fromTests = 0;
  let fromSessions = 0;
  for (const h of input.history) {
    const u = users.get(h.userId);
    if (!u) continue;
    u.priorN = h.testOutcomes + h.invocations;
    u.priorK = h.testCompleted + h.invocationsCompleted;
    if (h.testOutcomes > 0) fromTests++;
    if (h.invocations > 0) fromSessions++;
  }
  const rows = [...users.values()];
  const withHistory = rows.filter((u) => u.priorN > 0);
  const historySource: HistorySource = fromTests && fromSessions ? 'earlier_tests_and_sessions' : fromTests ? 'earlier_tests' : fromSessions ? 'sessions' : 'none';
  const priorFill = withHistory.length ? withHistory.reduce((s, u) => s + u.priorK / u.priorN, 0) / withHistory.length : 0;

  const names: string[] = [];
  const columns: ((u: UserRow) => number)[] = [];
  if (skillTotals.size >= 2) {
    names.push('skill_mix_expected_rate');
    columns.push((u) => u.expected / u.n);
  }
  if (withHistory.length > 0) {
    names.push('prior_completion_rate', 'has_prior_history');
    columns.push(
      (u) => (u.priorN > 0 ? u.priorK / u.priorN : priorFill),
      (u) => (u.priorN > 0 ? 1 : 0),
    );
  }
  return {
    names,
    users: new Map([...users].map(([id, u]) => [id, { group: u.group, n: u.n, k: u.k, x: columns.map((f) => f(u)) }])),
    usersWithHistory: withHistory.length,
    historySource,
  };
}

/** Result of {@link adjustUnits}. */
export interface UnitAdjustment {
  fit: ReturnType<typeof regressionAdjustment>;
  /** Covariates not dropped as constant or collinear. */
  usable: string[];
  /** Covariates applied (empty below {@link USERS_PER_COVARIATE} users per covariate). */
  covariates: string[];
  theta: number[];
  adjusted: boolean;
  /** Adjusted summaries with the residual variance × (N − 2)/(N − 2 − p); the unadjusted ones when not adjusted. */
  adjustedControl: SampleSummary;
  adjustedTreatment: SampleSummary;
}

/**
 * CUPED / ANCOVA on per-user values with the library's rule: applied only with
 * {@link USERS_PER_COVARIATE} users per covariate, residual variance inflated by (N − 2)/(N − 2 − p).
 * @param units per user: group, value and covariates
 * @param names the covariates' names
 * @returns the fit and the (possibly) adjusted group summaries
 * @throws AnalyticsError INVALID_ARGUMENT for non-finite values (from regressionAdjustment)
 * @example adjustUnits(units, ['prior_completion_rate']).adjusted // true with ≥ 20 users
 */
export function adjustUnits(units: readonly AdjustmentUnit[], names: readonly string[]): UnitAdjustment {
  const fit = regressionAdjustment(units);
  const usable = names.filter((_, j) => fit.used[j]);
  // θ is estimated: with few users per covariate the residual variance is too small (day-1 false
  // positives of 13 % in the peeking simulation); adjust only with ≥ USERS_PER_COVARIATE users per covariate.
  const enough = units.length >= USERS_PER_COVARIATE * usable.length;
  const covariates = enough ? usable : [];
  const theta = enough ? fit.theta.filter((_, j) => fit.used[j]) : [];
  const adjusted = covariates.length > 0;
  // residual variance with p estimated coefficients: inflate by (N − 2)/(N − 2 − p), the OLS degrees-of-freedom correction
  const inflate = adjusted ? (units.length - 2) / (units.length - 2 - covariates.length) : 1;
  const scaled = (x: SampleSummary): SampleSummary => ({ n: x.n, mean: x.mean, variance: x.variance * inflate });
  return {
    fit,
    usable,
    covariates,
    theta,
    adjusted,
    adjustedControl: adjusted ? scaled(fit.adjustedControl) : fit.control,
    adjustedTreatment: adjusted ? scaled(fit.adjustedTreatment) : fit.treatment,
  };
}

/**
 * The regression-adjusted user-level completion analysis.
 * @param input per user and skill counts, and each user's pre-assignment history
 * @param alpha level of the CIs
 * @returns adjusted difference and lift with CIs, the variance reduction, and the method; unadjusted (labelled) when there is nothing to adjust on
 * @throws AnalyticsError INVALID_ARGUMENT only for alpha outside (0, 1) (from the stats functions)
 * @example
 * varianceReduction({ userSkills, history }, 0.05).varianceReduction // 0.41 on a file where skills differ in base rate
 */
export function varianceReduction(input: VarianceReductionInput, alpha: number): VarianceReductionAnalysis {
  const cov = userCovariates(input);
  const names = cov.names;
  const rows = [...cov.users.values()];
  const historySource = cov.historySource;
  const units: AdjustmentUnit[] = rows.map((u) => ({ treatment: u.group === 'treatment', y: u.k / u.n, x: u.x }));
  const { fit, usable, covariates, theta, adjusted, adjustedControl, adjustedTreatment } = adjustUnits(units, names);
  const before = welchTTest(fit.control, fit.treatment, { alpha });
  const after = adjusted ? welchTTest(adjustedControl, adjustedTreatment, { alpha }) : before;
  const [ac, at]: SampleSummary[] = [adjustedControl, adjustedTreatment];
  const lift = relativeLift(ac, at, alpha);
  const seB = before.standardError;
  const seA = after.standardError;
  const why =
    rows.length === 0
      ? 'unadjusted: no outcomes'
      : usable.length > 0
        ? `unadjusted (too few users: ${rows.length} for ${usable.length} covariate(s); the adjustment needs ${USERS_PER_COVARIATE} users per covariate)`
        : 'unadjusted (nothing to adjust on: outcomes of a single skill, and no user history before assignment — no earlier tests of these user ids, no sessions with these ids)';
  return {
    adjusted,
    method: adjusted
      ? `regression adjustment (CUPED / ANCOVA, pooled within-group θ) of each user's completion rate on ${covariates.join(', ')}; only pre-assignment information; residual variance × (N − 2)/(N − 2 − p)`
      : why,
    covariates,
    theta,
    usersWithHistory: cov.usersWithHistory,
    historySource,
    // welchTTest(control, treatment) gives control − treatment: negate, swap the CI
    difference: interval(-after.meanDifference, [-after.ci[1], -after.ci[0]], alpha),
    relativeLift: interval(lift.lift, lift.ci, alpha),
    pValue: fin(after.pValue),
    standardErrorBefore: fin(seB),
    standardErrorAfter: fin(seA),
    varianceReduction: fin(1 - (seA * seA) / (seB * seB)),
    ciWidthBefore: fin(before.ci[1] - before.ci[0]),
    ciWidthAfter: fin(after.ci[1] - after.ci[0]),
    skillMixPValue: skillMixPValue(input.userSkills),
  };
}
