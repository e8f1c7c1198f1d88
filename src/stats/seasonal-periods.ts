/**
 * Seasonal periods of a series from its autocorrelation, for forecasts when no period is given
 * (src/stats/forecast.ts). The significance test is M4's (Makridakis et al.: the benchmarks'
 * `SeasonalityTest`, Bartlett's standard error of the autocorrelation at lag m).
 */
import { normalQuantile } from './distributions.js';

/**
 * Seasonal periods from the autocorrelation: the lag in 2..n/3 with the highest autocorrelation
 * among local maxima that pass M4's seasonality test (|r_m| > z √((1 + 2 Σ_{k<m} r_k²) / n)) with
 * its 10 % two-sided level shared by the L lags tried (z = Φ⁻¹(1 − 0.05 / L), Bonferroni),
 * then (at M4's own 90 % level, one lag per cycle) the multiple of it whose autocorrelation is
 * higher than at the multiples before and after (a week of hours after a day); or else the divisor of it that is
 * itself such a local maximum with the highest autocorrelation (a day inside a week).
 * @param values the series
 * @returns 0, 1 or 2 periods, ascending
 * @example detectSeasonalPeriods(Array.from({ length: 200 }, (_, i) => Math.sin((2 * Math.PI * i) / 12))) // [12]
 */
export function detectSeasonalPeriods(values: readonly number[]): number[] {
  const n = values.length;
  const maxLag = Math.floor(n / 3);
  if (maxLag < 2) return [];
  const m = values.reduce((s, v) => s + v, 0) / n;
  const d = values.map((v) => v - m);
  const c0 = d.reduce((s, v) => s + v * v, 0);
  if (!(c0 > 0)) return [];
  const r = [1];
  for (let k = 1; k <= maxLag + 1; k++) {
    let s = 0;
    for (let i = k; i < n; i++) s += d[i] * d[i - k];
    r.push(s / c0);
  }
  // M4's 90 % test, its 10 % spread over the lags tried (else white noise has a "period" by chance)
  const z = normalQuantile(1 - 0.05 / maxLag);
  let cum = 0;
  const passes: boolean[] = [false];
  const passes90: boolean[] = [false];
  for (let k = 1; k <= maxLag; k++) {
    const se = Math.sqrt((1 + 2 * cum) / n);
    passes.push(Math.abs(r[k]) > z * se);
    passes90.push(Math.abs(r[k]) > 1.645 * se);
    cum += r[k] * r[k];
  }
  let best = 0;
  for (let k = 2; k <= maxLag; k++) if (passes[k] && r[k] > 0 && r[k] >= r[k - 1] && r[k] >= r[k + 1] && (best === 0 || r[k] > r[best])) best = k;
  if (best === 0) return [];
  // a longer cycle: the multiple of it whose autocorrelation peaks above its neighbouring multiples' (a week of hours)
  let second = 0;
  for (let k = 2 * best; k <= maxLag; k += best) {
    const next = k + best <= maxLag ? r[k + best] : Number.NEGATIVE_INFINITY;
    if (passes90[k] && r[k] > r[k - best] && r[k] > next && (second === 0 || r[k] > r[second])) second = k;
  }
  if (second) return [best, second];
  // a shorter cycle inside it: the divisor that is itself a passing local maximum with the highest autocorrelation
  let shorter = 0;
  for (let k = 2; k <= best / 2; k++) {
    if (best % k === 0 && passes90[k] && r[k] > 0 && r[k] >= r[k - 1] && r[k] >= r[k + 1] && (shorter === 0 || r[k] > r[shorter])) shorter = k;
  }
  return shorter ? [shorter, best] : [best];
}
