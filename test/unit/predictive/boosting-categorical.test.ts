// Native categorical splits of the boosted trees against scikit-learn 1.2's
// HistGradientBoostingClassifier(categorical_features=[1, 3]) on the same data and settings
// (references/sklearn-categorical.json, made by references/sklearn_models.py categorical).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { boostedFromJSON, trainBoosted } from '../../../src/predictive/boosting/index.js';
import { rocAuc } from '../../../src/predictive/evaluation/metrics.js';

const ref = JSON.parse(readFileSync('test/unit/predictive/references/sklearn-categorical.json', 'utf8'));
const X: number[][] = ref.X;
const cols = (a: number, b: number) => [0, 1, 2, 3].map((f) => Float64Array.from(X.slice(a, b), (row) => row[f]));
const y = Uint8Array.from(ref.y);
const nTrain: number = ref.n_train;
const names = ['hour', 'skill', 'rate', 'phase'];

describe('trainBoosted with categorical features', () => {
  it("predicts what scikit-learn's HistGradientBoostingClassifier(categorical_features) predicts, unseen categories included", async () => {
    const model = await trainBoosted(cols(0, nTrain), y.subarray(0, nTrain), names, { maxIter: ref.max_iter, categoricalFeatures: ref.categorical_features });
    const p = model.predictMany(cols(nTrain, X.length));
    let maxDiff = 0;
    p.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - ref.predicted[i]))));
    expect(maxDiff).toBeLessThan(1e-6);
    expect(rocAuc(y.subarray(nTrain), p)).toBeCloseTo(ref.roc_auc, 6);
    // The test rows with the unseen code 15 are among them.
    expect(X.slice(nTrain).filter((r) => r[1] === 15).length).toBe(12);
    const json = model.toJSON();
    expect(json.options.categoricalFeatures).toEqual([1, 3]);
    const sets = json.trees.flatMap((t) => (t.leftCategories ?? []).filter((c) => c !== null)) as number[][];
    expect(sets.length).toBeGreaterThan(10);
    // Category 13 (≈ 2 training rows) never reaches MIN_CAT_SUPPORT: never in a left set.
    expect(sets.some((c) => c.includes(13))).toBe(false);
  });

  it('JSON round trip predicts the same; contributions add up; bad codes are refused', async () => {
    const model = await trainBoosted(cols(0, nTrain), y.subarray(0, nTrain), names, { maxIter: 10, categoricalFeatures: [1, 3] });
    const back = boostedFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(back.predictMany(cols(nTrain, X.length)))).toEqual(Array.from(model.predictMany(cols(nTrain, X.length))));
    const row = [5, 15, 0.3, 2];
    const { bias, byFeature } = back.contributions(row);
    expect(bias + Object.values(byFeature).reduce((a, b) => a + b, 0)).toBeCloseTo(back.logOdds(row), 12);
    // Values the fit never saw (code 15, -1, a fraction) all go where scikit-learn sends them: to the child with more training rows.
    expect(back.logOdds([5, -1, 0.3, 2])).toBe(back.logOdds(row));
    expect(back.logOdds([5, 13.5, 0.3, 2])).toBe(back.logOdds(row));
    const damaged = model.toJSON();
    const at = damaged.trees[0].leftCategories!.findIndex((c) => c !== null);
    damaged.trees[0].leftCategories![at] = [300];
    expect(() => boostedFromJSON(damaged)).toThrow(/bad category set/);
    await expect(trainBoosted([Float64Array.of(0, 1.5)], Uint8Array.of(0, 1), ['c'], { categoricalFeatures: [0] })).rejects.toThrow(/category codes are integers/);
    await expect(trainBoosted([Float64Array.of(0, 1)], Uint8Array.of(0, 1), ['c'], { categoricalFeatures: [1] })).rejects.toThrow(/beyond the 1 given/);
  });
});
