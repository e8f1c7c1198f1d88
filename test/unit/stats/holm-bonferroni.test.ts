// Reference: R 4.2.2 `p.adjust(p, method = "holm")` (options(digits = 17)).
import { describe, it, expect } from 'vitest';
import { holmBonferroni } from '../../../src/stats/index.js';
import { expectClose } from './close.js';

describe('holmBonferroni', () => {
  it('equals R p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.0001), "holm")', () => {
    const r = holmBonferroni([0.01, 0.04, 0.03, 0.005, 0.2, 0.0001]);
    const expected = [0.04, 0.09, 0.09, 0.025, 0.2, 0.0006];
    r.forEach((v, i) => expectClose(v, expected[i], 1e-14));
  });

  it('NaN entries stay NaN and do not count (R: p.adjust(c(0.02, NA, 0.01, 0.04), "holm"))', () => {
    const r = holmBonferroni([0.02, NaN, 0.01, 0.04]);
    expectClose(r[0], 0.04, 1e-14);
    expect(r[1]).toBeNaN();
    expectClose(r[2], 0.03, 1e-14);
    expectClose(r[3], 0.04, 1e-14);
  });

  it('caps at 1 (R: p.adjust(c(0.5, 0.6, 0.9), "holm") = 1 1 1) and handles empty input', () => {
    expect(holmBonferroni([0.5, 0.6, 0.9])).toEqual([1, 1, 1]);
    expect(holmBonferroni([])).toEqual([]);
    expect(() => holmBonferroni([0.5, 1.5])).toThrow(/\[0, 1\]/);
  });
});
