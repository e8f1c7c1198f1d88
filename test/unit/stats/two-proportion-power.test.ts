// References:
// - R 4.2.2 `power.prop.test` (Fleiss's pooled-variance normal approximation without continuity
//   correction, equal groups), with `tol = 1e-13` so that its uniroot solution is exact to ~1e-13
//   (the default tol prints n = 76.70693 but p2 = 0.80261409 instead of 0.80263058):
//     power.prop.test(p1 = .50, p2 = .75, power = .90, tol = 1e-13)$n     76.706928451777443
//     power.prop.test(n = 50, p1 = .50, p2 = .75)$power                     0.74016590133138793
//     power.prop.test(n = 50, p1 = .5, power = .90, tol = 1e-13)$p2        0.80263058170389467
//     power.prop.test(p1 = .72, p2 = .75, power = .80, tol = 1e-13)$n     3396.0776032191557
//     power.prop.test(p1 = .72, p2 = .69, power = .80, tol = 1e-13)$n     3626.3114238947283
//     power.prop.test(n = 1500, p1 = .72, p2 = .69)$power                   0.43703151067919377
//     power.prop.test(n = 3000, p1 = .72, power = .80, tol = 1e-13)$p2    0.75188194956575827
// - Unequal allocation (R's function has none): Fleiss, Levin & Paik (2003) eq. 4.14 without
//   continuity correction, evaluated independently in Python with scipy.stats.norm (isf/ppf/cdf)
//   and scipy.optimize.brentq(xtol=rtol=1e-15) for the MDE.
import { describe, it, expect } from 'vitest';
import { minimumDetectableEffectTwoProportions, powerTwoProportions, sampleSizeTwoProportions } from '../../../src/stats/index.js';
import { expectClose } from './close.js';

describe('sampleSizeTwoProportions', () => {
  it('equals R power.prop.test for equal groups', () => {
    const a = sampleSizeTwoProportions({ baselineRate: 0.5, minimumDetectableEffect: 0.25, power: 0.9 });
    expectClose(a.controlSizeExact, 76.706928451777443, 1e-11);
    expect(a).toMatchObject({ controlSize: 77, treatmentSize: 77, treatmentRate: 0.75 });
    const b = sampleSizeTwoProportions({ baselineRate: 0.72, minimumDetectableEffect: 0.03 });
    expectClose(b.controlSizeExact, 3396.0776032191557, 1e-11);
    expect(b.controlSize).toBe(3397);
    const c = sampleSizeTwoProportions({ baselineRate: 0.72, minimumDetectableEffect: -0.03 });
    expectClose(c.controlSizeExact, 3626.3114238947283, 1e-11);
  });

  it('unequal allocation (k = n_t/n_c) equals the formula evaluated with scipy', () => {
    const a = sampleSizeTwoProportions({ baselineRate: 0.72, minimumDetectableEffect: 0.03, allocationRatio: 2 });
    expectClose(a.controlSizeExact, 2534.4866481651006, 1e-12);
    expectClose(a.treatmentSizeExact, 5068.973296330201, 1e-12);
    expect([a.controlSize, a.treatmentSize]).toEqual([2535, 5069]);
    const b = sampleSizeTwoProportions({ baselineRate: 0.1, minimumDetectableEffect: 0.02, alpha: 0.01, power: 0.9, allocationRatio: 0.5 });
    expectClose(b.controlSizeExact, 10821.647465561788, 1e-12);
  });

  it('round trip: the exact sizes give exactly the requested power', () => {
    const s = sampleSizeTwoProportions({ baselineRate: 0.3, minimumDetectableEffect: 0.05, power: 0.85, allocationRatio: 1.5 });
    const p = powerTwoProportions({ baselineRate: 0.3, minimumDetectableEffect: 0.05, controlSize: s.controlSizeExact, treatmentSize: s.treatmentSizeExact });
    expectClose(p, 0.85, 1e-12);
  });

  it('throws for impossible designs', () => {
    expect(() => sampleSizeTwoProportions({ baselineRate: 0.9, minimumDetectableEffect: 0.2 })).toThrow(/\[0, 1\]/);
    expect(() => sampleSizeTwoProportions({ baselineRate: 0.5, minimumDetectableEffect: 0 })).toThrow(/non-zero/);
    expect(() => sampleSizeTwoProportions({ baselineRate: 0.5, minimumDetectableEffect: 0.1, power: 1 })).toThrow(/power/);
    expect(() => sampleSizeTwoProportions({ baselineRate: 0.5, minimumDetectableEffect: 0.1, allocationRatio: 0 })).toThrow(/allocationRatio/);
  });
});

describe('powerTwoProportions', () => {
  it('equals R power.prop.test', () => {
    expectClose(powerTwoProportions({ baselineRate: 0.5, minimumDetectableEffect: 0.25, controlSize: 50, treatmentSize: 50 }), 0.74016590133138793, 1e-13);
    expectClose(powerTwoProportions({ baselineRate: 0.72, minimumDetectableEffect: -0.03, controlSize: 1500, treatmentSize: 1500 }), 0.43703151067919377, 1e-13);
  });

  it('unequal groups equal the formula evaluated with scipy', () => {
    expectClose(powerTwoProportions({ baselineRate: 0.72, minimumDetectableEffect: 0.03, controlSize: 1000, treatmentSize: 2000 }), 0.4239472813221276, 1e-13);
  });
});

describe('minimumDetectableEffectTwoProportions', () => {
  it('equals R power.prop.test solved for p2', () => {
    expectClose(minimumDetectableEffectTwoProportions({ baselineRate: 0.5, controlSize: 50, treatmentSize: 50, power: 0.9 }), 0.80263058170389467 - 0.5, 1e-11);
    expectClose(minimumDetectableEffectTwoProportions({ baselineRate: 0.72, controlSize: 3000, treatmentSize: 3000 }), 0.75188194956575827 - 0.72, 1e-10);
  });

  it('decrease direction with unequal groups equals scipy brentq', () => {
    const d = minimumDetectableEffectTwoProportions({ baselineRate: 0.72, controlSize: 1000, treatmentSize: 2000, direction: 'decrease' });
    expectClose(d, 0.05008188949061129, 1e-11);
  });

  it('NaN when even the extreme rate cannot reach the power', () => {
    expect(minimumDetectableEffectTwoProportions({ baselineRate: 0.99, controlSize: 3, treatmentSize: 3 })).toBeNaN();
  });
});
