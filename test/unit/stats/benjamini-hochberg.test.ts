// Reference: statsmodels multipletests(p, method='fdr_bh') in references/ab-extended-reference.py.
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, holmBonferroni } from '../../../src/stats/index.js';
import { REF } from './ab-extended-reference.js';
import { expectClose } from './close.js';

describe('benjaminiHochberg', () => {
  it('equals statsmodels fdr_bh (and Holm is no smaller than BH)', () => {
    const bh = benjaminiHochberg(REF.bh.p);
    bh.forEach((v, i) => expectClose(v, REF.bh.fdr_bh[i], 1e-12));
    holmBonferroni(REF.bh.p).forEach((v, i) => {
      expectClose(v, REF.bh.holm[i], 1e-12);
      expect(v).toBeGreaterThanOrEqual(bh[i]);
    });
  });

  it('hand computation: [0.01, 0.04, 0.03, 0.005] → [0.02, 0.04, 0.04, 0.02]; NaN stays NaN and does not count', () => {
    benjaminiHochberg([0.01, 0.04, 0.03, 0.005]).forEach((v, i) => expect(v).toBeCloseTo([0.02, 0.04, 0.04, 0.02][i], 15));
    const r = benjaminiHochberg([0.01, NaN, 0.04]);
    expect(r[0]).toBeCloseTo(0.02, 15);
    expect(r[1]).toBeNaN();
    expect(r[2]).toBeCloseTo(0.04, 15);
  });

  it('rejects p-values outside [0, 1]', () => {
    expect(() => benjaminiHochberg([0.5, 1.5])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
