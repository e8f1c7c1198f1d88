/**
 * Reading a forest back from its JSON form, with every field checked so that a damaged or foreign
 * file fails loudly here rather than predicting nonsense later.
 */
import type { FlatTree } from './flat-tree.js';
import { TreeEnsemble } from './TreeEnsemble.js';
import type { Forest, ResolvedForestOptions } from './types.js';

const FORMAT = 'session-buddy-analytics/random-forest';
const VERSION = 1;

function fail(message: string): never {
  throw new Error(`forestFromJSON: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberArray(tree: Record<string, unknown>, key: string, t: number, length?: number): number[] {
  const value = tree[key];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    fail(`tree ${t}: "${key}" must be an array of finite numbers`);
  }
  if (length !== undefined && value.length !== length) {
    fail(`tree ${t}: "${key}" has ${value.length} entries, "feature" has ${length}`);
  }
  return value;
}

function readTree(raw: unknown, t: number, features: number): FlatTree {
  if (!isRecord(raw)) fail(`tree ${t} is not an object`);
  const feature = numberArray(raw, 'feature', t);
  const n = feature.length;
  if (n === 0) fail(`tree ${t} has no nodes`);
  const threshold = numberArray(raw, 'threshold', t, n);
  const left = numberArray(raw, 'left', t, n);
  const right = numberArray(raw, 'right', t, n);
  const value = numberArray(raw, 'value', t, n);
  const count = numberArray(raw, 'count', t, n);
  for (let i = 0; i < n; i++) {
    if (!(value[i] >= 0 && value[i] <= 1)) fail(`tree ${t} node ${i}: value ${value[i]} is not in [0, 1]`);
    if (!(count[i] >= 0)) fail(`tree ${t} node ${i}: count ${count[i]} is negative`);
    if (feature[i] === -1) continue;
    if (!Number.isInteger(feature[i]) || feature[i] < 0 || feature[i] >= features) {
      fail(`tree ${t} node ${i}: feature ${feature[i]} is not one of the ${features} features`);
    }
    // Pre-order: children come after their parent, which also rules out cycles.
    for (const child of [left[i], right[i]]) {
      if (!Number.isInteger(child) || child <= i || child >= n) {
        fail(`tree ${t} node ${i}: child index ${child} is out of range`);
      }
    }
  }
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
    count: Float64Array.from(count),
  };
}

function readOptions(raw: unknown): ResolvedForestOptions {
  if (!isRecord(raw)) fail('"options" is missing');
  const keys = ['nTrees', 'maxDepth', 'minSamplesLeaf', 'sampleSize', 'maxFeatures', 'seed'] as const;
  for (const key of keys) {
    if (typeof raw[key] !== 'number') fail(`options.${key} must be a number`);
  }
  const o = raw as Record<(typeof keys)[number], number>;
  return {
    nTrees: o.nTrees,
    maxDepth: o.maxDepth,
    minSamplesLeaf: o.minSamplesLeaf,
    sampleSize: o.sampleSize,
    maxFeatures: o.maxFeatures,
    seed: o.seed,
  };
}

/**
 * Rebuilds a forest from {@link Forest.toJSON}'s output (or the same parsed from text).
 * @param json - a `ForestJSON` object.
 * @returns a forest whose predictions equal the original's exactly.
 * @throws Error naming the problem when the format or version is not this one (version 1) or any
 *   field is malformed (wrong lengths, child indices out of range, values outside [0, 1], ...).
 * @example
 * const copy = forestFromJSON(JSON.parse(JSON.stringify(forest)));
 * copy.predictProbability(row) === forest.predictProbability(row); // true
 */
export function forestFromJSON(json: unknown): Forest {
  if (!isRecord(json)) fail('expected an object');
  if (json.format !== FORMAT) fail(`unknown format ${JSON.stringify(json.format)}; expected "${FORMAT}"`);
  if (json.version !== VERSION) {
    fail(`unsupported version ${JSON.stringify(json.version)}; this build reads version ${VERSION}, retrain the model`);
  }
  const names = json.featureNames;
  if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === 'string')) {
    fail('"featureNames" must be a non-empty array of strings');
  }
  if (new Set(names).size !== names.length) fail('"featureNames" has duplicates');
  const trees = json.trees;
  if (!Array.isArray(trees) || trees.length === 0) fail('"trees" must be a non-empty array');
  const options = readOptions(json.options);
  return new TreeEnsemble(
    trees.map((tree, t) => readTree(tree, t, names.length)),
    names as string[],
    options,
  );
}
