/**
 * Bayesian comparison of two conversion rates with Beta priors (Beta(1, 1) by default), exact:
 * P(p_t > p_c) by Evan Miller's closed form ("Formulas for Bayesian A/B Testing", 2015),
 *
 *   P(p_B > p_A) = Σ_{i=0}^{α_B−1} B(α_A+i, β_A+β_B) / ((β_B+i) B(1+i, β_B) B(α_A, β_A)),
 *
 * which needs a whole-number α_B (each tail is summed directly, so a tiny probability keeps its
 * relative accuracy), and the expected losses E[max(p_c − p_t, 0)] (choosing
 * treatment) and E[max(p_t − p_c, 0)] (choosing control) from the same sum, using
 * E[p_A·1{p_A > p_B}] = E[p_A]·P(p_A' > p_B) with p_A' ~ Beta(α_A + 1, β_A) (Stucchio 2015,
 * "Bayesian A/B Testing at VWO", §4). Cost: O(successes of both arms) terms.
 */
import { logBeta } from './special-functions.js';
import { requireProportionCounts, type ProportionCounts } from './proportion-counts.js';
import { invalidArgument } from './validate.js';

/** Parameters of a Beta distribution. */
export interface BetaParameters {
  readonly alpha: number;
  readonly beta: number;
}

/** Result of {@link betaBinomialComparison}. */
export interface BetaBinomialComparison {
  readonly controlPosterior: BetaParameters;
  readonly treatmentPosterior: BetaParameters;
  /** P(p_t > p_c | data) */
  readonly probabilityTreatmentBetter: number;
  /** E[max(p_c − p_t, 0)]: rate expected to be lost by shipping treatment */
  readonly expectedLossChooseTreatment: number;
  /** E[max(p_t − p_c, 0)]: rate expected to be lost by keeping control */
  readonly expectedLossChooseControl: number;
}

/**
 * P(X_B > X_A) for X_A ~ Beta(aA, bA), X_B ~ Beta(aB, bB), aB a whole number (Evan Miller's sum).
 * Consecutive terms have the ratio (aA + i)(bB + i) / ((aA + bA + bB + i)(1 + i)), so the sum
 * runs in log space with one logarithm per term (no underflow of the first terms).
 */
function probabilityBGreater(aA: number, bA: number, aB: number, bB: number): number {
  // term 0 = B(aA, bA + bB) / (bB · B(1, bB) · B(aA, bA)) = B(aA, bA + bB) / B(aA, bA)
  let logTerm = logBeta(aA, bA + bB) - logBeta(aA, bA);
  let total = 0;
  for (let i = 0; i < aB; i++) {
    total += Math.exp(logTerm);
    logTerm += Math.log(((aA + i) * (bB + i)) / ((aA + bA + bB + i) * (1 + i)));
  }
  return Math.min(1, Math.max(0, total));
}

/**
 * Posterior probability that treatment converts better, and the expected loss of each choice.
 * @param control control counts { n, successes }
 * @param treatment treatment counts { n, successes }
 * @param prior Beta prior of both rates (default { alpha: 1, beta: 1 }); alpha must be a whole number
 * @returns posteriors, P(p_t > p_c) and the two expected losses (absolute rate units)
 * @throws AnalyticsError INVALID_ARGUMENT for invalid counts, or a prior whose alpha is not a whole number ≥ 1 or whose beta is not > 0
 * @example
 * betaBinomialComparison({ n: 1, successes: 0 }, { n: 1, successes: 1 });
 * // => { probabilityTreatmentBetter: 0.8333333333333326 (5/6), expectedLossChooseTreatment: 0.033333333333333826 (1/30),
 * //      expectedLossChooseControl: 0.36666666666666725 (11/30), ... }
 */
export function betaBinomialComparison(control: ProportionCounts, treatment: ProportionCounts, prior: BetaParameters = { alpha: 1, beta: 1 }): BetaBinomialComparison {
  const fn = 'betaBinomialComparison';
  requireProportionCounts(fn, 'control', control);
  requireProportionCounts(fn, 'treatment', treatment);
  if (!Number.isInteger(prior.alpha) || prior.alpha < 1 || !(prior.beta > 0) || !Number.isFinite(prior.beta)) {
    invalidArgument(fn, 'prior.alpha must be a whole number ≥ 1 and prior.beta a positive number (the exact sum needs a whole alpha)');
  }
  const aC = prior.alpha + control.successes;
  const bC = prior.beta + control.n - control.successes;
  const aT = prior.alpha + treatment.successes;
  const bT = prior.beta + treatment.n - treatment.successes;
  const meanC = aC / (aC + bC);
  const meanT = aT / (aT + bT);
  // Each tail is summed directly (positive terms), never as 1 − (a sum near 1).
  const treatmentBetter = probabilityBGreater(aC, bC, aT, bT);
  const controlBetter = probabilityBGreater(aT, bT, aC, bC);
  const probabilityTreatmentBetter = treatmentBetter <= 0.5 ? treatmentBetter : 1 - controlBetter;
  // E[p_c·1{p_c > p_t}] = meanC·P(p_c' > p_t) with p_c' ~ Beta(aC + 1, bC); likewise for p_t.
  const pcWhereControlWins = meanC * probabilityBGreater(aT, bT, aC + 1, bC);
  const ptWhereControlWins = meanT * probabilityBGreater(aT + 1, bT, aC, bC);
  const ptWhereTreatmentWins = meanT * probabilityBGreater(aC, bC, aT + 1, bT);
  const pcWhereTreatmentWins = meanC * probabilityBGreater(aC + 1, bC, aT, bT);
  return {
    controlPosterior: { alpha: aC, beta: bC },
    treatmentPosterior: { alpha: aT, beta: bT },
    probabilityTreatmentBetter,
    expectedLossChooseTreatment: Math.max(0, pcWhereControlWins - ptWhereControlWins),
    expectedLossChooseControl: Math.max(0, ptWhereTreatmentWins - pcWhereTreatmentWins),
  };
}
