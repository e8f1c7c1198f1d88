/**
 * Causal anomaly score of a series (prototype under measurement).
 */
import { invalidArgument } from './validate.js';

/** Tunables of the score (one global default; exposed for the benchmark's ablations). */
export interface AnomalyScoreConfig {
  dims: readonly number[];
  neighbours: number;
  history: number;
  calibration: number;
  minHistory: number;
  tailFraction: number;
  pareto: boolean;
  refractory: number;
  damp: number;
  recalibrate: boolean;
  avgWindow: number;
  avgHistory: number;
  diffDims: readonly number[];
}

export const ANOMALY_SCORE_DEFAULTS: AnomalyScoreConfig = {
  dims: [10],
  neighbours: 20,
  history: 1000,
  calibration: 1000,
  minHistory: 100,
  tailFraction: 0.05,
  pareto: false,
  refractory: 0,
  damp: 0.5,
  recalibrate: false,
  avgWindow: 0,
  avgHistory: 2000,
  diffDims: [] as number[],
};

/** Sorted window of the last `size` numbers, with ranks. */
class RankWindow {
  private readonly sorted: number[] = [];
  private readonly fifo: number[] = [];
  private head = 0;
  constructor(
    private readonly size: number,
    private readonly pareto: boolean,
  ) {}
  get length(): number {
    return this.sorted.length;
  }
  private lowerBound(v: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  private upperBound(v: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /** Fraction below v, ties counted half. */
  rank(v: number): number {
    const n = this.sorted.length;
    if (n === 0) return 0;
    const lo = this.lowerBound(v);
    const hi = this.upperBound(v);
    return (lo + 0.5 * (hi - lo)) / n;
  }
  /**
   * Tail probability of v: empirical below the top `tailFraction`, above it an exponential tail
   * fitted to the excesses over that quantile (peaks over threshold, mean-excess estimate).
   */
  tail(v: number, tailFraction: number): number {
    const n = this.sorted.length;
    const m = Math.max(2, Math.floor(n * tailFraction));
    const u = this.sorted[n - m];
    if (v <= u) return 1 - this.rank(v);
    const p = m / n;
    if (this.pareto && u > 0) {
      let logs = 0;
      for (let i = n - m; i < n; i++) logs += Math.log(this.sorted[i] / u);
      const gamma = logs / m;
      if (!(gamma > 0)) return p * 1e-6;
      return p * Math.exp(-Math.log(v / u) / gamma);
    }
    let excess = 0;
    for (let i = n - m; i < n; i++) excess += this.sorted[i] - u;
    const beta = excess / m;
    if (!(beta > 0)) return p * 1e-6;
    return p * Math.exp(-(v - u) / beta);
  }
  /** Sum of squared distances from v to its k nearest values in the window. */
  nearestSquares(v: number, k: number): number {
    const a = this.sorted;
    let right = this.lowerBound(v);
    let left = right - 1;
    let sum = 0;
    for (let taken = 0; taken < k; taken++) {
      const dl = left >= 0 ? v - a[left] : Infinity;
      const dr = right < a.length ? a[right] - v : Infinity;
      if (dl <= dr) {
        sum += dl * dl;
        left--;
      } else {
        sum += dr * dr;
        right++;
      }
    }
    return sum;
  }
  push(v: number): void {
    if (this.fifo.length - this.head >= this.size) {
      const old = this.fifo[this.head++];
      this.sorted.splice(this.lowerBound(old), 1);
      if (this.head > 4096) {
        this.fifo.splice(0, this.head);
        this.head = 0;
      }
    }
    this.fifo.push(v);
    this.sorted.splice(this.lowerBound(v), 0, v);
  }
}

/** k-th smallest of a[0..n) (partially reorders a). */
function sumSmallest(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  const kk = Math.min(k, n) - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (kk <= j) hi = j;
    else if (kk >= i) lo = i;
    else break;
  }
  let s = 0;
  for (let i = 0; i <= kk; i++) s += a[i];
  return s;
}

/** Nonconformity of each point: distance of its last-`dim` window to its nearest past windows. */
function knnNonconformity(x: readonly number[], dim: number, cfg: AnomalyScoreConfig): Float64Array {
  const n = x.length;
  if (dim === 1) {
    const out1 = new Float64Array(n).fill(Number.NaN);
    const w = new RankWindow(cfg.history, false);
    for (let t = 0; t < n; t++) {
      if (w.length >= cfg.neighbours) out1[t] = w.nearestSquares(x[t], cfg.neighbours);
      w.push(x[t]);
    }
    return out1;
  }
  const out = new Float64Array(n).fill(Number.NaN);
  const H = cfg.history;
  // dist[L] = squared distance between the windows ending at t and t − L, for L = dim .. dim + H − 1.
  const dist = new Float64Array(H);
  const scratch = new Float64Array(H);
  for (let t = 0; t < n; t++) {
    const recompute = t % 512 === 0;
    let count = 0;
    for (let j = 0; j < H; j++) {
      const L = dim + j;
      const s = t - L;
      if (s < dim - 1) break;
      if (recompute || s === dim - 1) {
        let d = 0;
        for (let m = 0; m < dim; m++) {
          const e = x[t - m] - x[s - m];
          d += e * e;
        }
        dist[j] = d;
      } else {
        const a = x[t] - x[s];
        const b = x[t - dim] - x[s - dim];
        dist[j] += a * a - b * b;
        if (dist[j] < 0) dist[j] = 0;
      }
      scratch[count++] = dist[j];
    }
    if (count >= cfg.neighbours) out[t] = sumSmallest(scratch, count, cfg.neighbours);
  }
  return out;
}

/**
 * One anomaly score in [0, 1] per value, each from the values up to it.
 */
export function anomalyScoresWith(values: readonly number[], cfg: AnomalyScoreConfig): number[] {
  const fn = 'anomalyScores';
  if (!Array.isArray(values)) invalidArgument(fn, 'values must be an array of numbers');
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) invalidArgument(fn, `values[${i}] must be a finite number (got ${String(values[i])})`);
  }
  const n = values.length;
  const scores = new Array<number>(n).fill(0);
  const diffs = values.map((v, i) => (i === 0 ? 0 : v - values[i - 1]));
  const perDim = [...cfg.dims.map((d) => knnNonconformity(values, d, cfg)), ...cfg.diffDims.map((d) => knnNonconformity(diffs, d, cfg))];
  const windows = perDim.map(() => new RankWindow(cfg.calibration, cfg.pareto));
  const combined = new RankWindow(cfg.calibration, cfg.pareto);
  for (let t = 0; t < n; t++) {
    let best = 0;
    let ready = true;
    for (let k = 0; k < perDim.length; k++) {
      const v = perDim[k][t];
      const w = windows[k];
      if (Number.isNaN(v)) {
        ready = false;
        continue;
      }
      if (w.length >= cfg.minHistory) best = Math.max(best, 1 - w.tail(v, cfg.tailFraction));
      else ready = false;
      w.push(v);
    }
    if (cfg.recalibrate) {
      if (!ready) continue;
      const c = -Math.log(Math.max(1 - best, 1e-300));
      scores[t] = combined.length >= cfg.minHistory ? 1 - combined.tail(c, cfg.tailFraction) : 0;
      combined.push(c);
    } else scores[t] = best;
  }
  if (cfg.avgWindow > 0) {
    // Short-term mean of the point scores, against its own past (Numenta's anomaly likelihood idea).
    const w = new RankWindow(cfg.avgHistory, cfg.pareto);
    const raw = scores.slice();
    let sum = 0;
    let count = 0;
    for (let t = 0; t < n; t++) {
      sum += raw[t];
      if (t >= cfg.avgWindow) sum -= raw[t - cfg.avgWindow];
      if (raw[t] === 0 && count === 0) continue;
      count++;
      if (count < cfg.avgWindow) continue;
      const a = sum / cfg.avgWindow;
      if (w.length >= cfg.minHistory) scores[t] = Math.max(raw[t], 1 - w.tail(a, cfg.tailFraction));
      w.push(a);
    }
  }
  if (cfg.refractory > 0) {
    // Surprise S = −log(1 − score); a point not above the largest S of the previous points is damped.
    const S = scores.map((v) => -Math.log(Math.max(1 - v, 1e-300)));
    for (let t = 0; t < n; t++) {
      let prev = 0;
      for (let j = Math.max(0, t - cfg.refractory); j < t; j++) prev = Math.max(prev, S[j]);
      if (S[t] <= prev) scores[t] = 1 - Math.exp(-S[t] * cfg.damp);
    }
  }
  return scores;
}
