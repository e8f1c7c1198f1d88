// Reference values of these tests are printed by references/reference-values.py (scipy, mpmath) and
// references/reference-values.R (R 4.2.2); each test file says which lines it uses.
import { expect } from 'vitest';

/** Asserts |actual − expected| ≤ rel·|expected| (or ≤ rel when expected is 0). */
export function expectClose(actual: number, expected: number, rel: number): void {
  const tolerance = expected === 0 ? rel : rel * Math.abs(expected);
  const error = Math.abs(actual - expected);
  if (!(error <= tolerance)) {
    expect.fail(`expected ${actual} to be within ${rel} (relative) of ${expected}; error ${error}`);
  }
}
