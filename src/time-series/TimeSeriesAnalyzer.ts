import type { ContextProvider, SourceScope } from '../engine/context.js';
import { requireArgument } from '../engine/errors.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR } from '../engine/time.js';
import { anomaliesBySkill, anomalySettings, requireMissingPolicy } from './anomaly-detection.js';
import {
  fillHourlyGaps,
  hourStarts,
  readDailyRows,
  readHourlyColumns,
  readHourlyMetrics,
  readQualifyingDailyRows,
  metricValue,
  requireMetric,
  requireWindowLength,
  resolveAsOf,
  secondWindow,
  windowLabels,
  type DailyRow,
  type HourlyColumns,
  type TimeWindow,
} from '../hourly/index.js';
import { analyzeDailyTrend } from './trend.js';
import { decomposeSkill, detectChangepointsIn, forecastSkill } from './seasonal-analysis.js';
import type {
  ChangepointOptions,
  ChangepointReport,
  Decomposition,
  DecomposeOptions,
  Forecast,
  ForecastOptions,
  Anomaly,
  AnomalyOptions,
  HourlyMetrics,
  HourlyOptions,
  MultiSkillTrendOptions,
  PlotDataOptions,
  TimeSeriesPlotData,
  TrendAnalysis,
  TrendOptions,
} from './types.js';

/**
 * Hourly aggregates, trends and anomalies over the warehouse, compatible with session-buddy's
 * `TimeSeriesAnalyzer` (same numbers when `asOf` is the instant session-buddy ran). Every window
 * ends at `asOf` (default: the latest invocation in the file) and compares at second resolution.
 *
 * History kept only in skill_time_series (hourly rows whose invocations were pruned from
 * skill_invocation) is used too: a stored hour counts where the skill has no invocation in that
 * hour and the window covers the whole hour; results say where each hour / day came from
 * (`source`). See hourly-source.ts and stored-merge.ts for how hours combine.
 */
export class TimeSeriesAnalyzer {
  constructor(private readonly ctx: ContextProvider) {}

  private window(asOf: HourlyOptions['asOf'], lengthMicros: number, scope?: SourceScope): TimeWindow | null {
    const at = resolveAsOf(this.ctx(scope), asOf);
    return at === null ? null : secondWindow(at, Math.round(lengthMicros));
  }

  private hourlyRows(w: TimeWindow, skillName?: string, scope?: SourceScope): Promise<HourlyMetrics[]> {
    return readHourlyMetrics(this.ctx(scope), w, skillName);
  }

  /**
   * Metrics per skill and UTC hour inside the window (session-buddy's `aggregate_hourly_metrics`).
   * @param options skillName (all when omitted), hours (24), asOf, fill (add empty hours)
   * @returns rows ordered by skill, then hour, each with its `source` ('stored': from skill_time_series,
   *   the hour's invocations are gone); with `fill`, every hour of the window for each skill that has
   *   invocations in it (or for `skillName`, even without any)
   * @throws AnalyticsError INVALID_ARGUMENT for a bad hours/asOf, NO_DATABASE when nothing is open
   * @example
   * await ts.aggregateHourlyMetrics({ skillName: 'pytest-run', hours: 24 });
   * // [{ timestamp: '2026-11-24T11:00:00Z', skillName: 'pytest-run', invocationCount: 1, completionRate: 0, avgDurationSeconds: null, uniqueSessions: 1, source: 'invocations' }, ...]
   */
  async aggregateHourlyMetrics(options: HourlyOptions = {}): Promise<HourlyMetrics[]> {
    const { skillName, hours = 24, asOf, fill = false } = options;
    requireWindowLength('aggregateHourlyMetrics', 'hours', hours);
    requireArgument(skillName === undefined || typeof skillName === 'string', 'aggregateHourlyMetrics: skillName must be a string');
    const w = this.window(asOf, hours * MICROS_PER_HOUR, options);
    if (!w) return [];
    const rows = await this.hourlyRows(w, skillName, options);
    if (!fill) return rows;
    const skills = skillName !== undefined ? [skillName] : [...new Set(rows.map((r) => r.skillName))];
    return fillHourlyGaps(rows, skills, hourStarts(w.startMicros, w.endMicros - 1));
  }

  /**
   * `aggregateHourlyMetrics` as columns: the same hours (stored ones included) without one object
   * per row — numbers in typed arrays straight from DuckDB's Arrow result, hour starts as epoch µs.
   * For charts and bulk work on many skills × hours.
   * @param options skillName (all when omitted), hours (24), asOf (no `fill`)
   * @returns columns ordered by skill, then hour (entry i of every array is one row)
   * @throws AnalyticsError INVALID_ARGUMENT for a bad hours/asOf, NO_DATABASE when nothing is open
   * @example
   * const c = await ts.aggregateHourlyMetricsColumns({ hours: 720 });
   * // { skillNames: ['api-call', ...], hourMicros: Float64Array [...], invocationCount: Float64Array [...], completionRate, avgDurationSeconds (NaN = none), uniqueSessions }
   */
  async aggregateHourlyMetricsColumns(options: Omit<HourlyOptions, 'fill'> = {}): Promise<HourlyColumns> {
    const { skillName, hours = 24, asOf } = options;
    requireWindowLength('aggregateHourlyMetricsColumns', 'hours', hours);
    requireArgument(skillName === undefined || typeof skillName === 'string', 'aggregateHourlyMetricsColumns: skillName must be a string');
    requireArgument(!('fill' in options) || !(options as HourlyOptions).fill, 'aggregateHourlyMetricsColumns: fill is not supported (use aggregateHourlyMetrics)');
    const w = this.window(asOf, hours * MICROS_PER_HOUR, options);
    if (!w)
      return {
        skillNames: [],
        hourMicros: new Float64Array(0),
        invocationCount: new Float64Array(0),
        completionRate: new Float64Array(0),
        avgDurationSeconds: new Float64Array(0),
        uniqueSessions: new Float64Array(0),
      };
    return readHourlyColumns(this.ctx(options), w, skillName);
  }

  private async dailyTrend(skillName: string, rows: DailyRow[], w: TimeWindow | null, o: TrendOptions): Promise<TrendAnalysis> {
    return analyzeDailyTrend(rows, {
      skillName,
      metric: o.metric ?? 'completion_rate',
      windowDays: o.windowDays ?? 7,
      window: w,
      excludePartialDays: o.excludePartialDays ?? false,
      missingValues: requireMissingPolicy('detectTrend', o.missingValues ?? 'zero'),
    });
  }

  /**
   * Trend of one skill's daily metric over `windowDays` ending at asOf (session-buddy's
   * `detect_trend`, plus R², slope CI, Mann-Kendall, Theil-Sen, the daily points and partial-day flags).
   * @param skillName the skill (an unknown skill gives `insufficient_data`, as session-buddy)
   * @param options metric ('completion_rate'), windowDays (7), asOf, excludePartialDays, missingValues ('zero')
   * @returns the analysis; an unknown metric gives trend `invalid_metric` (no exception, as session-buddy)
   * @throws AnalyticsError INVALID_ARGUMENT for a bad windowDays/asOf/missingValues
   * @example
   * await ts.detectTrend('pytest-run', { asOf: '2026-11-24 19:05:46' });
   * // { trend: 'stable', slope: 0.0705..., pValue: 0.0591..., startValue: 0.2, endValue: 0.8095..., changePercent: 304.76..., ... }
   */
  async detectTrend(skillName: string, options: TrendOptions = {}): Promise<TrendAnalysis> {
    requireArgument(typeof skillName === 'string', 'detectTrend: skillName must be a string');
    const windowDays = options.windowDays ?? 7;
    requireWindowLength('detectTrend', 'windowDays', windowDays);
    const w = this.window(options.asOf, windowDays * MICROS_PER_DAY, options);
    const rows = w ? await readDailyRows(this.ctx(options), w, skillName) : [];
    return this.dailyTrend(skillName, rows, w, options);
  }

  /**
   * Trends of every skill with at least `minInvocations` invocations in the window (session-buddy's
   * `get_multi_skill_trends`): one warehouse query for the daily rows of all qualifying skills
   * (plus the stored hours of skill_time_series when the file has any), then one regression per skill.
   * @param options detectTrend's options plus minInvocations (10)
   * @returns skill → analysis, keys ordered by invocations in the window (most first), then name
   *   (JavaScript lists integer-like keys such as "42" first whatever the insertion order)
   * @throws AnalyticsError INVALID_ARGUMENT for a bad windowDays/minInvocations/asOf
   * @example
   * await ts.getMultiSkillTrends({ windowDays: 7 });
   * // { 'semantic-search': { trend: 'stable', ... }, 'pytest-run': { ... }, ... }
   */
  async getMultiSkillTrends(options: MultiSkillTrendOptions = {}): Promise<Record<string, TrendAnalysis>> {
    const windowDays = options.windowDays ?? 7;
    const minInvocations = options.minInvocations ?? 10;
    requireWindowLength('getMultiSkillTrends', 'windowDays', windowDays);
    requireArgument(Number.isFinite(minInvocations) && minInvocations >= 0, `getMultiSkillTrends: minInvocations must be a number ≥ 0 (got ${String(minInvocations)})`);
    const w = this.window(options.asOf, windowDays * MICROS_PER_DAY, options);
    if (!w) return {};
    const rows = await readQualifyingDailyRows(this.ctx(options), w, minInvocations);
    const bySkill = new Map<string, DailyRow[]>();
    for (const r of rows) {
      const list = bySkill.get(r.skill_name);
      if (list) list.push(r);
      else bySkill.set(r.skill_name, [r]);
    }
    const out: Record<string, TrendAnalysis> = {};
    for (const [skill, list] of bySkill) out[skill] = await this.dailyTrend(skill, list, w, options);
    return out;
  }

  /**
   * Hours where the skill's metric deviates from its baseline (session-buddy's
   * `get_anomaly_detection` with method 'zscore'; 'seasonal' uses a robust hour-of-day baseline;
   * 'mstl' the robust z of the MSTL remainder over baselineDays of history plus the window, see `decompose`;
   * 'score' the causal anomaly score `anomalyScores` over the same span, zScore = Φ⁻¹(score), see docs/anomalies.md).
   * @param skillName the skill
   * @param options metric ('completion_rate'), windowHours (24), zThreshold (2), asOf, method ('zscore'),
   *   missingValues ('zero'), baselineDays (28) for 'seasonal', 'mstl' and 'score', minBaseline (5) for 'seasonal'
   * @returns anomalies in hour order (empty when there is no spread or no data)
   * @throws AnalyticsError INVALID_METRIC for an unknown metric; INVALID_ARGUMENT for bad numbers
   * @example
   * await ts.getAnomalyDetection('pytest-run', { metric: 'avg_duration_seconds', windowHours: 168 });
   * // [{ timestamp: '2026-11-17T21:00:00Z', value: 125.26, zScore: 3.45, deviationType: 'high', method: 'zscore', ... }]
   */
  async getAnomalyDetection(skillName: string, options: AnomalyOptions = {}): Promise<Anomaly[]> {
    const fn = 'getAnomalyDetection';
    requireArgument(typeof skillName === 'string', `${fn}: skillName must be a string`);
    const settings = anomalySettings(fn, options);
    const w = this.window(options.asOf, settings.windowHours * MICROS_PER_HOUR, options);
    if (!w) return [];
    return (await anomaliesBySkill(this.ctx(options), w, settings, fn, skillName)).get(skillName)!;
  }

  /**
   * `getAnomalyDetection` of every skill with an hour in the window (the skills
   * `aggregateHourlyMetrics` returns for it) in one call: the hourly rows of all skills are read once
   * (the window's, or with `baselineDays` of history before it for 'seasonal' and 'score'), then each
   * skill is scored as alone ('mstl' decomposes one skill after another). Each skill's answer equals
   * `getAnomalyDetection(skill, options)`.
   * @param options getAnomalyDetection's options
   * @returns skill → anomalies in hour order (an empty list for a skill without any), skills in
   *   code-point order of their names (JavaScript lists integer-like keys such as "42" first)
   * @throws AnalyticsError INVALID_METRIC for an unknown metric; INVALID_ARGUMENT for bad numbers
   * @example
   * await ts.getMultiSkillAnomalies({ method: 'score', zThreshold: 3, windowHours: 24 });
   * // { 'api-call': [], 'pytest-run': [{ timestamp: '2026-11-24T03:00:00Z', zScore: 3.4, method: 'score', ... }], ... }
   */
  async getMultiSkillAnomalies(options: AnomalyOptions = {}): Promise<Record<string, Anomaly[]>> {
    const fn = 'getMultiSkillAnomalies';
    const settings = anomalySettings(fn, options);
    const w = this.window(options.asOf, settings.windowHours * MICROS_PER_HOUR, options);
    if (!w) return {};
    return Object.fromEntries(await anomaliesBySkill(this.ctx(options), w, settings, fn));
  }

  /**
   * Seasonal decomposition of one skill's hourly series: MSTL with daily (24 h) and weekly (168 h)
   * periods (a period needs more than two cycles of data), robust STL (bisquare weights, R's loess
   * jumps), and the hours whose remainder is unusual.
   * @param skillName the skill
   * @param options metric ('invocation_count'), hours (672), asOf, robust (true), zThreshold (3.5)
   * @returns value = trend + Σ seasonal + remainder per hour; `status: 'insufficient_data'` below 49 hours
   * @throws AnalyticsError INVALID_METRIC for an unknown metric; INVALID_ARGUMENT for bad numbers
   * @example
   * await ts.decompose('pytest-run', { hours: 672 });
   * // { status: 'ok', seasonal: [{ period: 24, values: [...] }, { period: 168, values: [...] }], trend: [...], anomalies: [{ timestamp, zScore: 4.1, ... }], ... }
   */
  decompose(skillName: string, options: DecomposeOptions = {}): Promise<Decomposition> {
    return decomposeSkill(this.ctx(options), skillName, options);
  }

  /**
   * Changes in the level of daily completion rate, daily average duration, or daily / hourly
   * invocation count (PELT, MBIC penalty), each with before / after level, size and strength,
   * and the file's A/B test starts and stops beside them.
   * @param skillName one skill; every skill with `minInvocations` (30) in the window when omitted
   * @param options metric (completion_rate and invocation_count when omitted), days (30), resolution ('day'), asOf, penalty ('mbic'), minSegment (3 days / 12 hours)
   * @returns the changes, how each series was analysed (thin series: `insufficient_data`) and the A/B events
   * @throws AnalyticsError INVALID_METRIC for an unknown metric; INVALID_ARGUMENT for bad options
   * @example
   * await ts.detectChangepoints('pytest-run', { metric: 'completion_rate' });
   * // { changepoints: [{ skillName: 'pytest-run', timestamp: '2026-11-12T00:00:00Z', before: 0.81, after: 0.52, size: -0.29, costGain: 41.3, zScore: -6.4, nearbyAbEvents: [] }], series: [...], abEvents: [...] }
   */
  detectChangepoints(skillName?: string, options: ChangepointOptions = {}): Promise<ChangepointReport> {
    return detectChangepointsIn(this.ctx(options), skillName, options);
  }

  /**
   * Hourly invocation counts of the next `hours` hours with 80 % and 95 % intervals (MSTL +
   * simple exponential smoothing on the √ scale), from the complete hours before asOf.
   * @param skillName the skill
   * @param options hours (24; 168 = 7 days), historyHours (672), asOf
   * @returns the forecast; `insufficient_data` below 49 hours of history or without invocations
   * @throws AnalyticsError INVALID_ARGUMENT for bad numbers
   * @example
   * await ts.forecast('pytest-run', { hours: 24 });
   * // { status: 'ok', periods: [24, 168], points: [{ timestamp: '2026-11-24T18:00:00Z', value: 2.1, lower80: 0.6, upper80: 4.3, lower95: 0.2, upper95: 5.7 }, ...] }
   */
  forecast(skillName: string, options: ForecastOptions = {}): Promise<Forecast> {
    return forecastSkill(this.ctx(options), skillName, options);
  }

  /**
   * A gap-filled hourly series of one skill's metric for a chart, with anomalies marked
   * (session-buddy's `get_time_series_plot_data` returned only the hours with invocations).
   * @param skillName the skill
   * @param options metric ('completion_rate'), hours (168), asOf, method ('zscore'), zThreshold (2)
   * @returns aligned arrays: timestamps, values (null = no value; counts 0), invocationCounts, isAnomaly
   * @throws AnalyticsError INVALID_METRIC for an unknown metric; INVALID_ARGUMENT for bad numbers
   * @example
   * const plot = await ts.getTimeSeriesPlotData('pytest-run', { metric: 'avg_duration_seconds' });
   * // { timestamps: ['2026-11-17T17:00:00Z', ...], values: [null, 17.98, ...], isAnomaly: [false, ...], ... }
   */
  async getTimeSeriesPlotData(skillName: string, options: PlotDataOptions = {}): Promise<TimeSeriesPlotData> {
    const metric = requireMetric('getTimeSeriesPlotData', options.metric ?? 'completion_rate');
    const hours = options.hours ?? 168;
    const filled = await this.aggregateHourlyMetrics({ skillName, hours, asOf: options.asOf, fill: true, source: options.source });
    const anomalies = await this.getAnomalyDetection(skillName, {
      metric,
      windowHours: hours,
      asOf: options.asOf,
      method: options.method,
      zThreshold: options.zThreshold,
      source: options.source,
    });
    const marked = new Set(anomalies.map((a) => a.timestamp));
    const w = this.window(options.asOf, hours * MICROS_PER_HOUR, options);
    return {
      skillName,
      metric,
      timestamps: filled.map((h) => h.timestamp),
      values: filled.map((h) => metricValue(metric, h)),
      invocationCounts: filled.map((h) => h.invocationCount),
      isAnomaly: filled.map((h) => marked.has(h.timestamp)),
      anomalies,
      ...windowLabels(w),
    };
  }
}
