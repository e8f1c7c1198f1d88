/**
 * Quality metrics of binary probability predictions, as pure functions over arrays. They follow
 * scikit-learn's definitions (roc_auc_score, brier_score_loss, log_loss, calibration_curve with
 * strategy="uniform"); the tests compare them with values scikit-learn computed.
 */
import { midranks } from '../../stats/midranks.js';

/** Labels: 0/1 (booleans allowed). */
export type Labels = ArrayLike<number | boolean>;

function check(y: Labels, p: ArrayLike<number>, name: string): number {
  if (y.length !== p.length) throw new Error(`${name}: ${y.length} labels but ${p.length} predictions`);
  if (y.length === 0) throw new Error(`${name}: needs at least one prediction`);
  for (let i = 0; i < p.length; i++) {
    if (!(p[i] >= 0 && p[i] <= 1)) throw new Error(`${name}: prediction ${p[i]} at ${i} is not a probability in [0, 1]`);
  }
  return y.length;
}

/**
 * Area under the ROC curve from ranks (Mann-Whitney U); tied predictions get their mean rank,
 * which equals scikit-learn's trapezoidal AUC.
 * @param y - true labels 0/1.
 * @param p - predicted P(y = 1).
 * @returns AUC in [0, 1], or NaN when `y` holds only one class (AUC is undefined).
 * @throws Error on length mismatch, empty input or a prediction outside [0, 1].
 * @example
 * rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 */
export function rocAuc(y: Labels, p: ArrayLike<number>): number {
  const n = check(y, p, 'rocAuc');
  // Midranks are half-integers: their sum is exact in any order.
  const ranks = midranks(p);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n; i++) {
    if (Number(y[i]) === 1) {
      positives++;
      rankSum += ranks[i];
    }
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Brier score: mean squared difference between prediction and label.
 * @param y - true labels 0/1.
 * @param p - predicted P(y = 1).
 * @returns a value in [0, 1]; lower is better.
 * @throws Error on length mismatch, empty input or a prediction outside [0, 1].
 * @example
 * brierScore([0, 1, 1], [0.1, 0.9, 0.6]); // 0.060000000000000005
 */
export function brierScore(y: Labels, p: ArrayLike<number>): number {
  const n = check(y, p, 'brierScore');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (p[i] - Number(y[i])) ** 2;
  return sum / n;
}

/**
 * Mean negative log-likelihood (cross-entropy) with predictions clipped to [eps, 1 - eps], as in
 * scikit-learn up to 1.2 (eps = 1e-15; 1.3+ clips at the float64 epsilon, which only changes
 * results for predictions of exactly 0 or 1).
 * @param y - true labels 0/1.
 * @param p - predicted P(y = 1).
 * @param eps - clipping bound.
 * @returns the log loss in nats; lower is better.
 * @throws Error on length mismatch, empty input or a prediction outside [0, 1].
 * @example
 * logLoss([0, 1], [0.2, 0.7]); // 0.2899092476264711
 */
export function logLoss(y: Labels, p: ArrayLike<number>, eps = 1e-15): number {
  const n = check(y, p, 'logLoss');
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const q = Math.min(Math.max(p[i], eps), 1 - eps);
    sum -= Number(y[i]) === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return sum / n;
}

/** One row of a calibration table. */
export interface CalibrationBin {
  /** Lower edge of the bin (exclusive, except 0 for the first bin). */
  binStart: number;
  /** Upper edge (inclusive). */
  binEnd: number;
  /** Predictions in the bin. */
  count: number;
  /** Mean prediction in the bin. */
  meanPredicted: number;
  /** Fraction of label 1 in the bin. */
  observedRate: number;
}

/**
 * Reliability table over `bins` equal-width bins of [0, 1], like scikit-learn's
 * `calibration_curve(strategy="uniform")`: bin k is (k/bins, (k+1)/bins] (the first also takes 0),
 * with numpy's `linspace` edges; empty bins are left out.
 * @param y - true labels 0/1.
 * @param p - predicted P(y = 1).
 * @param bins - number of bins (integer >= 1).
 * @returns the non-empty bins in ascending order.
 * @throws Error on length mismatch, empty input, a prediction outside [0, 1] or bad `bins`.
 * @example
 * calibrationTable([0, 1, 1], [0.05, 0.95, 0.9], 2);
 * // [{ binStart: 0, binEnd: 0.5, count: 1, meanPredicted: 0.05, observedRate: 0 },
 * //  { binStart: 0.5, binEnd: 1, count: 2, meanPredicted: 0.925, observedRate: 1 }]
 */
export function calibrationTable(y: Labels, p: ArrayLike<number>, bins = 10): CalibrationBin[] {
  const n = check(y, p, 'calibrationTable');
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`calibrationTable: bins must be an integer >= 1, got ${bins}`);
  const step = 1 / bins;
  const edge = (k: number): number => (k >= bins ? 1 : k * step);
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    let k = Math.min(bins - 1, Math.max(0, Math.ceil(p[i] * bins) - 1));
    while (k > 0 && p[i] <= edge(k)) k--;
    while (k < bins - 1 && p[i] > edge(k + 1)) k++;
    count[k]++;
    sumP[k] += p[i];
    sumY[k] += Number(y[i]);
  }
  const table: CalibrationBin[] = [];
  for (let k = 0; k < bins; k++) {
    if (count[k] === 0) continue;
    table.push({
      binStart: edge(k),
      binEnd: edge(k + 1),
      count: count[k],
      meanPredicted: sumP[k] / count[k],
      observedRate: sumY[k] / count[k],
    });
  }
  return table;
}
