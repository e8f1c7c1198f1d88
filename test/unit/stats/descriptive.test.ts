// References: R 4.2.2 (options(digits = 17)): mean, var, sd, median, mad (constant 1.4826) of
// x = c(2, 4, 4, 4, 5, 5, 7, 9) (also exact: mean 5, population variance 4, sample 32/7) and of
// x2 = c(1.2, 3.8, 2.2, 9.7, 4.1, 3.3, 2.9); mad(c(1, 2, 3, 4, 100)) = 1.4826.
import { describe, it, expect } from 'vitest';
import { mean, median, medianAbsoluteDeviation, populationVariance, robustZScore, sampleStandardDeviation, sampleVariance, zScore } from '../../../src/stats/index.js';
import { expectClose } from './close.js';

const x = [2, 4, 4, 4, 5, 5, 7, 9];
const x2 = [1.2, 3.8, 2.2, 9.7, 4.1, 3.3, 2.9];

describe('mean and variance', () => {
  it('equal R', () => {
    expect(mean(x)).toBe(5);
    expectClose(sampleVariance(x), 32 / 7, 1e-15); // R var(x) 4.57142857142857117
    expectClose(populationVariance(x), 4, 1e-15);
    expectClose(sampleStandardDeviation(x), 2.13808993529939517, 1e-15); // R sd(x)
    expectClose(mean(x2), 3.88571428571428568, 1e-15); // R mean(x2)
    expectClose(sampleVariance(x2), 7.53809523809523707, 1e-14); // R var(x2)
  });

  it('constant lists have exactly zero variance; thin lists give NaN', () => {
    expect(mean([0.1, 0.1, 0.1])).toBe(0.1);
    expect(sampleVariance([0.1, 0.1, 0.1])).toBe(0);
    expect(sampleVariance([3])).toBeNaN();
    expect(mean([])).toBeNaN();
    expect(() => mean([1, NaN])).toThrow(/finite/);
  });

  it('is stable for a large offset', () => {
    const shifted = x.map((v) => v + 1e9);
    expectClose(sampleVariance(shifted), 32 / 7, 1e-9);
  });
});

describe('median and MAD', () => {
  it('equal R', () => {
    expect(median(x)).toBe(4.5);
    expect(median([3, 1, 4, 1, 5, 9])).toBe(3.5);
    expectClose(medianAbsoluteDeviation(x), 0.7413, 1e-14); // R mad(x) 0.74129999999999996
    expectClose(median(x2), 3.3, 1e-15);
    expectClose(medianAbsoluteDeviation(x2), 1.18608, 1e-13); // R mad(x2) 1.18607999999999958
    expectClose(medianAbsoluteDeviation(x2, 1), 0.8, 1e-13); // R mad(x2, constant = 1)
    expectClose(medianAbsoluteDeviation([1, 2, 3, 4, 100]), 1.4826, 1e-15);
    expect(median([])).toBeNaN();
  });
});

describe('z-scores', () => {
  it('classic and robust', () => {
    expect(zScore(125, 100, 10)).toBe(2.5);
    expect(zScore(1, 1, 0)).toBeNaN();
    // median 3, MAD 1.4826 → (10 − 3)/1.4826
    expectClose(robustZScore(10, [1, 2, 3, 4, 100]), 7 / 1.4826, 1e-15);
    expect(robustZScore(10, [])).toBeNaN();
    expect(robustZScore(10, [5, 5, 5])).toBeNaN();
  });
});
