/**
 * Trend of a daily series, by session-buddy's method plus robust companions. Pure: takes the
 * daily rows of `dailySeriesSql` and the window, returns a TrendAnalysis.
 *
 * session-buddy (`detect_trend`): one point per UTC day with invocations; x = days since the first
 * point; `scipy.stats.linregress`; fewer than 3 points → insufficient_data; p < 0.05 and the
 * slope's sign → improving / declining (durations: a falling slope improves), else stable;
 * change = (last − first) / |first| · 100 (0.0 when first is 0); a day's missing average → 0.0.
 */
import { formatDay, MICROS_PER_DAY, MICROS_PER_SECOND } from '../engine/time.js';
import { mannKendallTest, ordinaryLeastSquares, theilSenSlope } from '../stats/index.js';
import { higherIsBetter, isTimeSeriesMetric, metricValue, windowLabels, type DailyRow, type TimeWindow } from '../hourly/index.js';
import type { MissingValuePolicy, TrendAnalysis, TrendLabel, TrendPoint } from './types.js';

/** Significance level of the trend label (session-buddy's). */
export const TREND_ALPHA = 0.05;

/** What {@link analyzeDailyTrend} needs besides the rows. */
export interface DailyTrendInput {
  skillName: string;
  metric: string;
  windowDays: number;
  /** null when the file is empty and no asOf was given. */
  window: TimeWindow | null;
  excludePartialDays: boolean;
  missingValues: MissingValuePolicy;
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * Whether the UTC day starting at `dayMicros` is only partly inside the window (the window covers
 * whole seconds [startMicros, asOfSecond]).
 * @example isPartialDay(0, { asOfSecond: 86_399_000_000, startMicros: 0, endMicros: 86_400_000_000 }) // false
 */
export function isPartialDay(dayMicros: number, w: TimeWindow): boolean {
  return dayMicros < w.startMicros || dayMicros + MICROS_PER_DAY > w.asOfSecond + MICROS_PER_SECOND;
}

/**
 * (end − start) / |start| · 100.
 * @returns the percentage; null when start is 0 or either value is missing (session-buddy: 0.0 for start 0)
 * @example changePercent(0.2, 0.5) // 150
 */
export function changePercent(start: number | null, end: number | null): number | null {
  if (start === null || end === null || start === 0) return null;
  return ((end - start) / Math.abs(start)) * 100;
}

/**
 * The trend label from the OLS slope and p-value.
 * @example trendLabel('avg_duration_seconds', -2, 0.01) // 'improving'
 */
export function trendLabel(metric: string, slope: number, pValue: number): TrendLabel {
  if (!(pValue < TREND_ALPHA)) return 'stable';
  const lowerIsBetter = isTimeSeriesMetric(metric) && !higherIsBetter(metric);
  return (lowerIsBetter ? slope < 0 : slope > 0) ? 'improving' : 'declining';
}

/** Adds `source` / `storedHours` to a point when its row says how many hours were stored. */
function withSource(point: TrendPoint, r: DailyRow): TrendPoint {
  if (r.stored_hours === undefined) return point;
  const stored = r.stored_hours;
  const source = stored === 0 ? 'invocations' : r.stored_count === r.invocation_count ? 'stored' : 'mixed';
  return { ...point, source, storedHours: stored };
}

/**
 * Analyses one skill's daily rows.
 * @param rows rows of `dailySeriesSql` for this skill, ascending by day
 * @param input skill, metric, window and options
 * @returns the trend; `invalid_metric` for an unknown metric, `insufficient_data` below 3 regressed days
 * @example analyzeDailyTrend(rows, { skillName: 'pytest-run', metric: 'completion_rate', ... }).trend // 'stable'
 */
export function analyzeDailyTrend(rows: DailyRow[], input: DailyTrendInput): TrendAnalysis {
  const { skillName, metric, windowDays, window } = input;
  const base: TrendAnalysis = {
    skillName,
    metric,
    trend: 'insufficient_data',
    slope: null,
    pValue: null,
    startValue: null,
    endValue: null,
    changePercent: null,
    rSquared: null,
    slopeCi95: null,
    mannKendall: null,
    theilSen: null,
    points: [],
    regressedDays: 0,
    imputedDays: 0,
    partialFirstDay: false,
    partialLastDay: false,
    windowDays,
    ...windowLabels(window),
  };
  if (!isTimeSeriesMetric(metric)) return { ...base, trend: 'invalid_metric' };
  const all = rows.map((r) => ({
    row: r,
    dayMicros: r.day_us,
    value: metricValue(metric, {
      invocationCount: r.invocation_count,
      completionRate: r.completion_rate,
      avgDurationSeconds: r.duration_count > 0 ? r.avg_duration_seconds : null,
    }),
    count: r.invocation_count,
  }));
  const points: TrendPoint[] = all.map((p) => withSource({ day: formatDay(p.dayMicros), value: p.value, count: p.count }, p.row));
  const partialFirstDay = window !== null && all.length > 0 && isPartialDay(all[0].dayMicros, window);
  const partialLastDay = window !== null && all.length > 0 && isPartialDay(all[all.length - 1].dayMicros, window);
  let used = all;
  if (input.excludePartialDays && window) used = used.filter((p) => !isPartialDay(p.dayMicros, window));
  if (input.missingValues === 'skip') used = used.filter((p) => p.value !== null);
  const imputedDays = used.filter((p) => p.value === null).length;
  const withFlags = { ...base, points, partialFirstDay, partialLastDay, regressedDays: used.length, imputedDays };
  const startValue = used.length > 0 ? used[0].value : null;
  const endValue = used.length > 0 ? used[used.length - 1].value : null;
  const ends = { startValue, endValue, changePercent: changePercent(startValue, endValue) };
  if (used.length < 3) return { ...withFlags, ...ends };

  const x = used.map((p) => Math.round((p.dayMicros - used[0].dayMicros) / MICROS_PER_DAY));
  const y = used.map((p) => p.value ?? 0);
  const ols = ordinaryLeastSquares(x, y, { alpha: 0.05 });
  const mk = mannKendallTest(y);
  const ts = theilSenSlope(x, y, 0.95);
  return {
    ...withFlags,
    ...ends,
    trend: trendLabel(metric, ols.slope, ols.pValue),
    slope: ols.slope,
    pValue: ols.pValue,
    rSquared: ols.rSquared,
    slopeCi95: Number.isFinite(ols.slopeCi[0]) ? [ols.slopeCi[0], ols.slopeCi[1]] : null,
    mannKendall: { s: mk.s, tau: finiteOrNull(mk.tauB), pValue: mk.pValue },
    theilSen: { slope: ts.slope, ci95: Number.isFinite(ts.lowSlope) ? [ts.lowSlope, ts.highSlope] : null },
  };
}
