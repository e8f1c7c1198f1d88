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
 * A tree laid out for walking many rows without a branch per level: each leaf is its own two
 * children (feature 0, threshold 0), so every row takes exactly `depth` steps and ends on its leaf.
 */
export interface WalkTree {
  /** Children of node i at 2i (left) and 2i + 1 (right); a leaf's are itself. */
  child: Int32Array;
  /** Split feature (0 for a leaf). */
  feature: Int32Array;
  /** Split threshold (0 for a leaf). */
  threshold: Float64Array;
  /** The tree's class-1 fractions. */
  value: Float64Array;
  /** Deepest leaf's depth: the steps of a walk. */
  depth: number;
}

/**
 * The walk form of a tree (see {@link WalkTree}).
 * @param tree - the tree; children come after their parent (pre-order).
 * @returns the same splits and leaves.
 */
export function walkTree(tree: FlatTree): WalkTree {
  const n = tree.feature.length;
  const child = new Int32Array(2 * n);
  const feature = new Int32Array(n);
  const threshold = new Float64Array(n);
  const level = new Int32Array(n);
  let depth = 0;
  for (let i = 0; i < n; i++) {
    if (tree.feature[i] < 0) {
      child[2 * i] = child[2 * i + 1] = i;
      depth = Math.max(depth, level[i]);
      continue;
    }
    child[2 * i] = tree.left[i];
    child[2 * i + 1] = tree.right[i];
    feature[i] = tree.feature[i];
    threshold[i] = tree.threshold[i];
    level[tree.left[i]] = level[tree.right[i]] = level[i] + 1;
  }
  return { child, feature, threshold, value: tree.value, depth };
}

/**
 * Adds each row's leaf value to `out[row]`: the rows of {@link leafIndex}, four walked side by side
 * and a comparison chooses the child by index rather than by a branch (twice as fast on 16,000
 * rows of a 100-tree forest; the same comparisons, so the same leaves).
 * @param tree - the walk form of the tree.
 * @param rows - row-major values, `width` per row.
 * @param width - values per row.
 * @param out - one sum per row (added to).
 */
export function addLeafValues(tree: WalkTree, rows: Float64Array, width: number, out: Float64Array): void {
  const { child, feature, threshold, value, depth } = tree;
  const n = out.length;
  // !(x < t) sends a NaN right, as leafIndex does.
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const b0 = i * width;
    const b1 = b0 + width;
    const b2 = b1 + width;
    const b3 = b2 + width;
    let n0 = 0;
    let n1 = 0;
    let n2 = 0;
    let n3 = 0;
    for (let d = 0; d < depth; d++) {
      n0 = child[2 * n0 + +!(rows[b0 + feature[n0]] < threshold[n0])];
      n1 = child[2 * n1 + +!(rows[b1 + feature[n1]] < threshold[n1])];
      n2 = child[2 * n2 + +!(rows[b2 + feature[n2]] < threshold[n2])];
      n3 = child[2 * n3 + +!(rows[b3 + feature[n3]] < threshold[n3])];
    }
    out[i] += value[n0];
    out[i + 1] += value[n1];
    out[i + 2] += value[n2];
    out[i + 3] += value[n3];
  }
  for (; i < n; i++) {
    const base = i * width;
    let node = 0;
    for (let d = 0; d < depth; d++) node = child[2 * node + +!(rows[base + feature[node]] < threshold[node])];
    out[i] += value[node];
  }
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
