// Data builders shared by the forest tests.
import { mulberry32 } from '../../../src/predictive/forest/random.js';
import { allocateTreeSample, argsortColumn, fillTreeSample, type TreeSample } from '../../../src/predictive/forest/tree-sample.js';

export interface Dataset {
  X: Float64Array[];
  y: Uint8Array;
  names: string[];
}

/**
 * n rows of `features` uniform features; P(y=1) = sigmoid(k·(x0 - x1) + 0.5·x2·k) with `noise` of
 * the labels flipped at random. `decimals` rounds features to create ties (undefined: none).
 */
export function syntheticData(n: number, features: number, seed: number, options: { decimals?: number; k?: number } = {}): Dataset {
  const random = mulberry32(seed);
  const k = options.k ?? 4;
  const scale = options.decimals === undefined ? 0 : 10 ** options.decimals;
  const X = Array.from({ length: features }, () => new Float64Array(n));
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < features; f++) {
      const u = random();
      X[f][i] = scale ? Math.round(u * scale) / scale : u;
    }
    const logit = k * (X[0][i] - X[Math.min(1, features - 1)][i]) + 0.5 * k * (X[Math.min(2, features - 1)][i] - 0.5);
    y[i] = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { X, y, names: Array.from({ length: features }, (_, f) => `f${f}`) };
}

/** Row i of column-major data as a plain array. */
export function rowOf(X: Float64Array[], i: number): number[] {
  return X.map((column) => column[i]);
}

/** All rows as a row-major array (ml-cart's input). */
export function toRows(X: Float64Array[]): number[][] {
  return Array.from({ length: X[0].length }, (_, i) => rowOf(X, i));
}

/** A TreeSample holding every row of the data, in order. */
export function fullSample(X: Float64Array[], y: Uint8Array): TreeSample {
  const n = y.length;
  const sample = allocateTreeSample(X.length, n);
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  fillTreeSample(sample, X, y, X.map(argsortColumn), rows, new Int32Array(n).fill(-1));
  return sample;
}
