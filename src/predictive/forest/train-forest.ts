/**
 * Training: for each tree, draw rows without replacement (seeded mulberry32), cut that tree's
 * sorted columns out of the once-sorted full data, grow it, and yield to the event loop.
 */
import { mulberry32, drawWithoutReplacement } from './random.js';
import { growTree } from './tree-builder.js';
import { allocateTreeSample, argsortColumn, fillTreeSample } from './tree-sample.js';
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
 * Each tree sees `sampleSize` rows drawn without replacement; each split tries `maxFeatures`
 * random features. The loop awaits a macrotask after every tree so the host stays responsive.
 * @param X - one Float64Array per feature (column-major), each of length n, finite values.
 * @param y - labels 0/1, length n.
 * @param featureNames - one unique name per column.
 * @param options - see {@link ForestOptions}; defaults in {@link DEFAULT_FOREST_OPTIONS}.
 * @returns the trained forest.
 * @throws Error on mismatched lengths, duplicate names, non-finite features, labels other than
 *   0/1, or invalid options. A single-class `y` is not an error: the forest predicts its rate.
 * @example
 * const forest = await trainForest([hour, rate], labels, ['hour', 'rate'], { nTrees: 40 });
 * forest.predictProbability([14, 0.8]); // 0.83
 */
export async function trainForest(X: Float64Array[], y: Uint8Array, featureNames: string[], options: ForestOptions = {}): Promise<Forest> {
  checkInput(X, y, featureNames);
  const rows = y.length;
  const resolved = resolveForestOptions(options, rows, X.length);
  const random = mulberry32(resolved.seed);
  const order = X.map(argsortColumn);
  const pool = new Int32Array(rows);
  for (let i = 0; i < rows; i++) pool[i] = i;
  const localId = new Int32Array(rows).fill(-1);
  const sample = allocateTreeSample(X.length, resolved.sampleSize);
  const growth = {
    maxDepth: resolved.maxDepth,
    minNumSamples: 2 * resolved.minSamplesLeaf - 1,
    minSamplesLeaf: resolved.minSamplesLeaf,
    featuresPerSplit: resolved.maxFeatures,
    random,
  };
  const trees: FlatTree[] = [];
  for (let t = 0; t < resolved.nTrees; t++) {
    const drawn = drawWithoutReplacement(pool, resolved.sampleSize, random);
    fillTreeSample(sample, X, y, order, pool.subarray(0, drawn), localId);
    trees.push(growTree(sample, growth));
    options.onProgress?.(t + 1, resolved.nTrees);
    await yieldToEventLoop();
  }
  return new TreeEnsemble(trees, featureNames, resolved);
}
