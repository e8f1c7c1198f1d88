/**
 * Plain-data options and results of decomposition, changepoints and forecasts (structured-cloneable).
 */
import type { SourceScope } from '../engine/context.js';
import type { TimeInput } from '../engine/time.js';
import type { TimeSeriesMetric } from '../hourly/types.js';

/** Thin data is a label, not an exception. */
export type SeriesStatus = 'ok' | 'insufficient_data';

/** Options of `decompose`. */
export interface DecomposeOptions extends SourceScope {
  /** Default `'invocation_count'`. */
  metric?: TimeSeriesMetric;
  /** Hours analysed, ending with the last complete hour before asOf (default 672 = 28 days). */
  hours?: number;
  asOf?: TimeInput;
  /** Robust STL fits (default true). */
  robust?: boolean;
  /** |robust z| of the remainder at or above this is an anomaly (default 3.5). */
  zThreshold?: number;
}

/** One seasonal component. */
export interface SeasonalComponent {
  /** Hours per cycle: 24 (daily) or 168 (weekly). */
  period: number;
  values: number[];
}

/** An hour whose remainder (after trend and daily / weekly rhythm) is unusual. */
export interface RemainderAnomaly {
  timestamp: string;
  value: number;
  /** trend + seasonal at that hour. */
  expected: number;
  remainder: number;
  /** remainder / scale (robust: 1.4826 · MAD of the remainder; counts: at least √max(expected, 1)). */
  zScore: number;
  deviationType: 'high' | 'low';
}

/** Result of `decompose`: value = trend + Σ seasonal + remainder at every hour. */
export interface Decomposition {
  skillName: string;
  metric: TimeSeriesMetric;
  status: SeriesStatus;
  /** Why the status is not ok, or which periods were dropped. */
  note: string | null;
  /** Every UTC hour analysed, ISO with Z. */
  timestamps: string[];
  /** The series decomposed (gaps of rates / durations filled by linear interpolation: see `imputed`). */
  values: number[];
  /** True where the hour had no value and was interpolated (never scored as an anomaly). */
  imputed: boolean[];
  trend: number[];
  /** Components of the periods the data can carry (a period needs more than two cycles). */
  seasonal: SeasonalComponent[];
  remainder: number[];
  /** Robustness weights of the last STL fit (0 = treated as an outlier). */
  weights: number[];
  /** Robust scale of the remainder (1.4826 · MAD). */
  remainderScale: number | null;
  anomalies: RemainderAnomaly[];
  windowStart: string | null;
  asOf: string | null;
}

/** Metric of a changepoint search. */
export type ChangepointMetric = TimeSeriesMetric;

/** Options of `detectChangepoints`. */
export interface ChangepointOptions extends SourceScope {
  /** One metric; default both `completion_rate` and `invocation_count`. `avg_duration` is accepted for `avg_duration_seconds`. */
  metric?: TimeSeriesMetric | 'avg_duration';
  /** UTC days analysed, the day of asOf last (default 30). */
  days?: number;
  /** `'day'` (default) or `'hour'` (invocation_count only; the daily / weekly rhythm is removed first by MSTL). */
  resolution?: 'day' | 'hour';
  asOf?: TimeInput;
  /** Cost per change in χ² units: `'mbic'` (3 ln n, default), `'bic'` (2 ln n) or a number. */
  penalty?: 'mbic' | 'bic' | number;
  /** Fewest points in a segment (default 3 days / 12 hours). */
  minSegment?: number;
  /** All-skill form: skills with fewer invocations in the window are left out (default 30). */
  minInvocations?: number;
}

/** A start or stop of an A/B test in the file (ab_test_configs). */
export interface AbTestEvent {
  testId: number;
  testName: string;
  event: 'start' | 'stop';
  /** ISO UTC. */
  timestamp: string;
  status: string | null;
  /** Skills with outcomes recorded for the test (ab_test_outcomes), sorted. */
  skills: string[];
}

/** A change in the level of one skill's metric. */
export interface Changepoint {
  skillName: string;
  metric: TimeSeriesMetric;
  resolution: 'day' | 'hour';
  /** Start of the first day / hour at the new level, ISO UTC. */
  timestamp: string;
  /**
   * Level of the segment before / after. Rate: pooled completion; duration: mean of the daily mean
   * durations weighted by known durations; count: invocations per day / hour with the weekly (daily)
   * or daily + weekly (hourly) rhythm removed, (z̄ / 2)² − 3/8 of the segment's mean 2√(count + 3/8).
   */
  before: number;
  after: number;
  /** after − before. */
  size: number;
  /** Cost saved by the split (χ² units, −2 log-likelihood), the strength; must exceed the penalty to be reported. */
  costGain: number;
  /** (after − before) / standard error, on the analysed scale: 2√(count + 3/8) for invocation_count, log seconds for durations. */
  zScore: number;
  /** A/B test starts / stops within one day (hour resolution: 6 hours) of the change. */
  nearbyAbEvents: AbTestEvent[];
}

/** How one skill × metric series was analysed. */
export interface ChangepointSeries {
  skillName: string;
  metric: TimeSeriesMetric;
  status: SeriesStatus;
  /** Points analysed (days or hours with a value; none before the file's first invocation). */
  points: number;
  /** Noise scale used (robust, from successive differences). */
  sigma: number | null;
  changepoints: number;
}

/** Result of `detectChangepoints`. */
export interface ChangepointReport {
  resolution: 'day' | 'hour';
  days: number;
  penalty: { rule: string; value: number | null };
  /** Every change found, by skill, metric, time. */
  changepoints: Changepoint[];
  series: ChangepointSeries[];
  /** Every A/B start / stop inside the window (empty when the file has no A/B tables). */
  abEvents: AbTestEvent[];
  /** First day / hour analysed: `days` before asOf's day / hour, or the file's first invocation's when later. */
  windowStart: string | null;
  asOf: string | null;
}

/** Options of `forecast`. */
export interface ForecastOptions extends SourceScope {
  /** Hours ahead (default 24; 168 = 7 days). */
  hours?: number;
  /** Hours of history used (default 672 = 28 days). */
  historyHours?: number;
  asOf?: TimeInput;
}

/** One forecast hour. */
export interface ForecastPoint {
  timestamp: string;
  /** Point forecast: the median (back-transformed from the √ scale the model runs on). */
  value: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
}

/** Result of `forecast`: hourly invocation counts ahead, by MSTL + simple exponential smoothing. */
export interface Forecast {
  skillName: string;
  metric: 'invocation_count';
  status: SeriesStatus;
  note: string | null;
  /** Seasonal periods used (24, 168 when history allows). */
  periods: number[];
  /** Smoothing constant of the deseasonalised level. */
  alpha: number | null;
  /** One-step error SD of the deseasonalised level on the √ scale (in-sample). */
  sigma: number | null;
  points: ForecastPoint[];
  /** The history the forecast rests on (hour stamps and counts, from the skill's first invocation in the window), for charts. */
  history: { timestamps: string[]; values: number[] };
  windowStart: string | null;
  asOf: string | null;
}
