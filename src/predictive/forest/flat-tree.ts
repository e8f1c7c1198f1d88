/**
 * A grown tree as parallel arrays (node i is `feature[i]`, `threshold[i]`, ...), nodes in
 * pre-order so that children always come after their parent, and the walks over it.
 */
import { giniImpurity } from './split-search.js';

/** One binary classification tree in flat form. */
export interface FlatTree {
  /** Split feature of each node, -1 for a leaf. */
  feature: Int32Array;
  /** Rows with `x[feature] < threshold` go to `left`, the others to `right` (0 for a leaf). */
  threshold: Float64Array;
  /** Left child index, -1 for a leaf. */
  left: Int32Array;
  /** Right child index, -1 for a leaf. */
  right: Int32Array;
  /** Fraction of class-1 training rows that reached the node. */
  value: Float64Array;
  /** Number of training rows that reached the node. */
  count: Float64Array;
}

/**
 * Index of the leaf a row falls into.
 * @param tree - the tree.
 * @param row - feature values in the forest's feature order.
 * @returns the leaf's node index.
 * @example
 * tree.value[leafIndex(tree, [0.3, 12])]; // the leaf's class-1 fraction
 */
export function leafIndex(tree: FlatTree, row: ArrayLike<number>): number {
  let node = 0;
  let f = tree.feature[0];
  while (f >= 0) {
    node = row[f] < tree.threshold[node] ? tree.left[node] : tree.right[node];
    f = tree.feature[node];
  }
  return node;
}

/**
 * Saabas path contributions of one tree: walking root to leaf, each split's feature is credited
 * with `value(child) - value(node)`; the root's value is the bias. `bias + Σ contributions`
 * equals the leaf value.
 * @param tree - the tree.
 * @param row - feature values.
 * @param into - per-feature accumulator (added to).
 * @returns the tree's bias (root value).
 * @example
 * const acc = new Float64Array(7);
 * const bias = addPathContributions(tree, row, acc); // bias + sum(acc) === leaf value
 */
export function addPathContributions(tree: FlatTree, row: ArrayLike<number>, into: Float64Array): number {
  let node = 0;
  let f = tree.feature[0];
  while (f >= 0) {
    const child = row[f] < tree.threshold[node] ? tree.left[node] : tree.right[node];
    into[f] += tree.value[child] - tree.value[node];
    node = child;
    f = tree.feature[node];
  }
  return tree.value[0];
}

/**
 * Mean decrease in Gini impurity per feature, weighted by rows (scikit-learn's MDI), normalised
 * to sum 1 within the tree. Decreases are clamped at 0 against rounding.
 * @param tree - the tree.
 * @param features - number of features.
 * @returns per-feature shares, or all zeros when the tree never splits.
 * @example
 * treeImportance(tree, 7); // Float64Array summing to 1
 */
export function treeImportance(tree: FlatTree, features: number): Float64Array {
  const importance = new Float64Array(features);
  const weighted = (i: number): number => tree.count[i] * giniImpurity(tree.count[i], tree.value[i] * tree.count[i]);
  let total = 0;
  for (let i = 0; i < tree.feature.length; i++) {
    const f = tree.feature[i];
    if (f < 0) continue;
    const decrease = weighted(i) - weighted(tree.left[i]) - weighted(tree.right[i]);
    if (decrease > 0) {
      importance[f] += decrease;
      total += decrease;
    }
  }
  if (total > 0) for (let f = 0; f < features; f++) importance[f] /= total;
  return importance;
}
