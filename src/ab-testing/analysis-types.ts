/**
 * Plain-data results of the A/B framework (they cross the worker boundary: numbers, strings,
 * arrays, null; never NaN-as-meaning, Maps or class instances: a number that cannot be computed
 * is null).
 */
import type { ABGroup } from './ABTestConfig.js';
import type { AdjustedAlwaysValid } from './adjusted-confidence-sequence.js';
import type { AlwaysValidAnalysis, DecisionRule, DurationQuantileAnalysis, SequentialSampleRatio, VarianceReductionAnalysis } from './extended-types.js';
import type { Interval } from './interval.js';
import type { ABWarningCode } from './analysis-warnings.js';
import type { TTestStatus } from '../stats/two-sample-t-test.js';

export type { Interval };
import type { HealthCheckAnalysis } from './health-checks.js';
import type { RatioMetricsAnalysis } from './ratio-metrics.js';
import type { SegmentAnalysis } from './segments.js';

/** Upstream's per-group metrics (`_calculate_group_metrics`) in camelCase. */
export interface GroupMetrics {
  /** Outcomes (not users) recorded for assigned users of the group. */
  sampleSize: number;
  /** Completed outcomes / outcomes; null without outcomes (upstream: 0.0). */
  completionRate: number | null;
  /** Mean of known durations; null when none (upstream: 0.0). */
  avgDurationSeconds: number | null;
  /** Mean of given ratings; null when none (upstream: 0.0). */
  avgUserRating: number | null;
}

/** A two-sample t-test, compared as scipy's `ttest_ind(control, treatment)` (statistic = control − treatment). */
export interface TTestSummary {
  method: 'student' | 'welch';
  /** 'ok', 'insufficient_data' (a group with < 2 observations) or 'zero_variance'. */
  status: TTestStatus;
  /** (mean_control − mean_treatment) / SE, as scipy and the goldens' `reference`. */
  statistic: number | null;
  df: number | null;
  /** Two-sided p-value. */
  pValue: number | null;
}

/** Outcome-level analysis: every outcome an independent 0/1 observation (upstream's assumption). */
export interface OutcomeLevelAnalysis {
  /** Student t on 0/1 completion: upstream's test (its p is `pValue` of the analysis). */
  student: TTestSummary;
  /** Welch t on 0/1 completion. */
  welch: TTestSummary;
  /** treatment − control completion rate, Welch CI. */
  difference: Interval;
  /** treatment / control − 1 of the completion rate, delta-method CI. */
  relativeLift: Interval;
}

/** User-level analysis: each user's completion rate is one observation (users are the randomisation unit). */
export interface UserLevelAnalysis {
  controlUsers: number;
  treatmentUsers: number;
  /** Mean of per-user completion rates. */
  controlMeanRate: number | null;
  treatmentMeanRate: number | null;
  /** Welch t across users (the goldens' `aux_user_level_welch`). */
  welch: TTestSummary;
  /** treatment − control mean per-user rate, Welch CI. */
  difference: Interval;
  /** treatment / control − 1 of the mean per-user rate, delta-method CI. */
  relativeLift: Interval;
}

/** Always-valid sequential test: normal-mixture mSPRT (Johari, Koomen, Pekelis & Walsh, KDD 2017). */
export interface SequentialAnalysis {
  method: 'mSPRT normal mixture (Johari et al. 2017), user-level, one look per UTC day of recorded_at';
  /** Always-valid p-value: running minimum of 1/Λ over the daily looks; valid however often you look. */
  pValue: number;
  /** Number of daily looks (days with outcomes). */
  looks: number;
  /** Standard deviation τ of the normal mixing distribution of the effect (absolute completion rate). */
  mixtureSd: number;
  /** Day (YYYY-MM-DD) of the look that reached the p-value, null if none went below 1. */
  decidedOn: string | null;
}

/** Beta-Binomial comparison of completion, with counts deflated by the design effect of user clustering. */
export interface BayesianAnalysis {
  /** P(treatment rate > control rate | data), uniform Beta(1, 1) priors. */
  chanceToBeatControl: number | null;
  /** E[max(control − treatment, 0)]: completion rate expected to be lost by shipping treatment. */
  expectedLossShipTreatment: number | null;
  /** E[max(treatment − control, 0)]: expected loss of keeping control. */
  expectedLossKeepControl: number | null;
  /** Cluster-robust variance / binomial variance of each group's pooled rate (≥ 1); outcomes are divided by it. */
  designEffect: { control: number | null; treatment: number | null };
  /** Effective (rounded) trials per group after the design effect. */
  effectiveSampleSize: { control: number; treatment: number };
}

/** A secondary metric compared across users, Holm-corrected over the secondary family. */
export interface SecondaryMetric {
  metric: 'avg_duration_seconds' | 'avg_user_rating';
  /** true for duration: a decrease is an improvement. */
  lowerIsBetter: boolean;
  controlUsers: number;
  treatmentUsers: number;
  /** Mean over users of each user's mean. */
  controlMean: number | null;
  treatmentMean: number | null;
  /** treatment − control, Welch CI. */
  difference: Interval;
  welch: TTestSummary;
  /** Holm-adjusted p over the secondary metrics. */
  holmPValue: number | null;
  significant: boolean;
}

/** Sample ratio mismatch on assigned users. */
export interface SampleRatioCheck {
  controlUsers: number;
  treatmentUsers: number;
  expectedControlShare: number;
  statistic: number | null;
  pValue: number | null;
  /** p < 0.001: the split is not what the ratio promises; do not trust the effect. */
  mismatch: boolean;
}

/** What the current sample can detect (normal approximation on the user-level standard error). */
export interface PowerAtCurrentSample {
  alpha: number;
  targetPower: number;
  /** Smallest absolute completion-rate change detectable at `targetPower` with the users so far. */
  minimumDetectableEffect: number | null;
  /** The absolute change the power below is for (option `plannedEffect`, default 0.05). */
  plannedEffect: number;
  /** Power to detect `plannedEffect` with the users so far. */
  powerReached: number | null;
}

/** The decision this library recommends (see `verdictBasis`). */
export type RecommendedDecision = 'ship_treatment' | 'keep_control' | 'no_significant_difference' | 'insufficient_data' | 'check_assignment' | 'blocked_by_guardrail';

/**
 * Result of `analyzeResults`. The first fields are session-buddy's `ABTestAnalysisResult` in
 * camelCase (`pValue` is upstream's misnamed `statistical_significance`: the Student t p-value
 * on per-outcome 0/1 completion, 1.0 below the minimum sample); `winner` and `recommendation`
 * follow upstream's rule exactly, for parity. The trustworthy verdict is `recommendedDecision`,
 * and `verdictBasis` says what it rests on.
 */
export interface ABTestAnalysis {
  testId: number;
  testName: string;
  status: string;
  controlMetrics: GroupMetrics;
  treatmentMetrics: GroupMetrics;
  /** session-buddy's `statistical_significance`: Student t p on per-outcome completion (1 below minSampleSize; null when not computable). */
  pValue: number | null;
  /** session-buddy's rule: p < 0.05 on the outcome-level Student test, direction of completion rates. */
  winner: ABGroup | 'inconclusive';
  /** session-buddy's recommendation text. */
  recommendation: string;
  minSampleSize: number;
  /** Both groups have at least minSampleSize outcomes (upstream's condition for testing). */
  minSampleReached: boolean;
  outcomeLevel: OutcomeLevelAnalysis;
  userLevel: UserLevelAnalysis;
  sequential: SequentialAnalysis;
  bayesian: BayesianAnalysis;
  secondaryMetrics: SecondaryMetric[];
  sampleRatio: SampleRatioCheck;
  power: PowerAtCurrentSample;
  /** Regression-adjusted (CUPED / post-stratified) user-level completion analysis, or the unadjusted one, labelled. */
  varianceReduction: VarianceReductionAnalysis;
  /** Always-valid p-values and confidence sequences of completion, duration and rating over the daily looks. */
  alwaysValid: AlwaysValidAnalysis;
  /** Goals (multiplicity-adjusted) and guardrails (non-inferiority) the decision follows. */
  decisionRule: DecisionRule;
  /** Median and p90 of duration with user-cluster bootstrap CIs. */
  durationQuantiles: DurationQuantileAnalysis;
  /** Sample-ratio check valid at every assignment. */
  sequentialSampleRatio: SequentialSampleRatio;
  /** Completion rate and mean duration (raw and capped) per outcome, with users as units (delta method), CUPED and Fieller lift intervals. */
  ratioMetrics: RatioMetricsAnalysis;
  /** Effect per skill, workflow phase and source file, each vs the rest (Welch, Holm), flagged when different. */
  segments: SegmentAnalysis;
  /** The regression-adjusted confidence sequence of completion the decision rests on (when available). */
  adjustedAlwaysValid: AdjustedAlwaysValid;
  /** Coded health checks with counts (unassigned users' outcomes, users in both groups, outcomes before assignment, activity after the stop). */
  healthChecks: HealthCheckAnalysis;
  recommendedDecision: RecommendedDecision;
  /** Plain statement of which analysis the decision rests on and why. */
  verdictBasis: string;
  /** Things to know before acting (SRM, thin data, disagreement between analyses). */
  warnings: string[];
  /** The warnings' codes, in the same order as `warnings`. */
  warningCodes: ABWarningCode[];
}
