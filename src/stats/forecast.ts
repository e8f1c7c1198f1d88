/**
 * Forecasts of a plain series: MSTL (non-robust, seasonal loess degree 0) removes the seasonal
 * rhythms, a model of the seasonally adjusted series (trend + remainder) gives the level ahead,
 * and the seasonal components continue their last cycle (statsmodels' `STLForecast`, augurs'
 * `MSTL.ets`). Models: simple exponential smoothing (`'ses'`), damped-trend ETS (`'damped'`), the
 * seasonal naive forecast of each period (`'seasonal-naive'`, the last cycle repeated; the last value when there is no period), or
 * (`'auto'`, the default) the one of these with the smallest absolute error on the last `horizon`
 * values held out (at most a quarter of the series), refitted on the whole series. Intervals are
 * normal at the model's h-step SD, widened by the root mean square of the held-out errors in those
 * SDs when it exceeds 1. Positive series are forecast on the log scale by default (`transform:
 * 'auto'`). Chosen on the M4 competition's 414 hourly series (bench/real-world/m4-hourly.bench.ts,
 * docs/time-series.md): robust MSTL down-weighted the last week of smooth series and SES then
 * carried the last hour's error over the whole horizon (PITFALLS.md "Real series").
 */
import { requireArgument } from '../engine/errors.js';
import { dampedTrendForecast, fitDampedTrend } from './damped-trend.js';
import { fitSimpleExponentialSmoothing, sesForecastSd } from './exponential-smoothing.js';
import { mstl } from './mstl.js';
import { detectSeasonalPeriods } from './seasonal-periods.js';

/** Normal quantiles of the two-sided 80 % and 95 % intervals. */
export const Z80 = 1.2815515655446004;
export const Z95 = 1.959963984540054;

/** A model of {@link forecast}. */
export type ForecastModel = 'ses' | 'damped' | 'seasonal-naive';

/** Options of {@link forecast}. */
export interface SeriesForecastOptions {
  /** Values ahead (whole number ≥ 1). */
  horizon: number;
  /** Seasonal periods (e.g. [24, 168] for hours); detected from the autocorrelation when omitted. */
  seasonalPeriods?: readonly number[];
  /** `'auto'` (default: chosen by held-out error), or one model (see the file comment). */
  method?: 'auto' | ForecastModel;
  /** `'auto'` (default): log when every value is > 0, else none; `'log'` needs values > 0. */
  transform?: 'auto' | 'log' | 'none';
  /** Robust (bisquare-weighted) MSTL (default false). */
  robust?: boolean;
  /** Degree of the seasonal loess (default 0: local means; 1: local lines). */
  seasonalDegree?: 0 | 1;
}

/** What {@link forecast} returns: one value per step ahead in each array. */
export interface SeriesForecast {
  mean: number[];
  lower80: number[];
  upper80: number[];
  lower95: number[];
  upper95: number[];
  /** The seasonal periods used (those with more than two cycles in the series). */
  periods: number[];
  /** The model used (for `'seasonal-naive'`, of the period in `seasonalPeriod`). */
  method: ForecastModel;
  seasonalPeriod: number | null;
  /** Smoothing constant α of SES / damped ETS (null for seasonal naive). */
  alpha: number | null;
  /** One-step error SD of the model (on the transformed scale). */
  sigma: number;
  /** Factor the intervals were widened by (≥ 1, from the held-out errors). */
  intervalScale: number;
  /** Log scale used. */
  logScale: boolean;
}

/** The defaults (measured on M4 hourly, docs/time-series.md); the skill forecast uses them on the Anscombe scale. */
export const DEFAULT_FORECAST = { method: 'auto', transform: 'auto', robust: false, seasonalDegree: 0 } as const;

/** A fitted model: centre and SD h steps ahead (transformed scale). */
interface FittedModel {
  method: ForecastModel;
  seasonalPeriod: number | null;
  alpha: number | null;
  sigma: number;
  periods: number[];
  at(h: number): { mean: number; sd: number };
}

interface Decomposed {
  periods: number[];
  seasonal: number[][];
  adjusted: number[];
}

function decompose(y: readonly number[], periods: readonly number[], robust: boolean, seasonalDegree: 0 | 1): Decomposed {
  const fit = mstl(y, periods, { robust, jumps: 'tenth', outlierWindows: 'unweighted', seasonalDegree });
  return { periods: fit.periods, seasonal: fit.seasonal, adjusted: fit.trend.map((t, i) => t + fit.remainder[i]) };
}

/** The candidates of one series: each model, fitted (seasonal naive: one per period with two cycles). */
function candidates(y: readonly number[], d: Decomposed, models: readonly ForecastModel[]): FittedModel[] {
  const n = y.length;
  const seasonalAt = (h: number) => d.periods.reduce((s, p, k) => s + d.seasonal[k][n - p + ((h - 1) % p)], 0);
  const out: FittedModel[] = [];
  for (const method of models) {
    if (method === 'ses' || (method === 'damped' && n < 3)) {
      const fit = fitSimpleExponentialSmoothing(d.adjusted);
      out.push({
        method: 'ses',
        seasonalPeriod: null,
        alpha: fit.alpha,
        sigma: Math.sqrt(fit.sigma2),
        periods: d.periods,
        at: (h) => ({ mean: fit.level + seasonalAt(h), sd: sesForecastSd(fit, h) }),
      });
    } else if (method === 'damped') {
      const fit = fitDampedTrend(d.adjusted);
      out.push({
        method,
        seasonalPeriod: null,
        alpha: fit.alpha,
        sigma: Math.sqrt(fit.sigma2),
        periods: d.periods,
        at: (h) => {
          const f = dampedTrendForecast(fit, h);
          return { mean: f.mean + seasonalAt(h), sd: f.sd };
        },
      });
    } else {
      const ps = d.periods.length ? d.periods : [1];
      for (const p of ps) {
        if (n < 2 * p) continue;
        let ss = 0;
        for (let i = p; i < n; i++) ss += (y[i] - y[i - p]) ** 2;
        const sigma = Math.sqrt(ss / (n - p));
        out.push({
          method,
          seasonalPeriod: p,
          alpha: null,
          sigma,
          periods: d.periods,
          at: (h) => ({ mean: y[n - p + ((h - 1) % p)], sd: sigma * Math.sqrt(Math.floor((h - 1) / p) + 1) }),
        });
      }
    }
  }
  return out;
}

/**
 * Forecasts a series `horizon` values ahead.
 * @param values finite values in time order (at least 4)
 * @param options horizon, seasonalPeriods (detected when omitted), method ('auto'), robust (false), seasonalDegree (0)
 * @returns mean and 80 % / 95 % normal bounds per step, the periods and model used, σ
 * @throws AnalyticsError INVALID_ARGUMENT for non-finite values, fewer than 4 values, a bad horizon or bad periods
 * @example forecast(hourlyValues, { horizon: 48, seasonalPeriods: [24, 168] }).mean.length // 48
 */
export function forecast(values: readonly number[], options: SeriesForecastOptions): SeriesForecast {
  requireArgument(Array.isArray(values) && values.every((v) => typeof v === 'number' && Number.isFinite(v)), 'forecast: values must be finite numbers');
  requireArgument(values.length >= 4, `forecast: needs at least 4 values (got ${values.length})`);
  const { horizon } = options;
  requireArgument(Number.isInteger(horizon) && horizon >= 1, `forecast: horizon must be a whole number ≥ 1 (got ${String(horizon)})`);
  const method = options.method ?? DEFAULT_FORECAST.method;
  requireArgument(
    method === 'auto' || method === 'ses' || method === 'damped' || method === 'seasonal-naive',
    `forecast: method must be 'auto', 'ses', 'damped' or 'seasonal-naive' (got ${String(method)})`,
  );
  const transform = options.transform ?? DEFAULT_FORECAST.transform;
  requireArgument(transform === 'auto' || transform === 'log' || transform === 'none', `forecast: transform must be 'auto', 'log' or 'none' (got ${String(transform)})`);
  const positive = values.every((v) => v > 0);
  requireArgument(transform !== 'log' || positive, "forecast: transform 'log' needs values > 0");
  const periods = options.seasonalPeriods ?? detectSeasonalPeriods(values);
  requireArgument(Array.isArray(periods) && periods.every((p) => Number.isInteger(p) && p >= 2), `forecast: seasonalPeriods must be whole numbers ≥ 2 (got ${String(periods)})`);
  const logScale = transform === 'log' || (transform === 'auto' && positive);
  const y = logScale ? values.map(Math.log) : [...values];
  const robust = options.robust ?? DEFAULT_FORECAST.robust;
  const degree = options.seasonalDegree ?? DEFAULT_FORECAST.seasonalDegree;
  const models: ForecastModel[] = method === 'auto' ? ['ses', 'damped', 'seasonal-naive'] : [method];
  // hold out the last `horizon` values (at most a quarter): choose the model and measure the interval scale
  const hold = Math.min(horizon, Math.floor(y.length / 4));
  let chosen = 0;
  let intervalScale = 1;
  if (hold >= 1 && y.length - hold >= 4) {
    const train = y.slice(0, y.length - hold);
    const held = candidates(train, decompose(train, periods, robust, degree), models);
    const mae = held.map((m) => {
      let s = 0;
      for (let h = 1; h <= hold; h++) s += Math.abs(y[train.length + h - 1] - m.at(h).mean);
      return s;
    });
    chosen = mae.indexOf(Math.min(...mae));
    const m = held[chosen];
    let q = 0;
    for (let h = 1; h <= hold; h++) {
      const f = m.at(h);
      q += f.sd > 0 ? ((y[train.length + h - 1] - f.mean) / f.sd) ** 2 : 0;
    }
    intervalScale = Math.max(1, Math.sqrt(q / hold));
    const key = `${m.method}:${m.seasonalPeriod}`;
    const all = candidates(y, decompose(y, periods, robust, degree), models);
    const model = all.find((c) => `${c.method}:${c.seasonalPeriod}` === key) ?? all[0];
    return project(model, horizon, intervalScale, logScale);
  }
  const model = candidates(y, decompose(y, periods, robust, degree), models)[chosen];
  return project(model, horizon, intervalScale, logScale);
}

function project(model: FittedModel, horizon: number, intervalScale: number, logScale: boolean): SeriesForecast {
  const back = logScale ? Math.exp : (v: number) => v;
  const out: SeriesForecast = {
    mean: [],
    lower80: [],
    upper80: [],
    lower95: [],
    upper95: [],
    periods: model.periods,
    method: model.method,
    seasonalPeriod: model.seasonalPeriod,
    alpha: model.alpha,
    sigma: model.sigma,
    intervalScale,
    logScale,
  };
  for (let h = 1; h <= horizon; h++) {
    const { mean, sd } = model.at(h);
    const s = sd * intervalScale;
    out.mean.push(back(mean));
    out.lower80.push(back(mean - Z80 * s));
    out.upper80.push(back(mean + Z80 * s));
    out.lower95.push(back(mean - Z95 * s));
    out.upper95.push(back(mean + Z95 * s));
  }
  return out;
}
