/**
 * Changepoints of counts with a multiplicative rhythm (src/stats/pelt-poisson.ts): the two-way
 * factors against statsmodels' Poisson GLM (segment + weekday dummies; references made with
 * statsmodels 0.13, `GLM(y, X, family=Poisson()).fit(tol=1e-14)`), and a halving with a weekend
 * rhythm found on its day with the levels of whole weeks.
 */
import { describe, expect, it } from 'vitest';
import { poissonRhythmChangepoints, poissonRhythmFactors } from '../../../src/stats/pelt-poisson.js';

// four weeks of daily counts, Sunday first (low weekends), halved from day 14
const Y = [9, 25, 31, 27, 22, 30, 12, 11, 28, 24, 33, 29, 26, 8, 5, 14, 12, 15, 11, 16, 4, 6, 13, 15, 11, 12, 14, 3];
const PHASE = Y.map((_, i) => i % 7);
// statsmodels' fitted means for a change at day 14 and at day 12
const GLM_14 = [
  10.4774678112, 27.0386266094, 27.7145922747, 29.0665236052, 25.0107296137, 29.0665236052, 9.1255364807, 10.4774678112, 27.0386266094, 27.7145922747, 29.0665236052, 25.0107296137,
  29.0665236052, 9.1255364807, 5.0225321888, 12.9613733906, 13.2854077253, 13.9334763948, 11.9892703863, 13.9334763948, 4.3744635193, 5.0225321888, 12.9613733906, 13.2854077253,
  13.9334763948, 11.9892703863, 13.9334763948, 4.3744635193,
];
const GLM_12 = [
  10.3485555072, 26.7059496959, 27.3735984383, 28.7088959231, 24.7030034687, 34.4913228169, 10.8286711169, 10.3485555072, 26.7059496959, 27.3735984383, 28.7088959231,
  24.7030034687, 17.169559061, 5.390442961, 5.1514444928, 13.2940503041, 13.6264015617, 14.2911040769, 12.2969965313, 17.169559061, 5.390442961, 5.1514444928, 13.2940503041,
  13.6264015617, 14.2911040769, 12.2969965313, 17.169559061, 5.390442961,
];

describe('poissonRhythmFactors', () => {
  it.each([
    [14, GLM_14],
    [12, GLM_12],
  ])('equals the Poisson GLM with segment and weekday factors (change at %i)', (t, glm) => {
    const { levels, rhythm } = poissonRhythmFactors(Y, PHASE, 7, [0, t, Y.length]);
    Y.forEach((_, i) => expect(levels[i < t ? 0 : 1] * rhythm[PHASE[i]]).toBeCloseTo(glm[i], 8));
    expect(rhythm.reduce((a, b) => a + b, 0)).toBeCloseTo(7, 12);
  });

  it('the docstring example', () => {
    const { levels, rhythm } = poissonRhythmFactors([2, 4, 4, 8], [0, 1, 0, 1], 2, [0, 2, 4]);
    expect(levels[0]).toBeCloseTo(3, 12);
    expect(levels[1]).toBeCloseTo(6, 12);
    expect(rhythm[0]).toBeCloseTo(2 / 3, 12);
    expect(rhythm[1]).toBeCloseTo(4 / 3, 12);
  });
});

describe('poissonRhythmChangepoints', () => {
  it('finds the halving on its day; levels are the whole weeks’ means; z from the dispersion', () => {
    const fit = poissonRhythmChangepoints(Y, PHASE, { penalty: 3 * Math.log(Y.length), minSegment: 3 });
    expect(fit.segmentStarts).toEqual([0, 14]);
    const [c] = fit.changes;
    expect(c.index).toBe(14);
    expect(c.before).toBeCloseTo(315 / 14, 10);
    expect(c.after).toBeCloseTo(151 / 14, 10);
    expect(fit.dispersion).toBeGreaterThanOrEqual(1);
    expect(c.zScore).toBeCloseTo((c.after - c.before) / Math.sqrt(fit.dispersion * (c.before / 14 + c.after / 14)), 10);
    // cost gain: 2 · (log-likelihood with the split − without), at the final rhythm, over φ
    const ll = (y: number, g: number) => (y > 0 ? y * Math.log(y / g) : 0);
    const g = (a: number, b: number) => PHASE.slice(a, b).reduce((s, j) => s + fit.rhythm[j], 0);
    const gain = (2 * (ll(315, g(0, 14)) + ll(151, g(14, 28)) - ll(466, g(0, 28)))) / fit.dispersion;
    expect(c.costGain).toBeCloseTo(gain, 8);
  });

  it('no change in stationary counts, none in a series of zeros or one too short', () => {
    const flat = [9, 25, 31, 27, 22, 30, 12, 11, 28, 24, 33, 29, 26, 8, 10, 27, 28, 26, 24, 31, 10, 9, 26, 29, 30, 25, 27, 11];
    expect(poissonRhythmChangepoints(flat, PHASE, { penalty: 3 * Math.log(28), minSegment: 3 }).segmentStarts).toEqual([0]);
    expect(poissonRhythmChangepoints(new Array(28).fill(0), PHASE, { penalty: 10, minSegment: 3 }).changes).toEqual([]);
    expect(poissonRhythmChangepoints([1, 2, 3, 4, 5], [0, 1, 2, 3, 4], { penalty: 10, minSegment: 3 }).segmentStarts).toEqual([0]);
  });
});
