/**
 * Histogram gradient boosting for binary labels (log loss), in the manner of scikit-learn's
 * HistGradientBoostingClassifier: features binned once (≤ 255 bins), each tree grown best-first
 * from per-node histograms of gradients and hessians (the larger child's histogram by
 * subtraction), Newton leaf values shrunk by the learning rate. Runs in the worker; yields to the
 * event loop after each tree.
 *
 * Categorical features (`categoricalFeatures`: columns of integer codes 0-254, each code its own
 * bin) split as sets, as scikit-learn 1.2 (`_find_best_bin_to_split_category` in
 * `_hist_gradient_boosting/splitting.pyx`) and LightGBM do: at each node, the categories whose
 * hessian sum × (node rows / node hessian sum) is at least {@link MIN_CAT_SUPPORT} are sorted by
 * sum_gradient / (sum_hessian + {@link MIN_CAT_SUPPORT}) (the smoothing LightGBM calls cat_smooth),
 * then scanned as if ordered from both ends up to the middle; the scanned prefix is the left set.
 * Categories below the support or absent from the node go right (the child holding at least half
 * of the categories); a value the fit never saw goes, when predicting, to the child that had more
 * training rows (right on a tie), as scikit-learn sends values it did not meet in training. Ties
 * in the sort are broken by the code.
 */
import { yieldToEventLoop } from '../forest/event-loop.js';
import { binColumn, binEdges } from './binning.js';
import { BoostedModel, categoryTable, type BoostedTree } from './BoostedModel.js';
import type { BoostedOptions, ResolvedBoostedOptions } from './types.js';

/**
 * Defaults: scikit-learn's (learning rate 0.1, 31 leaves, 20 rows per leaf, no L2, 255 bins) with
 * 100 iterations and no early stopping (the pipeline's time split decides whether boosting wins).
 */
export const DEFAULT_BOOSTED_OPTIONS: ResolvedBoostedOptions = Object.freeze({
  maxIter: 100,
  learningRate: 0.1,
  maxLeafNodes: 31,
  minSamplesLeaf: 20,
  l2Regularization: 0,
  maxBins: 255,
  categoricalFeatures: [],
});

const MIN_HESSIAN = 1e-3;
/** Minimum (hessian-scaled) rows of a category at a node, and the smoothing of its gradient ratio (scikit-learn's MIN_CAT_SUPPORT). */
export const MIN_CAT_SUPPORT = 10;
/** Highest category code (each code is its own bin). */
export const MAX_CATEGORY_CODE = 254;
const BINS = 256;

/**
 * Resolves options.
 * @param o user options
 * @returns every option as a number
 * @throws Error on an option out of range
 * @example resolveBoostedOptions({ maxIter: 50 }).learningRate // 0.1
 */
export function resolveBoostedOptions(o: Omit<BoostedOptions, 'onProgress'> = {}): ResolvedBoostedOptions {
  const d = DEFAULT_BOOSTED_OPTIONS;
  const r = {
    maxIter: Math.floor(o.maxIter ?? d.maxIter),
    learningRate: o.learningRate ?? d.learningRate,
    maxLeafNodes: Math.floor(o.maxLeafNodes ?? d.maxLeafNodes),
    minSamplesLeaf: Math.floor(o.minSamplesLeaf ?? d.minSamplesLeaf),
    l2Regularization: o.l2Regularization ?? d.l2Regularization,
    maxBins: Math.floor(o.maxBins ?? d.maxBins),
    categoricalFeatures: [...new Set(o.categoricalFeatures ?? d.categoricalFeatures)].sort((a, b) => a - b),
  };
  if (
    !(r.maxIter >= 1) ||
    !(r.learningRate > 0 && r.learningRate <= 1) ||
    !(r.maxLeafNodes >= 2) ||
    !(r.minSamplesLeaf >= 1) ||
    !(r.l2Regularization >= 0) ||
    !(r.maxBins >= 2 && r.maxBins <= 255) ||
    !r.categoricalFeatures.every((f) => Number.isInteger(f) && f >= 0)
  ) {
    throw new Error(
      `trainBoosted: options out of range (maxIter ≥ 1, 0 < learningRate ≤ 1, maxLeafNodes ≥ 2, minSamplesLeaf ≥ 1, l2Regularization ≥ 0, 2 ≤ maxBins ≤ 255): ${JSON.stringify(o)}`,
    );
  }
  return r;
}

interface Split {
  gain: number;
  feature: number;
  bin: number;
  /** Categorical split: 0/1 per code, 1 = left. */
  left: Uint8Array | null;
  /** Gradient and hessian sums of the left child, as accumulated by the scan. */
  GL: number;
  HL: number;
}

interface Leaf {
  node: number;
  start: number;
  end: number;
  G: number;
  H: number;
  /** scikit-learn's loss of the node: 0 at the root (its value is 0 there), else G × value. */
  loss: number;
  hist: Float64Array;
  split: Split | null;
}

/** Growth state shared by the trees of one fit. */
interface Grower {
  bins: Uint8Array[];
  edges: Float64Array[];
  g: Float64Array;
  h: Float64Array;
  idx: Int32Array;
  o: ResolvedBoostedOptions;
  /** Per column: true when it holds category codes. */
  categorical: boolean[];
  /** The bins again, row-major (row i's F bins at i·F), for histograms. */
  rowBins: Uint8Array;
}

function histogram(s: Grower, start: number, end: number): Float64Array {
  const F = s.bins.length;
  const hist = new Float64Array(F * BINS * 3);
  const { rowBins, idx, g, h } = s;
  // Row by row over the row-major bins: each row's gradient and hessian are read once for all features.
  for (let k = start; k < end; k++) {
    const i = idx[k];
    const gi = g[i];
    const hi = h[i];
    const base = i * F;
    for (let f = 0; f < F; f++) {
      const at = (f * BINS + rowBins[base + f]) * 3;
      hist[at] += gi;
      hist[at + 1] += hi;
      hist[at + 2]++;
    }
  }
  return hist;
}

function score(G: number, H: number, l2: number): number {
  return (G * G) / (H + l2);
}

/** A node's Newton value before shrinkage, as scikit-learn computes it (compute_node_value). */
function nodeValue(G: number, H: number, l2: number): number {
  return -G / (H + l2 + 1e-15);
}

/**
 * scikit-learn's split gain (_split_gain), in its order of operations: the node's loss minus each
 * child's (loss = sum_gradient × value). Same ranking as G_L²/H_L + G_R²/H_R − G²/H; the same
 * rounding decides mirrored candidates whose gains are mathematically equal.
 */
function splitGain(GL: number, HL: number, GR: number, HR: number, nodeLoss: number, l2: number): number {
  let gain = nodeLoss;
  gain -= GL * nodeValue(GL, HL, l2);
  gain -= GR * nodeValue(GR, HR, l2);
  return gain;
}

function bestSplit(s: Grower, leaf: Leaf): Split | null {
  const n = leaf.end - leaf.start;
  const { minSamplesLeaf, l2Regularization: l2 } = s.o;
  if (n < 2 * minSamplesLeaf) return null;
  const parent = leaf.loss;
  let best: Split | null = null;
  for (let f = 0; f < s.bins.length; f++) {
    if (s.categorical[f]) {
      const c = bestCategoricalSplit(s, leaf, f, parent);
      if (c && (best === null || c.gain > best.gain)) best = c;
      continue;
    }
    const nb = s.edges[f].length + 1;
    const base = f * BINS * 3;
    let GL = 0;
    let HL = 0;
    let CL = 0;
    for (let b = 0; b < nb - 1; b++) {
      GL += leaf.hist[base + b * 3];
      HL += leaf.hist[base + b * 3 + 1];
      CL += leaf.hist[base + b * 3 + 2];
      const CR = n - CL;
      if (CL < minSamplesLeaf) continue;
      if (CR < minSamplesLeaf) break;
      const HR = leaf.H - HL;
      if (HL < MIN_HESSIAN || HR < MIN_HESSIAN) continue;
      const gain = splitGain(GL, HL, leaf.G - GL, HR, parent, l2);
      if (gain > 0 && (best === null || gain > best.gain)) best = { gain, feature: f, bin: b, left: null, GL, HL };
    }
  }
  return best;
}

/** scikit-learn's categorical split search on one feature (see the file comment). */
function bestCategoricalSplit(s: Grower, leaf: Leaf, f: number, parent: number): Split | null {
  const n = leaf.end - leaf.start;
  const { minSamplesLeaf, l2Regularization: l2 } = s.o;
  const base = f * BINS * 3;
  const h = leaf.hist;
  const support = n / leaf.H;
  const used: number[] = [];
  const value = new Float64Array(BINS);
  for (let b = 0; b <= MAX_CATEGORY_CODE; b++) {
    const H = h[base + b * 3 + 1];
    if (h[base + b * 3 + 2] > 0 && H * support >= MIN_CAT_SUPPORT) {
      used.push(b);
      value[b] = h[base + b * 3] / (H + MIN_CAT_SUPPORT);
    }
  }
  if (used.length <= 1) return null;
  used.sort((a, b) => value[a] - value[b] || a - b);
  const m = used.length;
  let best: { gain: number; from: number; to: number; GL: number; HL: number } | null = null;
  for (const direction of [1, -1]) {
    const middle = direction === 1 ? (m + 1) >> 1 : ((m + 1) >> 1) - 1;
    let GL = 0;
    let HL = 0;
    let CL = 0;
    for (let i = 0; i < middle; i++) {
      const b = used[direction === 1 ? i : m - 1 - i];
      GL += h[base + b * 3];
      HL += h[base + b * 3 + 1];
      CL += h[base + b * 3 + 2];
      const HR = leaf.H - HL;
      if (CL < minSamplesLeaf || HL < MIN_HESSIAN) continue;
      if (n - CL < minSamplesLeaf || HR < MIN_HESSIAN) break;
      const gain = splitGain(GL, HL, leaf.G - GL, HR, parent, l2);
      if (gain > 0 && (best === null || gain > best.gain)) best = direction === 1 ? { gain, from: 0, to: i + 1, GL, HL } : { gain, from: m - 1 - i, to: m, GL, HL };
    }
  }
  if (!best) return null;
  const left = new Uint8Array(BINS);
  for (let i = best.from; i < best.to; i++) left[used[i]] = 1;
  return { gain: best.gain, feature: f, bin: -1, left, GL: best.GL, HL: best.HL };
}

function growTree(s: Grower, n: number): { tree: BoostedTree; leaves: Leaf[] } {
  const lr = s.o.learningRate;
  const l2 = s.o.l2Regularization;
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const count: number[] = [];
  const gainOf: number[] = [];
  const leftCategories: (Uint8Array | null)[] = [];
  const addNode = (G: number, H: number, c: number): number => {
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    value.push(nodeValue(G, H, l2) * lr);
    count.push(c);
    gainOf.push(0);
    leftCategories.push(null);
    return feature.length - 1;
  };
  for (let i = 0; i < n; i++) s.idx[i] = i;
  let G = 0;
  let H = 0;
  for (let i = 0; i < n; i++) {
    G += s.g[i];
    H += s.h[i];
  }
  const root: Leaf = { node: addNode(G, H, n), start: 0, end: n, G, H, loss: 0, hist: histogram(s, 0, n), split: null };
  root.split = bestSplit(s, root);
  const open: Leaf[] = [root];
  const done: Leaf[] = [];
  let leaves = 1;
  while (leaves < s.o.maxLeafNodes) {
    let pick = -1;
    for (let k = 0; k < open.length; k++) if (open[k].split && (pick < 0 || open[k].split!.gain > open[pick].split!.gain)) pick = k;
    if (pick < 0) break;
    const leaf = open.splice(pick, 1)[0];
    const { feature: f, bin, left: set, GL, HL } = leaf.split!;
    // Partition the leaf's rows: bin ≤ split bin (numeric) or a code of the left set (categorical) to the left.
    const col = s.bins[f];
    let a = leaf.start;
    let b = leaf.end - 1;
    while (a <= b) {
      if (set ? set[col[s.idx[a]]] === 1 : col[s.idx[a]] <= bin) a++;
      else {
        const t = s.idx[a];
        s.idx[a] = s.idx[b];
        s.idx[b] = t;
        b--;
      }
    }
    const mid = a;
    const leftSmaller = mid - leaf.start <= leaf.end - mid;
    const small = leftSmaller ? histogram(s, leaf.start, mid) : histogram(s, mid, leaf.end);
    const large = leaf.hist;
    for (let k = 0; k < large.length; k++) large[k] -= small[k];
    const lNode = addNode(GL, HL, mid - leaf.start);
    const rNode = addNode(leaf.G - GL, leaf.H - HL, leaf.end - mid);
    feature[leaf.node] = f;
    threshold[leaf.node] = set ? 0 : s.edges[f][bin];
    leftCategories[leaf.node] = set;
    left[leaf.node] = lNode;
    right[leaf.node] = rNode;
    // Importance: the loss reduction (G_L²/H_L + G_R²/H_R − G²/H) / 2.
    gainOf[leaf.node] = (score(GL, HL, l2) + score(leaf.G - GL, leaf.H - HL, l2) - score(leaf.G, leaf.H, l2)) / 2;
    const childLoss = (g: number, h: number) => g * nodeValue(g, h, l2);
    const l: Leaf = { node: lNode, start: leaf.start, end: mid, G: GL, H: HL, loss: childLoss(GL, HL), hist: leftSmaller ? small : large, split: null };
    const r: Leaf = {
      node: rNode,
      start: mid,
      end: leaf.end,
      G: leaf.G - GL,
      H: leaf.H - HL,
      loss: childLoss(leaf.G - GL, leaf.H - HL),
      hist: leftSmaller ? large : small,
      split: null,
    };
    l.split = bestSplit(s, l);
    r.split = bestSplit(s, r);
    open.push(l, r);
    leaves++;
  }
  done.push(...open);
  return {
    tree: {
      feature: Int32Array.from(feature),
      threshold: Float64Array.from(threshold),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      value: Float64Array.from(value),
      count: Float64Array.from(count),
      gain: Float64Array.from(gainOf),
      leftCategories,
    },
    leaves: done,
  };
}

function categoryBins(c: Float64Array, f: number): Uint8Array {
  const out = new Uint8Array(c.length);
  for (let i = 0; i < c.length; i++) {
    const v = c[i];
    if (!(Number.isInteger(v) && v >= 0 && v <= MAX_CATEGORY_CODE)) {
      throw new Error(`trainBoosted: categorical column ${f} holds ${v} at row ${i}; category codes are integers 0-${MAX_CATEGORY_CODE}`);
    }
    out[i] = v;
  }
  return out;
}

/**
 * Trains a histogram gradient-boosting classifier.
 * @param X one Float64Array per feature (finite values)
 * @param y labels 0/1
 * @param featureNames one name per column
 * @param options see {@link BoostedOptions}
 * @returns the model
 * @throws Error on mismatched input or bad options
 * @example
 * const model = await trainBoosted([hour, rate], labels, ['hour', 'rate'], { maxIter: 50 });
 * model.predictProbability([14, 0.8]); // 0.81
 */
export async function trainBoosted(X: Float64Array[], y: Uint8Array, featureNames: string[], options: BoostedOptions = {}): Promise<BoostedModel> {
  const o = resolveBoostedOptions(options);
  const n = y.length;
  if (n === 0 || X.length === 0 || X.length !== featureNames.length || X.some((c) => c.length !== n)) {
    throw new Error(`trainBoosted: needs ${featureNames.length} feature columns of ${n} rows each and at least one row`);
  }
  for (const c of X) for (let i = 0; i < n; i++) if (!Number.isFinite(c[i])) throw new Error(`trainBoosted: non-finite feature value at row ${i}`);
  const categorical = X.map((_, f) => o.categoricalFeatures.includes(f));
  if (o.categoricalFeatures.some((f) => f >= X.length))
    throw new Error(`trainBoosted: categoricalFeatures ${JSON.stringify(o.categoricalFeatures)} name a column beyond the ${X.length} given`);
  const edges = X.map((c, f) => (categorical[f] ? new Float64Array(0) : binEdges(c, o.maxBins)));
  const bins = X.map((c, f) => (categorical[f] ? categoryBins(c, f) : binColumn(c, edges[f])));
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i];
  const rate = Math.min(1 - 1e-12, Math.max(1e-12, positives / n));
  const baseline = Math.log(rate / (1 - rate));
  const raw = new Float64Array(n).fill(baseline);
  const F = bins.length;
  const rowBins = new Uint8Array(n * F);
  for (let f = 0; f < F; f++) for (let i = 0; i < n; i++) rowBins[i * F + f] = bins[f][i];
  const s: Grower = { bins, edges, g: new Float64Array(n), h: new Float64Array(n), idx: new Int32Array(n), o, categorical, rowBins };
  const trees: BoostedTree[] = [];
  for (let t = 0; t < o.maxIter; t++) {
    // scikit-learn's half-binomial gradient and hessian (its _loss module), rounded to float32 as
    // it stores them: the histogram sums then match its own to the last bit, which decides
    // borderline cases such as a category with exactly MIN_CAT_SUPPORT rows at a node.
    for (let i = 0; i < n; i++) {
      const z = raw[i];
      if (z > -37) {
        const e = Math.exp(-z);
        s.g[i] = Math.fround((1 - y[i] - y[i] * e) / (1 + e));
        s.h[i] = Math.fround(e / (1 + e) ** 2);
      } else {
        const e = Math.exp(z);
        s.g[i] = Math.fround(e - y[i]);
        s.h[i] = Math.fround(e);
      }
    }
    const { tree, leaves } = growTree(s, n);
    for (const leaf of leaves) {
      const v = tree.value[leaf.node];
      for (let k = leaf.start; k < leaf.end; k++) raw[s.idx[k]] += v;
    }
    trees.push(tree);
    options.onProgress?.(t + 1, o.maxIter);
    await yieldToEventLoop();
  }
  const known = bins.map((b, f) => (categorical[f] ? categoryTable(b) : null));
  return new BoostedModel(trees, featureNames, o, baseline, known);
}
