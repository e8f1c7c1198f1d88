/**
 * Regression adjustment of a two-group comparison by covariates measured before assignment:
 * CUPED (Deng, Xu, Kohavi & Walker 2013, "Improving the Sensitivity of Online Controlled
 * Experiments by Utilizing Pre-Experiment Data", WSDM) with several covariates, which is the
 * ANCOVA estimator y ~ 1 + treatment + x₁ + … + x_p. θ is the pooled within-group least-squares
 * coefficient vector, θ = S_xx⁻¹ S_xy (sums of cross-products centred on each group's means), and
 * every unit's adjusted value is
 *
 *   y* = y − θᵀ(x − x̄),   x̄ the mean over both groups,
 *
 * so the difference of adjusted group means equals the OLS treatment coefficient exactly, and the
 * adjusted means stay on the metric's scale (for the relative lift). Variances of the adjusted
 * values are the per-group residual variances (θ treated as known, as GrowthBook and the CUPED
 * paper do; the error is O(p/n)).
 */
import { summaryFromValues, type SampleSummary } from './sample-summary.js';
import { invalidArgument } from './validate.js';

/** One randomised unit: its group, outcome and covariates. */
export interface AdjustmentUnit {
  readonly treatment: boolean;
  readonly y: number;
  readonly x: readonly number[];
}

/** Result of {@link regressionAdjustment}. */
export interface RegressionAdjustmentResult {
  /** θ per covariate (0 for a covariate dropped as collinear or constant). */
  readonly theta: number[];
  /** Which covariates were used (false: constant within groups or collinear with earlier ones). */
  readonly used: boolean[];
  readonly control: SampleSummary;
  readonly treatment: SampleSummary;
  readonly adjustedControl: SampleSummary;
  readonly adjustedTreatment: SampleSummary;
}

/**
 * CUPED / ANCOVA adjustment with pooled within-group θ.
 * @param units the units (users) with outcome y and covariates x (same length for all)
 * @returns θ, and the unadjusted and adjusted summaries of each group
 * @throws AnalyticsError INVALID_ARGUMENT for non-finite values or covariate vectors of different lengths
 * @example
 * regressionAdjustment([
 *   { treatment: false, y: 1, x: [1] }, { treatment: false, y: 3, x: [3] },
 *   { treatment: true, y: 3, x: [1] }, { treatment: true, y: 5, x: [3] },
 * ]).theta // [1]: y moves one for one with x; adjusted variances are 0
 */
export function regressionAdjustment(units: readonly AdjustmentUnit[]): RegressionAdjustmentResult {
  const fn = 'regressionAdjustment';
  if (!Array.isArray(units)) invalidArgument(fn, 'units must be an array of { treatment, y, x }');
  const p = units.length ? units[0].x.length : 0;
  for (const [i, u] of units.entries()) {
    if (!Number.isFinite(u.y) || u.x.length !== p || u.x.some((v: number) => !Number.isFinite(v))) {
      invalidArgument(fn, `units[${i}] must have a finite y and ${p} finite covariates`);
    }
  }
  const groups = [units.filter((u) => !u.treatment), units.filter((u) => u.treatment)];
  const meanOf = (g: readonly AdjustmentUnit[], f: (u: AdjustmentUnit) => number) => g.reduce((s, u) => s + f(u), 0) / g.length;
  const sxx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const sxy = new Array<number>(p).fill(0);
  for (const g of groups) {
    if (g.length === 0) continue;
    const my = meanOf(g, (u) => u.y);
    const mx = Array.from({ length: p }, (_, j) => meanOf(g, (u) => u.x[j]));
    for (const u of g) {
      for (let j = 0; j < p; j++) {
        const dj = u.x[j] - mx[j];
        sxy[j] += dj * (u.y - my);
        for (let k = 0; k < p; k++) sxx[j][k] += dj * (u.x[k] - mx[k]);
      }
    }
  }
  const { theta, used } = solveDroppingCollinear(sxx, sxy);
  const xbar = Array.from({ length: p }, (_, j) => (units.length ? meanOf(units, (u) => u.x[j]) : 0));
  const adjust = (u: AdjustmentUnit) => u.y - theta.reduce((s, t, j) => s + t * (u.x[j] - xbar[j]), 0);
  return {
    theta,
    used,
    control: summaryFromValues(groups[0].map((u) => u.y)),
    treatment: summaryFromValues(groups[1].map((u) => u.y)),
    adjustedControl: summaryFromValues(groups[0].map(adjust)),
    adjustedTreatment: summaryFromValues(groups[1].map(adjust)),
  };
}

/**
 * Solves S θ = b for a symmetric positive semi-definite S by Gaussian elimination in covariate
 * order, dropping a covariate whose pivot is below 1e-10 of its diagonal (constant, or a linear
 * combination of the covariates before it).
 */
function solveDroppingCollinear(s: number[][], b: number[]): { theta: number[]; used: boolean[] } {
  const p = b.length;
  const used = s.map((row, j) => row[j] > 0);
  for (;;) {
    const idx = used.flatMap((u, j) => (u ? [j] : []));
    const m = idx.map((j) => [...idx.map((k) => s[j][k]), b[j]]);
    let dropped = -1;
    for (let c = 0; c < idx.length && dropped < 0; c++) {
      if (Math.abs(m[c][c]) <= 1e-10 * s[idx[c]][idx[c]]) {
        dropped = idx[c];
        break;
      }
      for (let r = c + 1; r < idx.length; r++) {
        const f = m[r][c] / m[c][c];
        for (let k = c; k <= idx.length; k++) m[r][k] -= f * m[c][k];
      }
    }
    if (dropped >= 0) {
      used[dropped] = false;
      continue;
    }
    const sol = new Array<number>(idx.length).fill(0);
    for (let r = idx.length - 1; r >= 0; r--) {
      let v = m[r][idx.length];
      for (let k = r + 1; k < idx.length; k++) v -= m[r][k] * sol[k];
      sol[r] = v / m[r][r];
    }
    const theta = new Array<number>(p).fill(0);
    idx.forEach((j, r) => (theta[j] = sol[r]));
    return { theta, used };
  }
}
