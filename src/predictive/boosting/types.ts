/** Public types of the histogram gradient-boosting classifier. */

/** Training options; every field has a default (see `DEFAULT_BOOSTED_OPTIONS`). */
export interface BoostedOptions {
  /** Boosting iterations (trees). */
  maxIter?: number;
  /** Shrinkage of each tree's values. */
  learningRate?: number;
  /** Leaves per tree (grown best-first). */
  maxLeafNodes?: number;
  /** Rows each leaf must keep. */
  minSamplesLeaf?: number;
  /** L2 penalty on leaf values. */
  l2Regularization?: number;
  /** Bins per feature (2-255). */
  maxBins?: number;
  /**
   * Columns holding category codes (integers 0-254) rather than numbers: split as sets of
   * categories (see train-boosted.ts). When predicting, any value the fit never saw in the column
   * (another code, -1, a fraction) goes to the child that had more training rows.
   */
  categoricalFeatures?: readonly number[];
  /** Called after each tree with (trees done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** The options a model was trained with, all resolved to numbers. */
export interface ResolvedBoostedOptions {
  maxIter: number;
  learningRate: number;
  maxLeafNodes: number;
  minSamplesLeaf: number;
  l2Regularization: number;
  maxBins: number;
  /** Category-coded columns (empty: every column numeric). */
  categoricalFeatures: number[];
}

/** One regression tree on the log-odds scale; `x[feature] <= threshold` goes left. */
export interface BoostedTreeJSON {
  /** Split feature, -1 for a leaf. */
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  /** Node value (log-odds step, learning rate applied), internal nodes too (for contributions). */
  value: number[];
  /** Training rows reaching the node. */
  count: number[];
  /** Loss reduction of the split (0 for a leaf). */
  gain: number[];
  /**
   * Categorical splits only: per node, the category codes that go left (null for numeric splits
   * and leaves; the fit's other categories go right, values it never saw to the child with the
   * larger `count`). Absent when the tree has none.
   */
  leftCategories?: (number[] | null)[];
}

/** Serialised boosted model, version 1. */
export interface BoostedJSON {
  format: 'session-buddy-analytics/boosted-trees';
  version: 1;
  featureNames: string[];
  options: ResolvedBoostedOptions;
  /** Log-odds before any tree: logit of the training rate. */
  baseline: number;
  /** Per entry of `options.categoricalFeatures`: the category codes the fit saw (absent: no categorical features). */
  knownCategories?: number[][];
  trees: BoostedTreeJSON[];
}

/** A tree in typed arrays (same fields as {@link BoostedTreeJSON}). */
export interface BoostedTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  count: Float64Array;
  gain: Float64Array;
  /** Per node: a 256-entry 0/1 table of the category codes going left (categorical splits), else null. */
  leftCategories: (Uint8Array | null)[];
}

/** Per feature: a 256-entry 0/1 table of the category codes the fit saw (null for numeric features). */
export type KnownCategories = readonly (Uint8Array | null)[];
