// Metrics against scikit-learn (fixtures/metrics.sklearn.json, made by make-metrics-fixture.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { brierScore, calibrationTable, logLoss, rocAuc } from '../../../src/predictive/evaluation/metrics.js';

interface MetricsCase {
  name: string;
  y: number[];
  p: number[];
  bins: number;
  roc_auc: number;
  brier: number;
  log_loss: number;
  calibration_observed: number[];
  calibration_predicted: number[];
  calibration_counts: number[];
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/metrics.sklearn.json', import.meta.url), 'utf8')) as { sklearn: string; cases: MetricsCase[] };

describe(`metrics against scikit-learn ${fixture.sklearn}`, () => {
  for (const c of fixture.cases) {
    it(`${c.name}: rocAuc, brierScore, logLoss`, () => {
      expect(rocAuc(c.y, c.p)).toBeCloseTo(c.roc_auc, 12);
      expect(brierScore(c.y, c.p)).toBeCloseTo(c.brier, 12);
      expect(logLoss(c.y, c.p)).toBeCloseTo(c.log_loss, 12);
    });
    it(`${c.name}: calibrationTable(${c.bins} bins)`, () => {
      const table = calibrationTable(c.y, c.p, c.bins);
      expect(table.map((b) => b.count)).toEqual(c.calibration_counts);
      table.forEach((bin, k) => {
        expect(bin.observedRate).toBeCloseTo(c.calibration_observed[k], 12);
        expect(bin.meanPredicted).toBeCloseTo(c.calibration_predicted[k], 12);
        expect(bin.binEnd).toBeGreaterThan(bin.binStart);
      });
    });
  }
});

describe('metrics by hand', () => {
  it('rocAuc counts tied predictions as half', () => {
    // one positive and one negative at the same score: 0.5; the other pair is ordered right.
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBeCloseTo(0.875, 15);
    expect(rocAuc([1, 0], [0.3, 0.3])).toBe(0.5);
  });
  it('rocAuc is NaN with a single class', () => {
    expect(rocAuc([1, 1, 1], [0.2, 0.5, 0.9])).toBeNaN();
  });
  it('logLoss clips at 1e-15', () => {
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1e-15), 12);
    expect(logLoss([0], [0])).toBe(-Math.log(1 - 1e-15));
  });
  it('calibrationTable puts an edge value in the lower bin and covers 0 and 1', () => {
    const table = calibrationTable([0, 1, 0, 1], [0, 0.5, 0.5000001, 1], 2);
    expect(table).toEqual([
      { binStart: 0, binEnd: 0.5, count: 2, meanPredicted: 0.25, observedRate: 0.5 },
      { binStart: 0.5, binEnd: 1, count: 2, meanPredicted: expect.closeTo(0.75000005, 12), observedRate: 0.5 },
    ]);
  });
  it('rejects mismatched lengths and non-probabilities', () => {
    expect(() => brierScore([0, 1], [0.5])).toThrow(/brierScore: 2 labels but 1 predictions/);
    expect(() => rocAuc([0, 1], [0.5, 1.5])).toThrow(/not a probability/);
    expect(() => calibrationTable([0], [0.5], 0)).toThrow(/bins must be an integer/);
  });
});
