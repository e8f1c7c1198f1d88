/**
 * Sequential sample-ratio-mismatch test, valid at every look: the Dirichlet-multinomial Bayes
 * factor of Lindon & Malek (2022), "Anytime-Valid Inference For Multinomial Count Data", NeurIPS
 * 35 (the test Optimizely and others run on assignment counts). Under H₀ the groups are drawn
 * with probabilities p₀; the alternative puts a Dirichlet(α) prior on them with α = c·p₀. After
 * counts x (n = Σx):
 *
 *   BF = [Γ(Σα) / Γ(Σα + n)] · Πᵢ Γ(αᵢ + xᵢ)/Γ(αᵢ) / Πᵢ p₀ᵢ^xᵢ,
 *
 * a nonnegative martingale under H₀, so p = min over looks of 1/BF is an always-valid p-value
 * (Ville's inequality): checking after every assigned user does not inflate false alarms.
 */
import { logGamma } from './special-functions.js';
import { invalidArgument, requireCount } from './validate.js';

/** Result of {@link sequentialSampleRatioTest}. */
export interface SequentialSampleRatioResult {
  /** Always-valid p-value: min over the looks of min(1, 1/BF). */
  readonly pValue: number;
  /** ln BF at the last look. */
  readonly logBayesFactor: number;
  /** Looks (one per observation in the sequence). */
  readonly looks: number;
  /** 1-based look at which the p-value first fell below `alpha`, or null. */
  readonly rejectedAtLook: number | null;
}

/**
 * ln of the Dirichlet-multinomial Bayes factor for counts against the expected probabilities.
 * @param counts observed counts per group (whole numbers ≥ 0)
 * @param expected expected probabilities per group (> 0, summing to 1)
 * @param concentration c in α = c·p₀ (default 100)
 * @returns ln BF
 * @throws AnalyticsError INVALID_ARGUMENT for mismatched lengths, bad counts or probabilities, c ≤ 0
 * @example
 * dirichletMultinomialLogBayesFactor([60, 40], [0.5, 0.5]) // 0.6589 (BF 1.93: little evidence yet)
 */
export function dirichletMultinomialLogBayesFactor(counts: readonly number[], expected: readonly number[], concentration = 100): number {
  const fn = 'dirichletMultinomialLogBayesFactor';
  checkExpected(fn, counts, expected, concentration);
  counts.forEach((x, i) => requireCount(fn, `counts[${i}]`, x));
  const alpha = expected.map((p) => concentration * p);
  const n = counts.reduce((a, b) => a + b, 0);
  let log = logGamma(concentration) - logGamma(concentration + n);
  counts.forEach((x, i) => {
    log += logGamma(alpha[i] + x) - logGamma(alpha[i]) - x * Math.log(expected[i]);
  });
  return log;
}

function checkExpected(fn: string, counts: readonly number[], expected: readonly number[], concentration: number): void {
  if (!Array.isArray(counts) || !Array.isArray(expected) || counts.length !== expected.length || counts.length < 2) {
    invalidArgument(fn, 'counts and expected must be arrays of the same length ≥ 2');
  }
  if (expected.some((p) => !(p > 0 && p < 1))) invalidArgument(fn, 'each expected probability must lie strictly between 0 and 1');
  if (Math.abs(expected.reduce((a, b) => a + b, 0) - 1) > 1e-9) invalidArgument(fn, 'expected probabilities must sum to 1');
  if (!(concentration > 0) || !Number.isFinite(concentration)) invalidArgument(fn, `concentration must be a positive number (got ${String(concentration)})`);
}

/**
 * The always-valid SRM p-value over a sequence of assignments, one look per assignment.
 * @param sequence the group index (0 … k−1) of each assignment, in the order they happened
 * @param expected expected probabilities per group (e.g. [0.5, 0.5])
 * @param options concentration c (default 100), alpha for `rejectedAtLook` (default 0.001)
 * @returns the p-value, ln BF at the end, the look count and the first rejecting look
 * @throws AnalyticsError INVALID_ARGUMENT for an index outside the groups or bad expected/c
 * @example
 * sequentialSampleRatioTest([0, 1, 0, 1], [0.5, 0.5]).pValue // 1 (balanced)
 */
export function sequentialSampleRatioTest(
  sequence: readonly number[],
  expected: readonly number[],
  options: { concentration?: number; alpha?: number } = {},
): SequentialSampleRatioResult {
  const fn = 'sequentialSampleRatioTest';
  const { concentration = 100, alpha = 0.001 } = options;
  const k = expected.length;
  checkExpected(fn, new Array<number>(k).fill(0), expected, concentration);
  const a = expected.map((p) => concentration * p);
  const logP = expected.map((p) => Math.log(p));
  const counts = new Array<number>(k).fill(0);
  // ln BF updates by one factor per observation: (αᵢ + xᵢ) / ((Σα + n) · p₀ᵢ).
  let logBf = 0;
  let pValue = 1;
  let rejectedAtLook: number | null = null;
  sequence.forEach((g, t) => {
    if (!Number.isInteger(g) || g < 0 || g >= k) invalidArgument(fn, `sequence[${t}] must be a group index 0…${k - 1} (got ${String(g)})`);
    logBf += Math.log(a[g] + counts[g]) - Math.log(concentration + t) - logP[g];
    counts[g]++;
    pValue = Math.min(pValue, Math.exp(-logBf));
    if (rejectedAtLook === null && pValue < alpha) rejectedAtLook = t + 1;
  });
  return { pValue: Math.min(1, pValue), logBayesFactor: logBf, looks: sequence.length, rejectedAtLook };
}
