// Issue 29's third round changed how the evaluation computes, not what: the column-by-column
// bootstrap equals a row-by-row loop over mulberry32's stream, and the boosted trees' batch
// prediction (what the evaluation scores) equals one row at a time (the categorical reference,
// unseen categories and non-integer codes included).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { trainBoosted } from '../../../src/predictive/boosting/index.js';
import { bootstrapMeanDraws } from '../../../src/stats/bootstrap-means.js';
import { mulberry32 } from '../../../src/stats/random.js';

describe('bootstrapMeanDraws', () => {
  it('equals resampling row by row with mulberry32(seed), each column summed in draw order', () => {
    const random = mulberry32(11);
    const n = 257;
    const columns = [0, 1, 2].map((c) => Float64Array.from({ length: n }, () => (c === 2 ? Math.round(random() * 4) : random() ** (c + 1))));
    const resamples = 40;
    const got = bootstrapMeanDraws(columns, { seed: 5, resamples });
    const draw = mulberry32(5);
    const want = columns.map(() => new Float64Array(resamples));
    for (let b = 0; b < resamples; b++) {
      const sums = [0, 0, 0];
      for (let i = 0; i < n; i++) {
        const at = Math.floor(draw() * n);
        for (let c = 0; c < 3; c++) sums[c] += columns[c][at];
      }
      for (let c = 0; c < 3; c++) want[c][b] = sums[c] / n;
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
    const rows = [...X.slice(nTrain), [5, -1, 0.3, 2], [5, 2.5, 0.3, 2], [5, 3, 0.3, 7]];
    const batch = model.predictMany(cols(rows));
    expect(Array.from(batch)).toEqual(rows.map((row) => model.predictProbability(row)));
  });
});
