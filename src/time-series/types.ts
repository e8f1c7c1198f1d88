/**
 * Plain-data options and results of the time-series capability (structured-cloneable: they cross
 * the worker boundary). Field names are session-buddy's Python names in camelCase, except where
 * the Python name misleads (the trend's `confidence` is a p-value: `pValue`).
 */
import type { SourceScope } from '../engine/context.js';
import type { TimeInput } from '../engine/time.js';

export type { DailySource, HourlyColumns, HourlyMetrics, HourlySource, MissingValuePolicy, TimeSeriesMetric } from '../hourly/types.js';
import type { DailySource, MissingValuePolicy, TimeSeriesMetric } from '../hourly/types.js';

/** Options of `aggregateHourlyMetrics`. */
export interface HourlyOptions extends SourceScope {
  /** One skill; all skills when omitted. */
  skillName?: string;
  /** Window length in hours (default 24). */
  hours?: number;
  /** End of the window (default: the latest invocation in the file). */
  asOf?: TimeInput;
  /** Add the empty hours (count 0, rates null) so a chart is continuous (default false). */
  fill?: boolean;
}

/** Trend label; `insufficient_data` = fewer than 3 daily points, `invalid_metric` = unknown metric name. */
export type TrendLabel = 'improving' | 'declining' | 'stable' | 'insufficient_data' | 'invalid_metric';

/** One UTC calendar day of the trend window. */
export interface TrendPoint {
  /** `2026-11-20` */
  day: string;
  /** The day's metric value; null when it has no value (a day without any known duration). */
  value: number | null;
  /** Invocations of the skill that day (inside the window). */
  count: number;
  /**
   * Where the day's figures come from. Set on every point of `detectTrend` / `getMultiSkillTrends`;
   * absent only when `analyzeDailyTrend` is fed rows that carry no stored-hour information.
   * Stored hours add exactly to count and completion rate; a stored hour's average duration is
   * weighted by its estimated number of known durations (see `storedDurationWeight`).
   */
  source?: DailySource;
  /** Hours of the day taken from skill_time_series (0 when none); set together with `source`. */
  storedHours?: number;
}

/** Mann-Kendall test on the regressed daily values in time order. */
export interface MannKendallSummary {
  /** S = Σ sign(y_j − y_i), i < j */
  s: number;
  /** Kendall's tau-b (tie-adjusted); null for a constant series */
  tau: number | null;
  /** Two-sided p of the normal approximation with tie-corrected variance and continuity correction */
  pValue: number;
}

/** Theil-Sen slope (per day) with Sen's 95 % interval. */
export interface TheilSenSummary {
  slope: number;
  /** null when the tie-corrected variance is negative (many ties) */
  ci95: [number, number] | null;
}

/** Options of `detectTrend` (also accepted by `getMultiSkillTrends`, applied to every skill). */
export interface TrendOptions extends SourceScope {
  /** Default `'completion_rate'`; an unknown name gives a result labelled `invalid_metric`. */
  metric?: string;
  /** Window length in days (default 7). */
  windowDays?: number;
  /** End of the window (default: the latest invocation in the file). */
  asOf?: TimeInput;
  /** Drop the first / last day when the window covers only part of it (default false, as session-buddy). */
  excludePartialDays?: boolean;
  /** Days without a value (no known duration): `'zero'` (default, session-buddy) or `'skip'`. */
  missingValues?: MissingValuePolicy;
}

/**
 * Trend of one skill's daily metric over a window ending at asOf, by session-buddy's method (OLS of
 * the daily values on days since the first point; p < 0.05 and the slope's sign decide), plus
 * statistics that hold better on short noisy series (Mann-Kendall, Theil-Sen).
 * Differences from session-buddy's `TrendAnalysis`: `confidence` is named `pValue` (it always was
 * a p-value); numbers that cannot be computed are null where session-buddy answers 0.0 (slope,
 * pValue, start/end of a missing day, changePercent when the start is 0 or missing).
 */
export interface TrendAnalysis {
  skillName: string;
  /** The metric asked for (echoed even when invalid). */
  metric: string;
  trend: TrendLabel;
  /** OLS slope per day; null when insufficient_data / invalid_metric (session-buddy: 0.0). */
  slope: number | null;
  /** Two-sided p-value of the slope (t, n − 2 df): session-buddy's `confidence`; null when not computed (session-buddy: 1.0). */
  pValue: number | null;
  /** Value of the first regressed day; null when that day has no value (session-buddy: 0.0). */
  startValue: number | null;
  /** Value of the last regressed day; null when that day has no value (session-buddy: 0.0). */
  endValue: number | null;
  /** (end − start) / |start| · 100; null when start is 0 or either value is missing (session-buddy: 0.0 for start 0). */
  changePercent: number | null;
  rSquared: number | null;
  /** 95 % confidence interval of the OLS slope (t, n − 2 df). */
  slopeCi95: [number, number] | null;
  mannKendall: MannKendallSummary | null;
  theilSen: TheilSenSummary | null;
  /** Every UTC day of the window with invocations, in order (including days left out of the fit). */
  points: TrendPoint[];
  /** Days actually regressed (after excludePartialDays / missingValues). */
  regressedDays: number;
  /** Days scored as 0 because they had no value (missingValues = 'zero'). */
  imputedDays: number;
  /** The first point's day is only partly inside the window. */
  partialFirstDay: boolean;
  /** The last point's day is only partly inside the window. */
  partialLastDay: boolean;
  windowDays: number;
  /** Window start (inclusive, whole second) and end = asOf (inclusive, second resolution), ISO UTC; null when the file is empty and no asOf was given. */
  windowStart: string | null;
  asOf: string | null;
}

/** Options of `getMultiSkillTrends`. */
export interface MultiSkillTrendOptions extends TrendOptions {
  /** Skills with fewer invocations inside the window are left out (default 10). */
  minInvocations?: number;
}

/**
 * Anomaly scoring: session-buddy's z-score against the window, a robust hour-of-day baseline, or
 * the robust z of the MSTL remainder (trend and daily / weekly rhythm removed), or the causal
 * anomaly score (`anomalyScores`, measured on the Numenta Anomaly Benchmark: docs/anomalies.md).
 */
export type AnomalyMethod = 'zscore' | 'seasonal' | 'mstl' | 'score';

/** Options of `getAnomalyDetection`. */
export interface AnomalyOptions extends SourceScope {
  /** Default `'completion_rate'`. */
  metric?: TimeSeriesMetric;
  /** Hours analysed, ending at asOf (default 24). */
  windowHours?: number;
  /** |z| at or above this is an anomaly (default 2). */
  zThreshold?: number;
  asOf?: TimeInput;
  /** Default `'zscore'` (session-buddy's). */
  method?: AnomalyMethod;
  /** Hours without a duration (avg_duration_seconds): `'zero'` (default, session-buddy) or `'skip'`. Seasonal always skips. */
  missingValues?: MissingValuePolicy;
  /** Seasonal, mstl and score: days of history before the window used as its baseline (default 28). */
  baselineDays?: number;
  /** Seasonal only: fewest baseline values needed to score an hour (default 5). */
  minBaseline?: number;
}

/** An hour whose metric deviates from its baseline. */
export interface Anomaly {
  /** Start of the UTC hour, ISO with Z. */
  timestamp: string;
  skillName: string;
  metric: TimeSeriesMetric;
  /** The value scored (0 for an hour without duration under missingValues = 'zero', see `imputed`). */
  value: number;
  zScore: number;
  deviationType: 'high' | 'low';
  method: AnomalyMethod;
  /** zscore: mean of the window's hourly values; seasonal: median of the baseline; mstl: trend + seasonal (expected value); score: median of the earlier hours. */
  center: number;
  /** zscore: population standard deviation (numpy's np.std); seasonal: 1.4826 · MAD (or 1.2533 · mean absolute deviation when MAD = 0; for invocation_count at least √max(median, 1)); score: 1.4826 · MAD of the earlier hours (shown only; the score is calibrated to the series' own past). */
  scale: number;
  /** How many values the baseline had (mstl: hours decomposed). */
  baselineSize: number;
  /** The hour had no duration and was scored as 0 (session-buddy's behaviour). */
  imputed: boolean;
}

/** Options of `getTimeSeriesPlotData`. */
export interface PlotDataOptions extends SourceScope {
  metric?: TimeSeriesMetric;
  /** Default 168 (7 days). */
  hours?: number;
  asOf?: TimeInput;
  /** Anomaly marking (defaults as getAnomalyDetection). */
  method?: AnomalyMethod;
  zThreshold?: number;
}

/** A gap-filled hourly series ready for a chart; arrays are aligned by index. */
export interface TimeSeriesPlotData {
  skillName: string;
  metric: TimeSeriesMetric;
  /** Every UTC hour of the window, ISO with Z. */
  timestamps: string[];
  /** The metric per hour; null for an hour without a value (invocation_count: 0). */
  values: (number | null)[];
  invocationCounts: number[];
  /** True where the hour is an anomaly. */
  isAnomaly: boolean[];
  anomalies: Anomaly[];
  windowStart: string | null;
  asOf: string | null;
}
export type * from './seasonal-types.js';
