/**
 * Trials and successes of one binary outcome (one arm, or one user).
 */
import { invalidArgument, requireCount } from './validate.js';

/** n trials with `successes` ones. */
export interface ProportionCounts {
  readonly n: number;
  readonly successes: number;
}

/**
 * Checks counts passed by a caller.
 * @param fn calling function, for the message
 * @param label which argument, for the message
 * @param c the counts
 * @returns nothing
 * @throws AnalyticsError INVALID_ARGUMENT unless n and successes are whole numbers with 0 ≤ successes ≤ n
 * @example
 * requireProportionCounts('proportionDifference', 'control', { n: 10, successes: 3 }); // passes
 */
export function requireProportionCounts(fn: string, label: string, c: ProportionCounts): void {
  if (c === null || typeof c !== 'object') invalidArgument(fn, `${label} must be { n, successes }`);
  requireCount(fn, `${label}.n`, c.n);
  requireCount(fn, `${label}.successes`, c.successes);
  if (c.successes > c.n) invalidArgument(fn, `${label}.successes (${c.successes}) cannot exceed ${label}.n (${c.n})`);
}
