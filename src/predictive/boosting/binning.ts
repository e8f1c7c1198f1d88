/**
 * Feature binning for histogram gradient boosting: at most `maxBins` bins per feature, split
 * candidates at midpoints between neighbouring distinct values (every distinct value its own bin
 * when there are few, quantiles of the distinct values otherwise), as scikit-learn's
 * HistGradientBoostingClassifier does.
 */

/**
 * Edges of one feature's bins: bin k holds edges[k − 1] < x ≤ edges[k]; the last bin is unbounded.
 * @param column the feature's values (finite)
 * @param maxBins at most this many bins (≥ 2)
 * @returns ascending edges (bins − 1 of them)
 * @example binEdges(Float64Array.of(1, 2, 2, 3), 255) // Float64Array [1.5, 2.5]
 */
export function binEdges(column: Float64Array, maxBins: number): Float64Array {
  const sorted = Float64Array.from(column).sort();
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  if (distinct.length <= maxBins) {
    return Float64Array.from({ length: Math.max(0, distinct.length - 1) }, (_, k) => (distinct[k] + distinct[k + 1]) / 2);
  }
  // Quantiles of the rows (not of the distinct values), then midpoints: each bin holds about n / maxBins rows.
  const edges: number[] = [];
  for (let k = 1; k < maxBins; k++) {
    const i = Math.min(sorted.length - 2, Math.floor((k * sorted.length) / maxBins));
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]) j++;
    if (j + 1 >= sorted.length) break;
    const edge = (sorted[j] + sorted[j + 1]) / 2;
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
  }
  return Float64Array.from(edges);
}

/**
 * The bin of every value: the first k with x ≤ edges[k], or edges.length.
 * @param column values
 * @param edges from {@link binEdges}
 * @returns bin indexes (< 256)
 */
export function binColumn(column: Float64Array, edges: Float64Array): Uint8Array {
  const out = new Uint8Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const x = column[i];
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x <= edges[mid]) hi = mid;
      else lo = mid + 1;
    }
    out[i] = lo;
  }
  return out;
}
