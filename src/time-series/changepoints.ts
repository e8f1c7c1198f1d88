/**
 * Changes in the level of a skill's daily completion rate, daily average duration, or daily /
 * hourly invocation count, by `changepoints` of src/stats/changepoints.ts (PELT on a weighted normal
 * mean-shift model, noise σ from the residuals with an AR(1) long-run factor, re-estimated to a fixed
 * point; a line per segment where the level model's residuals stay strongly dependent) with the
 * metric's σ floor below. Pure.
 *
 * - completion_rate: days with invocations; value = the day's rate, weight = its invocations
 *   (a binomial rate's variance falls with n); the residual σ absorbs over-dispersion, and is at
 *   least the binomial √(p̄ (1 − p̄)).
 * - avg_duration_seconds: days with a known duration, analysed as the log of the day's mean (duration
 *   noise grows with the level: on the raw scale the slower half of a step split again, precision
 *   0.59 in bench/time-series-eval.bench.ts); weight = number of known durations. No model floor:
 *   σ is at least the residual SD around the segmentation (refitted until it repeats).
 * - invocation_count: every day (hour) of the window, 0 when idle; analysed as 2 √(count + 3/8)
 *   (Anscombe: variance ≈ 1 whatever the level, so σ is at least 1 — the Poisson floor); the weekly
 *   rhythm of daily series (robust STL, period 7, from 15 days) and the daily / weekly rhythm of
 *   hourly series (MSTL) are removed first. Levels are counts per day / hour with that rhythm
 *   removed: the segment mean on the √ scale mapped back ((z̄ / 2)² − 3/8), so before / after
 *   describe the same series the change was found in (raw means mix weekdays and weekends).
 *   Daily counts with a weekly rhythm (more than two weeks) are segmented instead on the exact
 *   Poisson likelihood with the rhythm a factor of the level (src/stats/pelt-poisson.ts: a halving
 *   halves the weekend too); their levels are counts per day at the mean rhythm.
 * Penalty: MBIC 3 ln n by default (χ² units); segments of at least `minSegment` points.
 */
export { penaltyValue } from '../stats/changepoints.js';
import { formatHour, MICROS_PER_DAY, MICROS_PER_HOUR } from '../engine/time.js';
import { penaltyValue, changepoints as segmentLevels } from '../stats/changepoints.js';
import { mstl } from '../stats/mstl.js';
import { poissonRhythmChangepoints } from '../stats/pelt-poisson.js';
import { HOURLY_PERIODS } from './decomposition.js';
import type { TimeSeriesMetric } from '../hourly/types.js';
import type { AbTestEvent, Changepoint, ChangepointSeries } from './seasonal-types.js';

/** One point of a series to segment. */
export interface SegmentPoint {
  /** Start of the day / hour (epoch µs). */
  at: number;
  /** Value on the analysed scale. */
  value: number;
  weight: number;
  /**
   * What before / after average: the value itself (rates: weighted by invocations; durations: in
   * seconds); counts: the rhythm-adjusted √-scale value, whose segment mean is mapped back to a count.
   */
  level: number;
  /**
   * Daily counts with the weekly rhythm removed: the Anscombe value before the removal and the day's
   * place in the week (index mod 7), so the rhythm can be re-estimated around the segments.
   */
  rhythm?: { unadjusted: number; phase: number };
}

/** What {@link findChangepoints} needs besides the points. */
export interface ChangepointInput {
  skillName: string;
  metric: TimeSeriesMetric;
  resolution: 'day' | 'hour';
  penalty: 'mbic' | 'bic' | number;
  minSegment: number;
  abEvents: readonly AbTestEvent[];
  /** Noise model (default `'dependent'`, see `changepoints` in src/stats/changepoints.ts). */
  noise?: 'dependent' | 'differences';
}

/** Counts are analysed on the Anscombe scale, where a Poisson count has variance ≈ 1 (less at very low rates): σ is at least 1. */
export const COUNT_SIGMA_FLOOR = 1;

/**
 * The least noise a series of this metric can have: counts the Poisson floor; a daily rate weighted
 * by its invocations at least the binomial √(p̄ (1 − p̄)) at the pooled rate p̄; durations none.
 * A σ estimated from 20–30 differences is often too small, and each underestimate is a false change.
 * @example sigmaFloor('completion_rate', [0.5, 0.5], [10, 10]) // 0.5
 */
export function sigmaFloor(metric: TimeSeriesMetric, values: readonly number[], weights: readonly number[]): number {
  if (metric === 'invocation_count') return COUNT_SIGMA_FLOOR;
  if (metric !== 'completion_rate') return 0;
  let s = 0;
  let w = 0;
  values.forEach((v, i) => {
    s += v * weights[i];
    w += weights[i];
  });
  const p = w > 0 ? s / w : 0;
  return Math.sqrt(p * (1 - p));
}

/** Durations below this (seconds) are taken as this before the log. */
export const MIN_DURATION_SECONDS = 0.001;

/** Anscombe's variance-stabilising transform of a Poisson count. */
export const anscombe = (c: number): number => 2 * Math.sqrt(c + 0.375);

/** Its inverse, floored at 0: (z / 2)² − 3/8. */
export const fromAnscombe = (z: number): number => Math.max(0, (Math.max(z, 0) / 2) ** 2 - 0.375);

/**
 * Removes seasonal rhythms (MSTL, robust; default the daily / weekly rhythm of hourly data); a
 * series with two cycles or fewer of the shortest period is returned unchanged.
 * @param z transformed counts
 * @param periods seasonal periods (default [24, 168]; daily series: [7])
 * @returns z − Σ seasonal components
 */
export function deseasonalize(z: readonly number[], periods: readonly number[] = HOURLY_PERIODS): number[] {
  if (z.length <= 2 * Math.min(...periods)) return [...z];
  const fit = mstl(z, periods, { robust: true, jumps: 'tenth', outlierWindows: 'unweighted', seasonalDegree: 0 });
  return z.map((v, i) => fit.seasonal.reduce((s, comp) => s - comp[i], v));
}

/** At most this many re-estimations of the weekly rhythm around the segments (it usually repeats after 1–2). */
const MAX_RHYTHM_PASSES = 10;

/** Sweeps of the backfitting of segment means and phase effects (converges geometrically; 1e-12 in ~20–40). */
const MAX_BACKFIT_SWEEPS = 200;

/**
 * Segments a series whose rhythm was removed by STL, re-estimating the rhythm around the segments:
 * STL's trend smooths over a step, so part of the step leaks into the seasonal component and the
 * adjusted series shows a smeared step (a halving at 20 a day was found 6 days late). Here the
 * rhythm is fitted jointly with the current segments' means (least squares by backfitting: each
 * phase's mean residual around the segment means, centred), removed from the unadjusted values, and the series segmented again until a segmentation repeats.
 * @param rhythm unadjusted value and phase (0 … period − 1) of each point
 * @param starts the segmentation of the STL-adjusted series
 * @param options options of `changepoints`
 * @returns the last segmentation and the values it was found in
 */
export function segmentAroundRhythm(
  rhythm: readonly { unadjusted: number; phase: number }[],
  starts: readonly number[],
  options: Parameters<typeof segmentLevels>[1],
): { fit: ReturnType<typeof segmentLevels>; values: number[] } {
  const n = rhythm.length;
  const z = rhythm.map((r) => r.unadjusted);
  const period = Math.max(...rhythm.map((r) => r.phase)) + 1;
  let bounds = [...starts, n];
  let fit: ReturnType<typeof segmentLevels> | undefined;
  let values: number[] = [];
  const seen = new Set<string>([starts.join(',')]);
  for (let pass = 0; pass < MAX_RHYTHM_PASSES; pass++) {
    // least-squares segment means and phase effects for this segmentation, by backfitting
    let effect = new Array<number>(period).fill(0);
    for (let sweep = 0; sweep < MAX_BACKFIT_SWEEPS; sweep++) {
      const sum = new Float64Array(period);
      const count = new Float64Array(period);
      for (let k = 0; k + 1 < bounds.length; k++) {
        let s = 0;
        for (let i = bounds[k]; i < bounds[k + 1]; i++) s += z[i] - effect[rhythm[i].phase];
        const mean = s / (bounds[k + 1] - bounds[k]);
        for (let i = bounds[k]; i < bounds[k + 1]; i++) {
          sum[rhythm[i].phase] += z[i] - mean;
          count[rhythm[i].phase]++;
        }
      }
      const next = Array.from(sum, (s, j) => (count[j] ? s / count[j] : 0));
      const moved = next.reduce((m, v, j) => Math.max(m, Math.abs(v - effect[j])), 0);
      effect = next;
      if (moved < 1e-12) break;
    }
    const centre = effect.reduce((a, b) => a + b, 0) / period;
    values = z.map((v, i) => v - (effect[rhythm[i].phase] - centre));
    fit = segmentLevels(values, options);
    const key = fit.segmentStarts.join(',');
    if (seen.has(key)) break;
    seen.add(key);
    bounds = [...fit.segmentStarts, n];
  }
  return { fit: fit!, values };
}

/** At most this many refits of a duration series at its residual SD (it usually repeats after 1–2). */
const MAX_DURATION_PASSES = 5;

/**
 * Durations have no floor from their model (a rate has the binomial, a count the Poisson one), and
 * the daily log-mean of skewed durations is noisy: the robust σ, min(residual SD, MAD), of 20–30 days
 * is then often far below the noise (lognormal durations with log-SD 0.5: estimates 0.33–0.73 around
 * 0.53), and each underestimate is a false change. Their floor is the residual SD itself, around the
 * current segmentation (weighted, one degree of freedom per segment), refitted until the
 * segmentation repeats.
 * @param values log daily means
 * @param options options of `changepoints` (weights: known durations per day)
 * @param fit the fit at the robust σ
 * @returns the fit at σ ≥ the residual SD
 */
function segmentDurations(
  values: readonly number[],
  options: Parameters<typeof segmentLevels>[1] & { weights: readonly number[] },
  fit: ReturnType<typeof segmentLevels>,
): ReturnType<typeof segmentLevels> {
  const { weights } = options;
  const seen = new Set<string>([fit.segmentStarts.join(',')]);
  for (let pass = 0; pass < MAX_DURATION_PASSES; pass++) {
    const bounds = [...fit.segmentStarts, values.length];
    let ss = 0;
    for (let k = 0; k + 1 < bounds.length; k++) {
      let s = 0;
      let w = 0;
      for (let i = bounds[k]; i < bounds[k + 1]; i++) {
        s += weights[i] * values[i];
        w += weights[i];
      }
      for (let i = bounds[k]; i < bounds[k + 1]; i++) ss += weights[i] * (values[i] - s / w) ** 2;
    }
    const floor = Math.sqrt(ss / Math.max(1, values.length - fit.segmentStarts.length));
    if (!(floor > fit.sigma)) return fit;
    fit = segmentLevels(values, { ...options, sigmaFloor: Math.max(options.sigmaFloor ?? 0, floor) });
    const key = fit.segmentStarts.join(',');
    if (seen.has(key)) return fit;
    seen.add(key);
  }
  return fit;
}

/**
 * Segments one series and describes each change.
 * @param given the series in time order
 * @param input skill, metric, resolution, penalty, min segment, A/B events to attach
 * @returns the series summary and its changes
 * @example findChangepoints(points, { skillName: 'a', metric: 'completion_rate', resolution: 'day', penalty: 'mbic', minSegment: 3, abEvents: [] }).changepoints[0].timestamp // '2026-11-15T00:00:00Z'
 */
export function findChangepoints(given: readonly SegmentPoint[], input: ChangepointInput): { series: ChangepointSeries; changepoints: Changepoint[] } {
  const { skillName, metric, resolution, minSegment } = input;
  let points = given;
  const values = points.map((p) => p.value);
  const weights = points.map((p) => p.weight);
  const series: ChangepointSeries = { skillName, metric, status: 'insufficient_data', points: points.length, sigma: null, changepoints: 0 };
  if (points.length < 2 * minSegment) return { series, changepoints: [] };
  let found: { index: number; before: number; after: number; costGain: number; zScore: number }[];
  if (points.every((p) => p.rhythm) && input.noise !== 'differences') {
    // daily counts with a weekly rhythm: Poisson, the rhythm a factor of the level (levels are counts per day at the mean rhythm)
    const fit = poissonRhythmChangepoints(
      points.map((p) => Math.round(fromAnscombe(p.rhythm!.unadjusted))),
      points.map((p) => p.rhythm!.phase),
      { penalty: penaltyValue(input.penalty, points.length), minSegment },
    );
    series.sigma = Math.sqrt(fit.dispersion);
    found = fit.changes;
  } else {
    const options = { weights, penalty: input.penalty, minSegment, sigmaFloor: sigmaFloor(metric, values, weights), noise: input.noise };
    let fit = segmentLevels(values, options);
    if (metric === 'avg_duration_seconds' && input.noise !== 'differences') fit = segmentDurations(values, options, fit);
    if (points.every((p) => p.rhythm)) {
      const joint = segmentAroundRhythm(
        points.map((p) => p.rhythm!),
        fit.segmentStarts,
        options,
      );
      fit = joint.fit;
      points = points.map((p, i) => ({ ...p, value: joint.values[i], level: joint.values[i] }));
    }
    series.sigma = fit.sigma;
    const bounds = [...fit.segmentStarts, points.length];
    const levelOf = (a: number, b: number): number => {
      let s = 0;
      let w = 0;
      for (let i = a; i < b; i++) {
        s += points[i].level * points[i].weight;
        w += points[i].weight;
      }
      return metric === 'invocation_count' ? fromAnscombe(s / w) : s / w;
    };
    found = fit.sigma > 0 ? fit.changes.map((c, k) => ({ ...c, before: levelOf(bounds[k], bounds[k + 1]), after: levelOf(bounds[k + 1], bounds[k + 2]) })) : [];
  }
  series.status = 'ok';
  const near = resolution === 'day' ? MICROS_PER_DAY : 6 * MICROS_PER_HOUR;
  const changepoints = found.map((c): Changepoint => {
    const at = points[c.index].at;
    return {
      skillName,
      metric,
      resolution,
      timestamp: formatHour(at),
      before: c.before,
      after: c.after,
      size: c.after - c.before,
      costGain: c.costGain,
      zScore: c.zScore,
      nearbyAbEvents: input.abEvents.filter((e) => Math.abs(Date.parse(e.timestamp) * 1000 - at) <= near && (e.skills.length === 0 || e.skills.includes(skillName))),
    };
  });
  series.changepoints = changepoints.length;
  return { series, changepoints };
}

/** Daily aggregates of one skill, as the warehouse returns them. */
export interface DailyAggregate {
  dayMicros: number;
  invocationCount: number;
  completionRate: number | null;
  avgDurationSeconds: number | null;
  durationCount: number;
}

/**
 * The daily points of one metric over whole days [firstDay, endDay).
 * @param days the skill's days with invocations
 * @param metric which metric
 * @param firstDay first day start (epoch µs)
 * @param endDay end (exclusive)
 * @returns points for PELT (counts: every day, 0 when idle, weekly rhythm removed on the √ scale)
 * @example dailyPoints([{ dayMicros: 0, invocationCount: 4, completionRate: 0.5, avgDurationSeconds: null, durationCount: 0 }], 'completion_rate', 0, 86_400_000_000) // [{ at: 0, value: 0.5, weight: 4, level: 0.5 }]
 */
export function dailyPoints(days: readonly DailyAggregate[], metric: TimeSeriesMetric, firstDay: number, endDay: number): SegmentPoint[] {
  const byDay = new Map(days.map((d) => [d.dayMicros, d]));
  const out: SegmentPoint[] = [];
  if (metric === 'invocation_count') {
    const counts: number[] = [];
    for (let at = firstDay; at < endDay; at += MICROS_PER_DAY) counts.push(byDay.get(at)?.invocationCount ?? 0);
    const unadjusted = counts.map(anscombe);
    const z = deseasonalize(unadjusted, [7]);
    const adjusted = counts.length > 14; // deseasonalize's threshold: more than two weeks
    return counts.map((_, i) => ({
      at: firstDay + i * MICROS_PER_DAY,
      value: z[i],
      weight: 1,
      level: z[i],
      ...(adjusted ? { rhythm: { unadjusted: unadjusted[i], phase: i % 7 } } : {}),
    }));
  }
  for (let at = firstDay; at < endDay; at += MICROS_PER_DAY) {
    const d = byDay.get(at);
    if (metric === 'completion_rate') {
      if (d && d.invocationCount > 0 && d.completionRate !== null) out.push({ at, value: d.completionRate, weight: d.invocationCount, level: d.completionRate });
    } else if (d && d.durationCount > 0 && d.avgDurationSeconds !== null) {
      out.push({ at, value: Math.log(Math.max(d.avgDurationSeconds, MIN_DURATION_SECONDS)), weight: d.durationCount, level: d.avgDurationSeconds });
    }
  }
  return out;
}

/**
 * Hourly count points with the rhythm removed.
 * @param counts hourly counts from `firstHour`, one per hour
 * @param firstHour first hour start (epoch µs)
 * @returns points for PELT (value and level: the deseasonalised √ scale)
 */
export function hourlyCountPoints(counts: readonly number[], firstHour: number): SegmentPoint[] {
  const z = deseasonalize(counts.map(anscombe));
  return counts.map((_, i) => ({ at: firstHour + i * MICROS_PER_HOUR, value: z[i], weight: 1, level: z[i] }));
}
