// Calibration tools against scikit-learn 1.2 (references/sklearn-units.json, made by
// references/sklearn_models.py) and against hand computations.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrate, fitCalibrator, isotonicWins } from '../../../src/predictive/calibrator.js';
import { brierDecomposition, expectedCalibrationError, reliabilityDiagram } from '../../../src/predictive/evaluation/calibration-diagnostics.js';
import { brierScore, calibrationTable } from '../../../src/predictive/evaluation/metrics.js';
import { isotonicPredict, isotonicRegression, pav } from '../../../src/stats/isotonic-regression.js';
import { plattPredict, plattScaling } from '../../../src/stats/platt-scaling.js';
import { mulberry32 } from '../../../src/stats/random.js';

const ref = JSON.parse(readFileSync('test/unit/predictive/references/sklearn-units.json', 'utf8'));

describe('isotonic regression (PAV)', () => {
  it('pools adjacent violators by hand', () => {
    expect(Array.from(pav([1, 3, 2, 4]))).toEqual([1, 2.5, 2.5, 4]);
    expect(Array.from(pav([3, 2, 1]))).toEqual([2, 2, 2]);
    // Weighted: (2·3 + 1·0) / 3 = 2.
    expect(Array.from(pav([3, 0, 5], [2, 1, 1]))).toEqual([2, 2, 5]);
  });

  it('equals scikit-learn IsotonicRegression(out_of_bounds="clip") with ties and weights', () => {
    const { x, y, w, query, predicted } = ref.isotonic;
    const fit = isotonicRegression(x, y, w);
    const ours = query.map((q: number) => isotonicPredict(fit, q));
    ours.forEach((v: number, i: number) => expect(v).toBeCloseTo(predicted[i], 12));
    // Non-decreasing knots, and not a constant (the data have a trend).
    expect(fit.y.every((v, i) => i === 0 || v >= fit.y[i - 1])).toBe(true);
    expect(new Set(ours).size).toBeGreaterThan(3);
  });

  it('refuses bad input', () => {
    expect(() => isotonicRegression([], [])).toThrow(/non-empty/);
    expect(() => pav([1, 2], [1, 0])).toThrow(/weight/);
  });
});

describe('Platt scaling', () => {
  it("equals scikit-learn's unpenalised LogisticRegression on logit(p)", () => {
    const { p, y, a, b } = ref.platt;
    const fit = plattScaling(p, y);
    expect(fit.a).toBeCloseTo(a, 5);
    expect(fit.b).toBeCloseTo(b, 5);
    // The outcomes were drawn with slope 1.7 on the logit: the under-confident input gets sharpened.
    expect(fit.a).toBeGreaterThan(1.2);
    expect(plattPredict({ a: 1, b: 0 }, 0.3)).toBeCloseTo(0.3, 12);
  });

  it('calibration table equals scikit-learn calibration_curve on the same data', () => {
    const { p, y, calibration_curve: cc } = ref.platt;
    const t = calibrationTable(y, p, 10);
    expect(t.map((r) => r.observedRate)).toEqual(cc.prob_true.map((v: number) => expect.closeTo(v, 12)));
    expect(t.map((r) => r.meanPredicted)).toEqual(cc.prob_pred.map((v: number) => expect.closeTo(v, 12)));
  });
});

describe('ECE and the CORP Brier decomposition', () => {
  it('ECE by hand: two bins', () => {
    // Bin (0, 0.5]: mean 0.3, rate 0.5; bin (0.5, 1]: mean 0.85, rate 1 → (2·0.2 + 2·0.15) / 4.
    expect(expectedCalibrationError([0, 1, 1, 1], [0.2, 0.4, 0.8, 0.9], 2)).toBeCloseTo(0.175, 14);
  });

  it('decomposition by hand: PAV of [0, 1, 0, 1] is [0, ½, ½, 1]', () => {
    const d = brierDecomposition([0, 1, 0, 1], [0.2, 0.4, 0.6, 0.8]);
    expect(d.brier).toBeCloseTo(0.2, 14);
    expect(d.uncertainty).toBeCloseTo(0.25, 14);
    // Brier of the PAV fit: (0 + ¼ + ¼ + 0) / 4 = 0.125.
    expect(d.reliability).toBeCloseTo(0.075, 14);
    expect(d.resolution).toBeCloseTo(0.125, 14);
  });

  it('brier = reliability − resolution + uncertainty exactly; a calibrated forecast has small reliability', () => {
    const r = mulberry32(3);
    const p = Array.from({ length: 5000 }, () => r());
    const y = p.map((q) => (r() < q ? 1 : 0));
    const d = brierDecomposition(y, p);
    expect(d.reliability - d.resolution + d.uncertainty).toBeCloseTo(brierScore(y, p), 14);
    expect(d.reliability).toBeLessThan(0.003);
    // The same forecast pushed to the extremes is miscalibrated.
    const sharp = p.map((q) => Math.min(1, Math.max(0, 0.5 + 1.8 * (q - 0.5))));
    expect(brierDecomposition(y, sharp).reliability).toBeGreaterThan(0.012);
  });

  it("reliability diagram: the band covers a calibrated forecast's curve, not a miscalibrated one's", () => {
    const r = mulberry32(11);
    const p = Array.from({ length: 3000 }, () => Math.round(r() * 100) / 100);
    const y = p.map((q) => (r() < q ? 1 : 0));
    const inside = (pts: ReturnType<typeof reliabilityDiagram>) => pts.filter((q) => q.observed >= q.bandLow && q.observed <= q.bandHigh).length / pts.length;
    const good = reliabilityDiagram(y, p);
    expect(good.length).toBeGreaterThan(20);
    // A pointwise 90 % band: most, not all, points of a calibrated forecast lie inside.
    expect(inside(good)).toBeGreaterThan(0.7);
    const shifted = p.map((q) => Math.min(1, q + 0.15));
    expect(inside(reliabilityDiagram(y, shifted))).toBeLessThan(0.3);
  });
});

describe('fitCalibrator', () => {
  it('auto: isotonic only with ≥ 1,000 rows and when it beats Platt out of sample', () => {
    const r = mulberry32(9);
    // A step: outcomes depend on p only through p > 0.5, which no logistic curve in logit(p) fits.
    const step = Array.from({ length: 4000 }, () => r());
    const ys = step.map((q) => (r() < (q > 0.5 ? 0.9 : 0.2) ? 1 : 0));
    expect(isotonicWins(step, ys)).toBe(true);
    expect(fitCalibrator(step, ys, 'auto')?.method).toBe('isotonic');
    expect(fitCalibrator(step.slice(0, 999), ys.slice(0, 999), 'auto')?.method).toBe('platt');
    // Already calibrated: the two-parameter Platt map is as good, and wins.
    const cal = Array.from({ length: 4000 }, () => r());
    const yc = cal.map((q) => (r() < q ? 1 : 0));
    expect(isotonicWins(cal, yc)).toBe(false);
    expect(fitCalibrator(cal, yc, 'auto')?.method).toBe('platt');
  });

  it('isotonic outputs stay inside [1/(2n), 1 − 1/(2n)]', () => {
    const c = fitCalibrator([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1], 'isotonic');
    expect(calibrate(c, 0)).toBe(1 / 8);
    expect(calibrate(c, 1)).toBe(1 - 1 / 8);
  });

  it('forced isotonic / Platt; none; one outcome → null', () => {
    const r = mulberry32(5);
    const p = Array.from({ length: 1200 }, () => r());
    const y = p.map((q) => (r() < q * q ? 1 : 0));
    expect(fitCalibrator(p, y, 'platt')?.method).toBe('platt');
    expect(fitCalibrator(p, y, 'none')).toBeNull();
    expect(fitCalibrator([0.2, 0.4], [1, 1], 'isotonic')).toBeNull();
    // Outcomes drawn with q², so calibration lowers the Brier score on fresh rows of the same kind.
    const c = fitCalibrator(p, y, 'isotonic');
    const p2 = Array.from({ length: 4000 }, () => r());
    const y2 = p2.map((q) => (r() < q * q ? 1 : 0));
    expect(
      brierScore(
        y2,
        p2.map((q) => calibrate(c, q)),
      ),
    ).toBeLessThan(brierScore(y2, p2) - 0.02);
  });
});
