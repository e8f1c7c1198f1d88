/**
 * Split-conformal prediction sets for the outcome (the "LAC" score MAPIE uses for classifiers):
 * on calibration rows the model never fitted, the nonconformity of a row is 1 − p(its outcome)
 * (p = the raw probability of completing, 1 − p of not completing); q̂ is the ⌈(n + 1)·level⌉-th
 * smallest. A new row's set holds each outcome whose nonconformity is ≤ q̂: 'completed' when
 * 1 − p ≤ q̂, 'not completed' when p ≤ q̂. Guarantee (Vovk et al.; Angelopoulos & Bates 2021):
 * when calibration and new rows are exchangeable, P(the outcome is in the set) ≥ level, and
 * < level + 1/(n + 1) with continuous scores — a marginal guarantee over rows, not per row.
 *
 * The sets are monotone in p, so a monotone calibrator does not change them: they are computed
 * on raw probabilities and hold for the served (calibrated) ones alike.
 *
 * What is not guaranteed: an interval that covers each row's *true probability*. No
 * distribution-free method can give that from a finite sample (Barber 2020, "Is distribution-free
 * inference possible for binary regression?"); the tree spread and the calibration diagnostics
 * describe the probability's uncertainty instead.
 */
import type { Labels } from './metrics.js';

/** Default coverage level of the prediction sets. */
export const CONFORMAL_LEVEL = 0.9;

/** A fitted split-conformal calibration (plain data, stored in the model JSON). */
export interface ConformalCalibration {
  /** Nominal coverage, e.g. 0.9. */
  level: number;
  /** Calibration rows. */
  rows: number;
  /** q̂: an outcome is in the set when 1 − p(outcome) ≤ q̂ (1: every set holds both). */
  threshold: number;
}

/** The outcomes a prediction set holds. */
export interface PredictionSet {
  level: number;
  completed: boolean;
  notCompleted: boolean;
}

/**
 * Fits q̂ on calibration rows.
 * @param p raw probabilities of completing on rows the model was not fitted on
 * @param y their outcomes
 * @param level nominal coverage in (0, 1)
 * @returns the calibration
 * @throws Error on empty or mismatched input or a level outside (0, 1)
 * @example fitConformal([0.9, 0.8, 0.3], [1, 0, 0], 0.5).threshold // 0.3 (scores 0.1, 0.8, 0.3; 2nd smallest)
 */
export function fitConformal(p: ArrayLike<number>, y: Labels, level = CONFORMAL_LEVEL): ConformalCalibration {
  const n = y.length;
  if (n === 0 || p.length !== n) throw new Error(`fitConformal: needs as many probabilities as outcomes and at least one (got ${p.length} and ${n})`);
  if (!(level > 0 && level < 1)) throw new Error(`fitConformal: level must be in (0, 1) (got ${level})`);
  const scores = Float64Array.from({ length: n }, (_, i) => (Number(y[i]) === 1 ? 1 - p[i] : p[i])).sort();
  const k = Math.ceil((n + 1) * level);
  return { level, rows: n, threshold: k > n ? 1 : scores[k - 1] };
}

/**
 * The prediction set of one probability.
 * @param c the calibration
 * @param p raw probability of completing
 * @returns which outcomes the set holds
 */
export function predictionSet(c: ConformalCalibration, p: number): PredictionSet {
  return { level: c.level, completed: 1 - p <= c.threshold, notCompleted: p <= c.threshold };
}

/** How prediction sets did on rows with known outcomes (and, on generated data, known true probabilities). */
export interface SetCoverage {
  level: number;
  rows: number;
  /** Share of rows whose outcome is in its set. */
  coverage: number;
  /** Shares of sets holding only 'completed', only 'not completed', both, none. */
  sizes: { completed: number; notCompleted: number; both: number; empty: number };
  /** Mean over rows of P(outcome in set) under the true probabilities (null without them). */
  expectedCoverage: number | null;
}

/**
 * Coverage of the sets on scored rows.
 * @param c the calibration
 * @param p raw probabilities of the rows
 * @param y their outcomes
 * @param truth the probabilities the outcomes were drawn with (generated data), if known
 * @returns observed coverage, set sizes and, with `truth`, the expected coverage Σ P(Y ∈ set) / n
 */
export function setCoverage(c: ConformalCalibration, p: ArrayLike<number>, y: Labels, truth?: ArrayLike<number>): SetCoverage {
  const n = y.length;
  let covered = 0;
  let expected = 0;
  const sizes = { completed: 0, notCompleted: 0, both: 0, empty: 0 };
  for (let i = 0; i < n; i++) {
    const s = predictionSet(c, p[i]);
    const yi = Number(y[i]);
    if ((yi === 1 && s.completed) || (yi === 0 && s.notCompleted)) covered++;
    if (truth) expected += (s.completed ? truth[i] : 0) + (s.notCompleted ? 1 - truth[i] : 0);
    if (s.completed && s.notCompleted) sizes.both++;
    else if (s.completed) sizes.completed++;
    else if (s.notCompleted) sizes.notCompleted++;
    else sizes.empty++;
  }
  return {
    level: c.level,
    rows: n,
    coverage: covered / n,
    sizes: { completed: sizes.completed / n, notCompleted: sizes.notCompleted / n, both: sizes.both / n, empty: sizes.empty / n },
    expectedCoverage: truth ? expected / n : null,
  };
}

/**
 * Checks a calibration read from JSON.
 * @param raw stored value
 * @returns it, or null for null/absent
 * @throws Error when malformed
 */
export function readConformal(raw: unknown): ConformalCalibration | null {
  if (raw === null || raw === undefined) return null;
  const c = raw as ConformalCalibration;
  if (!(c.level > 0 && c.level < 1 && Number.isInteger(c.rows) && c.rows > 0 && c.threshold >= 0 && c.threshold <= 1)) throw new Error('the conformal calibration is damaged');
  return { level: c.level, rows: c.rows, threshold: c.threshold };
}
