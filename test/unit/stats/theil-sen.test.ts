// Reference: scipy 1.17.1 `stats.theilslopes(y, x)` (confidence 0.95 unless stated), which
// returns (slope, intercept, low_slope, high_slope) with intercept = median(y) − slope·median(x)
// and Sen's (1968, eq. 2.6) tie-corrected interval, printed with repr(float(...)).
import { describe, it, expect } from 'vitest';
import { theilSenSlope } from '../../../src/stats/index.js';
import { expectClose } from './close.js';

describe('theilSenSlope', () => {
  it('daily series with tied values (refactor-apply completion rate in sample.golden.json)', () => {
    const y = [0.0, 0.4, 0.5, 0.6666666666666666, 1.0, 0.6666666666666666, 1.0];
    const r = theilSenSlope([0, 1, 2, 3, 4, 5, 6], y);
    expectClose(r.slope, 0.13333333333333333, 1e-14);
    expectClose(r.intercept, 0.2666666666666666, 1e-14);
    expectClose(r.lowSlope, 0.055555555555555546, 1e-14);
    expectClose(r.highSlope, 0.25, 1e-14);
  });

  it('ties in x and in y, at 95 % and 90 %', () => {
    const x = [1, 2, 2, 3, 4, 5, 6, 6, 7, 8, 9, 10];
    const y = [2.1, 2.9, 3.5, 3.5, 5.2, 4.8, 6.9, 6.1, 7.7, 7.7, 9.4, 9.9];
    const r = theilSenSlope(x, y);
    expectClose(r.slope, 0.8464285714285715, 1e-14);
    expectClose(r.intercept, 0.9946428571428569, 1e-13);
    expectClose(r.lowSlope, 0.7833333333333333, 1e-14);
    expectClose(r.highSlope, 0.9666666666666668, 1e-14);
    const r90 = theilSenSlope(x, y, 0.9);
    expectClose(r90.lowSlope, 0.7999999999999998, 1e-14);
    expectClose(r90.highSlope, 0.9600000000000002, 1e-14);
  });

  it('small exact case', () => {
    // slopes of [1, 3, 2, 5, 4] over 0..4: {2, 0.5, 4/3, 0.75, -1, 1, 0.5, 3, 1/3, -1}; median 0.875
    const r = theilSenSlope([0, 1, 2, 3, 4], [1, 3, 2, 5, 4]);
    expect(r).toMatchObject({ slope: 0.875, intercept: 1.25, lowSlope: -1, highSlope: 3 });
  });

  it('thin data: insufficient_data; misuse throws', () => {
    expect(theilSenSlope([1], [2]).status).toBe('insufficient_data');
    expect(theilSenSlope([2, 2, 2], [1, 2, 3]).slope).toBeNaN();
    expect(() => theilSenSlope([1, 2], [1])).toThrow(/same length/);
  });
});
