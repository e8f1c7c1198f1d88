// Histogram gradient boosting against scikit-learn 1.2's HistGradientBoostingClassifier on the same
// data and settings (references/sklearn-units.json), plus binning, contributions and JSON.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binColumn, binEdges } from '../../../src/predictive/boosting/binning.js';
import { boostedFromJSON, trainBoosted } from '../../../src/predictive/boosting/index.js';
import { rocAuc } from '../../../src/predictive/evaluation/metrics.js';

const ref = JSON.parse(readFileSync('test/unit/predictive/references/sklearn-units.json', 'utf8')).boosting;
const X: number[][] = ref.X;
const cols = (a: number, b: number) => [0, 1, 2].map((f) => Float64Array.from(X.slice(a, b), (row) => row[f]));
const y = Uint8Array.from(ref.y);
const nTrain: number = ref.n_train;

describe('trainBoosted', () => {
  it("predicts what scikit-learn's HistGradientBoostingClassifier predicts (50 iterations, 31 leaves, no early stopping)", async () => {
    const model = await trainBoosted(cols(0, nTrain), y.subarray(0, nTrain), ['hour', 'day', 'rate'], { maxIter: 50 });
    const p = model.predictMany(cols(nTrain, X.length));
    let maxDiff = 0;
    p.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - ref.predicted[i]))));
    // Same bins (every feature has < 255 distinct values), same gains, same Newton leaf values.
    expect(maxDiff).toBeLessThan(1e-6);
    expect(rocAuc(y.subarray(nTrain), p)).toBeCloseTo(ref.roc_auc, 6);
    expect(model.size).toBe(50);
  });

  it('bias + Σ contributions = log-odds; importance sums to 1; JSON round trip predicts the same', async () => {
    const model = await trainBoosted(cols(0, nTrain), y.subarray(0, nTrain), ['hour', 'day', 'rate'], { maxIter: 20 });
    const row = X[nTrain];
    const { bias, byFeature } = model.contributions(row);
    expect(bias + Object.values(byFeature).reduce((a, b) => a + b, 0)).toBeCloseTo(model.logOdds(row), 12);
    const imp = Object.values(model.featureImportance());
    expect(imp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(imp.every((v) => v > 0)).toBe(true);
    const back = boostedFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(back.predictMany(cols(nTrain, X.length)))).toEqual(Array.from(model.predictMany(cols(nTrain, X.length))));
    const damaged = model.toJSON();
    damaged.trees[0].left[0] = 0;
    expect(() => boostedFromJSON(damaged)).toThrow(/bad feature or child/);
  });

  it('refuses bad options and input', async () => {
    await expect(trainBoosted(cols(0, 10), y.subarray(0, 10), ['a', 'b', 'c'], { learningRate: 0 })).rejects.toThrow(/out of range/);
    await expect(trainBoosted([Float64Array.of(1, NaN)], Uint8Array.of(0, 1), ['a'])).rejects.toThrow(/non-finite/);
  });
});

describe('binning', () => {
  it('midpoints between distinct values when few; about equal-count bins when many', () => {
    expect(Array.from(binEdges(Float64Array.of(1, 2, 2, 3), 255))).toEqual([1.5, 2.5]);
    expect(Array.from(binColumn(Float64Array.of(1, 2, 2, 3, 0.5, 9), Float64Array.of(1.5, 2.5)))).toEqual([0, 1, 1, 2, 0, 2]);
    const many = Float64Array.from({ length: 10000 }, (_, i) => i);
    const edges = binEdges(many, 10);
    expect(edges.length).toBe(9);
    const counts = new Array(10).fill(0);
    binColumn(many, edges).forEach((b) => counts[b]++);
    expect(counts.every((c) => c >= 999 && c <= 1001)).toBe(true);
  });
});
