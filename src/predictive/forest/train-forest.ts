/**
 * Training: each column sorted once per fit; for each tree, draw rows without replacement from
 * the tree's own seeded generator, cut that tree's sorted columns out of the once-sorted full
 * data, grow it (tree-grower.ts). Trees grow in the calling thread (yielding to the event loop
 * after each) or on tree workers (tree-pool.ts), with the same result.
 */
import type { TreeWorkers } from '../../engine/host.js';
import { TreeGrower, forestFitData, type ForestFitData } from './tree-grower.js';
import { resolveParallelism, TreePool, type CancelToken } from './tree-pool.js';
import { TreeEnsemble } from './TreeEnsemble.js';
import { yieldToEventLoop } from './event-loop.js';
import type { FlatTree } from './flat-tree.js';
import type { Forest, ForestOptions, ResolvedForestOptions } from './types.js';

/**
 * Defaults, chosen on train20k.db (bench/forest-speed.ts; mean of 5 seeds, 16k train / 4k test):
 * `sampleSize` resolves to a quarter of the rows, at least min(rows, 1,000) and at most 16,000;
 * `maxFeatures` to floor(√features) (scikit-learn's "sqrt"). Smaller samples and fewer features
 * per split decorrelate the trees: AUC 0.706 vs 0.700 with all features and half the rows. On a
 * generated 100k-row file (80k train) sample sizes 8k-32k, depth 8-12 and 2-3 features per split
 * all scored within 0.001 AUC of each other and of scikit-learn's forest.
 */
export const DEFAULT_FOREST_OPTIONS = Object.freeze({
  nTrees: 100,
  maxDepth: 10,
  minSamplesLeaf: 5,
  sampleFraction: 0.25,
  minSampleSize: 1_000,
  maxSampleSize: 16_000,
  seed: 42,
});

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 1) {
    throw new Error(`trainForest: options.${name} must be a number >= 1, got ${value}`);
  }
  return Math.floor(value);
}

/**
 * Resolves options against the data size.
 * @param options - user options.
 * @param rows - training rows.
 * @param features - feature count.
 * @returns every option as a number.
 * @throws Error on an option below 1 or not finite (so `maxDepth: Infinity` is refused: the
 *   options are stored in the model's JSON).
 * @example
 * resolveForestOptions({}, 80000, 7).sampleSize; // 16000
 */
export function resolveForestOptions(options: ForestOptions, rows: number, features: number): ResolvedForestOptions {
  const d = DEFAULT_FOREST_OPTIONS;
  const defaultSample = Math.min(d.maxSampleSize, Math.max(Math.ceil(rows * d.sampleFraction), Math.min(rows, d.minSampleSize)));
  const defaultFeatures = Math.max(1, Math.floor(Math.sqrt(features)));
  const seed = options.seed ?? d.seed;
  if (!Number.isFinite(seed)) throw new Error(`trainForest: options.seed must be a finite number, got ${seed}`);
  return {
    nTrees: positiveInteger(options.nTrees, d.nTrees, 'nTrees'),
    maxDepth: positiveInteger(options.maxDepth, d.maxDepth, 'maxDepth'),
    minSamplesLeaf: positiveInteger(options.minSamplesLeaf, d.minSamplesLeaf, 'minSamplesLeaf'),
    sampleSize: Math.min(rows, positiveInteger(options.sampleSize, defaultSample, 'sampleSize')),
    maxFeatures: Math.min(features, positiveInteger(options.maxFeatures, defaultFeatures, 'maxFeatures')),
    seed: seed >>> 0,
  };
}

function checkInput(X: Float64Array[], y: Uint8Array, featureNames: string[]): void {
  if (X.length === 0) throw new Error('trainForest: needs at least one feature column');
  if (featureNames.length !== X.length) {
    throw new Error(`trainForest: ${X.length} feature columns but ${featureNames.length} feature names`);
  }
  if (new Set(featureNames).size !== featureNames.length) throw new Error('trainForest: feature names must be unique');
  const n = y.length;
  if (n === 0) throw new Error('trainForest: needs at least one row');
  X.forEach((column, f) => {
    if (column.length !== n) {
      throw new Error(`trainForest: feature "${featureNames[f]}" has ${column.length} values for ${n} labels`);
    }
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(column[i])) {
        throw new Error(`trainForest: feature "${featureNames[f]}" is ${column[i]} at row ${i}; impute missing values first`);
      }
    }
  });
  for (let i = 0; i < n; i++) {
    if (y[i] > 1) throw new Error(`trainForest: label ${y[i]} at row ${i}; labels must be 0 or 1`);
  }
}

/**
 * Trains a random forest of binary classification trees (Gini, ml-cart's split rule).
 * Tree t sees `sampleSize` rows drawn without replacement and tries `maxFeatures` random features
 * per split, all from its own seed `treeSeed(seed, t)`: the forest is the same whether its trees
 * grow in this thread or on tree workers, in any order. In this thread the loop awaits a
 * macrotask after every tree so the host stays responsive.
 * @param X - one Float64Array per feature (column-major), each of length n, finite values.
 * @param y - labels 0/1, length n.
 * @param featureNames - one unique name per column.
 * @param options - see {@link ForestOptions}; defaults in {@link DEFAULT_FOREST_OPTIONS}.
 * @param threads - a running {@link TreePool} to grow the trees on, or the host's
 *   {@link TreeWorkers} (a pool of `options.parallelism` workers, default from the processor
 *   count, is started and stopped around this fit); absent or parallelism 1: this thread.
 * @param token - cancels the fit on a running pool (it then rejects).
 * @param order - each column's stable argsort (argsortColumn in tree-sample.ts), if the caller
 *   already has it (default: sorted here).
 * @returns the trained forest.
 * @throws Error on mismatched lengths, duplicate names, non-finite features, labels other than
 *   0/1, or invalid options. A single-class `y` is not an error: the forest predicts its rate.
 * @example
 * const forest = await trainForest([hour, rate], labels, ['hour', 'rate'], { nTrees: 40 });
 * forest.predictProbability([14, 0.8]); // 0.83
 * await trainForest([hour, rate], labels, ['hour', 'rate'], { parallelism: 2 }, nodeTreeWorkers); // same forest, two threads
 */
export async function trainForest(
  X: Float64Array[],
  y: Uint8Array,
  featureNames: string[],
  options: ForestOptions = {},
  threads?: TreePool | TreeWorkers,
  token?: CancelToken,
  order?: Int32Array[],
): Promise<Forest> {
  checkInput(X, y, featureNames);
  const resolved = resolveForestOptions(options, y.length, X.length);
  const onTree = options.onProgress ?? (() => undefined);
  let trees: FlatTree[];
  if (threads instanceof TreePool) {
    trees = await threads.grow(forestFitData(X, y, order), resolved, onTree, token);
  } else {
    const parallelism = Math.min(resolveParallelism(options.parallelism, threads), resolved.nTrees);
    if (threads && parallelism > 1) {
      // Workers start first: they load while the columns are sorted.
      const pool = new TreePool(threads, parallelism);
      try {
        trees = await pool.grow(forestFitData(X, y, order), resolved, onTree);
      } finally {
        pool.close();
      }
    } else {
      trees = await growInThread(forestFitData(X, y, order), resolved, onTree);
    }
  }
  return new TreeEnsemble(trees, featureNames, resolved);
}

/**
 * Grows every tree in the calling thread, yielding to the event loop after each.
 * @param data - the fit's data.
 * @param resolved - resolved options.
 * @param onTree - progress after each tree.
 * @returns the trees in index order.
 */
async function growInThread(data: ForestFitData, resolved: ResolvedForestOptions, onTree: (done: number, total: number) => void): Promise<FlatTree[]> {
  const grower = new TreeGrower(data, resolved);
  const trees: FlatTree[] = [];
  for (let t = 0; t < resolved.nTrees; t++) {
    trees.push(grower.grow(t));
    onTree(t + 1, resolved.nTrees);
    await yieldToEventLoop();
  }
  return trees;
}
