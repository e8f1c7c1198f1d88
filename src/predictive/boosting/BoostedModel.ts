/**
 * A trained histogram gradient-boosting classifier: a baseline log-odds plus a sum of regression
 * trees; P(y = 1) = sigmoid(baseline + Σ tree values). A numeric node sends x ≤ threshold left. A
 * categorical node sends the codes of its left set left and every other category the fit saw
 * right (rare ones included); a value the fit never saw (an unseen category, -1, a fraction) goes
 * to the child that had more training rows (right on a tie) — scikit-learn's rule for values it
 * did not meet in training. Contributions are Saabas path contributions on the log-odds scale
 * (bias + Σ contributions = the log-odds).
 */
import { addBoostedLeaves, boostedWalk, walkRows, type BoostedWalk } from './boosted-walk.js';
import type { BoostedJSON, BoostedTree, BoostedTreeJSON, KnownCategories, ResolvedBoostedOptions } from './types.js';

export type { BoostedTree, KnownCategories } from './types.js';

/**
 * The child a row goes to at an internal node.
 * @param t the tree
 * @param node an internal node
 * @param x the row's value of the node's feature
 * @param known the fit's categories of that feature (categorical nodes)
 * @returns the child's index
 */
export function childOf(t: BoostedTree, node: number, x: number, known: Uint8Array | null): number {
  const set = t.leftCategories[node];
  if (!set) return x <= t.threshold[node] ? t.left[node] : t.right[node];
  if (Number.isInteger(x) && x >= 0 && x < 256 && known !== null && known[x] === 1) return set[x] === 1 ? t.left[node] : t.right[node];
  return t.count[t.left[node]] > t.count[t.right[node]] ? t.left[node] : t.right[node];
}

/**
 * The category table of some codes.
 * @param codes category codes 0-255
 * @returns 256 entries, 1 for each code
 */
export function categoryTable(codes: Iterable<number>): Uint8Array {
  const set = new Uint8Array(256);
  for (const c of codes) set[c] = 1;
  return set;
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
  private readonly known: KnownCategories;
  private walks: BoostedWalk[] | undefined;

  /**
   * @param trees the fitted trees
   * @param featureNames names in column order
   * @param options the options they were grown with
   * @param baseline initial log-odds
   * @param known per feature, the category codes the fit saw (null for numeric features)
   */
  constructor(trees: readonly BoostedTree[], featureNames: readonly string[], options: ResolvedBoostedOptions, baseline: number, known: KnownCategories) {
    this.trees = trees;
    this.known = known;
    this.featureNames = Object.freeze([...featureNames]);
    this.options = Object.freeze({ ...options, categoricalFeatures: [...options.categoricalFeatures] });
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
      while (t.feature[node] >= 0) node = childOf(t, node, row[t.feature[node]], this.known[t.feature[node]]);
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
    this.walks ??= this.trees.map((t) => boostedWalk(t, this.known));
    const rows = walkRows(X);
    for (const w of this.walks) addBoostedLeaves(w, rows, X.length, z);
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
        const next = childOf(t, node, row[f], this.known[f]);
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
      options: { ...this.options, categoricalFeatures: [...this.options.categoricalFeatures] },
      baseline: this.baseline,
      knownCategories: this.options.categoricalFeatures.map((f) => categoriesOf(this.known[f] ?? new Uint8Array(256))),
      trees: this.trees.map(
        (t): BoostedTreeJSON => ({
          feature: Array.from(t.feature),
          threshold: Array.from(t.threshold),
          left: Array.from(t.left),
          right: Array.from(t.right),
          value: Array.from(t.value),
          count: Array.from(t.count),
          gain: Array.from(t.gain),
          ...(t.leftCategories.some((c) => c !== null) ? { leftCategories: t.leftCategories.map((c) => (c ? categoriesOf(c) : null)) } : {}),
        }),
      ),
    };
  }
}

function categoriesOf(set: Uint8Array): number[] {
  const out: number[] = [];
  for (let k = 0; k < set.length; k++) if (set[k] === 1) out.push(k);
  return out;
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
    const cats = t.leftCategories;
    if (cats !== undefined && (!Array.isArray(cats) || cats.length !== n)) fail(`tree ${k}: "leftCategories" must have one entry per node`);
    const leftCategories = Array.from({ length: n }, (_, i): Uint8Array | null => {
      const c = cats?.[i];
      if (c === null || c === undefined) return null;
      if (!Array.isArray(c) || t.feature[i] < 0 || !c.every((v) => Number.isInteger(v) && v >= 0 && v < 256)) fail(`tree ${k}: node ${i} has a bad category set`);
      return categoryTable(c);
    });
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
      leftCategories,
    };
  });
  const categorical = j.options?.categoricalFeatures ?? [];
  if (!Array.isArray(categorical) || !categorical.every((f) => Number.isInteger(f) && f >= 0 && f < features)) fail('bad categorical feature list');
  const knownLists = j.knownCategories ?? [];
  if (
    !Array.isArray(knownLists) ||
    knownLists.length !== categorical.length ||
    !knownLists.every((c) => Array.isArray(c) && c.every((v) => Number.isInteger(v) && v >= 0 && v < 256))
  )
    fail('"knownCategories" must list the category codes of each categorical feature');
  const known = j.featureNames.map((_, f) => (categorical.includes(f) ? categoryTable(knownLists[categorical.indexOf(f)]) : null));
  return new BoostedModel(trees, j.featureNames, { ...j.options, categoricalFeatures: [...categorical] }, j.baseline, known);
}
