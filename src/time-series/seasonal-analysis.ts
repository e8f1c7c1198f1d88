/**
 * Decomposition, changepoints and forecasts over the warehouse: reads the hourly / daily rows of
 * the window and hands them to the pure modules (decomposition.ts, changepoints.ts, forecast.ts).
 * Windows are whole UTC hours / days that end before asOf's hour / day (a partial last bucket would
 * look like a drop in counts), and start no earlier than the file's first invocation.
 */
import type { EngineContext } from '../engine/context.js';
import { AnalyticsError, requireArgument } from '../engine/errors.js';
import { formatIso, MICROS_PER_DAY, MICROS_PER_HOUR, parseTimestamp } from '../engine/time.js';
import { hourStart, readDailyRows, readHourlyMetrics, readQualifyingDailyRows, requireMetric, resolveAsOf, secondWindow, type DailyRow, type TimeWindow } from '../hourly/index.js';
import type { TimeInput } from '../engine/time.js';
import type { HourlyMetrics, TimeSeriesMetric } from './types.js';
import { readAbEvents } from './ab-events.js';
import { dailyPoints, findChangepoints, hourlyCountPoints, penaltyValue, type SegmentPoint } from './changepoints.js';
import { decomposeSeries } from './decomposition.js';
import { forecastHourlyCounts } from './forecast.js';
import { hourlySeries } from './hourly-series.js';
import type { ChangepointOptions, ChangepointReport, Decomposition, DecomposeOptions, Forecast, ForecastOptions } from './seasonal-types.js';

const wholeCount = (fn: string, name: string, v: unknown, min: number, max: number): number => {
  requireArgument(typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max, `${fn}: ${name} must be a whole number from ${min} to ${max} (got ${String(v)})`);
  return v as number;
};

/** Whole buckets of `size` µs ending at the start of asOf's bucket; null for an empty file without asOf. */
function bucketWindow(ctx: EngineContext, asOf: TimeInput | undefined, count: number, size: number): TimeWindow | null {
  const at = resolveAsOf(ctx, asOf);
  if (at === null) return null;
  const asOfSecond = secondWindow(at, 0).asOfSecond;
  const end = Math.floor(asOfSecond / size) * size;
  return { asOfSecond, startMicros: end - count * size, endMicros: end };
}

/**
 * The first bucket the file can speak for: the window's start, or the bucket of the file's first
 * invocation when that is later (days before the file began are not days without invocations).
 */
function observedStart(ctx: EngineContext, w: TimeWindow, size: number): number {
  const first = parseTimestamp(ctx.info.firstInvocation);
  if (first === null) return w.startMicros;
  return Math.min(w.endMicros, Math.max(w.startMicros, Math.floor(first / size) * size));
}

const labels = (w: TimeWindow | null) => (w ? { windowStart: formatIso(w.startMicros), asOf: formatIso(w.asOfSecond) } : { windowStart: null, asOf: null });

/**
 * See `TimeSeriesAnalyzer.decompose`.
 * @param ctx engine context
 * @param skillName the skill
 * @param options metric, hours, asOf, robust, zThreshold
 * @returns the decomposition
 */
export async function decomposeSkill(ctx: EngineContext, skillName: string, options: DecomposeOptions): Promise<Decomposition> {
  const fn = 'decompose';
  requireArgument(typeof skillName === 'string', `${fn}: skillName must be a string`);
  const metric = requireMetric(fn, options.metric ?? 'invocation_count');
  const hours = wholeCount(fn, 'hours', options.hours ?? 672, 1, 24 * 366);
  const zThreshold = options.zThreshold ?? 3.5;
  requireArgument(Number.isFinite(zThreshold) && zThreshold > 0, `${fn}: zThreshold must be a positive number (got ${String(zThreshold)})`);
  const w = bucketWindow(ctx, options.asOf, hours, MICROS_PER_HOUR);
  const base = {
    skillName,
    metric,
    timestamps: [],
    values: [],
    imputed: [],
    trend: [],
    seasonal: [],
    remainder: [],
    weights: [],
    remainderScale: null,
    anomalies: [],
    ...labels(w),
  };
  if (!w) return { ...base, status: 'insufficient_data', note: 'the file has no invocations' };
  const series = hourlySeries(await readHourlyMetrics(ctx, w, skillName), metric, observedStart(ctx, w, MICROS_PER_HOUR), w.endMicros);
  const d = decomposeSeries(series, metric, { robust: options.robust ?? true, zThreshold });
  return { ...base, ...d, timestamps: series.timestamps, values: series.values, imputed: series.imputed };
}

/**
 * Remainder anomalies of the hours in [w.startMicros, w.endMicros), decomposing `historyHours` before them too.
 * @returns anomalies in the window (`getAnomalyDetection` with method 'mstl')
 */
export async function remainderAnomaliesIn(
  ctx: EngineContext,
  skillName: string,
  metric: TimeSeriesMetric,
  w: TimeWindow,
  historyHours: number,
  zThreshold: number,
): Promise<Decomposition['anomalies']> {
  // counts: the current (partial) hour is not scored, as in the hour-of-day method
  const end = metric === 'invocation_count' ? hourStart(w.endMicros) : hourStart(w.endMicros - 1) + MICROS_PER_HOUR;
  const scoreStart = hourStart(w.startMicros);
  const start = scoreStart - historyHours * MICROS_PER_HOUR;
  const rows = await readHourlyMetrics(ctx, { ...w, startMicros: start, endMicros: w.endMicros }, skillName);
  const series = hourlySeries(rows, metric, start, end);
  return decomposeSeries(series, metric, { robust: true, zThreshold, scoreFrom: (scoreStart - start) / MICROS_PER_HOUR }).anomalies;
}

/**
 * See `TimeSeriesAnalyzer.detectChangepoints`.
 * @param ctx engine context
 * @param skillName one skill, or every skill with `minInvocations` in the window
 * @param options metric(s), days, resolution, asOf, penalty, minSegment, minInvocations
 * @returns the report
 */
export async function detectChangepointsIn(ctx: EngineContext, skillName: string | undefined, options: ChangepointOptions): Promise<ChangepointReport> {
  const fn = 'detectChangepoints';
  requireArgument(skillName === undefined || typeof skillName === 'string', `${fn}: skillName must be a string`);
  const resolution = options.resolution ?? 'day';
  requireArgument(resolution === 'day' || resolution === 'hour', `${fn}: resolution must be 'day' or 'hour' (got ${String(resolution)})`);
  const metrics: TimeSeriesMetric[] =
    options.metric === undefined
      ? resolution === 'hour'
        ? ['invocation_count']
        : ['completion_rate', 'invocation_count']
      : [requireMetric(fn, options.metric === 'avg_duration' ? 'avg_duration_seconds' : options.metric)];
  if (resolution === 'hour' && metrics.some((m) => m !== 'invocation_count'))
    throw new AnalyticsError('INVALID_ARGUMENT', `${fn}: resolution 'hour' is for invocation_count only (hourly rates are too thin); use resolution 'day'`);
  const days = wholeCount(fn, 'days', options.days ?? 30, 1, 3660);
  const penalty = options.penalty ?? 'mbic';
  requireArgument(
    penalty === 'mbic' || penalty === 'bic' || (typeof penalty === 'number' && Number.isFinite(penalty) && penalty >= 0),
    `${fn}: penalty must be 'mbic', 'bic' or a number ≥ 0 (got ${String(penalty)})`,
  );
  const minSegment = wholeCount(fn, 'minSegment', options.minSegment ?? (resolution === 'day' ? 3 : 12), 1, 10_000);
  const minInvocations = options.minInvocations ?? 30;
  requireArgument(Number.isFinite(minInvocations) && minInvocations >= 0, `${fn}: minInvocations must be a number ≥ 0 (got ${String(minInvocations)})`);
  const size = resolution === 'day' ? MICROS_PER_DAY : MICROS_PER_HOUR;
  const w = bucketWindow(ctx, options.asOf, resolution === 'day' ? days : days * 24, size);
  const report: ChangepointReport = { resolution, days, penalty: { rule: String(penalty), value: null }, changepoints: [], series: [], abEvents: [], ...labels(w) };
  if (!w) return report;
  report.abEvents = readAbEvents(ctx, w.startMicros, w.endMicros);
  const start = observedStart(ctx, w, size);
  report.windowStart = formatIso(start);
  const perSkill = new Map<string, (metric: TimeSeriesMetric) => SegmentPoint[]>();
  if (resolution === 'day') {
    const rows: DailyRow[] = skillName !== undefined ? await readDailyRows(ctx, w, skillName) : await readQualifyingDailyRows(ctx, w, minInvocations);
    const bySkill = new Map<string, DailyRow[]>();
    if (skillName !== undefined) bySkill.set(skillName, []);
    for (const r of rows) (bySkill.get(r.skill_name) ?? bySkill.set(r.skill_name, []).get(r.skill_name)!).push(r);
    for (const [skill, list] of bySkill) {
      const aggregates = list.map((r) => ({
        dayMicros: r.day_us,
        invocationCount: r.invocation_count,
        completionRate: r.completion_rate,
        avgDurationSeconds: r.duration_count > 0 ? r.avg_duration_seconds : null,
        durationCount: r.duration_count,
      }));
      perSkill.set(skill, (metric) => dailyPoints(aggregates, metric, start, w.endMicros));
    }
  } else {
    const rows = await readHourlyMetrics(ctx, w, skillName);
    const bySkill = new Map<string, HourlyMetrics[]>();
    if (skillName !== undefined) bySkill.set(skillName, []);
    for (const r of rows) (bySkill.get(r.skillName) ?? bySkill.set(r.skillName, []).get(r.skillName)!).push(r);
    for (const [skill, list] of bySkill) {
      if (skillName === undefined && list.reduce((s, r) => s + r.invocationCount, 0) < minInvocations) continue;
      const counts = hourlySeries(list, 'invocation_count', start, w.endMicros).values;
      perSkill.set(skill, () => hourlyCountPoints(counts, start));
    }
  }
  report.penalty.value = penaltyValue(penalty, Math.round((w.endMicros - start) / size));
  for (const [skill, pointsOf] of perSkill) {
    for (const metric of metrics) {
      const { series, changepoints } = findChangepoints(pointsOf(metric), { skillName: skill, metric, resolution, penalty, minSegment, abEvents: report.abEvents });
      report.series.push(series);
      report.changepoints.push(...changepoints);
    }
  }
  return report;
}

/**
 * See `TimeSeriesAnalyzer.forecast`.
 * @param ctx engine context
 * @param skillName the skill
 * @param options hours, historyHours, asOf
 * @returns the forecast
 */
export async function forecastSkill(ctx: EngineContext, skillName: string, options: ForecastOptions): Promise<Forecast> {
  const fn = 'forecast';
  requireArgument(typeof skillName === 'string', `${fn}: skillName must be a string`);
  const hours = wholeCount(fn, 'hours', options.hours ?? 24, 1, 24 * 31);
  const historyHours = wholeCount(fn, 'historyHours', options.historyHours ?? 672, 1, 24 * 366);
  const w = bucketWindow(ctx, options.asOf, historyHours, MICROS_PER_HOUR);
  const base = { skillName, metric: 'invocation_count' as const, history: { timestamps: [] as string[], values: [] as number[] }, ...labels(w) };
  if (!w) return { ...base, status: 'insufficient_data', note: 'the file has no invocations', periods: [], alpha: null, sigma: null, points: [] };
  const series = hourlySeries(await readHourlyMetrics(ctx, w, skillName), 'invocation_count', w.startMicros, w.endMicros);
  // history starts at the skill's first invocation in the window: the hours before it are not zeros of a running skill
  const first = Math.max(
    0,
    series.values.findIndex((v) => v > 0),
  );
  const values = series.values.slice(first);
  const f = forecastHourlyCounts(values, w.endMicros, hours);
  return { ...base, ...f, history: { timestamps: series.timestamps.slice(first), values } };
}
