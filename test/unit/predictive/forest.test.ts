// trainForest and the trained forest: probabilities, importance, contributions, determinism.
import { describe, expect, it } from 'vitest';
import { DecisionTreeClassifier } from 'ml-cart';
import { resolveForestOptions, trainForest, type Forest, type TreeJSON } from '../../../src/predictive/forest/index.js';
import { rocAuc } from '../../../src/predictive/evaluation/metrics.js';
import { rowOf, syntheticData, toRows } from './forest-helpers.js';

function treeValue(tree: TreeJSON, row: number[]): number {
  let node = 0;
  while (tree.feature[node] >= 0) {
    node = row[tree.feature[node]] < tree.threshold[node] ? tree.left[node] : tree.right[node];
  }
  return tree.value[node];
}

describe('predictProbability', () => {
  it("of a one-tree forest on all rows is the leaf class fraction of ml-cart's tree", async () => {
    const { X, y, names } = syntheticData(400, 3, 21);
    const forest = await trainForest(X, y, names, {
      nTrees: 1,
      sampleSize: 400,
      maxFeatures: 3,
      maxDepth: 4,
      minSamplesLeaf: 1,
    });
    const cart = new DecisionTreeClassifier({ gainThreshold: 0, maxDepth: 4, minNumSamples: 1 });
    cart.train(toRows(X), Array.from(y));
    const test = syntheticData(300, 3, 22);
    const seen = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const row = rowOf(test.X, i);
      const d = cart.root.classify(row);
      const p = forest.predictProbability(row);
      expect(p).toBeCloseTo(d.columns > 1 ? d.get(0, 1) : 0, 12);
      seen.add(p);
    }
    // Leaf fractions, not hard votes: many distinct values strictly between 0 and 1.
    expect([...seen].filter((p) => p > 0.01 && p < 0.99).length).toBeGreaterThan(4);
  });

  it("is the mean of the trees' leaf values and predictMany agrees", async () => {
    const { X, y, names } = syntheticData(1000, 4, 31);
    const forest = await trainForest(X, y, names, { nTrees: 7, maxDepth: 5 });
    const trees = forest.toJSON().trees;
    const many = forest.predictMany(X);
    for (let i = 0; i < 200; i++) {
      const row = rowOf(X, i);
      const mean = trees.reduce((s, t) => s + treeValue(t, row), 0) / trees.length;
      expect(forest.predictProbability(row)).toBeCloseTo(mean, 14);
      expect(many[i]).toBe(forest.predictProbability(row));
    }
  });

  it('reaches a high AUC on a learnable synthetic problem', async () => {
    const train = syntheticData(6000, 5, 41);
    const test = syntheticData(3000, 5, 42);
    const forest = await trainForest(train.X, train.y, train.names, { seed: 3 });
    const oracle = Array.from({ length: 3000 }, (_, i) => {
      const [a, b, c] = rowOf(test.X, i);
      return 1 / (1 + Math.exp(-(4 * (a - b) + 2 * (c - 0.5))));
    });
    const auc = rocAuc(test.y, forest.predictMany(test.X));
    expect(auc).toBeGreaterThan(rocAuc(test.y, oracle) - 0.03);
    expect(auc).toBeGreaterThan(0.75);
  });
});

describe('featureImportance', () => {
  it('is non-negative, sums to 1 and ranks informative features first', async () => {
    const { X, y, names } = syntheticData(3000, 5, 51);
    const importance = (await trainForest(X, y, names, { nTrees: 30 })).featureImportance();
    const values = Object.values(importance);
    expect(Object.keys(importance)).toEqual(names);
    for (const v of values) expect(v).toBeGreaterThanOrEqual(0);
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // f0, f1 drive the label most, f2 half as much, f3 and f4 are noise.
    expect(Math.min(importance.f0, importance.f1)).toBeGreaterThan(Math.max(importance.f3, importance.f4));
  });

  it('is all zeros when no tree splits (a single class)', async () => {
    const forest = await trainForest([Float64Array.of(1, 2, 3)], Uint8Array.of(1, 1, 1), ['x'], { nTrees: 2 });
    expect(forest.featureImportance()).toEqual({ x: 0 });
    expect(forest.predictProbability([5])).toBe(1);
  });
});

describe('contributions', () => {
  it('bias plus the per-feature contributions equals the prediction', async () => {
    const { X, y, names } = syntheticData(2000, 4, 61);
    const forest = await trainForest(X, y, names, { nTrees: 25 });
    const roots = forest.toJSON().trees.map((t) => t.value[0]);
    for (let i = 0; i < 100; i++) {
      const row = rowOf(X, i);
      const { bias, byFeature } = forest.contributions(row);
      const total = bias + Object.values(byFeature).reduce((a, b) => a + b, 0);
      expect(total).toBeCloseTo(forest.predictProbability(row), 12);
      expect(bias).toBeCloseTo(roots.reduce((a, b) => a + b, 0) / roots.length, 14);
      expect(Object.keys(byFeature)).toEqual(names);
    }
  });
});

describe('trainForest', () => {
  const data = syntheticData(1500, 4, 71);
  const fit = (seed: number): Promise<Forest> => trainForest(data.X, data.y, data.names, { nTrees: 10, seed, maxFeatures: 2 });

  it('gives the same forest for the same seed and another for another seed', async () => {
    const a = JSON.stringify(await fit(9));
    expect(JSON.stringify(await fit(9))).toBe(a);
    expect(JSON.stringify(await fit(10))).not.toBe(a);
  });

  it('resolves and records its options', async () => {
    const forest = await trainForest(data.X, data.y, data.names);
    expect(forest.options).toEqual({
      nTrees: 100,
      maxDepth: 10,
      minSamplesLeaf: 5,
      sampleSize: 1000,
      maxFeatures: 2,
      seed: 42,
    });
    expect(forest.featureNames).toEqual(data.names);
  });

  it('defaults to a quarter of the rows per tree within [1,000, 16,000] and √features per split', () => {
    expect(resolveForestOptions({}, 80_000, 7)).toMatchObject({ sampleSize: 16_000, maxFeatures: 2 });
    expect(resolveForestOptions({}, 16_000, 9)).toMatchObject({ sampleSize: 4_000, maxFeatures: 3 });
    expect(resolveForestOptions({}, 2_000, 1)).toMatchObject({ sampleSize: 1_000, maxFeatures: 1 });
    expect(resolveForestOptions({ sampleSize: 900, maxFeatures: 99 }, 500, 4)).toMatchObject({ sampleSize: 500, maxFeatures: 4 });
    expect(() => resolveForestOptions({ maxDepth: Infinity }, 10, 2)).toThrow(/options.maxDepth must be a number >= 1/);
  });

  it('keeps minSamplesLeaf rows in every leaf and respects maxDepth', async () => {
    const forest = await trainForest(data.X, data.y, data.names, { nTrees: 5, minSamplesLeaf: 20, maxDepth: 3 });
    for (const tree of forest.toJSON().trees) {
      const depth = new Array(tree.feature.length).fill(0);
      tree.feature.forEach((f, i) => {
        if (f < 0) expect(tree.count[i]).toBeGreaterThanOrEqual(20);
        else depth[tree.left[i]] = depth[tree.right[i]] = depth[i] + 1;
      });
      expect(Math.max(...depth)).toBeLessThanOrEqual(3);
    }
  });

  it('reports progress and lets other tasks run between trees', async () => {
    const progress: Array<[number, number, boolean]> = [];
    let otherTaskRan = false;
    setTimeout(() => {
      otherTaskRan = true;
    }, 0);
    await trainForest(data.X, data.y, data.names, {
      nTrees: 40,
      onProgress: (done, total) => progress.push([done, total, otherTaskRan]),
    });
    expect(progress.map(([d]) => d)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(progress[0]).toEqual([1, 40, false]);
    expect(progress[39][2]).toBe(true);
  });

  it('rejects malformed input with a message naming the problem', async () => {
    const x = Float64Array.of(1, 2, 3);
    await expect(trainForest([x], Uint8Array.of(0, 1), ['a'])).rejects.toThrow(/"a" has 3 values for 2 labels/);
    await expect(trainForest([x], Uint8Array.of(0, 1, 2), ['a'])).rejects.toThrow(/labels must be 0 or 1/);
    await expect(trainForest([Float64Array.of(1, NaN)], Uint8Array.of(0, 1), ['a'])).rejects.toThrow(/impute/);
    await expect(trainForest([x, x], Uint8Array.of(0, 1, 0), ['a', 'a'])).rejects.toThrow(/unique/);
    await expect(trainForest([x], Uint8Array.of(0, 1, 0), ['a'], { nTrees: 0 })).rejects.toThrow(/nTrees/);
  });
});
