// References: exact arithmetic. For 0/1 data with k ones of n, the sample variance is
// k(n − k)/(n(n − 1)) (e.g. [1, 0, 0, 0]: mean 1/4, Σ(x − 1/4)²/3 = (9/16 + 3/16)/3 = 1/4).
import { describe, it, expect } from 'vitest';
import { summaryFromProportion, summaryFromSums, summaryFromValues } from '../../../src/stats/index.js';

describe('sample summaries', () => {
  it('from sums, from a proportion and from values agree', () => {
    expect(summaryFromSums(4, 10, 30)).toEqual({ n: 4, mean: 2.5, variance: 5 / 3 });
    expect(summaryFromValues([1, 2, 3, 4])).toEqual({ n: 4, mean: 2.5, variance: 5 / 3 });
    expect(summaryFromProportion(4, 1)).toEqual({ n: 4, mean: 0.25, variance: 0.25 });
    expect(summaryFromSums(4, 1, 1)).toEqual(summaryFromProportion(4, 1));
  });

  it('thin data: NaN mean/variance, no throw; misuse throws', () => {
    expect(summaryFromProportion(0, 0).mean).toBeNaN();
    expect(summaryFromSums(1, 3, 9)).toMatchObject({ n: 1, mean: 3 });
    expect(summaryFromSums(1, 3, 9).variance).toBeNaN();
    expect(() => summaryFromProportion(3, 4)).toThrow(/cannot exceed/);
    expect(() => summaryFromSums(-2, 0, 0)).toThrow(/whole number/);
  });
});
