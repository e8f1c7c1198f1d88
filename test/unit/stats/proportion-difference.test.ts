// Reference: R 4.2.2 `prop.test(c(x_t, x_c), c(n_t, n_c), correct = FALSE)` (options(digits = 17)):
// its conf.int is the Wald interval of p_t − p_c (clipped to [−1, 1]) and its X-squared is the
// square of the pooled two-proportion z.
import { describe, it, expect } from 'vitest';
import { proportionDifference } from '../../../src/stats/index.js';
import { expectClose } from './close.js';

describe('proportionDifference', () => {
  it('A/B test 1 of sample.golden.json (979/1564 vs 1003/1412)', () => {
    const r = proportionDifference({ n: 1564, successes: 979 }, { n: 1412, successes: 1003 });
    expectClose(r.difference, 0.71033994334277617 - 0.6259590792838875, 1e-13);
    expectClose(r.ci[0], 0.050693274939073683, 1e-12);
    expectClose(r.ci[1], 0.11806845317870365, 1e-12);
    expectClose(r.z * r.z, 23.752114285610816, 1e-12);
    expectClose(r.pValue, 1.0957493965642167e-6, 1e-10);
  });

  it('90 % interval', () => {
    const r = proportionDifference({ n: 100, successes: 40 }, { n: 100, successes: 45 }, 0.1);
    expectClose(r.ci[0], -0.064845654418071608, 1e-12);
    expectClose(r.ci[1], 0.164845654418071585, 1e-12);
    expectClose(r.z * r.z, 0.511508951406649648, 1e-12);
    expectClose(r.pValue, 0.474486371171339127, 1e-11);
  });

  it('interval clipped at 1 as R', () => {
    const r = proportionDifference({ n: 20, successes: 1 }, { n: 20, successes: 19 });
    expectClose(r.ci[0], 0.76491880442379434, 1e-12);
    expect(r.ci[1]).toBe(1);
    expectClose(r.pValue, 1.2548647497615145e-8, 1e-10);
  });

  it('thin or degenerate data is labelled', () => {
    expect(proportionDifference({ n: 0, successes: 0 }, { n: 5, successes: 1 }).status).toBe('insufficient_data');
    expect(proportionDifference({ n: 4, successes: 4 }, { n: 5, successes: 5 })).toMatchObject({ status: 'zero_variance', z: 0, pValue: 1, difference: 0 });
    expect(() => proportionDifference({ n: 4, successes: 5 }, { n: 5, successes: 5 })).toThrow(/cannot exceed/);
  });
});
