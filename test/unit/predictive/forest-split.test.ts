// The fast split search and tree growth against ml-cart 2.1.1 itself (unpatched), on small data.
import { describe, expect, it } from 'vitest';
import { DecisionTreeClassifier, type CartNode } from 'ml-cart';
import { Matrix } from 'ml-matrix';
import { emptySplit, giniGain, searchFeatureSplit } from '../../../src/predictive/forest/split-search.js';
import { growTree } from '../../../src/predictive/forest/tree-builder.js';
import { leafIndex, type FlatTree } from '../../../src/predictive/forest/flat-tree.js';
import { fullSample, rowOf, syntheticData, toRows } from './forest-helpers.js';

/** ml-cart's original TreeNode.bestSplit, taken from a trained tree's root. */
function cartBestSplit(X: Float64Array[], y: Uint8Array) {
  const tree = new DecisionTreeClassifier({ gainThreshold: 0, maxDepth: 0 });
  tree.train([[0], [1]], [0, 1]);
  const proto = Object.getPrototypeOf(tree.root) as CartNode;
  const XTranspose = new Matrix(toRows(X)).transpose();
  return proto.bestSplit.call(tree.root, XTranspose, Array.from(y));
}

function fastBestSplit(X: Float64Array[], y: Uint8Array) {
  const sample = fullSample(X, y);
  const positives = y.reduce((a, b) => a + b, 0);
  const best = emptySplit();
  for (let f = 0; f < X.length; f++) searchFeatureSplit(sample, f, 0, y.length, positives, 1, best);
  return best;
}

/** Class-1 probability of an ml-cart leaf distribution (one column when the leaf saw only 0s). */
function cartProbability(node: CartNode, row: number[]): number {
  const distribution = node.classify(row);
  return distribution.columns > 1 ? distribution.get(0, 1) : 0;
}

/** Asserts that flat node `i` and ml-cart `node` are the same subtree. */
function expectSameTree(tree: FlatTree, i: number, node: CartNode): void {
  if (node.left && node.right) {
    expect(tree.feature[i], `node ${i} feature`).toBe(node.splitColumn);
    expect(tree.threshold[i], `node ${i} threshold`).toBe(node.splitValue);
    expectSameTree(tree, tree.left[i], node.left);
    expectSameTree(tree, tree.right[i], node.right);
  } else {
    expect(tree.feature[i], `node ${i} should be a leaf`).toBe(-1);
    const d = node.distribution!;
    expect(tree.value[i]).toBeCloseTo(d.columns > 1 ? d.get(0, 1) : 0, 12);
  }
}

describe('giniGain', () => {
  it('matches hand-computed values', () => {
    expect(giniGain(4, 2, 2, 0)).toBeCloseTo(0.5, 15); // perfect split of 2/2
    // parent 6 rows, 3 positives: 0.5; left 2 rows 0 pos: 0; right 4 rows 3 pos: 0.375 → 0.5 - 0.25
    expect(giniGain(6, 3, 2, 0)).toBeCloseTo(0.25, 15);
    expect(giniGain(5, 5, 2, 2)).toBe(0);
  });
});

describe('searchFeatureSplit against ml-cart TreeNode.bestSplit', () => {
  it('finds the same feature, threshold and gain on data without ties', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const n = 2 + (seed % 60);
      const { X, y } = syntheticData(n, 3, seed);
      const cart = cartBestSplit(X, y);
      const fast = fastBestSplit(X, y);
      if (cart.maxColumn === undefined) {
        // A pure node: ml-cart has no candidate; the sweep may see boundaries, all with gain 0.
        expect(fast.gain, `seed ${seed}`).toBeLessThanOrEqual(0);
        continue;
      }
      expect(fast.feature, `seed ${seed}`).toBe(cart.maxColumn);
      expect(fast.threshold, `seed ${seed}`).toBe(cart.maxValue);
      expect(fast.gain).toBeCloseTo(cart.maxGain, 12);
    }
  });

  it('never finds a lower gain than ml-cart on data with many ties', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const { X, y } = syntheticData(10 + (seed % 50), 3, seed, { decimals: 1 });
      const cart = cartBestSplit(X, y);
      const fast = fastBestSplit(X, y);
      if (cart.maxColumn === undefined) continue;
      expect(fast.gain, `seed ${seed}`).toBeGreaterThanOrEqual(cart.maxGain - 1e-12);
    }
  });

  it('uses the mean of neighbouring distinct values as threshold', () => {
    const X = [Float64Array.of(5, 1, 3, 3, 9)];
    const y = Uint8Array.of(1, 0, 0, 0, 1);
    const best = fastBestSplit(X, y);
    expect(best.feature).toBe(0);
    expect(best.threshold).toBe(4); // between 3 and 5
    expect(best.leftCount).toBe(3);
  });
});

describe('growTree against ml-cart DecisionTreeClassifier', () => {
  const cases = [
    { seed: 11, n: 120, features: 3, maxDepth: Infinity, minNumSamples: 3 },
    { seed: 12, n: 300, features: 4, maxDepth: 5, minNumSamples: 3 },
    { seed: 13, n: 400, features: 2, maxDepth: 8, minNumSamples: 10 },
    { seed: 14, n: 250, features: 5, maxDepth: Infinity, minNumSamples: 1 },
  ];
  for (const c of cases) {
    it(`grows the same tree (n=${c.n}, features=${c.features}, maxDepth=${c.maxDepth}, minNumSamples=${c.minNumSamples})`, () => {
      const { X, y } = syntheticData(c.n, c.features, c.seed);
      const cart = new DecisionTreeClassifier({ gainThreshold: 0, maxDepth: c.maxDepth, minNumSamples: c.minNumSamples });
      cart.train(toRows(X), Array.from(y));
      const tree = growTree(fullSample(X, y), {
        maxDepth: c.maxDepth,
        minNumSamples: c.minNumSamples,
        minSamplesLeaf: 1,
        featuresPerSplit: c.features,
      });
      expect(tree.feature.length).toBeGreaterThan(10);
      expectSameTree(tree, 0, cart.root);
      const fresh = syntheticData(200, c.features, c.seed + 1000);
      for (let i = 0; i < 200; i++) {
        const row = rowOf(fresh.X, i);
        expect(tree.value[leafIndex(tree, row)]).toBeCloseTo(cartProbability(cart.root, row), 12);
      }
    });
  }
});
