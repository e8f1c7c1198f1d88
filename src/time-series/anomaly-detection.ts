/**
 * Anomaly detection over the warehouse for one skill or every skill of a window at once: the
 * options' checks, the reads (the window's hourly rows, or the window plus `baselineDays` of history
 * before it, and each skill's first activity) and the method (anomalies.ts, or the MSTL remainder).
 * Every skill's hours come from one read of all skills (columns, for the methods with a history),
 * grouped here, so scoring all the skills of a
 * window costs one read instead of one per skill; a skill's answer is the same as alone.
 */
import type { EngineContext } from '../engine/context.js';
import { requireArgument } from '../engine/errors.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR } from '../engine/time.js';
import { firstActivity, groupBySkill, readHourlyColumns, readHourlyMetrics, requireMetric, requireWindowLength, type HourlyColumns, type TimeWindow } from '../hourly/index.js';
import { type HourValues, NO_HOUR_VALUES, scoreAnomalies, seasonalAnomalies, zScoreAnomalies } from './anomalies.js';
import { remainderAnomaliesIn } from './seasonal-analysis.js';
import type { Anomaly, AnomalyMethod, AnomalyOptions, MissingValuePolicy, TimeSeriesMetric } from './types.js';

/**
 * @param fn the calling method's name
 * @param v the option's value
 * @returns it, when it is 'zero' or 'skip'
 * @throws AnalyticsError INVALID_ARGUMENT otherwise
 */
export function requireMissingPolicy(fn: string, v: unknown): MissingValuePolicy {
  requireArgument(v === 'zero' || v === 'skip', `${fn}: missingValues must be 'zero' or 'skip' (got ${String(v)})`);
  return v;
}

/** Options of an anomaly call, checked and with their defaults. */
export interface AnomalySettings {
  metric: TimeSeriesMetric;
  windowHours: number;
  zThreshold: number;
  method: AnomalyMethod;
  missingValues: MissingValuePolicy;
  baselineDays: number;
  minBaseline: number;
}

/**
 * Checks the options that need no data (the baseline's are checked once a window exists).
 * @param fn the calling method's name, for the messages
 * @param options the caller's options
 * @returns the settings with defaults
 * @throws AnalyticsError INVALID_METRIC for an unknown metric; INVALID_ARGUMENT for bad numbers
 */
export function anomalySettings(fn: string, options: AnomalyOptions): AnomalySettings {
  const metric = requireMetric(fn, options.metric ?? 'completion_rate');
  const { windowHours = 24, zThreshold = 2, method = 'zscore', baselineDays = 28, minBaseline = 5 } = options;
  requireWindowLength(fn, 'windowHours', windowHours);
  requireArgument(Number.isFinite(zThreshold) && zThreshold > 0, `${fn}: zThreshold must be a positive number (got ${String(zThreshold)})`);
  requireArgument(
    method === 'zscore' || method === 'seasonal' || method === 'mstl' || method === 'score',
    `${fn}: method must be 'zscore', 'seasonal', 'mstl' or 'score' (got ${String(method)})`,
  );
  const missingValues = requireMissingPolicy(fn, options.missingValues ?? 'zero');
  return { metric, windowHours, zThreshold, method, missingValues, baselineDays, minBaseline };
}

/** Each skill's hour values of one metric, from the hourly columns (an hour given twice: the last entry's value). */
function valuesBySkill(c: HourlyColumns, metric: TimeSeriesMetric): Map<string, HourValues> {
  const column = metric === 'invocation_count' ? c.invocationCount : metric === 'completion_rate' ? c.completionRate : c.avgDurationSeconds;
  // Each skill's hour span first (the columns come skill by skill: the name is looked up once a run).
  const span = new Map<string, { first: number; last: number }>();
  let name: string | undefined;
  let own: { first: number; last: number } | undefined;
  for (let i = 0; i < column.length; i++) {
    const h = c.hourMicros[i] / MICROS_PER_HOUR;
    if (c.skillNames[i] !== name) {
      name = c.skillNames[i];
      own = span.get(name);
      if (!own) span.set(name, (own = { first: h, last: h }));
    }
    own!.first = Math.min(own!.first, h);
    own!.last = Math.max(own!.last, h);
  }
  const out = new Map<string, HourValues>();
  // Whole hour numbers index the arrays (a value off the hour, never looked up, is not kept).
  for (const [skill, { first, last }] of span) out.set(skill, { first: Math.floor(first), values: new Float64Array(Math.floor(last) - Math.floor(first) + 1).fill(Number.NaN) });
  let values: HourValues | undefined;
  name = undefined;
  for (let i = 0; i < column.length; i++) {
    if (c.skillNames[i] !== name) {
      name = c.skillNames[i];
      values = out.get(name);
    }
    values!.values[c.hourMicros[i] / MICROS_PER_HOUR - values!.first] = column[i];
  }
  return out;
}

/** 'mstl': the remainder anomalies of one skill, as `Anomaly`s. */
async function mstlAnomalies(ctx: EngineContext, skillName: string, w: TimeWindow, s: AnomalySettings): Promise<Anomaly[]> {
  const found = await remainderAnomaliesIn(ctx, skillName, s.metric, w, s.baselineDays * 24, s.zThreshold);
  const hours = s.baselineDays * 24 + Math.ceil(s.windowHours);
  return found.map((a) => ({
    timestamp: a.timestamp,
    skillName,
    metric: s.metric,
    value: a.value,
    zScore: a.zScore,
    deviationType: a.deviationType,
    method: 'mstl',
    center: a.expected,
    scale: a.remainder / a.zScore,
    baselineSize: hours,
    imputed: false,
  }));
}

/**
 * Anomalies of one skill, or of every skill with an hour in the window.
 * @param ctx engine context (scoped)
 * @param w the window
 * @param s the settings ({@link anomalySettings})
 * @param fn the calling method's name, for the messages
 * @param skillName one skill; every skill with an hour in the window when omitted
 * @returns skill → anomalies in hour order (every skill asked for, empty when none), skills in the
 *   order of the window's hourly rows (skill name, code point order)
 * @throws AnalyticsError INVALID_ARGUMENT for a bad baselineDays / minBaseline
 */
export async function anomaliesBySkill(ctx: EngineContext, w: TimeWindow, s: AnomalySettings, fn: string, skillName?: string): Promise<Map<string, Anomaly[]>> {
  const { method, baselineDays, minBaseline } = s;
  if (method !== 'zscore') requireArgument(Number.isInteger(baselineDays) && baselineDays >= 1, `${fn}: baselineDays must be a whole number ≥ 1 (got ${String(baselineDays)})`);
  if (method === 'seasonal' || method === 'score')
    requireArgument(Number.isInteger(minBaseline) && minBaseline >= 2, `${fn}: minBaseline must be a whole number ≥ 2 (got ${String(minBaseline)})`);
  const inWindow = skillName === undefined || method === 'zscore' ? groupBySkill(await readHourlyMetrics(ctx, w, skillName)) : null;
  const skills = skillName === undefined ? [...inWindow!.keys()] : [skillName];
  const out = new Map<string, Anomaly[]>();
  if (method === 'zscore') {
    for (const skill of skills) out.set(skill, zScoreAnomalies(inWindow!.get(skill) ?? [], s.metric, s.zThreshold, s.missingValues));
    return out;
  }
  if (method === 'mstl') {
    for (const skill of skills) out.set(skill, await mstlAnomalies(ctx, skill, w, s));
    return out;
  }
  const history: TimeWindow = { ...w, startMicros: Math.floor(w.startMicros / MICROS_PER_HOUR) * MICROS_PER_HOUR - baselineDays * MICROS_PER_DAY };
  const [columns, firsts] = await Promise.all([readHourlyColumns(ctx, history, skillName), Promise.all(skills.map((skill) => firstActivity(ctx, skill)))]);
  const values = valuesBySkill(columns, s.metric);
  skills.forEach((skill, i) => {
    const input = { skillName: skill, metric: s.metric, zThreshold: s.zThreshold, window: w, baselineDays, minBaseline, firstInvocationMicros: firsts[i] };
    const own = values.get(skill) ?? NO_HOUR_VALUES;
    out.set(skill, method === 'score' ? scoreAnomalies(own, input) : seasonalAnomalies(own, input));
  });
  return out;
}
