/**
 * Hourly invocation-count forecasts: MSTL (24 h and 168 h, robust) + simple exponential smoothing
 * of the deseasonalised series, on the variance-stabilised scale z = 2 √(count + 3/8) (Anscombe),
 * as statsmodels' `STLForecast` and augurs' `MSTL.ets` combine them. Seasonal components continue
 * their last cycle; the level is SES's; the h-step interval is level ± q · σ √(1 + (h − 1) α²)
 * (normal quantiles), mapped back with count = (z / 2)² − 3/8, floored at 0. The point forecast
 * is the back-transformed centre (a median, not a mean). Pure.
 */
import { formatHour, MICROS_PER_HOUR } from '../engine/time.js';
import { fitSimpleExponentialSmoothing, sesForecastSd } from '../stats/exponential-smoothing.js';
import { mstl } from '../stats/mstl.js';
import { HOURLY_PERIODS, MIN_DECOMPOSITION_HOURS } from './decomposition.js';
import type { ForecastPoint, SeriesStatus } from './seasonal-types.js';

/** Normal quantiles of the two-sided 80 % and 95 % intervals. */
export const Z80 = 1.2815515655446004;
export const Z95 = 1.959963984540054;

const toRoot = (c: number): number => 2 * Math.sqrt(c + 0.375);
const fromRoot = (z: number): number => Math.max(0, (Math.max(z, 0) / 2) ** 2 - 0.375);

/** What {@link forecastHourlyCounts} returns. */
export interface CountForecast {
  status: SeriesStatus;
  note: string | null;
  periods: number[];
  alpha: number | null;
  sigma: number | null;
  points: ForecastPoint[];
}

/**
 * Forecasts the next `hours` hourly counts.
 * @param counts hourly counts, oldest first, ending with the last complete hour
 * @param endHour start of the first forecast hour (epoch µs, whole hour)
 * @param hours hours ahead
 * @returns points with 80 % / 95 % intervals; `insufficient_data` below 49 hours or with no invocation
 * @example forecastHourlyCounts(last28DaysCounts, Date.UTC(2026, 10, 25) * 1000, 24).points[0] // { timestamp: '2026-11-25T00:00:00Z', value: 3.1, lower80: 1.2, ... }
 */
export function forecastHourlyCounts(counts: readonly number[], endHour: number, hours: number): CountForecast {
  const none = { periods: [], alpha: null, sigma: null, points: [] };
  if (counts.length < MIN_DECOMPOSITION_HOURS) return { status: 'insufficient_data', note: `needs at least ${MIN_DECOMPOSITION_HOURS} hours of history (got ${counts.length})`, ...none };
  if (!counts.some((c) => c > 0)) return { status: 'insufficient_data', note: 'no invocation in the history', ...none };
  const z = counts.map(toRoot);
  const fit = mstl(z, HOURLY_PERIODS, { robust: true, jumps: 'tenth' });
  const deseason = fit.trend.map((t, i) => t + fit.remainder[i]);
  const ses = fitSimpleExponentialSmoothing(deseason);
  const n = z.length;
  const points: ForecastPoint[] = [];
  for (let h = 1; h <= hours; h++) {
    let centre = ses.level;
    fit.periods.forEach((p, k) => {
      centre += fit.seasonal[k][n - p + ((h - 1) % p)];
    });
    const sd = sesForecastSd(ses, h);
    points.push({
      timestamp: formatHour(endHour + (h - 1) * MICROS_PER_HOUR),
      value: fromRoot(centre),
      lower80: fromRoot(centre - Z80 * sd),
      upper80: fromRoot(centre + Z80 * sd),
      lower95: fromRoot(centre - Z95 * sd),
      upper95: fromRoot(centre + Z95 * sd),
    });
  }
  const dropped = HOURLY_PERIODS.filter((p) => !fit.periods.includes(p));
  return {
    status: 'ok',
    note: dropped.length ? `period ${dropped.join(', ')} h left out: it needs more than ${2 * dropped[0]} hours of history (got ${n})` : null,
    periods: fit.periods,
    alpha: ses.alpha,
    sigma: Math.sqrt(ses.sigma2),
    points,
  };
}
