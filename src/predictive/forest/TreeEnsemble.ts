/**
 * The trained forest: a list of {@link FlatTree}s and the feature names, answering the
 * {@link Forest} interface. Probabilities are the mean of leaf class-1 fractions (soft voting),
 * not ml-random-forest's hard-vote fraction.
 */
import { addLeafValues, addPathContributions, leafIndex, treeImportance, walkTree, type FlatTree, type WalkTree } from './flat-tree.js';
import type { Forest, ForestJSON, ResolvedForestOptions } from './types.js';

/** Implementation of {@link Forest} over flat trees. */
export class TreeEnsemble implements Forest {
  readonly featureNames: readonly string[];
  readonly options: ResolvedForestOptions;
  private readonly trees: readonly FlatTree[];
  private importance: Record<string, number> | undefined;
  private walks: WalkTree[] | undefined;

  /**
   * @param trees - at least one tree, split features indexing `featureNames`.
   * @param featureNames - names in column order.
   * @param options - the options the trees were grown with.
   * @throws Error when there is no tree.
   */
  constructor(trees: readonly FlatTree[], featureNames: readonly string[], options: ResolvedForestOptions) {
    if (trees.length === 0) throw new Error('TreeEnsemble: a forest needs at least one tree');
    this.trees = trees;
    this.featureNames = Object.freeze([...featureNames]);
    this.options = Object.freeze({ ...options });
  }

  predictProbability(row: ArrayLike<number>): number {
    this.checkRow(row, 'predictProbability');
    let sum = 0;
    for (const tree of this.trees) sum += tree.value[leafIndex(tree, row)];
    return sum / this.trees.length;
  }

  treeProbabilities(row: ArrayLike<number>): Float64Array {
    this.checkRow(row, 'treeProbabilities');
    return Float64Array.from(this.trees, (tree) => tree.value[leafIndex(tree, row)]);
  }

  predictMany(X: Float64Array[]): Float64Array {
    if (X.length !== this.featureNames.length) {
      throw new Error(`predictMany: expected ${this.featureNames.length} feature columns (${this.featureNames.join(', ')}), got ${X.length}`);
    }
    const n = X.length === 0 ? 0 : X[0].length;
    for (const column of X) {
      if (column.length !== n) throw new Error('predictMany: all feature columns must have the same length');
    }
    // Row-major copy: a row's features share a cache line while each tree is walked (about 20 %
    // faster than reading the columns; the same comparisons and sums, so the same values).
    const F = X.length;
    const rows = new Float64Array(n * F);
    for (let f = 0; f < F; f++) {
      const column = X[f];
      for (let i = 0; i < n; i++) rows[i * F + f] = column[i];
    }
    const out = new Float64Array(n);
    this.walks ??= this.trees.map(walkTree);
    for (const tree of this.walks) addLeafValues(tree, rows, F, out);
    for (let i = 0; i < n; i++) out[i] /= this.trees.length;
    return out;
  }

  featureImportance(): Record<string, number> {
    if (!this.importance) this.importance = this.computeImportance();
    return { ...this.importance };
  }

  contributions(row: ArrayLike<number>): { bias: number; byFeature: Record<string, number> } {
    this.checkRow(row, 'contributions');
    const sums = new Float64Array(this.featureNames.length);
    let bias = 0;
    for (const tree of this.trees) bias += addPathContributions(tree, row, sums);
    const byFeature: Record<string, number> = {};
    this.featureNames.forEach((name, f) => {
      byFeature[name] = sums[f] / this.trees.length;
    });
    return { bias: bias / this.trees.length, byFeature };
  }

  toJSON(): ForestJSON {
    return {
      format: 'session-buddy-analytics/random-forest',
      version: 1,
      featureNames: [...this.featureNames],
      options: { ...this.options },
      trees: this.trees.map((tree) => ({
        feature: Array.from(tree.feature),
        threshold: Array.from(tree.threshold),
        left: Array.from(tree.left),
        right: Array.from(tree.right),
        value: Array.from(tree.value),
        count: Array.from(tree.count),
      })),
    };
  }

  /** scikit-learn's rule: average the per-tree shares of trees that split, then renormalise. */
  private computeImportance(): Record<string, number> {
    const features = this.featureNames.length;
    const mean = new Float64Array(features);
    for (const tree of this.trees) {
      const share = treeImportance(tree, features);
      for (let f = 0; f < features; f++) mean[f] += share[f];
    }
    const total = mean.reduce((a, b) => a + b, 0);
    const result: Record<string, number> = {};
    this.featureNames.forEach((name, f) => {
      result[name] = total > 0 ? mean[f] / total : 0;
    });
    return result;
  }

  private checkRow(row: ArrayLike<number>, method: string): void {
    if (row.length !== this.featureNames.length) {
      throw new Error(`${method}: expected ${this.featureNames.length} feature values in the order ${this.featureNames.join(', ')}; got ${row.length}`);
    }
  }
}
