/**
 * Holm–Bonferroni step-down adjustment of p-values (Holm 1979), the same values as R's
 * `p.adjust(p, method = "holm")`: sorted ascending, p_(i)·(m − i + 1), running maximum, capped at 1.
 */
import { invalidArgument } from './validate.js';

/**
 * Holm-adjusted p-values, in the order given. NaN entries (tests that could not run) stay NaN
 * and do not count in m, as R's NA handling.
 * @param pValues p-values in [0, 1] or NaN
 * @returns adjusted p-values, same length and order
 * @throws AnalyticsError INVALID_ARGUMENT when a value is outside [0, 1] (and not NaN)
 * @example
 * holmBonferroni([0.01, 0.04, 0.03, 0.005]); // => [0.03, 0.06, 0.06, 0.02]
 */
export function holmBonferroni(pValues: readonly number[]): number[] {
  if (!Array.isArray(pValues)) invalidArgument('holmBonferroni', 'pValues must be an array of numbers');
  const order: number[] = [];
  pValues.forEach((p, i) => {
    if (Number.isNaN(p)) return;
    if (typeof p !== 'number' || p < 0 || p > 1) invalidArgument('holmBonferroni', `pValues[${i}] must lie in [0, 1] or be NaN (got ${String(p)})`);
    order.push(i);
  });
  order.sort((a, b) => pValues[a] - pValues[b]);
  const m = order.length;
  const adjusted = pValues.map(() => NaN);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[index]));
    adjusted[index] = running;
  });
  return adjusted;
}
