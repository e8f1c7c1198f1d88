/**
 * Plain-data results of the analyses beyond the best engines' defaults: variance reduction,
 * always-valid intervals, goals and guardrails, duration quantiles, the sequential sample-ratio
 * check. Numbers that cannot be computed are null.
 */
import type { Interval } from './interval.js';

/** A metric of an A/B test, as session-buddy names them in `ab_test_configs.metrics`. */
export type ABMetric = 'completion_rate' | 'avg_duration_seconds' | 'avg_user_rating';

/** Where the pre-assignment history of users came from. */
export type HistorySource = 'earlier_tests' | 'sessions' | 'earlier_tests_and_sessions' | 'none';

/** Variance-reduced (regression-adjusted) user-level completion analysis. */
export interface VarianceReductionAnalysis {
  /** false: nothing to adjust on (or no per-user data); the figures are then the unadjusted user-level Welch ones. */
  adjusted: boolean;
  /** Plain statement of the method and covariates, or why there was nothing to adjust on. */
  method: string;
  /** Covariates used, e.g. ['skill_mix_expected_rate', 'prior_completion_rate', 'has_prior_history']. */
  covariates: string[];
  /** θ per covariate used (pooled within-group least squares). */
  theta: number[];
  /** Users with pre-assignment history, and where it came from. */
  usersWithHistory: number;
  historySource: HistorySource;
  /** Adjusted treatment − control of the mean per-user completion rate, Welch CI on adjusted values. */
  difference: Interval;
  /** Adjusted treatment / control − 1, delta-method CI on adjusted means. */
  relativeLift: Interval;
  /** Two-sided Welch p on the adjusted values. */
  pValue: number | null;
  /** Standard error of the difference before and after the adjustment. */
  standardErrorBefore: number | null;
  standardErrorAfter: number | null;
  /** 1 − SE_after² / SE_before²: the share of the variance removed (negative: the adjustment cost precision). */
  varianceReduction: number | null;
  /** Width of the (1 − α) CI of the difference before and after. */
  ciWidthBefore: number | null;
  ciWidthAfter: number | null;
  /** Chi-square test of independence of skill × group on outcomes: a small p means treatment changed which skills were used, and the skill covariate is then suspect. */
  skillMixPValue: number | null;
}

/** Always-valid (confidence-sequence) figures of one metric over the daily looks. */
export interface AlwaysValidMetric {
  metric: ABMetric;
  /** true for duration. */
  lowerIsBetter: boolean;
  /** τ of the normal mixture on the metric's absolute scale. */
  mixtureSd: number;
  /** mSPRT always-valid p-value (for completion_rate: equal to `sequential.pValue`). */
  pValue: number;
  looks: number;
  /** Estimate at the last look; the interval is the running intersection of the confidence sequence. */
  difference: Interval;
  /** Relative lift at the last look with its confidence sequence (delta method, τ / control mean). */
  relativeLift: Interval;
}

/** Confidence sequences of the metrics. */
export interface AlwaysValidAnalysis {
  method: string;
  metrics: AlwaysValidMetric[];
}

/** One goal metric of the decision. */
export interface GoalResult {
  metric: ABMetric;
  lowerIsBetter: boolean;
  /** Always-valid p-value of the metric. */
  pValue: number;
  /** After Holm or Benjamini-Hochberg across the goal metrics. */
  adjustedPValue: number;
  /** 'better' / 'worse': significant after adjustment, in that direction for the product; 'none' otherwise. */
  outcome: 'better' | 'worse' | 'none';
}

/** One guardrail metric with a non-inferiority margin on its relative change. */
export interface GuardrailResult {
  metric: ABMetric;
  lowerIsBetter: boolean;
  /** Largest tolerated relative harm (0.05: duration may rise 5 %, rating may fall 5 %). */
  margin: number;
  /** Relative change treatment / control − 1 with its always-valid interval. */
  relativeChange: Interval;
  /** pass: non-inferiority shown (the harm side of the interval is within the margin); fail: harm shown (the interval lies wholly on the harm side of 0) and non-inferiority not shown; inconclusive otherwise. */
  status: 'pass' | 'fail' | 'inconclusive';
  reason: string;
}

/** The rule the recommended decision follows. */
export interface DecisionRule {
  goalMetrics: ABMetric[];
  correction: 'holm' | 'bh';
  goals: GoalResult[];
  guardrails: GuardrailResult[];
  /** Ships only when a goal is better, none is worse, and no guardrail fails. */
  ship: boolean;
}

/** Median or p90 of duration per group with a user-cluster bootstrap CI of the difference. */
export interface DurationQuantile {
  q: number;
  controlSeconds: number | null;
  treatmentSeconds: number | null;
  /** treatment − control, seconds. */
  difference: Interval;
  /** treatment / control − 1. */
  relativeDifference: Interval;
  resamples: number;
}

/** Quantile tests on duration. */
export interface DurationQuantileAnalysis {
  method: string;
  /** false when the per-outcome durations were not available. */
  available: boolean;
  quantiles: DurationQuantile[];
}

/** Sequential sample-ratio check over the assignments in the order they were made. */
export interface SequentialSampleRatio {
  method: string;
  available: boolean;
  pValue: number | null;
  looks: number;
  concentration: number;
  /** Assignment (1-based) at which p first fell below the SRM threshold, or null. */
  mismatchAtAssignment: number | null;
  mismatch: boolean;
}
