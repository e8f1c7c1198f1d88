/**
 * Grows one CART classification tree over a {@link TreeSample}.
 *
 * Why not ml-cart's `DecisionTreeClassifier.train`: besides its quadratic split search (replaced
 * by {@link searchFeatureSplit}, same rule), ml-cart copies every node's rows into new `Matrix`
 * objects (`X.transpose()` and `new Matrix(rows)` at each node); garbage collection then takes
 * most of the time and a depth-8 tree on 80k rows costs about 1.5 s even with a fast split
 * (docs/decisions.md, "The random forest"; bench/forest-speed.ts re-measures it). That cannot fit two fits of a 100k
 * history in 15 s. Here a node is a range of per-feature sorted row-id arrays that are partitioned
 * stably in place, so a level costs O(rows × features) and nothing is allocated per node.
 *
 * The stopping rules are ml-cart's with `gainThreshold: 0`: a node with at most `minNumSamples`
 * rows, at depth `maxDepth` (root = 0), or whose best gain is not > 0 becomes a leaf. Dropped:
 * ml-cart's extra stop when a child's best gain is bit-equal to its parent's (a quirk, not a
 * rule). Added, both off in the ml-cart comparison tests: `minSamplesLeaf` (rows each child
 * must keep) and `featuresPerSplit` (random features tried per node, scikit-learn style).
 */
import type { FlatTree } from './flat-tree.js';
import { drawWithoutReplacement, type RandomSource } from './random.js';
import { emptySplit, searchFeatureSplit } from './split-search.js';
import type { TreeSample } from './tree-sample.js';

/** How a tree grows. */
export interface TreeGrowthOptions {
  /** Deepest split level; the root is depth 0, so `maxDepth` levels of splits. */
  maxDepth: number;
  /** A node with at most this many rows is a leaf (ml-cart's `minNumSamples`). */
  minNumSamples: number;
  /** Each child of a split keeps at least this many rows (1 = no constraint, as in ml-cart). */
  minSamplesLeaf: number;
  /**
   * Features tried at each node, drawn at random per node. If none of them gives a split with a
   * positive gain, the remaining features are tried too (as scikit-learn does). With all
   * features, they are tried in order and no randomness is used.
   */
  featuresPerSplit: number;
  /** Needed when `featuresPerSplit` is below the feature count. */
  random?: RandomSource;
}

/**
 * Grows a tree; `sample.sorted` is reordered in place (sorted within every node that was
 * searched; where both children of a split are leaves it is left as it was).
 * @param sample - the tree's rows.
 * @param options - growth limits.
 * @returns the tree in flat pre-order form.
 * @throws Error when features must be drawn at random and no `random` is given.
 * @example
 * const tree = growTree(sample, { maxDepth: 8, minNumSamples: 1, minSamplesLeaf: 5, featuresPerSplit: 7 });
 * tree.feature.length; // number of nodes
 */
export function growTree(sample: TreeSample, options: TreeGrowthOptions): FlatTree {
  const features = sample.columns.length;
  const rows = sample.labels.length;
  const perSplit = Math.max(1, Math.min(features, Math.floor(options.featuresPerSplit)));
  const random = options.random;
  if (perSplit < features && !random) {
    throw new Error('growTree: featuresPerSplit below the feature count needs a random source');
  }
  const featureOrder = new Int32Array(features);
  for (let f = 0; f < features; f++) featureOrder[f] = f;
  const goesLeft = new Uint8Array(rows);
  const scratch = new Int32Array(rows);
  const best = emptySplit();
  const nodeFeature: number[] = [];
  const nodeThreshold: number[] = [];
  const nodeLeft: number[] = [];
  const nodeRight: number[] = [];
  const nodeValue: number[] = [];
  const nodeCount: number[] = [];

  const findSplit = (start: number, end: number, positives: number): boolean => {
    best.feature = -1;
    best.gain = -Infinity;
    if (perSplit < features) drawWithoutReplacement(featureOrder, features, random!);
    for (let k = 0; k < features; k++) {
      if (k >= perSplit && best.gain > 0) break;
      searchFeatureSplit(sample, featureOrder[k], start, end, positives, options.minSamplesLeaf, best);
    }
    return best.feature >= 0 && best.gain > 0;
  };

  const partition = (start: number, end: number, feature: number, leftCount: number): void => {
    const chosen = sample.sorted[feature];
    for (let i = start; i < end; i++) goesLeft[chosen[i]] = i < start + leftCount ? 1 : 0;
    for (let f = 0; f < features; f++) {
      if (f === feature) continue;
      const ids = sample.sorted[f];
      let l = start;
      let r = 0;
      // Without a branch on the side (it goes either way at random): the id is written to both
      // places and only its side's cursor moves. ids[l] is at or before i, so already read; what
      // lands past a cursor is overwritten or never copied.
      for (let i = start; i < end; i++) {
        const id = ids[i];
        const left = goesLeft[id];
        ids[l] = id;
        scratch[r] = id;
        l += left;
        r += 1 - left;
      }
      ids.set(scratch.subarray(0, r), l);
    }
  };

  const isLeaf = (n: number, positives: number, depth: number): boolean => depth >= options.maxDepth || n <= options.minNumSamples || positives === 0 || positives === n;

  const grow = (start: number, end: number, positives: number, depth: number): number => {
    const node = nodeFeature.length;
    const n = end - start;
    nodeFeature.push(-1);
    nodeThreshold.push(0);
    nodeLeft.push(-1);
    nodeRight.push(-1);
    nodeValue.push(positives / n);
    nodeCount.push(n);
    if (isLeaf(n, positives, depth)) return node;
    if (!findSplit(start, end, positives)) return node;
    const { feature, threshold, leftCount, leftPositives } = best;
    // Children that are both leaves never read the sorted lists (a leaf's value is its counts):
    // skipping their partition leaves the same tree (every split at depth maxDepth − 1 is such).
    if (!isLeaf(leftCount, leftPositives, depth + 1) || !isLeaf(n - leftCount, positives - leftPositives, depth + 1)) partition(start, end, feature, leftCount);
    nodeFeature[node] = feature;
    nodeThreshold[node] = threshold;
    nodeLeft[node] = grow(start, start + leftCount, leftPositives, depth + 1);
    nodeRight[node] = grow(start + leftCount, end, positives - leftPositives, depth + 1);
    return node;
  };

  if (rows === 0) throw new Error('growTree: the sample has no rows');
  let positives = 0;
  for (let i = 0; i < rows; i++) positives += sample.labels[i];
  grow(0, rows, positives, 0);
  return {
    feature: Int32Array.from(nodeFeature),
    threshold: Float64Array.from(nodeThreshold),
    left: Int32Array.from(nodeLeft),
    right: Int32Array.from(nodeRight),
    value: Float64Array.from(nodeValue),
    count: Float64Array.from(nodeCount),
  };
}
