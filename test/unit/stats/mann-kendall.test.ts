// References:
// - R 4.2.2 `cor.test(seq_along(y), y, method = "kendall", exact = FALSE, continuity = TRUE)`:
//   with time as x (no ties) its variance is the Mann-Kendall Var(S) with the tie correction, its
//   z has the continuity correction, and its estimate is tau-b (options(digits = 17)).
// - S, Var(S) of the series with ties: by hand (below); tau-a = S / (n(n−1)/2) is what
//   pymannkendall's original_test reports as Tau.
// - The 7-day series is refactor-apply's daily completion rate in test/fixtures/sample.golden.json
//   (detect_trend aux_daily_series).
import { describe, it, expect } from 'vitest';
import { mannKendallTest } from '../../../src/stats/index.js';
import { expectClose } from './close.js';

describe('mannKendallTest', () => {
  it('series with ties (two pairs) equals R cor.test kendall', () => {
    const y = [0.0, 0.4, 0.5, 0.6666666666666666, 1.0, 0.6666666666666666, 1.0];
    const r = mannKendallTest(y);
    // By hand: 21 pairs, 2 tied (the two 2/3 and the two 1), 1 discordant (1.0 → 2/3): S = 18 − 1 = 17.
    expect(r.s).toBe(17);
    // Var(S) = [7·6·19 − 2·(2·1·9)]/18 = (798 − 36)/18 = 42.333…
    expectClose(r.varianceS, 762 / 18, 1e-15);
    expectClose(r.z, 2.459114493977087701, 1e-13); // R statistic z = (17 − 1)/√42.33
    expectClose(r.pValue, 0.013928019136188493, 1e-10); // R p.value
    expectClose(r.tauB, 0.851064496346990107, 1e-13); // R estimate tau (tau-b)
    expectClose(r.tauA, 17 / 21, 1e-15);
    expect(r.trend).toBe('increasing');
  });

  it('series without ties equals R', () => {
    const y = [12.1, 11.4, 13.8, 14.2, 13.1, 15.6, 14.9, 16.3, 15.2, 17.8, 16.9, 18.4];
    const r = mannKendallTest(y);
    expectClose(r.z, 3.49719995475108236249, 1e-13);
    expectClose(r.pValue, 0.00047016927931397038, 1e-10);
    expectClose(r.tauB, 0.78787878787878784514, 1e-13);
    expect(r.tauA).toBe(r.tauB); // no ties: tau-a = tau-b
    expectClose(r.varianceS, (12 * 11 * 29) / 18, 1e-15);
  });

  it('decreasing series with many ties equals R', () => {
    const y = [5, 3, 4, 4, 2, 3, 1, 4, 2, 2, 1, 0, 1];
    const r = mannKendallTest(y);
    expectClose(r.z, -2.9336825844820881848, 1e-13);
    expectClose(r.pValue, 0.0033496657366951809, 1e-10);
    expectClose(r.tauB, -0.6590820436573077146, 1e-13);
    expect(r.trend).toBe('decreasing');
  });

  it('hand-computed small case: S = 1 gives z = 0 after continuity correction', () => {
    // [1, 3, 2, 2]: pairs + + + − − 0 → S = 1; one tie group of 2: Var = (4·3·13 − 2·1·9)/18 = 138/18
    const r = mannKendallTest([1, 3, 2, 2]);
    expect(r).toMatchObject({ s: 1, z: 0, pValue: 1, trend: 'no_trend' });
    expectClose(r.varianceS, 138 / 18, 1e-15);
    expectClose(r.tauB, 1 / Math.sqrt(6 * 5), 1e-15);
  });

  it('constant series: S = 0, p = 1, tau-b NaN (R gives NA)', () => {
    const r = mannKendallTest([3, 3, 3, 3]);
    expect(r).toMatchObject({ status: 'ok', s: 0, varianceS: 0, z: 0, pValue: 1 });
    expect(r.tauB).toBeNaN();
  });

  it('fewer than 3 points: insufficient_data', () => {
    expect(mannKendallTest([1, 2])).toMatchObject({ status: 'insufficient_data', trend: 'no_trend' });
    expect(mannKendallTest([]).pValue).toBeNaN();
    expect(() => mannKendallTest([1, Infinity, 2])).toThrow(/finite/);
  });
});
