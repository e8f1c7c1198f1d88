/**
 * The split rule of the forest, in one place.
 *
 * It is ml-cart 2.1.1's rule (`TreeNode.bestSplit` with `gainFunction: 'gini'`,
 * `splitFunction: 'mean'`): a node splits on `x[feature] < threshold`, the threshold is the mean
 * of two neighbouring distinct values of the feature, and the split with the largest Gini gain
 * wins; features are tried in order and thresholds in ascending order, and only a strictly
 * larger gain replaces the best so far. The gain is computed with ml-cart's formula and operand
 * order (`gini(parent) - (gini(greater)·|greater|/n + gini(lesser)·|lesser|/n)`) so that equal
 * counts give bit-identical gains.
 *
 * What differs is only the cost: ml-cart re-partitions the whole node for every candidate
 * (O(n²) per feature); here one sweep over rows already sorted by the feature keeps running class
 * counts (O(n)). On data without tied values the two give the same split (tested against
 * ml-cart); in a pure node ml-cart has no candidate while the sweep reports a gain of 0, and the
 * builder turns both into a leaf. With ties ml-cart's candidates depend on the input order of tied rows and a few use
 * the tied value itself as threshold; this sweep tries every boundary between distinct values
 * instead, a superset of ml-cart's partitions, so its best gain is never lower.
 */
import type { TreeSample } from './tree-sample.js';

/** The best split found so far at one node; mutated in place by {@link searchFeatureSplit}. */
export interface SplitCandidate {
  /** Feature index, or -1 while nothing was found. */
  feature: number;
  /** Rows with `x[feature] < threshold` go left. */
  threshold: number;
  /** Gini gain of the split (-Infinity while nothing was found). */
  gain: number;
  /** Rows sent left. */
  leftCount: number;
  /** Class-1 rows sent left. */
  leftPositives: number;
}

/**
 * A fresh, empty candidate.
 * @returns `{ feature: -1, gain: -Infinity, ... }`.
 * @example
 * emptySplit().gain; // -Infinity
 */
export function emptySplit(): SplitCandidate {
  return { feature: -1, threshold: 0, gain: -Infinity, leftCount: 0, leftPositives: 0 };
}

/**
 * Gini impurity of a set of binary labels, `1 - (p0² + p1²)`, as ml-cart computes it.
 * @param n - number of rows (0 gives 0).
 * @param positives - rows with label 1.
 * @returns the impurity, between 0 and 0.5.
 * @example
 * giniImpurity(4, 1); // 0.375
 */
export function giniImpurity(n: number, positives: number): number {
  if (n === 0) return 0;
  const p1 = positives / n;
  const p0 = (n - positives) / n;
  return 1 - (p0 * p0 + p1 * p1);
}

/**
 * Gini gain of splitting `n` rows (`positives` of class 1) into a left part of `nLeft` rows
 * (`leftPositives` of class 1) and the rest, with ml-cart's operand order.
 * @returns impurity of the parent minus the size-weighted impurity of the parts.
 * @example
 * giniGain(4, 2, 2, 0); // 0.5 (a perfect split)
 */
export function giniGain(n: number, positives: number, nLeft: number, leftPositives: number): number {
  const nRight = n - nLeft;
  const split = (giniImpurity(nRight, positives - leftPositives) * nRight) / n + (giniImpurity(nLeft, leftPositives) * nLeft) / n;
  return giniImpurity(n, positives) - split;
}

/**
 * Sweeps one feature over the node's rows `sample.sorted[feature][start..end)` and replaces `best`
 * when a boundary between two distinct values has a strictly larger Gini gain.
 * @param sample - the tree's rows (columns, labels, per-feature sorted row ids).
 * @param feature - the feature to sweep.
 * @param start - first position of the node in the sorted arrays.
 * @param end - one past the last position.
 * @param positives - class-1 rows in the node.
 * @param minSamplesLeaf - each side must keep at least this many rows (1 = ml-cart).
 * @param best - the best split so far, updated in place.
 * @example
 * const best = emptySplit();
 * searchFeatureSplit(sample, 0, 0, sample.labels.length, positives, 1, best);
 */
export function searchFeatureSplit(sample: TreeSample, feature: number, start: number, end: number, positives: number, minSamplesLeaf: number, best: SplitCandidate): void {
  const ids = sample.sorted[feature];
  const x = sample.columns[feature];
  const y = sample.labels;
  const n = end - start;
  const parentImpurity = giniImpurity(n, positives);
  let leftPositives = 0;
  let previous = x[ids[start]];
  for (let i = start + 1; i < end; i++) {
    leftPositives += y[ids[i - 1]];
    const current = x[ids[i]];
    if (current === previous) continue;
    const nLeft = i - start;
    const nRight = n - nLeft;
    if (nRight < minSamplesLeaf) break;
    if (nLeft >= minSamplesLeaf) {
      const split = (giniImpurity(nRight, positives - leftPositives) * nRight) / n + (giniImpurity(nLeft, leftPositives) * nLeft) / n;
      const gain = parentImpurity - split;
      if (gain > best.gain) {
        let threshold = (previous + current) / 2;
        // Rounding (adjacent doubles) or overflow could put the mean outside (previous, current].
        if (!(threshold > previous && threshold <= current)) threshold = current;
        best.feature = feature;
        best.threshold = threshold;
        best.gain = gain;
        best.leftCount = nLeft;
        best.leftPositives = leftPositives;
      }
    }
    previous = current;
  }
}
