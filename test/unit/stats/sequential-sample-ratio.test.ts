// Reference: the Dirichlet-multinomial Bayes factor with scipy.special.gammaln and the running
// minimum of 1/BF over a seeded sequence, in references/ab-extended-reference.py.
import { describe, expect, it } from 'vitest';
import { dirichletMultinomialLogBayesFactor, mulberry32, sampleRatioMismatch, sequentialSampleRatioTest } from '../../../src/stats/index.js';
import { REF } from './ab-extended-reference.js';
import { expectClose } from './close.js';

describe('dirichletMultinomialLogBayesFactor', () => {
  it('equals the scipy gammaln computation', () => {
    expectClose(dirichletMultinomialLogBayesFactor([60, 40], [0.5, 0.5]), REF.srm.log_bf_60_40, 1e-10);
    expectClose(dirichletMultinomialLogBayesFactor([600, 400], [0.5, 0.5]), REF.srm.log_bf_600_400, 1e-10);
    expectClose(dirichletMultinomialLogBayesFactor([30, 70], [0.3, 0.7]), REF.srm.log_bf_30_70_ratio_0_3, 1e-9);
  });

  it('rejects probabilities that do not sum to 1 and negative counts', () => {
    expect(() => dirichletMultinomialLogBayesFactor([1, 2], [0.5, 0.6])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => dirichletMultinomialLogBayesFactor([-1, 2], [0.5, 0.5])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('sequentialSampleRatioTest', () => {
  it('equals the reference running minimum over a 3,000-long sequence drawn at 0.54 / 0.46', () => {
    const r = sequentialSampleRatioTest(REF.srm.sequence, [0.5, 0.5]);
    expectClose(r.pValue, REF.srm.sequence_p, 1e-8);
    expectClose(r.logBayesFactor, REF.srm.sequence_final_log_bf, 1e-9);
    expect(r.rejectedAtLook).toBe(REF.srm.sequence_first_reject);
    expect(r.looks).toBe(3000);
    // the fixed-horizon chi-square at the end would already flag it (p < 0.001); the sequential test pays for validity at every look
    expect(REF.srm.fixed_chisq_p_final).toBeLessThan(0.001);
  });

  it('a perfectly alternating sequence gives p ≈ 1', () => {
    expectClose(
      sequentialSampleRatioTest(
        Array.from({ length: 2000 }, (_, i) => i % 2),
        [0.5, 0.5],
      ).pValue,
      REF.srm.balanced_p,
      1e-12,
    );
  });

  it('false alarms stay ≤ 1 % at α = 0.01 when checked after every one of 1,000 assignments (400 seeded runs), while the fixed chi-square checked at every 50th exceeds it', () => {
    let sequential = 0;
    let fixed = 0;
    for (let s = 0; s < 400; s++) {
      const rand = mulberry32(5000 + s);
      const seq: number[] = [];
      let c = 0;
      let fixedHit = false;
      for (let t = 1; t <= 1000; t++) {
        const g = rand() < 0.5 ? 0 : 1;
        seq.push(g);
        if (g === 0) c++;
        if (t % 50 === 0 && sampleRatioMismatch(c, t - c, 0.5).pValue < 0.01) fixedHit = true;
      }
      if (sequentialSampleRatioTest(seq, [0.5, 0.5], { alpha: 0.01 }).pValue < 0.01) sequential++;
      if (fixedHit) fixed++;
    }
    expect(sequential / 400).toBeLessThanOrEqual(0.01);
    expect(fixed / 400).toBeGreaterThan(0.01);
  });

  it('rejects a group index outside the groups', () => {
    expect(() => sequentialSampleRatioTest([0, 2], [0.5, 0.5])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
