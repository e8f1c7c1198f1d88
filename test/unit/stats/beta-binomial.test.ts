// References:
// - Exact by hand, Beta(1,1) priors, control 0/1 (Beta(1,2)), treatment 1/1 (Beta(2,1)):
//   P(p_t > p_c) = ∫ 2b·(1 − (1 − b)²) db = 5/6;
//   E[max(p_c − p_t, 0)] = ∫∫_{a>b} (a − b)·2(1 − a)·2b = 1/30;
//   E[max(p_t − p_c, 0)] = 1/30 + E[p_t] − E[p_c] = 1/30 + 1/3 = 11/30.
// - Numerical integration with scipy 1.17.1 (integrate.quad, epsabs=1e-15, epsrel=1e-13), an
//   independent method: P(B > A) = ∫ f_B F_A, loss = ∫ f_A(a)·(a F_B(a) − E[B] F_B'(a)) da with
//   B' ~ Beta(α_B + 1, β_B).
import { describe, it, expect } from 'vitest';
import { betaBinomialComparison } from '../../../src/stats/index.js';
import { expectClose } from './close.js';

describe('betaBinomialComparison', () => {
  it('exact small case', () => {
    const r = betaBinomialComparison({ n: 1, successes: 0 }, { n: 1, successes: 1 });
    expectClose(r.probabilityTreatmentBetter, 5 / 6, 1e-14);
    expectClose(r.expectedLossChooseTreatment, 1 / 30, 1e-13);
    expectClose(r.expectedLossChooseControl, 11 / 30, 1e-14);
    expect(r.controlPosterior).toEqual({ alpha: 1, beta: 2 });
    expect(r.treatmentPosterior).toEqual({ alpha: 2, beta: 1 });
  });

  const cases: Array<[number, number, number, number, number, number, number]> = [
    // control successes, n, treatment successes, n, P(t > c), loss choosing t, loss choosing c (scipy quad)
    [40, 100, 45, 100, 0.7615563860679957, 0.009678137686663597, 0.058697745529800484],
    [3, 10, 7, 12, 0.8978808914870287, 0.009391124871001029, 0.24748636296623847],
    // for the last case quad gives P(c > t) = 5.286786402018718e-7 directly; 1 − 0.9999994713213591 loses digits
    [979, 1564, 1003, 1412, 1 - 5.286786402018718e-7, 1.7463753058712391e-9, 0.08424422255597667],
  ];
  for (const [sc, nc, st, nt, p, lossT, lossC] of cases) {
    it(`matches numerical integration for ${sc}/${nc} vs ${st}/${nt}`, () => {
      const r = betaBinomialComparison({ n: nc, successes: sc }, { n: nt, successes: st });
      expectClose(r.probabilityTreatmentBetter, p, 1e-10);
      expectClose(1 - r.probabilityTreatmentBetter, 1 - p, 1e-9); // the small tail keeps its relative accuracy
      expectClose(r.expectedLossChooseTreatment, lossT, 1e-9);
      expectClose(r.expectedLossChooseControl, lossC, 1e-10);
    });
  }

  it('the two losses differ by the difference of posterior means (identity)', () => {
    const r = betaBinomialComparison({ n: 500, successes: 210 }, { n: 480, successes: 190 });
    const meanC = 211 / 502;
    const meanT = 191 / 482;
    expectClose(r.expectedLossChooseTreatment - r.expectedLossChooseControl, meanC - meanT, 1e-10);
  });

  it('rejects a non-integer prior alpha and invalid counts', () => {
    expect(() => betaBinomialComparison({ n: 5, successes: 1 }, { n: 5, successes: 2 }, { alpha: 0.5, beta: 0.5 })).toThrow(/whole number/);
    expect(() => betaBinomialComparison({ n: 5, successes: 6 }, { n: 5, successes: 2 })).toThrow(/cannot exceed/);
  });
});
