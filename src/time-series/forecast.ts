/**
 * Hourly invocation-count forecasts: `forecast` of src/stats/forecast.ts (MSTL with the 24 h and
 * 168 h periods, then SES, damped-trend ETS or the seasonal naive forecast, chosen by the error on
 * the last `hours` held out) on the variance-stabilised scale z = 2 √(count + 3/8) (Anscombe, so no
 * log). The bounds are mapped back with count = (z / 2)² − 3/8, floored at 0, and widened to whole
 * counts (lower bound rounded down, upper up: without that, a bound of 0.2 excludes the zero counts
 * of a quiet hour). The point forecast is the back-transformed centre (a median, not a mean).
 * Coverage on generated files and on M4's hourly series: docs/time-series.md. Pure.
 */
import { formatHour, MICROS_PER_HOUR } from '../engine/time.js';
import { forecast } from '../stats/forecast.js';
import { HOURLY_PERIODS, MIN_DECOMPOSITION_HOURS } from './decomposition.js';
import type { ForecastPoint, SeriesStatus } from './seasonal-types.js';

export { Z80, Z95 } from '../stats/forecast.js';

const toRoot = (c: number): number => 2 * Math.sqrt(c + 0.375);
const fromRoot = (z: number): number => Math.max(0, (Math.max(z, 0) / 2) ** 2 - 0.375);

/** What {@link forecastHourlyCounts} returns. */
export interface CountForecast {
  status: SeriesStatus;
  note: string | null;
  periods: number[];
  /** α of the SES / damped-trend model; null when the seasonal naive forecast was chosen. */
  alpha: number | null;
  /** One-step error SD of the chosen model on the √ scale. */
  sigma: number | null;
  points: ForecastPoint[];
}

/**
 * Forecasts the next `hours` hourly counts.
 * @param counts hourly counts, oldest first, ending with the last complete hour
 * @param endHour start of the first forecast hour (epoch µs, whole hour)
 * @param hours hours ahead
 * @returns points with 80 % / 95 % intervals; `insufficient_data` below 49 hours or with no invocation
 * @example forecastHourlyCounts(last28DaysCounts, Date.UTC(2026, 10, 25) * 1000, 24).points[0] // { timestamp: '2026-11-25T00:00:00Z', value: 3.1, lower80: 1, upper80: 5, ... }
 */
export function forecastHourlyCounts(counts: readonly number[], endHour: number, hours: number): CountForecast {
  const none = { periods: [], alpha: null, sigma: null, points: [] };
  if (counts.length < MIN_DECOMPOSITION_HOURS)
    return { status: 'insufficient_data', note: `needs at least ${MIN_DECOMPOSITION_HOURS} hours of history (got ${counts.length})`, ...none };
  if (!counts.some((c) => c > 0)) return { status: 'insufficient_data', note: 'no invocation in the history', ...none };
  const n = counts.length;
  const f = forecast(counts.map(toRoot), { horizon: hours, seasonalPeriods: HOURLY_PERIODS, transform: 'none' });
  const points: ForecastPoint[] = f.mean.map((centre, i) => ({
    timestamp: formatHour(endHour + i * MICROS_PER_HOUR),
    value: fromRoot(centre),
    lower80: Math.floor(fromRoot(f.lower80[i])),
    upper80: Math.ceil(fromRoot(f.upper80[i])),
    lower95: Math.floor(fromRoot(f.lower95[i])),
    upper95: Math.ceil(fromRoot(f.upper95[i])),
  }));
  const dropped = HOURLY_PERIODS.filter((p) => !f.periods.includes(p));
  return {
    status: 'ok',
    note: dropped.length ? `period ${dropped.join(', ')} h left out: it needs more than ${2 * dropped[0]} hours of history (got ${n})` : null,
    periods: f.periods,
    alpha: f.alpha,
    sigma: f.sigma,
    points,
  };
}
