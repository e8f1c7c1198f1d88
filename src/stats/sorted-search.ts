/**
 * Binary search on a sorted typed array: where a value goes among the sorted values (the first
 * position not below it, or the first above it). One helper for the hourly cube's time ranges, the
 * kept predictor scores and the anomaly score's sorted windows.
 */

/**
 * First position in sorted[from … to) whose value is ≥ x (`to` when none is); NaN never compares
 * below, so x = NaN gives `from`.
 * @param sorted values in non-decreasing order (at least within [from, to))
 * @param x the value looked for
 * @param from first position searched (0)
 * @param to end of the searched range, exclusive (sorted.length)
 * @returns the position, in [from, to]
 * @example lowerBound(Float64Array.of(1, 3, 3, 5), 3) // 1
 */
export function lowerBound(sorted: Float64Array, x: number, from = 0, to = sorted.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * First position in sorted[from … to) whose value is > x (`to` when none is).
 * @param sorted values in non-decreasing order (at least within [from, to))
 * @param x the value looked for
 * @param from first position searched (0)
 * @param to end of the searched range, exclusive (sorted.length)
 * @returns the position, in [from, to]; upperBound − lowerBound counts the values equal to x
 * @example upperBound(Float64Array.of(1, 3, 3, 5), 3) // 3
 */
export function upperBound(sorted: Float64Array, x: number, from = 0, to = sorted.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
