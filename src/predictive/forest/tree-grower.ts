/**
 * Grows tree number `t` of a forest from the fit's data alone: its rows (drawn without
 * replacement) and its split features come from its own generator seeded with
 * `treeSeed(seed, t)`. The same function runs in the calling thread and in every tree worker,
 * so a forest is bit-identical whatever thread grew which tree.
 */
import { drawWithoutReplacement, mulberry32, treeSeed } from './random.js';
import { growTree } from './tree-builder.js';
import { allocateTreeSample, argsortColumn, fillTreeSample, type TreeSample } from './tree-sample.js';
import type { FlatTree } from './flat-tree.js';
import type { ResolvedForestOptions } from './types.js';

/** What every tree of one fit is grown from (plain typed arrays: it is sent to tree workers as is). */
export interface ForestFitData {
  /** Feature columns. */
  X: Float64Array[];
  /** Labels 0/1. */
  y: Uint8Array;
  /** Per feature, the row indices in ascending order of its value ({@link argsortColumn}). */
  order: Int32Array[];
}

/**
 * The fit data of a training set: the columns and labels plus each column's sort order.
 * @param X - feature columns.
 * @param y - labels.
 * @param order - each column's {@link argsortColumn}, if the caller has it (default: sorted here).
 * @returns the data every tree is grown from.
 * @example
 * const data = forestFitData([hour, rate], labels);
 * data.order.length; // 2
 */
export function forestFitData(X: Float64Array[], y: Uint8Array, order?: Int32Array[]): ForestFitData {
  return { X, y, order: order ?? X.map(argsortColumn) };
}

/** Grows the trees of one fit, reusing its scratch arrays from tree to tree. */
export class TreeGrower {
  private readonly pool: Int32Array;
  private readonly localId: Int32Array;
  private readonly sample: TreeSample;

  /**
   * @param data - the fit's data.
   * @param options - the resolved forest options (nTrees is not used here).
   */
  constructor(
    private readonly data: ForestFitData,
    private readonly options: ResolvedForestOptions,
  ) {
    const rows = data.y.length;
    this.pool = new Int32Array(rows);
    this.localId = new Int32Array(rows).fill(-1);
    this.sample = allocateTreeSample(data.X.length, options.sampleSize);
  }

  /**
   * Grows tree `t`.
   * @param t - the tree's index in the forest.
   * @returns the tree.
   * @example
   * new TreeGrower(data, resolved).grow(0).feature.length; // nodes of tree 0
   */
  grow(t: number): FlatTree {
    const { data, options, pool } = this;
    for (let i = 0; i < pool.length; i++) pool[i] = i;
    const random = mulberry32(treeSeed(options.seed, t));
    const drawn = drawWithoutReplacement(pool, options.sampleSize, random);
    fillTreeSample(this.sample, data.X, data.y, data.order, pool.subarray(0, drawn), this.localId);
    return growTree(this.sample, {
      maxDepth: options.maxDepth,
      minNumSamples: 2 * options.minSamplesLeaf - 1,
      minSamplesLeaf: options.minSamplesLeaf,
      featuresPerSplit: options.maxFeatures,
      random,
    });
  }
}
