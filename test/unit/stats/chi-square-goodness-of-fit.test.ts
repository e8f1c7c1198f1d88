// References: R 4.2.2 `chisq.test(x, p = ...)` (options(digits = 17)) and scipy 1.17.1
// `stats.chisquare(f_obs, f_exp)`; both agree to the digits used here.
import { describe, it, expect } from 'vitest';
import { chiSquareGoodnessOfFit, sampleRatioMismatch } from '../../../src/stats/index.js';
import { expectClose } from './close.js';

describe('sampleRatioMismatch', () => {
  it('50/50 split of A/B test 1 in sample.meta.json (314 control of 600 users)', () => {
    const r = sampleRatioMismatch(314, 286);
    expectClose(r.statistic, 1.30666666666666664, 1e-14); // R chisq.test(c(314, 286), p = c(.5, .5))
    expect(r.df).toBe(1);
    expectClose(r.pValue, 0.25299906147468426, 1e-12);
    expect(r.expected).toEqual([300, 300]);
  });

  it('gross mismatch keeps the tiny tail p-value', () => {
    const r = sampleRatioMismatch(5000, 4000);
    expectClose(r.statistic, 111.11111111111111, 1e-14);
    expectClose(r.pValue, 5.594557236191515e-26, 1e-10); // R chisq.test(c(5000, 4000)); scipy 5.59455723619152e-26
  });

  it('planned 75/25 split', () => {
    const r = sampleRatioMismatch(700, 300, 0.75);
    expectClose(r.statistic, 13.333333333333334, 1e-14);
    expectClose(r.pValue, 2.6072963285531662e-4, 1e-12); // R chisq.test(c(700, 300), p = c(.75, .25))
  });

  it('no units: insufficient_data; bad share throws', () => {
    expect(sampleRatioMismatch(0, 0).status).toBe('insufficient_data');
    expect(() => sampleRatioMismatch(10, 10, 1)).toThrow(/expectedControlShare/);
  });
});

describe('chiSquareGoodnessOfFit', () => {
  it('three categories against a uniform ratio', () => {
    const r = chiSquareGoodnessOfFit([10, 20, 30], [1, 1, 1]);
    expectClose(r.statistic, 10, 1e-15);
    expect(r.df).toBe(2);
    expectClose(r.pValue, 0.006737946999085467, 1e-12); // R chisq.test(c(10, 20, 30)); exact: e^-5
  });

  it('misuse throws', () => {
    expect(() => chiSquareGoodnessOfFit([1, 2], [1])).toThrow(/same length/);
    expect(() => chiSquareGoodnessOfFit([1.5, 2], [1, 1])).toThrow(/whole number/);
    expect(() => chiSquareGoodnessOfFit([1, 2], [1, 0])).toThrow(/positive/);
  });
});
