/**
 * Causal anomaly score of one series: a score in [0, 1] per value, computed only from the values up
 * to it (the score of a prefix equals the prefix's scores).
 *
 * 1. Nonconformity (nearest-neighbour conformal, as KNN CAD): the sum of squared distances from the
 *    value to its `neighbours` nearest earlier values (the last `memory` of them).
 * 2. Calibration to the series' own past: the tail probability of that nonconformity among the
 *    earlier nonconformities (empirical; beyond their top `tailFraction` an exponential tail fitted
 *    to the excesses, so a value past every earlier one still gets a finite, ordered probability).
 *    score = 1 − tail. Scales and units cancel: one default serves every series.
 * 3. Onset: a point whose surprise (−log tail) is not above the largest surprise of the previous
 *    `refractory` points (within `refractory` × the median spacing so far, when timestamps are
 *    given, so a gap ends it) scores 0: a burst or level shift is reported where it starts,
 *    and again only if it grows.
 * The first `minHistory` nonconformities score 0 (not enough history). Level shifts stop scoring
 * once `neighbours` values sit at the new level; flat lines have nonconformity 0 (tail 0.5).
 */
import { lowerBound, upperBound } from './sorted-search.js';
import { invalidArgument } from './validate.js';

/** The score's settings: one global default (measured on NAB, docs/anomalies.md). */
export interface AnomalyScoreSettings {
  /** Nearest earlier values summed into the nonconformity. */
  neighbours: number;
  /** Earlier values (and nonconformities) remembered. */
  memory: number;
  /** Nonconformities needed before a point is scored. */
  minHistory: number;
  /** Top fraction of the past nonconformities that fits the exponential tail. */
  tailFraction: number;
  /** Points after a surprise during which a smaller one scores 0. */
  refractory: number;
}

/** The default settings. */
export const ANOMALY_SCORE_DEFAULTS: AnomalyScoreSettings = { neighbours: 10, memory: 20000, minHistory: 30, tailFraction: 0.05, refractory: 50 };

/** Options of {@link anomalyScores}. */
export interface AnomalyScoreOptions {
  /** Epoch ms of each value, non-decreasing; a gap longer than the refractory span ends it. */
  timestamps?: readonly number[];
}

/**
 * The last `size` numbers kept sorted (for ranks, tails and nearest neighbours), in typed arrays
 * sized for the series (`capacity` pushes at most). The sorted values sit inside a buffer with room
 * on both sides: an insert or removal moves the shorter side by one, before the
 * values equal to it when that side is the left, after them when the right, so ties at either end
 * move nothing (equal numbers are interchangeable: ±0 give the same distances, tails and sums).
 */
class SortedWindow {
  /** The sorted values are sorted[start … start + n). */
  private readonly sorted: Float64Array;
  /** The values in push order, a ring of the last `size`. */
  private readonly fifo: Float64Array;
  private start: number;
  private n = 0;
  private head = 0;
  /** The last value ranked and its rank (NaN: none; any change of the values clears it). */
  private lastValue = Number.NaN;
  private lastBelow = 0;
  constructor(
    private readonly size: number,
    capacity: number,
  ) {
    const cap = Math.max(0, capacity);
    this.sorted = new Float64Array(2 * cap + 1);
    this.start = cap;
    this.fifo = new Float64Array(Math.min(size, cap));
  }
  get length(): number {
    return this.n;
  }
  /** Middle value (upper median); NaN when empty. */
  median(): number {
    return this.n === 0 ? Number.NaN : this.sorted[this.start + (this.n >> 1)];
  }
  /** Rank of v: how many values are below it (kept for the push of the same v that usually follows). */
  private below(v: number): number {
    if (v === this.lastValue) return this.lastBelow;
    const below = lowerBound(this.sorted, v, this.start, this.start + this.n) - this.start;
    this.lastValue = v;
    this.lastBelow = below;
    return below;
  }
  /** How many values are at most v, given `below` (v's rank): past the values equal to v, if any. */
  private atMost(v: number, below: number): number {
    const a = this.sorted;
    const s = this.start;
    const end = s + this.n;
    if (s + below === end || a[s + below] !== v) return below;
    // v is the largest value (a quantised series' top, a constant spacing): all from `below` on equal it.
    if (a[end - 1] === v) return this.n;
    return upperBound(a, v, s + below + 1, end - 1) - s;
  }
  /** How many values are above v, given `below`; with none below, 0 (the left side then moves nothing). */
  private above(v: number, below: number): number {
    return below === 0 ? 0 : this.n - this.atMost(v, below);
  }
  /**
   * P(X ≥ v) among the window (ties counted half); above the top `fraction` an exponential tail
   * p · exp(−(v − u) / β), u the (1 − fraction) quantile, β the mean excess over u.
   */
  tail(v: number, fraction: number): number {
    const a = this.sorted;
    const s = this.start;
    const n = this.n;
    const m = Math.max(2, Math.floor(n * fraction));
    const u = a[s + n - m];
    if (v <= u) {
      const below = this.below(v);
      const ties = this.atMost(v, below) - below;
      return 1 - (below + 0.5 * ties) / n;
    }
    let excess = 0;
    for (let i = s + n - m; i < s + n; i++) excess += a[i] - u;
    const beta = excess / m;
    const p = m / n;
    // All of the top values equal u (a flat or quantised past): anything above it is new.
    if (!(beta > 0)) return p * Number.EPSILON;
    return p * Math.exp(-(v - u) / beta);
  }
  /** Sum of squared distances from v to its k nearest values (k ≤ length). */
  nearestSquares(v: number, k: number): number {
    const a = this.sorted;
    const s = this.start;
    const end = s + this.n;
    let right = s + this.below(v);
    let left = right - 1;
    let sum = 0;
    for (let taken = 0; taken < k; taken++) {
      const dl = left >= s ? v - a[left] : Infinity;
      const dr = right < end ? a[right] - v : Infinity;
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
    const a = this.sorted;
    if (this.n >= this.size) {
      const old = this.fifo[this.head];
      this.head = this.head + 1 === this.fifo.length ? 0 : this.head + 1;
      this.lastValue = Number.NaN;
      const below = this.below(old);
      const above = this.above(old, below);
      const s = this.start;
      if (below <= above) {
        // Drop the first of the equal values: the ones below it move right by one.
        for (let i = s + below; i > s; i--) a[i] = a[i - 1];
        this.start++;
      } else {
        // Drop the last of them: the ones above it move left by one.
        const end = s + this.n - 1;
        for (let i = end - above; i < end; i++) a[i] = a[i + 1];
      }
      this.n--;
      this.lastValue = Number.NaN;
    }
    const slot = this.head + this.n;
    this.fifo[slot >= this.fifo.length ? slot - this.fifo.length : slot] = v;
    const below = this.below(v);
    const above = this.above(v, below);
    this.lastValue = Number.NaN;
    const s = this.start;
    if (below <= above) {
      for (let i = s - 1; i < s - 1 + below; i++) a[i] = a[i + 1];
      a[s - 1 + below] = v;
      this.start--;
    } else {
      const at = s + this.n - above;
      for (let i = s + this.n; i > at; i--) a[i] = a[i - 1];
      a[at] = v;
    }
    this.n++;
  }
}

function validate(fn: string, values: readonly number[], timestamps: readonly number[] | undefined): void {
  if (!Array.isArray(values)) invalidArgument(fn, 'values must be an array of numbers');
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) invalidArgument(fn, `values[${i}] must be a finite number (got ${String(values[i])}); drop missing values first`);
  }
  if (timestamps === undefined) return;
  if (!Array.isArray(timestamps) || timestamps.length !== values.length) invalidArgument(fn, 'timestamps must be an array as long as values');
  for (let i = 0; i < timestamps.length; i++) {
    if (!Number.isFinite(timestamps[i])) invalidArgument(fn, `timestamps[${i}] must be a finite number (got ${String(timestamps[i])})`);
    if (i > 0 && timestamps[i] < timestamps[i - 1]) invalidArgument(fn, `timestamps must not decrease (timestamps[${i}] < timestamps[${i - 1}])`);
  }
}

/**
 * Anomaly scores with explicit settings (the benchmark's ablations; use {@link anomalyScores}).
 * @param values the series, in time order, all finite
 * @param settings the score's settings
 * @param timestamps epoch ms per value (optional)
 * @returns one score in [0, 1] per value
 */
export function anomalyScoresWith(values: readonly number[], settings: AnomalyScoreSettings, timestamps?: readonly number[]): number[] {
  validate('anomalyScores', values, timestamps);
  const { neighbours, memory, minHistory, tailFraction, refractory } = settings;
  const n = values.length;
  const scores = new Array<number>(n).fill(0);
  const surprise = new Float64Array(n);
  const past = new SortedWindow(memory, n);
  const nonconformities = new SortedWindow(memory, n);
  const spacings = new SortedWindow(memory, n);
  for (let t = 0; t < n; t++) {
    const x = values[t];
    if (timestamps && t > 0) spacings.push(timestamps[t] - timestamps[t - 1]);
    if (past.length >= neighbours) {
      const ncm = past.nearestSquares(x, neighbours);
      if (nonconformities.length >= minHistory) {
        const tail = nonconformities.tail(ncm, tailFraction);
        const own = -Math.log(Math.max(tail, Number.MIN_VALUE));
        surprise[t] = own;
        // An onset: above 0 and above every surprise of the span before it (stops at the first that is not).
        let onset = own > 0;
        if (onset) {
          const span = timestamps ? refractory * spacings.median() : Infinity;
          for (let j = t - 1; j >= Math.max(0, t - refractory); j--) {
            if (timestamps && timestamps[t] - timestamps[j] > span) break;
            if (surprise[j] >= own) {
              onset = false;
              break;
            }
          }
        }
        if (onset) scores[t] = 1 - tail;
      }
      nonconformities.push(ncm);
    }
    past.push(x);
  }
  return scores;
}

/**
 * Causal anomaly score of a series, one global default (docs/anomalies.md).
 * @param values the series in time order; every value finite (drop missing values first)
 * @param options timestamps (epoch ms, non-decreasing) so that a gap ends the onset rule's span
 * @returns one score in [0, 1] per value; 0 for the first 40 values (10 neighbours + 30 nonconformities) and for
 *   points that are not the onset of a new, larger surprise
 * @throws AnalyticsError INVALID_ARGUMENT on a non-finite value or bad timestamps
 * @example anomalyScores(hourlyCounts).map((s) => s > 0.999) // the hours to circle
 */
export function anomalyScores(values: readonly number[], options: AnomalyScoreOptions = {}): number[] {
  return anomalyScoresWith(values, ANOMALY_SCORE_DEFAULTS, options.timestamps);
}
