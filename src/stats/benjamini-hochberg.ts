/**
 * Benjamini–Hochberg step-up adjustment of p-values (Benjamini & Hochberg 1995), the same values
 * as R's `p.adjust(p, method = "BH")` and statsmodels' `multipletests(p, method='fdr_bh')`:
 * sorted descending, p_(i)·m/i, running minimum from the largest, capped at 1.
 */
import { invalidArgument } from './validate.js';

/**
 * BH-adjusted p-values (false discovery rate), in the order given. NaN entries stay NaN and do
 * not count in m, as R's NA handling.
 * @param pValues p-values in [0, 1] or NaN
 * @returns adjusted p-values, same length and order
 * @throws AnalyticsError INVALID_ARGUMENT when a value is outside [0, 1] (and not NaN)
 * @example
 * benjaminiHochberg([0.01, 0.04, 0.03, 0.005]); // => [0.02, 0.04, 0.04, 0.02]
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  if (!Array.isArray(pValues)) invalidArgument('benjaminiHochberg', 'pValues must be an array of numbers');
  const order: number[] = [];
  pValues.forEach((p, i) => {
    if (Number.isNaN(p)) return;
    if (typeof p !== 'number' || p < 0 || p > 1) invalidArgument('benjaminiHochberg', `pValues[${i}] must lie in [0, 1] or be NaN (got ${String(p)})`);
    order.push(i);
  });
  order.sort((a, b) => pValues[b] - pValues[a]);
  const m = order.length;
  const adjusted = pValues.map(() => NaN);
  let running = 1;
  order.forEach((index, k) => {
    const rank = m - k;
    running = Math.min(running, (m / rank) * pValues[index]);
    adjusted[index] = running;
  });
  return adjusted;
}
