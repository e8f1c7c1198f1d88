/**
 * Planning a test (users per group for a baseline rate and a minimum detectable effect) and what
 * a running test can detect with the users it has.
 */
import { requireArgument } from '../engine/errors.js';
import { normalCdf, normalQuantile, sampleSizeTwoProportions } from '../stats/index.js';
import type { PowerAtCurrentSample } from './analysis-types.js';

/** Inputs of {@link planTest}. */
export interface PlanInput {
  /** Control completion rate, in (0, 1). */
  baselineRate: number;
  /** Absolute change to detect (0.03 = 3 percentage points); a negative value plans for a decrease. */
  mde: number;
  /** Two-sided significance level (default 0.05). */
  alpha?: number;
  /** Power (default 0.8). */
  power?: number;
  /** Control share of users, as createTest's assignmentRatio (default 0.5). */
  ratio?: number;
}

/** Result of {@link planTest}. */
export interface TestPlan {
  baselineRate: number;
  treatmentRate: number;
  mde: number;
  alpha: number;
  power: number;
  ratio: number;
  controlUsers: number;
  treatmentUsers: number;
  totalUsers: number;
  /** How the numbers were computed and what they assume. */
  method: string;
}

const PLAN_METHOD =
  'two-sided two-proportion z-test, normal approximation (Fleiss, Levin & Paik 2003, eq. 4.14, unequal allocation); ' +
  'counts users with one outcome each. Users with several outcomes are analysed by their completion rate, whose variance ' +
  'is at most p(1 − p), so the plan is conservative for them.';

/**
 * Users needed per group to detect an absolute change `mde` from `baselineRate`.
 * @param input baselineRate, mde, alpha (0.05), power (0.8), ratio = control share (0.5)
 * @returns users per group and in total
 * @throws AnalyticsError INVALID_ARGUMENT for a rate, alpha, power or ratio outside (0, 1), mde 0 or outside the rate range
 * @example
 * planTest({ baselineRate: 0.72, mde: 0.03 })
 * // { controlUsers: 3397, treatmentUsers: 3397, totalUsers: 6794, ... }
 */
export function planTest(input: PlanInput): TestPlan {
  requireArgument(input !== null && typeof input === 'object', 'planTest: pass { baselineRate, mde, alpha?, power?, ratio? }');
  const { baselineRate, mde, alpha = 0.05, power = 0.8, ratio = 0.5 } = input;
  const open = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 1;
  requireArgument(open(baselineRate), `planTest: baselineRate must lie strictly between 0 and 1 (got ${String(baselineRate)})`);
  requireArgument(typeof mde === 'number' && Number.isFinite(mde) && mde !== 0, `planTest: mde must be a non-zero absolute change such as 0.03 (got ${String(mde)})`);
  requireArgument(baselineRate + mde > 0 && baselineRate + mde < 1, `planTest: baselineRate + mde must lie strictly between 0 and 1 (got ${baselineRate + mde})`);
  requireArgument(open(alpha), `planTest: alpha must lie strictly between 0 and 1 (got ${String(alpha)})`);
  requireArgument(open(power), `planTest: power must lie strictly between 0 and 1 (got ${String(power)})`);
  requireArgument(open(ratio), `planTest: ratio is the control share and must lie strictly between 0 and 1 (got ${String(ratio)})`);
  const size = sampleSizeTwoProportions({ baselineRate, minimumDetectableEffect: mde, alpha, power, allocationRatio: (1 - ratio) / ratio });
  return {
    baselineRate,
    treatmentRate: size.treatmentRate,
    mde,
    alpha,
    power,
    ratio,
    controlUsers: size.controlSize,
    treatmentUsers: size.treatmentSize,
    totalUsers: size.controlSize + size.treatmentSize,
    method: PLAN_METHOD,
  };
}

/**
 * Power and minimum detectable effect of a running test from the standard error of its
 * user-level difference (normal approximation, far rejection tail ignored as in the plan).
 * @param standardError SE of the difference in mean per-user completion rate (NaN when unknown)
 * @param alpha two-sided level
 * @param targetPower power for the MDE
 * @param plannedEffect absolute change the reported power is for
 * @returns MDE at `targetPower` and the power for `plannedEffect` (null without a usable SE)
 * @example powerAtCurrentSample(0.0214, 0.05, 0.8, 0.05) // { minimumDetectableEffect: 0.0600, powerReached: 0.65, ... }
 */
export function powerAtCurrentSample(standardError: number, alpha: number, targetPower: number, plannedEffect: number): PowerAtCurrentSample {
  const usable = Number.isFinite(standardError) && standardError > 0;
  const zAlpha = normalQuantile(1 - alpha / 2);
  return {
    alpha,
    targetPower,
    minimumDetectableEffect: usable ? (zAlpha + normalQuantile(targetPower)) * standardError : null,
    plannedEffect,
    powerReached: usable ? normalCdf(Math.abs(plannedEffect) / standardError - zAlpha) : null,
  };
}
