/** Public types of the random-forest adapter. */

/** Training options; every field has a default (see `DEFAULT_FOREST_OPTIONS`). */
export interface ForestOptions {
  /** Number of trees. */
  nTrees?: number;
  /** Levels of splits below the root (scikit-learn's `max_depth`). */
  maxDepth?: number;
  /** Rows each leaf must keep (scikit-learn's `min_samples_leaf`). */
  minSamplesLeaf?: number;
  /**
   * Rows drawn, without replacement, for each tree; clamped to the row count. Default: a quarter
   * of the rows, at least min(rows, 1,000), at most 16,000 (trees grown on all rows are nearly
   * identical and the forest overfits: AUC 0.63 on train20k).
   */
  sampleSize?: number;
  /**
   * Features tried at each split (not per tree), drawn at random per node; clamped to
   * [1, features]. If none of them can split the node, the other features are tried too.
   * Default: floor(√features).
   */
  maxFeatures?: number;
  /** Seed of the row and feature draws (same seed and data: same forest). */
  seed?: number;
  /**
   * Threads growing trees: 1 grows them in the calling thread; more starts that many tree
   * workers (when the host can, see `trainForest`'s `threads`). Default: the processor count,
   * at most 8. Not part of the model: any value gives the same forest.
   */
  parallelism?: number;
  /** Called after each tree with (trees done, total trees); with workers, in the order trees finish. */
  onProgress?: (done: number, total: number) => void;
}

/** The options a forest was trained with, all resolved to numbers. */
export interface ResolvedForestOptions {
  nTrees: number;
  maxDepth: number;
  minSamplesLeaf: number;
  sampleSize: number;
  maxFeatures: number;
  seed: number;
}

/** A trained binary classifier (labels 0/1). Rows list feature values in `featureNames` order. */
export interface Forest {
  /** Feature order expected by every prediction method. */
  readonly featureNames: readonly string[];
  /** What it was trained with. */
  readonly options: ResolvedForestOptions;
  /** P(y = 1): the mean over trees of the class-1 fraction of the leaf the row reaches. */
  predictProbability(row: ArrayLike<number>): number;
  /** Each tree's class-1 leaf fraction for the row (their mean is {@link Forest.predictProbability}). */
  treeProbabilities(row: ArrayLike<number>): Float64Array;
  /** {@link Forest.predictProbability} for every row of column-major data. */
  predictMany(X: Float64Array[]): Float64Array;
  /**
   * Mean decrease in Gini impurity, weighted by rows, per feature (scikit-learn's rule): non-negative,
   * sums to 1; all zeros when no tree ever split (for example a single-class training set).
   */
  featureImportance(): Record<string, number>;
  /** Saabas path contributions averaged over trees: `bias + Σ byFeature = predictProbability`. */
  contributions(row: ArrayLike<number>): { bias: number; byFeature: Record<string, number> };
  /** A plain, versioned JSON form that {@link forestFromJSON} reads back. */
  toJSON(): ForestJSON;
}

/** One tree: parallel arrays indexed by node, nodes in pre-order (children after parents). */
export interface TreeJSON {
  /** Split feature index, -1 for a leaf. */
  feature: number[];
  /** `x[feature] < threshold` goes left (0 for a leaf). */
  threshold: number[];
  /** Left child index, -1 for a leaf. */
  left: number[];
  /** Right child index, -1 for a leaf. */
  right: number[];
  /** Class-1 fraction of the training rows reaching the node. */
  value: number[];
  /** Training rows reaching the node. */
  count: number[];
}

/** Serialised forest, version 1. */
export interface ForestJSON {
  format: 'session-buddy-analytics/random-forest';
  version: 1;
  featureNames: string[];
  options: ResolvedForestOptions;
  trees: TreeJSON[];
}
