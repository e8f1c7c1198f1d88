/**
 * segmentAroundRhythm (src/time-series/changepoints.ts): the weekly rhythm re-estimated around the
 * segments. Noise-free hand example: level 10 then 14 from index 10, weekday effects +1 / −1; the
 * first segmentation given (none) biases the rhythm, the second recovers it exactly.
 */
import { describe, expect, it } from 'vitest';
import { segmentAroundRhythm } from '../../../src/time-series/changepoints.js';

const EFFECT = [1, 0, 0, 0, 0, 0, -1];
const LEVEL = (i: number) => (i < 10 ? 10 : 14);
const rhythm = Array.from({ length: 21 }, (_, i) => ({ unadjusted: LEVEL(i) + EFFECT[i % 7], phase: i % 7 }));

describe('segmentAroundRhythm', () => {
  it('finds the step and removes the weekday effects exactly once the segments are right', () => {
    const { fit, values } = segmentAroundRhythm(rhythm, [0], { penalty: 'mbic', minSegment: 3, sigmaFloor: 1 });
    expect(fit.segmentStarts).toEqual([0, 10]);
    expect(fit.changes).toHaveLength(1);
    expect(fit.changes[0].index).toBe(10);
    expect(fit.changes[0].before).toBeCloseTo(10, 12);
    expect(fit.changes[0].after).toBeCloseTo(14, 12);
    values.forEach((v, i) => expect(v).toBeCloseTo(LEVEL(i), 12));
  });

  it('around a single segment the rhythm is the centred mean residual of each weekday', () => {
    // one pass shown by hand: the global mean of the 21 values is (10·10 + 11·14 + 3 · (1 − 1)) / 21
    const mean = (10 * 10 + 11 * 14) / 21;
    const residualMean = (phase: number) => {
      const idx = [phase, phase + 7, phase + 14];
      return idx.reduce((s, i) => s + rhythm[i].unadjusted - mean, 0) / 3;
    };
    // weekday 3 (indices 3, 10, 17): (10 + 14 + 14) / 3 − mean; weekday 2 (2, 9, 16): (10 + 10 + 14) / 3 − mean
    expect(residualMean(3) - residualMean(2)).toBeCloseTo(4 / 3, 12);
    // a very high penalty keeps one segment: the values are then z − (mean residual − their centre)
    const { fit, values } = segmentAroundRhythm(rhythm, [0], { penalty: 1e6, minSegment: 3, sigmaFloor: 1 });
    expect(fit.segmentStarts).toEqual([0]);
    const centre = [0, 1, 2, 3, 4, 5, 6].reduce((s, p) => s + residualMean(p), 0) / 7;
    values.forEach((v, i) => expect(v).toBeCloseTo(rhythm[i].unadjusted - (residualMean(i % 7) - centre), 12));
  });
});
