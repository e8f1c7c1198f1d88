// Issue 29's third round changed how the evaluation computes, not what: the column-by-column
// bootstrap equals a row-by-row loop over mulberry32's stream, and the boosted trees' batch
// prediction (what the evaluation scores) equals one row at a time (the categorical reference,
// unseen categories and non-integer codes included). Issue 26's train-speed pass kept that: four
// columns summed per pass, forests walked four rows at a time to a fixed depth, boosted trees
// walked from a precomputed layout — each still equal to the one-at-a-time reference.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { trainBoosted } from '../../../src/predictive/boosting/index.js';
import { trainForest } from '../../../src/predictive/forest/index.js';
import { bootstrapMeanDraws } from '../../../src/stats/bootstrap-means.js';
import { mulberry32 } from '../../../src/stats/random.js';

describe('bootstrapMeanDraws', () => {
  it('equals resampling row by row with mulberry32(seed), each column summed in draw order', () => {
    const random = mulberry32(11);
    const n = 257;
    // Seven columns: one pass of four, then three one by one.
    const k = 7;
    const columns = Array.from({ length: k }, (_, c) => Float64Array.from({ length: n }, () => (c % 3 === 2 ? Math.round(random() * 4) : random() ** (c + 1))));
    const resamples = 40;
    const got = bootstrapMeanDraws(columns, { seed: 5, resamples });
    const draw = mulberry32(5);
    const want = columns.map(() => new Float64Array(resamples));
    for (let b = 0; b < resamples; b++) {
      const sums = new Array<number>(k).fill(0);
      for (let i = 0; i < n; i++) {
        const at = Math.floor(draw() * n);
        for (let c = 0; c < k; c++) sums[c] += columns[c][at];
      }
      for (let c = 0; c < k; c++) want[c][b] = sums[c] / n;
    }
    got.forEach((g, c) => expect(Array.from(g)).toEqual(Array.from(want[c])));
  });
});

describe('BoostedModel.predictMany', () => {
  it('equals predictProbability row by row, categorical splits and unseen codes included', async () => {
    const ref = JSON.parse(readFileSync('test/unit/predictive/references/sklearn-categorical.json', 'utf8'));
    const X: number[][] = ref.X;
    const nTrain: number = ref.n_train;
    const cols = (rows: number[][]) => [0, 1, 2, 3].map((f) => Float64Array.from(rows, (row) => row[f]));
    const model = await trainBoosted(cols(X.slice(0, nTrain)), Uint8Array.from(ref.y).subarray(0, nTrain), ['hour', 'skill', 'rate', 'phase'], {
      maxIter: 20,
      categoricalFeatures: [1, 3],
    });
    // The test rows (code 15 was never seen), plus a negative and a fractional code.
    // A NaN numeric value goes right, like any value not ≤ the threshold.
    const rows = [...X.slice(nTrain), [5, -1, 0.3, 2], [5, 2.5, 0.3, 2], [5, 3, 0.3, 7], [Number.NaN, 3, Number.NaN, 2]];
    const batch = model.predictMany(cols(rows));
    expect(Array.from(batch)).toEqual(rows.map((row) => model.predictProbability(row)));
  });
});

describe('TreeEnsemble.predictMany', () => {
  it('equals predictProbability row by row: leaves at every depth, rows not a multiple of four, NaN and threshold values', async () => {
    const random = mulberry32(3);
    const n = 1203;
    const X = [0, 1, 2].map(() => Float64Array.from({ length: n }, () => Math.round(random() * 50) / 10));
    const y = Uint8Array.from({ length: n }, (_, i) => (X[0][i] + X[1][i] * random() > 4 ? 1 : 0));
    const forest = await trainForest(X, y, ['a', 'b', 'c'], { nTrees: 9, maxDepth: 7, minSamplesLeaf: 3, seed: 4 });
    const trees = forest.toJSON().trees;
    // Leaves at different depths in a tree: the walk's padding (a leaf is its own child) is used.
    const leafDepths = trees.map((t) => {
      const depths: number[] = [];
      const visit = (node: number, d: number): void => {
        if (t.feature[node] < 0) depths.push(d);
        else {
          visit(t.left[node], d + 1);
          visit(t.right[node], d + 1);
        }
      };
      visit(0, 0);
      return depths;
    });
    expect(leafDepths.some((d) => Math.min(...d) < Math.max(...d))).toBe(true);
    // Rows exactly at thresholds, and NaN (goes right at every split).
    const thresholds = trees.flatMap((t) => t.threshold.filter((_, i) => t.feature[i] >= 0));
    const extra = [thresholds[0], thresholds[1], Number.NaN].map((v, k) => [v, k === 2 ? 1 : v, Number.NaN]);
    const rows = [...Array.from({ length: n }, (_, i) => [X[0][i], X[1][i], X[2][i]]), ...extra];
    const columns = [0, 1, 2].map((f) => Float64Array.from(rows, (row) => row[f]));
    const many = forest.predictMany(columns);
    expect(many.length % 4).not.toBe(0);
    expect(Array.from(many)).toEqual(rows.map((row) => forest.predictProbability(row)));
  });
});
