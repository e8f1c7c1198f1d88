/**
 * The two scores of the Turing Change Point Benchmark (van den Burg & Williams, "An Evaluation of
 * Change Point Detection Algorithms", 2020; TCPDBench's analysis/scripts/metrics.py), written anew:
 *
 * - F1 with a margin of 5 points: index 0 is added to every annotator's set and to the prediction;
 *   precision = true positives against the union of all annotations / number of predictions,
 *   recall = mean over annotators of (their true positives / their number of change points);
 *   a true positive matches each prediction at most once (the closest within the margin).
 * - Cover: the segmentation covering of each annotator's partition by the predicted one
 *   (Σ |R| · max Jaccard(R, R') / n, Arbeláez et al. 2010), averaged over annotators.
 * Change points are 0-based indices of the first point of a new segment.
 */

/** Annotators' change points of one series, by annotator id. */
export type Annotations = Record<string, readonly number[]>;

/** The annotated locations matched by the predictions (each prediction used once, closest first). */
function truePositives(truth: ReadonlySet<number>, predicted: ReadonlySet<number>, margin: number): number {
  const left = new Set(predicted);
  let tp = 0;
  for (const tau of truth) {
    let best: number | null = null;
    let bestDist = Infinity;
    for (const x of left) {
      const d = Math.abs(tau - x);
      if (d <= margin && (d < bestDist || (d === bestDist && best !== null && x < best))) {
        best = x;
        bestDist = d;
      }
    }
    if (best === null) continue;
    tp++;
    left.delete(best);
  }
  return tp;
}

/**
 * F1 (α = 1/2) of predicted change points against several annotators.
 * @example f1Score({ a: [10, 20], b: [11, 20], c: [10], d: [0, 5] }, [10, 20]) // 1
 * @example f1Score({ a: [], b: [10], c: [50] }, []) // 0.8
 */
export function f1Score(annotations: Annotations, predicted: readonly number[], margin = 5): { f1: number; precision: number; recall: number } {
  // annotations in ascending order (metrics.py iterates a Python set, in hash-slot order: the two
  // differ only when one prediction lies within the margin of two annotated points)
  const ascending = (v: readonly number[]) => new Set([0, ...v].sort((a, b) => a - b));
  const sets = Object.values(annotations).map(ascending);
  const x = ascending(predicted);
  const union = ascending(sets.flatMap((s) => [...s]));
  const precision = truePositives(union, x, margin) / x.size;
  const recall = sets.reduce((s, t) => s + truePositives(t, x, margin) / t.size, 0) / sets.length;
  const f1 = (precision * recall) / (0.5 * recall + 0.5 * precision);
  return { f1, precision, recall };
}

/** The partition of 0..n−1 into [start, end) runs cut at the given locations. */
function partition(locations: readonly number[], n: number): [number, number][] {
  const cuts = [...new Set(locations)].filter((c) => c > 0 && c < n).sort((a, b) => a - b);
  const bounds = [0, ...cuts, n];
  return bounds.slice(1).map((b, i) => [bounds[i], b]);
}

/** Jaccard index of two index runs. */
function jaccard(a: [number, number], b: [number, number]): number {
  const inter = Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
  return inter / (a[1] - a[0] + (b[1] - b[0]) - inter);
}

/**
 * Segmentation covering of the annotators' partitions by the predicted one, averaged over annotators.
 * @example coverScore({ a: [10, 20], b: [10], c: [0, 5] }, [10, 20], 45) // 0.7962962962962963
 * @example coverScore({ a: [], b: [10], c: [40] }, [], 45) // 0.8189300411522634
 */
export function coverScore(annotations: Annotations, predicted: readonly number[], n: number): number {
  const px = partition(predicted, n);
  const covers = Object.values(annotations).map((a) => {
    let c = 0;
    for (const r of partition(a, n)) c += (r[1] - r[0]) * Math.max(...px.map((q) => jaccard(r, q)));
    return c / n;
  });
  return covers.reduce((s, v) => s + v, 0) / covers.length;
}
