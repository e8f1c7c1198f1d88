/**
 * Normal, Student-t and chi-square tails and quantiles, accurate in the far tails (tail
 * probabilities are computed directly, never as `1 - cdf`). Quantiles start from jstat's
 * approximation and are polished by Newton steps on the accurate CDF.
 */
import jstatPkg from 'jstat';
import { erfc, logGamma, regularizedIncompleteBeta, regularizedUpperGamma } from './special-functions.js';

const { jStat } = jstatPkg;

/**
 * Standard normal upper tail P(Z > z).
 * @param z standard normal deviate
 * @returns 1 − Φ(z), accurate relative to its value for large z
 * @throws never
 * @example
 * normalSurvival(1.959963984540054); // => 0.025000000000000022
 */
export function normalSurvival(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * Standard normal CDF Φ(z).
 * @param z standard normal deviate
 * @returns P(Z ≤ z)
 * @throws never
 * @example
 * normalCdf(-1); // => 0.15865525393145707
 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * Two-sided p-value of a standard normal statistic, 2·P(Z > |z|).
 * @param z statistic
 * @returns p in [0, 1]; NaN when z is NaN
 * @throws never
 * @example
 * normalTwoSidedPValue(1.959963984540054); // => 0.050000000000000044
 */
export function normalTwoSidedPValue(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}

/**
 * Standard normal quantile Φ⁻¹(p).
 * @param p probability
 * @returns z with Φ(z) = p; −Infinity at 0, Infinity at 1, NaN outside [0, 1]
 * @throws never
 * @example
 * normalQuantile(0.975); // => 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p > 0.5) return -normalQuantile(1 - p); // 1 - p is exact for p in [0.5, 1]
  let x: number = jStat.normal.inv(p, 0, 1);
  for (let i = 0; i < 8; i++) {
    const density = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    const step = (normalCdf(x) - p) / density;
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.abs(x)) break;
  }
  return x;
}

/**
 * Student-t upper tail P(T > t) with `df` degrees of freedom (df = Infinity gives the normal).
 * @param t statistic
 * @param df degrees of freedom, > 0 (non-integer allowed, e.g. Welch)
 * @returns P(T > t); NaN when df ≤ 0 or an argument is NaN
 * @throws never
 * @example
 * studentTSurvival(2, 10); // => 0.036694017385370294
 */
export function studentTSurvival(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (df === Infinity) return normalSurvival(t);
  if (t < 0) return 1 - studentTSurvival(-t, df);
  if (t === Infinity) return 0;
  const t2 = t * t;
  return 0.5 * regularizedIncompleteBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
}

/**
 * Student-t CDF P(T ≤ t).
 * @param t statistic
 * @param df degrees of freedom, > 0
 * @returns P(T ≤ t)
 * @throws never
 * @example
 * studentTCdf(-2, 10); // => 0.036694017385370294
 */
export function studentTCdf(t: number, df: number): number {
  return studentTSurvival(-t, df);
}

/**
 * Two-sided p-value of a Student-t statistic, 2·P(T > |t|), from the upper tail (no `1 - cdf`).
 * @param t statistic (±Infinity gives 0)
 * @param df degrees of freedom, > 0
 * @returns p in [0, 1]; NaN when t or df is NaN or df ≤ 0
 * @throws never
 * @example
 * studentTTwoSidedPValue(-4.891535492704667, 2974); // => 1.0537304297919323e-6
 */
export function studentTTwoSidedPValue(t: number, df: number): number {
  return Math.min(1, 2 * studentTSurvival(Math.abs(t), df));
}

function studentTLogPdf(t: number, df: number): number {
  return logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df);
}

/**
 * Student-t quantile.
 * @param p probability
 * @param df degrees of freedom, > 0
 * @returns t with P(T ≤ t) = p; ±Infinity at 1 and 0, NaN outside [0, 1] or for df ≤ 0
 * @throws never
 * @example
 * studentTQuantile(0.975, 10); // => 2.2281388519862757
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return NaN;
  if (df === Infinity) return normalQuantile(p);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p > 0.5) return -studentTQuantile(1 - p, df);
  let x: number = jStat.studentt.inv(p, df);
  if (!Number.isFinite(x) || x >= 0) x = normalQuantile(p);
  for (let i = 0; i < 20; i++) {
    const step = (studentTCdf(x, df) - p) / Math.exp(studentTLogPdf(x, df));
    const next = x - step;
    x = next < 0 ? next : x / 2; // stay in the lower half, where the CDF is accurate
    if (Math.abs(step) <= 1e-15 * Math.abs(x)) break;
  }
  return x;
}

/**
 * Chi-square upper tail P(X > x) with `df` degrees of freedom.
 * @param x statistic, ≥ 0
 * @param df degrees of freedom, > 0
 * @returns P(X > x); NaN for invalid arguments
 * @throws never
 * @example
 * chiSquareSurvival(3.841458820694124, 1); // => 0.05000000000000008
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 1;
  return regularizedUpperGamma(df / 2, x / 2);
}
