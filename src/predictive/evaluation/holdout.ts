/**
 * Holdout evaluation of the predictor: the model's metrics, a 10-bin calibration table and the two
 * baselines (training rate, per-skill prior) on the same split. Pure functions over arrays.
 */
import { brierScore, calibrationTable, logLoss, rocAuc, type Labels } from './metrics.js';
import type { CalibrationRow, HoldoutMetrics } from '../types.js';

/** Bins of the calibration table in the training report. */
export const CALIBRATION_BINS = 10;

/**
 * AUC, Brier score and log loss of predictions.
 * @param y labels 0/1
 * @param p predicted probabilities
 * @returns the metrics; rocAuc null when `y` has one class
 * @throws Error on empty or mismatched input
 * @example holdoutMetrics([0, 1], [0.2, 0.7]) // { rocAuc: 1, brier: 0.065, logLoss: 0.2899..., n: 2, positiveRate: 0.5 }
 */
export function holdoutMetrics(y: Labels, p: ArrayLike<number>): HoldoutMetrics {
  const auc = rocAuc(y, p);
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += Number(y[i]);
  return {
    rocAuc: Number.isNaN(auc) ? null : auc,
    brier: brierScore(y, p),
    logLoss: logLoss(y, p),
    n: y.length,
    positiveRate: positives / y.length,
  };
}

/**
 * All bins of the calibration table (empty bins too, with null means).
 * @param y labels 0/1
 * @param p predicted probabilities
 * @param bins number of equal-width bins
 * @returns `bins` rows in ascending order
 */
export function calibrationRows(y: Labels, p: ArrayLike<number>, bins = CALIBRATION_BINS): CalibrationRow[] {
  const filled = new Map(calibrationTable(y, p, bins).map((b) => [Math.round(b.binStart * bins), b]));
  return Array.from({ length: bins }, (_, k) => {
    const binStart = k === 0 ? 0 : k / bins;
    const binEnd = k + 1 >= bins ? 1 : (k + 1) / bins;
    const b = filled.get(k);
    return b
      ? { binStart, binEnd, count: b.count, meanPredicted: b.meanPredicted, observedRate: b.observedRate }
      : { binStart, binEnd, count: 0, meanPredicted: null, observedRate: null };
  });
}

/**
 * Per-skill prior: each test row gets its skill's completion rate in the training rows; a skill not
 * seen in training gets the overall training rate.
 * @param trainSkills skill of each training row
 * @param trainY labels of the training rows
 * @param testSkills skill of each test row
 * @returns predictions for the test rows
 * @example perSkillPrior(['a', 'a', 'b'], [1, 0, 1], ['a', 'c']) // Float64Array [0.5, 0.6666666666666666]
 */
export function perSkillPrior(trainSkills: readonly string[], trainY: Labels, testSkills: readonly string[]): Float64Array {
  const stats = new Map<string, { n: number; done: number }>();
  let done = 0;
  trainSkills.forEach((skill, i) => {
    const s = stats.get(skill) ?? { n: 0, done: 0 };
    s.n++;
    s.done += Number(trainY[i]);
    done += Number(trainY[i]);
    stats.set(skill, s);
  });
  const overall = done / trainSkills.length;
  return Float64Array.from(testSkills, (skill) => {
    const s = stats.get(skill);
    return s ? s.done / s.n : overall;
  });
}

/**
 * The training part's completion rate as a constant prediction for every test row.
 * @param trainY labels of the training rows
 * @param testRows number of test rows
 */
export function trainRatePrediction(trainY: Labels, testRows: number): Float64Array {
  let done = 0;
  for (let i = 0; i < trainY.length; i++) done += Number(trainY[i]);
  return new Float64Array(testRows).fill(done / trainY.length);
}
