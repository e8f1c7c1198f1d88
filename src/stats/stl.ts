/**
 * STL: Seasonal-Trend decomposition by Loess (Cleveland, Cleveland, McRae & Terpenning 1990), a
 * line-by-line port of the netlib Fortran `stl.f` that statsmodels' `STL` also wraps, with the same
 * defaults as statsmodels (seasonal 7, trend = next odd ≥ 1.5·period / (1 − 1.5/seasonal),
 * low-pass = next odd > period, degrees 1, jumps 1; robust: inner 2 / outer 15, else inner 5 / outer 0).
 * Checked against statsmodels 0.13 to 1e-9 (test/unit/time-series/references/).
 * Indexes inside follow the Fortran (1-based) so the port can be read beside it.
 */
import { requireArgument } from '../engine/errors.js';

/** Options of {@link stl}; defaults are statsmodels'. */
export interface StlOptions {
  /** Seasonal smoother length (odd, ≥ 3; default 7). */
  seasonal?: number;
  /** Trend smoother length (odd; default from period and seasonal). */
  trend?: number;
  /** Low-pass filter length (odd; default the next odd number > period). */
  lowPass?: number;
  /**
   * Degree of the seasonal loess: 1 (local lines, default) or 0 (local means). With few cycles
   * (a weekly period in four weeks of hours: 4 points per hour-of-week) local lines follow the noise.
   */
  seasonalDegree?: 0 | 1;
  /** Robust fit: bisquare weights against outliers (default false). */
  robust?: boolean;
  /** Inner loop iterations (default 2 robust, 5 otherwise). */
  inner?: number;
  /** Outer (robustness) iterations (default 15 robust, 0 otherwise). */
  outer?: number;
  /**
   * Loess evaluated at every point (`'none'`, statsmodels' default) or every ⌈length / 10⌉ points
   * with linear interpolation between (`'tenth'`, R's `stl` default: about 10× faster).
   */
  jumps?: 'none' | 'tenth';
  /**
   * A loess window whose points all have robustness weight 0: `'value'` keeps the raw value, as
   * stl.f and statsmodels do (default); `'unweighted'` refits that window without the weights.
   * With only 4–5 weekly cycles, one burst can push all of its hour-of-week neighbours past the
   * bisquare cut-off, and `'value'` then copies the burst into the seasonal component.
   */
  outlierWindows?: 'value' | 'unweighted';
}

/** Result of {@link stl}: y = seasonal + trend + remainder. */
export interface StlResult {
  seasonal: number[];
  trend: number[];
  remainder: number[];
  /** Robustness weights (all 1 when not robust). */
  weights: number[];
}

const nextOdd = (x: number): number => {
  const v = Math.ceil(x);
  return v % 2 === 0 ? v + 1 : v;
};

/** Loess estimate at xs from y[nleft..nright] (1-based); returns null when all weights are 0. */
function est(y: Float64Array, n: number, len: number, ideg: number, xs: number, nleft: number, nright: number, w: Float64Array, userw: boolean, rw: Float64Array): number | null {
  const fit = estOnce(y, n, len, ideg, xs, nleft, nright, w, userw, rw);
  // every neighbour an outlier: stl.f keeps the raw value; with `outlierWindows: 'unweighted'` refit without robustness weights
  return fit === null && userw && unweightedRefit ? estOnce(y, n, len, ideg, xs, nleft, nright, w, false, rw) : fit;
}

/** Set by {@link stl} for the duration of one call (`outlierWindows: 'unweighted'`). */
let unweightedRefit = false;

function estOnce(
  y: Float64Array,
  n: number,
  len: number,
  ideg: number,
  xs: number,
  nleft: number,
  nright: number,
  w: Float64Array,
  userw: boolean,
  rw: Float64Array,
): number | null {
  const range = n - 1;
  let h = Math.max(xs - nleft, nright - xs);
  if (len > n) h += Math.trunc((len - n) / 2);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let a = 0;
  for (let j = nleft; j <= nright; j++) {
    w[j] = 0;
    const r = Math.abs(j - xs);
    if (r <= h9) {
      if (r <= h1) w[j] = 1;
      else {
        const q = r / h;
        const u = 1 - q * q * q;
        w[j] = u * u * u;
      }
      if (userw) w[j] *= rw[j];
      a += w[j];
    }
  }
  if (a <= 0) return null;
  for (let j = nleft; j <= nright; j++) w[j] /= a;
  if (h > 0 && ideg > 0) {
    a = 0;
    for (let j = nleft; j <= nright; j++) a += w[j] * j;
    let b = xs - a;
    let c = 0;
    for (let j = nleft; j <= nright; j++) c += w[j] * (j - a) * (j - a);
    if (Math.sqrt(c) > 0.001 * range) {
      b /= c;
      for (let j = nleft; j <= nright; j++) w[j] *= b * (j - a) + 1;
    }
  }
  let ys = 0;
  for (let j = nleft; j <= nright; j++) ys += w[j] * y[j];
  return ys;
}

/** Loess smoothing of y[1..n] into ys[ysOffset + 1..n], evaluated every `njump` points and interpolated linearly between. */
function ess(y: Float64Array, n: number, len: number, ideg: number, njump: number, userw: boolean, rw: Float64Array, ys: Float64Array, ysOffset: number, res: Float64Array): void {
  if (n < 2) {
    ys[ysOffset + 1] = y[1];
    return;
  }
  const newnj = Math.min(njump, n - 1);
  let nleft = 1;
  let nright = n;
  if (len >= n) {
    for (let i = 1; i <= n; i += newnj) ys[ysOffset + i] = est(y, n, len, ideg, i, 1, n, res, userw, rw) ?? y[i];
  } else if (newnj === 1) {
    const nsh = Math.trunc((len + 1) / 2);
    nright = len;
    for (let i = 1; i <= n; i++) {
      if (i > nsh && nright !== n) {
        nleft++;
        nright++;
      }
      ys[ysOffset + i] = est(y, n, len, ideg, i, nleft, nright, res, userw, rw) ?? y[i];
    }
  } else {
    const nsh = Math.trunc((len + 1) / 2);
    for (let i = 1; i <= n; i += newnj) {
      if (i < nsh) {
        nleft = 1;
        nright = len;
      } else if (i >= n - nsh + 1) {
        nleft = n - len + 1;
        nright = n;
      } else {
        nleft = i - nsh + 1;
        nright = len + i - nsh;
      }
      ys[ysOffset + i] = est(y, n, len, ideg, i, nleft, nright, res, userw, rw) ?? y[i];
    }
  }
  if (newnj === 1) return;
  for (let i = 1; i <= n - newnj; i += newnj) {
    const delta = (ys[ysOffset + i + newnj] - ys[ysOffset + i]) / newnj;
    for (let j = i + 1; j <= i + newnj - 1; j++) ys[ysOffset + j] = ys[ysOffset + i] + delta * (j - i);
  }
  const k = Math.trunc((n - 1) / newnj) * newnj + 1;
  if (k !== n) {
    ys[ysOffset + n] = est(y, n, len, ideg, n, nleft, nright, res, userw, rw) ?? y[n];
    if (k !== n - 1) {
      const delta = (ys[ysOffset + n] - ys[ysOffset + k]) / (n - k);
      for (let j = k + 1; j <= n - 1; j++) ys[ysOffset + j] = ys[ysOffset + k] + delta * (j - k);
    }
  }
}

/** Moving average of length len over x[1..n] into ave[1..n−len+1]. */
function ma(x: Float64Array, n: number, len: number, ave: Float64Array): void {
  const newn = n - len + 1;
  let v = 0;
  for (let i = 1; i <= len; i++) v += x[i];
  ave[1] = v / len;
  for (let j = 2, k = len + 1; j <= newn; j++, k++) {
    v = v - x[j - 1] + x[k];
    ave[j] = v / len;
  }
}

/** Seasonal smoothing of each cycle-subseries, extended by one period at both ends (n + 2·np values). */
function ss(y: Float64Array, n: number, np: number, ns: number, isdeg: number, nsjump: number, userw: boolean, rw: Float64Array, season: Float64Array): void {
  const cap = Math.trunc(n / np) + 3;
  const work1 = new Float64Array(cap);
  const work2 = new Float64Array(cap + 1);
  const work3 = new Float64Array(cap);
  const work4 = new Float64Array(cap);
  for (let j = 1; j <= np; j++) {
    const k = Math.trunc((n - j) / np) + 1;
    for (let i = 1; i <= k; i++) work1[i] = y[(i - 1) * np + j];
    if (userw) for (let i = 1; i <= k; i++) work3[i] = rw[(i - 1) * np + j];
    ess(work1, k, ns, isdeg, nsjump, userw, work3, work2, 1, work4);
    const nright = Math.min(ns, k);
    work2[1] = est(work1, k, ns, isdeg, 0, 1, nright, work4, userw, work3) ?? work2[2];
    const nleft = Math.max(1, k - ns + 1);
    work2[k + 2] = est(work1, k, ns, isdeg, k + 1, nleft, k, work4, userw, work3) ?? work2[k + 1];
    for (let m = 1; m <= k + 2; m++) season[(m - 1) * np + j] = work2[m];
  }
}

/** Robustness weights: bisquare of |y − fit| / (6 · median). */
function robustnessWeights(y: Float64Array, n: number, fit: Float64Array, rw: Float64Array): void {
  const r: number[] = [];
  for (let i = 1; i <= n; i++) r.push(Math.abs(y[i] - fit[i]));
  const sorted = [...r].sort((a, b) => a - b);
  const mid1 = Math.trunc(n / 2) + 1;
  const mid2 = n - mid1 + 1;
  const cmad = 3 * (sorted[mid1 - 1] + sorted[mid2 - 1]);
  const c9 = 0.999 * cmad;
  const c1 = 0.001 * cmad;
  for (let i = 1; i <= n; i++) {
    const ri = r[i - 1];
    rw[i] = ri <= c1 ? 1 : ri <= c9 ? (1 - (ri / cmad) ** 2) ** 2 : 0;
  }
}

/**
 * Decomposes a regularly spaced series into seasonal, trend and remainder (STL).
 * @param values the series (finite numbers, no gaps), at least two full periods
 * @param period observations per cycle (≥ 2), e.g. 24 for hourly data with a daily rhythm
 * @param options smoother lengths, robustness, iterations (statsmodels' defaults)
 * @returns seasonal, trend, remainder and robustness weights, each of the series' length
 * @throws AnalyticsError INVALID_ARGUMENT for a bad period, a too-short series or non-finite values
 * @example
 * stl(Array.from({ length: 48 }, (_, i) => Math.sin((2 * Math.PI * i) / 24)), 24).seasonal[6] // ≈ 1
 */
export function stl(values: readonly number[], period: number, options: StlOptions = {}): StlResult {
  const n = values.length;
  requireArgument(Number.isInteger(period) && period >= 2, `stl: period must be a whole number ≥ 2 (got ${String(period)})`);
  requireArgument(n >= 2 * period, `stl: the series needs at least two periods (${2 * period} values; got ${n})`);
  requireArgument(
    values.every((v) => Number.isFinite(v)),
    'stl: every value must be a finite number (fill gaps first)',
  );
  const robust = options.robust ?? false;
  const ns = options.seasonal ?? 7;
  requireArgument(Number.isInteger(ns) && ns >= 3 && ns % 2 === 1, `stl: seasonal must be an odd whole number ≥ 3 (got ${String(ns)})`);
  const nt = options.trend ?? nextOdd((1.5 * period) / (1 - 1.5 / ns));
  const nl = options.lowPass ?? nextOdd(period + 1);
  requireArgument(Number.isInteger(nt) && nt >= 3 && nt % 2 === 1, `stl: trend must be an odd whole number ≥ 3 (got ${String(nt)})`);
  requireArgument(Number.isInteger(nl) && nl >= 3 && nl % 2 === 1, `stl: lowPass must be an odd whole number ≥ 3 (got ${String(nl)})`);
  const isdeg = options.seasonalDegree ?? 1;
  requireArgument(isdeg === 0 || isdeg === 1, `stl: seasonalDegree must be 0 or 1 (got ${String(isdeg)})`);
  const ni = options.inner ?? (robust ? 2 : 5);
  const no = options.outer ?? (robust ? 15 : 0);
  const np = period;
  const jumps = options.jumps ?? 'none';
  const jump = (len: number) => (jumps === 'tenth' ? Math.ceil(len / 10) : 1);
  const sj = jump(ns);
  const tj = jump(nt);
  const lj = jump(nl);
  const y = new Float64Array(n + 1);
  for (let i = 1; i <= n; i++) y[i] = values[i - 1];
  const rw = new Float64Array(n + 1);
  const season = new Float64Array(n + 1);
  const trend = new Float64Array(n + 1);
  const big = n + 2 * np + 1;
  const w1 = new Float64Array(big);
  const w2 = new Float64Array(big);
  const w3 = new Float64Array(big);
  const w5 = new Float64Array(big);
  let userw = false;
  unweightedRefit = options.outlierWindows === 'unweighted';
  for (let k = 0; ; k++) {
    for (let j = 0; j < ni; j++) {
      for (let i = 1; i <= n; i++) w1[i] = y[i] - trend[i];
      ss(w1, n, np, ns, isdeg, sj, userw, rw, w2);
      ma(w2, n + 2 * np, np, w3);
      ma(w3, n + np + 1, np, w1);
      ma(w1, n + 2, 3, w3);
      ess(w3, n, nl, 1, lj, false, rw, w1, 0, w5);
      for (let i = 1; i <= n; i++) season[i] = w2[np + i] - w1[i];
      for (let i = 1; i <= n; i++) w1[i] = y[i] - season[i];
      ess(w1, n, nt, 1, tj, userw, rw, trend, 0, w3);
    }
    if (k + 1 > no) break;
    for (let i = 1; i <= n; i++) w1[i] = trend[i] + season[i];
    robustnessWeights(y, n, w1, rw);
    userw = true;
  }
  if (no <= 0) rw.fill(1);
  const out: StlResult = { seasonal: [], trend: [], remainder: [], weights: [] };
  for (let i = 1; i <= n; i++) {
    out.seasonal.push(season[i]);
    out.trend.push(trend[i]);
    out.remainder.push(y[i] - season[i] - trend[i]);
    out.weights.push(rw[i]);
  }
  return out;
}
