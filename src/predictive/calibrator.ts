/**
 * Calibration of served probabilities: a monotone map fitted on predictions for rows LATER than
 * the rows the model was fitted on. Isotonic regression (PAV) when the calibration slice has at
 * least {@link ISOTONIC_MIN_ROWS} rows, Platt scaling (logistic on the logit) when it is thinner.
 */
import { isotonicPredict, isotonicRegression } from '../stats/isotonic-regression.js';
import { plattPredict, plattScaling } from '../stats/platt-scaling.js';

/** What to calibrate with: 'auto' picks by the size of the calibration slice. */
export type CalibrationMethod = 'auto' | 'isotonic' | 'platt' | 'none';

/** A fitted calibrator (plain data, stored in the model JSON). */
export type Calibrator =
  | { method: 'isotonic'; rows: number; x: number[]; y: number[] }
  | { method: 'platt'; rows: number; a: number; b: number };

/** Fewest calibration rows for isotonic regression under 'auto' (scikit-learn's advice: isotonic overfits below ~1,000). */
export const ISOTONIC_MIN_ROWS = 1000;

/**
 * Fits a calibrator.
 * @param p raw predictions on the calibration rows
 * @param y their labels
 * @param method 'auto' (isotonic with ≥ 1,000 rows, else Platt), 'isotonic', 'platt' or 'none'
 * @returns the calibrator, or null for 'none' or when the rows hold one outcome only
 * @example fitCalibrator(p, y, 'auto') // { method: 'isotonic', rows: 3200, x: [...], y: [...] }
 */
export function fitCalibrator(p: ArrayLike<number>, y: ArrayLike<number>, method: CalibrationMethod): Calibrator | null {
  if (method === 'none') return null;
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i];
  if (positives === 0 || positives === y.length) return null;
  const isotonic = method === 'isotonic' || (method === 'auto' && y.length >= ISOTONIC_MIN_ROWS);
  if (isotonic) {
    const fit = isotonicRegression(p, y);
    return { method: 'isotonic', rows: y.length, x: fit.x, y: fit.y };
  }
  return { method: 'platt', rows: y.length, ...plattScaling(p, y) };
}

/**
 * Applies a calibrator (none: the identity).
 * @param c the calibrator or null
 * @param p a raw probability
 * @returns the calibrated probability
 */
export function calibrate(c: Calibrator | null, p: number): number {
  if (!c) return p;
  return c.method === 'isotonic' ? isotonicPredict(c, p) : plattPredict(c, p);
}

/**
 * Applies a calibrator to many predictions.
 * @param c the calibrator or null
 * @param p raw probabilities
 * @returns calibrated probabilities (a copy)
 */
export function calibrateMany(c: Calibrator | null, p: ArrayLike<number>): Float64Array {
  return Float64Array.from(p, (v) => calibrate(c, v));
}

/**
 * Checks a calibrator read from JSON.
 * @param raw stored value
 * @returns it, or null for null
 * @throws Error when malformed
 */
export function readCalibrator(raw: unknown): Calibrator | null {
  if (raw === null || raw === undefined) return null;
  const c = raw as Calibrator;
  const nums = (v: unknown): v is number[] => Array.isArray(v) && v.length > 0 && v.every((x) => Number.isFinite(x));
  if (c.method === 'isotonic' && nums(c.x) && nums(c.y) && c.x.length === c.y.length) return { method: 'isotonic', rows: c.rows, x: [...c.x], y: [...c.y] };
  if (c.method === 'platt' && Number.isFinite(c.a) && Number.isFinite(c.b)) return { method: 'platt', rows: c.rows, a: c.a, b: c.b };
  throw new Error('the calibrator is damaged');
}
