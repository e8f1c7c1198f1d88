// The scores of the real-world evaluations (bench/real-world/): TCPDBench's F1 and cover, checked on
// the examples in its metrics.py docstrings, and M4's sMAPE / MASE by hand.
import { describe, expect, it } from 'vitest';
import { coverScore, f1Score } from '../../../bench/real-world/tcpd-metrics.js';
import { mase, seasonalNaive, smape } from '../../../bench/real-world/m4-data.js';

describe('TCPD metrics (TCPDBench analysis/scripts/metrics.py examples)', () => {
  it('F1 with margin 5, index 0 counted for everyone', () => {
    expect(f1Score({ 1: [10, 20], 2: [11, 20], 3: [10], 4: [0, 5] }, [10, 20]).f1).toBe(1);
    expect(f1Score({ 1: [], 2: [10], 3: [50] }, [10]).f1).toBeCloseTo(0.9090909090909091, 15);
    expect(f1Score({ 1: [], 2: [10], 3: [50] }, []).f1).toBeCloseTo(0.8, 15);
  });
  it('segmentation cover averaged over annotators', () => {
    expect(coverScore({ 1: [10, 20], 2: [10], 3: [0, 5] }, [10, 20], 45)).toBeCloseTo(0.7962962962962963, 15);
    expect(coverScore({ 1: [], 2: [10], 3: [40] }, [10], 45)).toBeCloseTo(0.7954144620811286, 15);
    expect(coverScore({ 1: [], 2: [10], 3: [40] }, [], 45)).toBeCloseTo(0.8189300411522634, 15);
  });
});

describe('M4 metrics', () => {
  it('sMAPE = mean 200 |y − ŷ| / (|y| + |ŷ|)', () => {
    expect(smape([100, 200], [110, 200])).toBeCloseTo((200 * 10) / 210 / 2, 12);
  });
  it('MASE scaled by the in-sample seasonal naive error', () => {
    const insample = [1, 2, 3, 2, 4, 3]; // m = 2: |3 − 1|, |2 − 2|, |4 − 3|, |3 − 2| → mean 1
    expect(mase(insample, [5, 5], [4, 7], 2)).toBeCloseTo(1.5, 12);
    expect(seasonalNaive(insample, 2, 3)).toEqual([4, 3, 4]);
  });
});
