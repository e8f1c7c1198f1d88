/**
 * Hourly invocation-count forecasts: MSTL (24 h and 168 h, robust) + simple exponential smoothing
 * of the deseasonalised series, on the variance-stabilised scale z = 2 √(count + 3/8) (Anscombe),
 * as statsmodels' `STLForecast` and augurs' `MSTL.ets` combine them. Seasonal components continue
 * their last cycle; the level is SES's; the h-step interval is level ± q · σ √(1 + (h − 1) α²)
 * (normal quantiles), mapped back with count = (z / 2)² − 3/8, floored at 0, and widened to whole
 * counts (lower bound rounded down, upper up: without that, a bound of 0.2 excludes the zero counts
 * of a quiet hour). σ is SES's in-sample one-step error. Measured in bench/time-series-eval.bench.ts
 * (seasonal degree 0): the 80 % band covers 87–90 %, the 95 % band 95–96 %. The point forecast is
 * the back-transformed centre (a median, not a mean). Pure.
 */
import { formatHour, MICROS_PER_HOUR } from '../engine/time.js';
import { fitSimpleExponentialSmoothing } from '../stats/exponential-smoothing.js';
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
/** Centre of the √-scale forecast h hours ahead and the fitted SES. */
function fitAndProject(z: readonly number[], hours: number) {
  const fit = mstl(z, HOURLY_PERIODS, { robust: true, jumps: 'tenth', outlierWindows: 'unweighted', seasonalDegree: 0 });
  const ses = fitSimpleExponentialSmoothing(fit.trend.map((t, i) => t + fit.remainder[i]));
  const n = z.length;
  const centres: number[] = [];
  for (let h = 1; h <= hours; h++) {
    let centre = ses.level;
    fit.periods.forEach((p, k) => {
      centre += fit.seasonal[k][n - p + ((h - 1) % p)];
    });
    centres.push(centre);
  }
  return { periods: fit.periods, ses, centres };
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
  const z = counts.map(toRoot);
  const n = z.length;
  const { periods, ses, centres } = fitAndProject(z, hours);
  const sigma = Math.sqrt(ses.sigma2);
  const points: ForecastPoint[] = centres.map((centre, i) => {
    const sd = sigma * Math.sqrt(1 + i * ses.alpha * ses.alpha);
    return {
      timestamp: formatHour(endHour + i * MICROS_PER_HOUR),
      value: fromRoot(centre),
      lower80: Math.floor(fromRoot(centre - Z80 * sd)),
      upper80: Math.ceil(fromRoot(centre + Z80 * sd)),
      lower95: Math.floor(fromRoot(centre - Z95 * sd)),
      upper95: Math.ceil(fromRoot(centre + Z95 * sd)),
    };
  });
  const dropped = HOURLY_PERIODS.filter((p) => !periods.includes(p));
  return {
    status: 'ok',
    note: dropped.length ? `period ${dropped.join(', ')} h left out: it needs more than ${2 * dropped[0]} hours of history (got ${n})` : null,
    periods,
    alpha: ses.alpha,
    sigma,
    points,
  };
}
