// References: the delta-method variance of a ratio of independent means (Deng, Knoblich & Lu
// 2018, KDD, §3), evaluated by hand on round numbers:
//   Var(mean) = s²/n = 0.0001 in both arms, μ_c = 0.5, μ_t = 0.6:
//   Var(lift) = 0.0001/0.25 + 0.36·0.0001/0.0625 = 0.0004 + 0.000576 = 0.000976.
// z(0.975) = 1.959963984540054 (scipy stats.norm.ppf(0.975)).
import { describe, it, expect } from 'vitest';
import { relativeLift, summaryFromProportion } from '../../../src/stats/index.js';
import { expectClose } from './close.js';

describe('relativeLift', () => {
  it('hand-computed delta-method interval', () => {
    const r = relativeLift({ n: 100, mean: 0.5, variance: 0.01 }, { n: 100, mean: 0.6, variance: 0.01 });
    expectClose(r.lift, 0.2, 1e-14);
    expectClose(r.standardError, Math.sqrt(0.000976), 1e-14);
    expectClose(r.ci[0], 0.2 - 1.959963984540054 * Math.sqrt(0.000976), 1e-13);
    expectClose(r.ci[1], 0.2 + 1.959963984540054 * Math.sqrt(0.000976), 1e-13);
  });

  it('unequal arms, 90 %: Var = s_t²/(n_t μ_c²) + μ_t² s_c²/(n_c μ_c⁴) by hand', () => {
    // control n 200, mean 2, var 4; treatment n 50, mean 3, var 9:
    // 9/(50·4) + 9·4/(200·16) = 0.045 + 0.01125 = 0.05625; z(0.95) = 1.6448536269514722 (norm.ppf(0.95))
    const r = relativeLift({ n: 200, mean: 2, variance: 4 }, { n: 50, mean: 3, variance: 9 }, 0.1);
    expectClose(r.lift, 0.5, 1e-15);
    expectClose(r.standardError, Math.sqrt(0.05625), 1e-14);
    expectClose(r.ci[1] - r.lift, 1.6448536269514722 * Math.sqrt(0.05625), 1e-13);
  });

  it('thin data and a zero baseline are labelled', () => {
    expect(relativeLift(summaryFromProportion(1, 1), summaryFromProportion(10, 3)).status).toBe('insufficient_data');
    const z = relativeLift(summaryFromProportion(10, 0), summaryFromProportion(10, 3));
    expect(z.status).toBe('zero_baseline');
    expect(z.lift).toBeNaN();
  });
});
