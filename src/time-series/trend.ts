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
function pointOf(r: DailyRow, value: number | null): TrendPoint {
  const day = dayLabel(r.day_us);
  if (r.stored_hours === undefined) return { day, value, count: r.invocation_count };
  const stored = r.stored_hours;
  const source = stored === 0 ? 'invocations' : r.stored_count === r.invocation_count ? 'stored' : 'mixed';
  return { day, value, count: r.invocation_count, source, storedHours: stored };
}

/** Day labels already made: every skill of a multi-skill call has the same few days. */
const dayLabels = new Map<number, string>();

/** `formatDay`, remembered (a Date and an ISO string per point were most of a trend's own cost). */
function dayLabel(dayMicros: number): string {
  let label = dayLabels.get(dayMicros);
  if (label === undefined) {
    if (dayLabels.size >= 4096) dayLabels.clear();
    label = formatDay(dayMicros);
    dayLabels.set(dayMicros, label);
  }
  return label;
}

/** Window labels per window: one window serves every skill of a multi-skill call. */
const labelsOfWindow = new WeakMap<TimeWindow, { windowStart: string | null; asOf: string | null }>();

function labelsOf(w: TimeWindow | null): { windowStart: string | null; asOf: string | null } {
  if (w === null) return windowLabels(null);
  let labels = labelsOfWindow.get(w);
  if (!labels) {
    labels = windowLabels(w);
    labelsOfWindow.set(w, labels);
  }
  return labels;
}

/** A trend result with every field, in one order whatever the outcome. */
function trendResult(skillName: string, metric: string, windowDays: number, windowStart: string | null, asOf: string | null, fields: Partial<TrendAnalysis>): TrendAnalysis {
  return {
    skillName,
    metric,
    trend: fields.trend ?? 'insufficient_data',
    slope: fields.slope ?? null,
    pValue: fields.pValue ?? null,
    startValue: fields.startValue ?? null,
    endValue: fields.endValue ?? null,
    changePercent: fields.changePercent ?? null,
    rSquared: fields.rSquared ?? null,
    slopeCi95: fields.slopeCi95 ?? null,
    mannKendall: fields.mannKendall ?? null,
    theilSen: fields.theilSen ?? null,
    points: fields.points ?? [],
    regressedDays: fields.regressedDays ?? 0,
    imputedDays: fields.imputedDays ?? 0,
    partialFirstDay: fields.partialFirstDay ?? false,
    partialLastDay: fields.partialLastDay ?? false,
    windowDays,
    windowStart,
    asOf,
  };
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
  const { windowStart, asOf } = labelsOf(window);
  const result = (fields: Partial<TrendAnalysis>): TrendAnalysis => trendResult(skillName, metric, windowDays, windowStart, asOf, fields);
  if (!isTimeSeriesMetric(metric)) return result({ trend: 'invalid_metric' });
  const n = rows.length;
  const values: (number | null)[] = new Array(n);
  const points: TrendPoint[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    values[i] = metricValue(metric, {
      invocationCount: r.invocation_count,
      completionRate: r.completion_rate,
      avgDurationSeconds: r.duration_count > 0 ? r.avg_duration_seconds : null,
    });
    points[i] = pointOf(r, values[i]);
  }
  const partialFirstDay = window !== null && n > 0 && isPartialDay(rows[0].day_us, window);
  const partialLastDay = window !== null && n > 0 && isPartialDay(rows[n - 1].day_us, window);
  /** Indices of the days that are regressed. */
  const used: number[] = [];
  for (let i = 0; i < n; i++) {
    if (input.excludePartialDays && window && isPartialDay(rows[i].day_us, window)) continue;
    if (input.missingValues === 'skip' && values[i] === null) continue;
    used.push(i);
  }
  let imputedDays = 0;
  for (const i of used) if (values[i] === null) imputedDays++;
  const startValue = used.length > 0 ? values[used[0]] : null;
  const endValue = used.length > 0 ? values[used[used.length - 1]] : null;
  const common = { points, partialFirstDay, partialLastDay, regressedDays: used.length, imputedDays, startValue, endValue, changePercent: changePercent(startValue, endValue) };
  if (used.length < 3) return result(common);

  const first = rows[used[0]].day_us;
  const x = used.map((i) => Math.round((rows[i].day_us - first) / MICROS_PER_DAY));
  const y = used.map((i) => values[i] ?? 0);
  const ols = ordinaryLeastSquares(x, y, { alpha: 0.05 });
  const mk = mannKendallTest(y);
  const ts = theilSenSlope(x, y, 0.95);
  return result({
    ...common,
    trend: trendLabel(metric, ols.slope, ols.pValue),
    slope: ols.slope,
    pValue: ols.pValue,
    rSquared: ols.rSquared,
    slopeCi95: Number.isFinite(ols.slopeCi[0]) ? [ols.slopeCi[0], ols.slopeCi[1]] : null,
    mannKendall: { s: mk.s, tau: finiteOrNull(mk.tauB), pValue: mk.pValue },
    theilSen: { slope: ts.slope, ci95: Number.isFinite(ts.lowSlope) ? [ts.lowSlope, ts.highSlope] : null },
  });
}
