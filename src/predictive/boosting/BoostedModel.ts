/**
 * A trained histogram gradient-boosting classifier: a baseline log-odds plus a sum of regression
 * trees; P(y = 1) = sigmoid(baseline + Σ tree values). Contributions are Saabas path contributions
 * on the log-odds scale (bias + Σ contributions = the log-odds).
 */
import type { BoostedJSON, BoostedTreeJSON, ResolvedBoostedOptions } from './types.js';

/** A tree in typed arrays (same fields as {@link BoostedTreeJSON}). */
export interface BoostedTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  count: Float64Array;
  gain: Float64Array;
}

/**
 * The logistic function.
 * @param z log-odds
 * @returns probability
 * @example sigmoid(0) // 0.5
 */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Boosted trees over named features. */
export class BoostedModel {
  readonly featureNames: readonly string[];
  readonly options: ResolvedBoostedOptions;
  readonly baseline: number;
  private readonly trees: readonly BoostedTree[];

  /**
   * @param trees the fitted trees
   * @param featureNames names in column order
   * @param options the options they were grown with
   * @param baseline initial log-odds
   */
  constructor(trees: readonly BoostedTree[], featureNames: readonly string[], options: ResolvedBoostedOptions, baseline: number) {
    this.trees = trees;
    this.featureNames = Object.freeze([...featureNames]);
    this.options = Object.freeze({ ...options });
    this.baseline = baseline;
  }

  /** Number of trees. */
  get size(): number {
    return this.trees.length;
  }

  /**
   * Log-odds of one row.
   * @param row feature values in model order
   * @returns baseline + Σ leaf values
   */
  logOdds(row: ArrayLike<number>): number {
    let z = this.baseline;
    for (const t of this.trees) {
      let node = 0;
      while (t.feature[node] >= 0) node = row[t.feature[node]] <= t.threshold[node] ? t.left[node] : t.right[node];
      z += t.value[node];
    }
    return z;
  }

  /**
   * P(y = 1) of one row.
   * @param row feature values in model order
   * @returns the probability
   */
  predictProbability(row: ArrayLike<number>): number {
    return sigmoid(this.logOdds(row));
  }

  /**
   * P(y = 1) of every row of column-major data.
   * @param X one column per feature
   * @returns probabilities
   */
  predictMany(X: Float64Array[]): Float64Array {
    const n = X.length === 0 ? 0 : X[0].length;
    const z = new Float64Array(n).fill(this.baseline);
    for (const t of this.trees) {
      for (let i = 0; i < n; i++) {
        let node = 0;
        while (t.feature[node] >= 0) node = X[t.feature[node]][i] <= t.threshold[node] ? t.left[node] : t.right[node];
        z[i] += t.value[node];
      }
    }
    for (let i = 0; i < n; i++) z[i] = sigmoid(z[i]);
    return z;
  }

  /**
   * Saabas contributions on the log-odds scale: bias (baseline + root values) + Σ byFeature = log-odds.
   * @param row feature values in model order
   * @returns bias and per-feature sums
   */
  contributions(row: ArrayLike<number>): { bias: number; byFeature: Record<string, number> } {
    const sums = new Float64Array(this.featureNames.length);
    let bias = this.baseline;
    for (const t of this.trees) {
      let node = 0;
      bias += t.value[0];
      while (t.feature[node] >= 0) {
        const f = t.feature[node];
        const next = row[f] <= t.threshold[node] ? t.left[node] : t.right[node];
        sums[f] += t.value[next] - t.value[node];
        node = next;
      }
    }
    return { bias, byFeature: Object.fromEntries(this.featureNames.map((n, f) => [n, sums[f]])) };
  }

  /**
   * Total split gain per feature, normalised to sum to 1 (all zeros when nothing split).
   * @returns importance by feature name
   */
  featureImportance(): Record<string, number> {
    const g = new Float64Array(this.featureNames.length);
    for (const t of this.trees) for (let i = 0; i < t.feature.length; i++) if (t.feature[i] >= 0) g[t.feature[i]] += t.gain[i];
    const total = g.reduce((a, b) => a + b, 0);
    return Object.fromEntries(this.featureNames.map((n, f) => [n, total > 0 ? g[f] / total : 0]));
  }

  /**
   * The plain JSON form.
   * @returns versioned JSON that {@link boostedFromJSON} reads
   */
  toJSON(): BoostedJSON {
    return {
      format: 'session-buddy-analytics/boosted-trees',
      version: 1,
      featureNames: [...this.featureNames],
      options: { ...this.options },
      baseline: this.baseline,
      trees: this.trees.map(
        (t): BoostedTreeJSON => ({
          feature: Array.from(t.feature),
          threshold: Array.from(t.threshold),
          left: Array.from(t.left),
          right: Array.from(t.right),
          value: Array.from(t.value),
          count: Array.from(t.count),
          gain: Array.from(t.gain),
        }),
      ),
    };
  }
}

function fail(message: string): never {
  throw new Error(`boostedFromJSON: ${message}`);
}

/**
 * Reads a boosted model back, checking every field.
 * @param raw {@link BoostedModel.toJSON}'s output
 * @returns the model
 * @throws Error on another format/version or damaged trees
 */
export function boostedFromJSON(raw: unknown): BoostedModel {
  const j = raw as BoostedJSON;
  if (typeof j !== 'object' || j === null || j.format !== 'session-buddy-analytics/boosted-trees' || j.version !== 1) fail('not a version-1 boosted model');
  if (!Array.isArray(j.featureNames) || !Array.isArray(j.trees) || !Number.isFinite(j.baseline)) fail('missing feature names, trees or baseline');
  const features = j.featureNames.length;
  const trees = j.trees.map((t, k): BoostedTree => {
    const n = Array.isArray(t?.feature) ? t.feature.length : 0;
    const keys = ['feature', 'threshold', 'left', 'right', 'value', 'count', 'gain'] as const;
    for (const key of keys) {
      const v = t[key];
      if (!Array.isArray(v) || v.length !== n || n === 0 || !v.every((x) => typeof x === 'number' && Number.isFinite(x)))
        fail(`tree ${k}: "${key}" must be ${n || 'a non-empty list of'} finite numbers`);
    }
    for (let i = 0; i < n; i++) {
      if (t.feature[i] >= 0) {
        if (t.feature[i] >= features || !(t.left[i] > i && t.left[i] < n && t.right[i] > i && t.right[i] < n)) fail(`tree ${k}: node ${i} has a bad feature or child`);
      } else if (t.feature[i] !== -1) fail(`tree ${k}: node ${i} has feature ${t.feature[i]}`);
    }
    return {
      feature: Int32Array.from(t.feature),
      threshold: Float64Array.from(t.threshold),
      left: Int32Array.from(t.left),
      right: Int32Array.from(t.right),
      value: Float64Array.from(t.value),
      count: Float64Array.from(t.count),
      gain: Float64Array.from(t.gain),
    };
  });
  return new BoostedModel(trees, j.featureNames, j.options, j.baseline);
}
