/**
 * Histogram gradient boosting for binary labels (log loss), in the manner of scikit-learn's
 * HistGradientBoostingClassifier: features binned once (≤ 255 bins), each tree grown best-first
 * from per-node histograms of gradients and hessians (the larger child's histogram by
 * subtraction), Newton leaf values shrunk by the learning rate. Runs in the worker; yields to the
 * event loop after each tree.
 */
import { yieldToEventLoop } from '../forest/event-loop.js';
import { binColumn, binEdges } from './binning.js';
import { BoostedModel, sigmoid, type BoostedTree } from './BoostedModel.js';
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
});

const MIN_HESSIAN = 1e-3;
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
  };
  if (
    !(r.maxIter >= 1) ||
    !(r.learningRate > 0 && r.learningRate <= 1) ||
    !(r.maxLeafNodes >= 2) ||
    !(r.minSamplesLeaf >= 1) ||
    !(r.l2Regularization >= 0) ||
    !(r.maxBins >= 2 && r.maxBins <= 255)
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
}

interface Leaf {
  node: number;
  start: number;
  end: number;
  G: number;
  H: number;
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
}

function histogram(s: Grower, start: number, end: number): Float64Array {
  const F = s.bins.length;
  const hist = new Float64Array(F * BINS * 3);
  for (let f = 0; f < F; f++) {
    const col = s.bins[f];
    const base = f * BINS * 3;
    for (let k = start; k < end; k++) {
      const i = s.idx[k];
      const at = base + col[i] * 3;
      hist[at] += s.g[i];
      hist[at + 1] += s.h[i];
      hist[at + 2]++;
    }
  }
  return hist;
}

function score(G: number, H: number, l2: number): number {
  return (G * G) / (H + l2);
}

function bestSplit(s: Grower, leaf: Leaf): Split | null {
  const n = leaf.end - leaf.start;
  const { minSamplesLeaf, l2Regularization: l2 } = s.o;
  if (n < 2 * minSamplesLeaf) return null;
  const parent = score(leaf.G, leaf.H, l2);
  let best: Split | null = null;
  for (let f = 0; f < s.bins.length; f++) {
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
      const gain = score(GL, HL, l2) + score(leaf.G - GL, HR, l2) - parent;
      if (gain > 1e-12 && (best === null || gain > best.gain)) best = { gain, feature: f, bin: b };
    }
  }
  return best;
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
  const addNode = (G: number, H: number, c: number): number => {
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    value.push((-lr * G) / (H + l2 + 1e-300));
    count.push(c);
    gainOf.push(0);
    return feature.length - 1;
  };
  for (let i = 0; i < n; i++) s.idx[i] = i;
  let G = 0;
  let H = 0;
  for (let i = 0; i < n; i++) {
    G += s.g[i];
    H += s.h[i];
  }
  const root: Leaf = { node: addNode(G, H, n), start: 0, end: n, G, H, hist: histogram(s, 0, n), split: null };
  root.split = bestSplit(s, root);
  const open: Leaf[] = [root];
  const done: Leaf[] = [];
  let leaves = 1;
  while (leaves < s.o.maxLeafNodes) {
    let pick = -1;
    for (let k = 0; k < open.length; k++) if (open[k].split && (pick < 0 || open[k].split!.gain > open[pick].split!.gain)) pick = k;
    if (pick < 0) break;
    const leaf = open.splice(pick, 1)[0];
    const { feature: f, bin, gain } = leaf.split!;
    // Partition the leaf's rows: bin ≤ split bin to the left.
    const col = s.bins[f];
    let a = leaf.start;
    let b = leaf.end - 1;
    while (a <= b) {
      if (col[s.idx[a]] <= bin) a++;
      else {
        const t = s.idx[a];
        s.idx[a] = s.idx[b];
        s.idx[b] = t;
        b--;
      }
    }
    const mid = a;
    let GL = 0;
    let HL = 0;
    for (let k = leaf.start; k < mid; k++) {
      GL += s.g[s.idx[k]];
      HL += s.h[s.idx[k]];
    }
    const leftSmaller = mid - leaf.start <= leaf.end - mid;
    const small = leftSmaller ? histogram(s, leaf.start, mid) : histogram(s, mid, leaf.end);
    const large = leaf.hist;
    for (let k = 0; k < large.length; k++) large[k] -= small[k];
    const lNode = addNode(GL, HL, mid - leaf.start);
    const rNode = addNode(leaf.G - GL, leaf.H - HL, leaf.end - mid);
    feature[leaf.node] = f;
    threshold[leaf.node] = s.edges[f][bin];
    left[leaf.node] = lNode;
    right[leaf.node] = rNode;
    gainOf[leaf.node] = gain / 2;
    const l: Leaf = { node: lNode, start: leaf.start, end: mid, G: GL, H: HL, hist: leftSmaller ? small : large, split: null };
    const r: Leaf = { node: rNode, start: mid, end: leaf.end, G: leaf.G - GL, H: leaf.H - HL, hist: leftSmaller ? large : small, split: null };
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
    },
    leaves: done,
  };
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
  const edges = X.map((c) => binEdges(c, o.maxBins));
  const bins = X.map((c, f) => binColumn(c, edges[f]));
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i];
  const rate = Math.min(1 - 1e-12, Math.max(1e-12, positives / n));
  const baseline = Math.log(rate / (1 - rate));
  const raw = new Float64Array(n).fill(baseline);
  const s: Grower = { bins, edges, g: new Float64Array(n), h: new Float64Array(n), idx: new Int32Array(n), o };
  const trees: BoostedTree[] = [];
  for (let t = 0; t < o.maxIter; t++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(raw[i]);
      s.g[i] = p - y[i];
      s.h[i] = p * (1 - p);
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
  return new BoostedModel(trees, featureNames, o, baseline);
}
