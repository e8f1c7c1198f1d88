/**
 * Platt scaling: a logistic regression of the outcome on the logit of a score,
 * P(y = 1 | s) = 1 / (1 + exp(−(a · logit(s) + b))), fitted by maximum likelihood (Newton's
 * method). a = 1, b = 0 is the identity, so a calibrated score is left alone.
 */
import { AnalyticsError } from '../engine/errors.js';

/** Slope and intercept on the logit scale. */
export interface PlattFit {
  a: number;
  b: number;
}

const EPS = 1e-6;

/**
 * The logit of a probability clipped to [1e-6, 1 − 1e-6].
 * @param p probability
 * @returns log(p / (1 − p))
 * @example clippedLogit(0.5) // 0
 */
export function clippedLogit(p: number): number {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(q / (1 - q));
}

/**
 * Fits Platt scaling by Newton-Raphson on the log-likelihood (unpenalised).
 * @param scores predicted probabilities in [0, 1]
 * @param y labels 0/1
 * @returns the slope a and intercept b
 * @throws AnalyticsError INVALID_ARGUMENT on empty or mismatched input, or one class only
 * @example plattScaling([0.2, 0.4, 0.6, 0.8], [0, 1, 0, 1]) // { a: 0.91..., b: 0 }
 */
export function plattScaling(scores: ArrayLike<number>, y: ArrayLike<number>): PlattFit {
  const n = scores.length;
  if (n === 0 || y.length !== n) throw new AnalyticsError('INVALID_ARGUMENT', `plattScaling: needs equally long, non-empty inputs (got ${n} and ${y.length})`);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i] ? 1 : 0;
  if (positives === 0 || positives === n) throw new AnalyticsError('INVALID_ARGUMENT', 'plattScaling: needs both outcomes');
  const s = Float64Array.from({ length: n }, (_, i) => clippedLogit(scores[i]));
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 0;
    let hab = 0;
    let hbb = 0;
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(a * s[i] + b)));
      const r = p - (y[i] ? 1 : 0);
      const w = Math.max(p * (1 - p), 1e-12);
      ga += r * s[i];
      gb += r;
      haa += w * s[i] * s[i];
      hab += w * s[i];
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(Math.abs(det) > 1e-300)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  return { a, b };
}

/**
 * Applies a Platt fit.
 * @param fit slope and intercept
 * @param p the raw probability
 * @returns the calibrated probability
 * @example plattPredict({ a: 1, b: 0 }, 0.3) // 0.3 (up to the clipping)
 */
export function plattPredict(fit: PlattFit, p: number): number {
  return 1 / (1 + Math.exp(-(fit.a * clippedLogit(p) + fit.b)));
}
