/**
 * planTest, power at the current sample, Python-compatible text formats, and the pure parts of
 * the analysis on hand-made sufficient statistics.
 */
import { describe, expect, it } from 'vitest';
import { checkConfig, pythonIsoFormat } from '../../../src/ab-testing/ABTestConfig.js';
import { planTest, powerAtCurrentSample } from '../../../src/ab-testing/plan.js';
import { sequentialPValue } from '../../../src/ab-testing/sequential.js';
import { pythonFixed } from '../../../src/ab-testing/upstream-verdict.js';

describe('planTest', () => {
  it('gives users per group and in total', () => {
    // python3 (statistics.NormalDist), Fleiss eq. 4.14, k = 1: n = 3396.0776 → 3397
    expect(planTest({ baselineRate: 0.72, mde: 0.03 })).toMatchObject({ controlUsers: 3397, treatmentUsers: 3397, totalUsers: 6794, treatmentRate: 0.75 });
    // ratio 0.3 → k = n_t/n_c = 7/3, power 0.9: n_c = 3236.70, n_t = 7552.31 (python3, same formula)
    expect(planTest({ baselineRate: 0.72, mde: 0.03, ratio: 0.3, power: 0.9 })).toMatchObject({ controlUsers: 3237, treatmentUsers: 7553, totalUsers: 10790 });
  });

  it('rejects impossible plans', () => {
    expect(() => planTest({ baselineRate: 0, mde: 0.03 })).toThrow(/baselineRate/);
    expect(() => planTest({ baselineRate: 0.98, mde: 0.03 })).toThrow(/between 0 and 1/);
    expect(() => planTest({ baselineRate: 0.5, mde: 0.03, ratio: 1 })).toThrow(/ratio/);
    expect(() => planTest({ baselineRate: 0.5, mde: 0.03, power: 1 })).toThrow(/power/);
  });

  it('power at the current sample: MDE = (z.975 + z.8)·SE, power = Φ(Δ/SE − z.975)', () => {
    // SE 0.02: MDE = (1.959963985 + 0.841621234)·0.02 = 0.0560317044; power for 0.05: Φ(2.5 − 1.959963985) = 0.7054139 (python3 NormalDist)
    const p = powerAtCurrentSample(0.02, 0.05, 0.8, 0.05);
    expect(p.minimumDetectableEffect).toBeCloseTo(0.0560317044, 9);
    expect(p.powerReached).toBeCloseTo(0.7054139024, 8);
    expect(powerAtCurrentSample(NaN, 0.05, 0.8, 0.05)).toMatchObject({ minimumDetectableEffect: null, powerReached: null });
  });
});

describe('Python formats', () => {
  it("pythonFixed rounds like Python's format(x, '.nf')", () => {
    // python3: format(0.03125, '.4f') = '0.0312', format(0.25, '.1f') = '0.2', format(0.35, '.1f') = '0.3', format(1.0537e-06, '.4f') = '0.0000'
    expect(pythonFixed(0.03125, 4)).toBe('0.0312');
    expect(pythonFixed(0.25, 1)).toBe('0.2');
    expect(pythonFixed(0.75, 1)).toBe('0.8');
    expect(pythonFixed(0.35, 1)).toBe('0.3');
    expect(pythonFixed(1.0537e-6, 4)).toBe('0.0000');
    expect(pythonFixed(-0.25, 1)).toBe('-0.2');
    expect(pythonFixed(NaN, 4)).toBe('nan');
    expect(pythonFixed(0.85954211, 4)).toBe('0.8595');
  });

  it('pythonIsoFormat writes datetime.now(timezone.utc).isoformat()', () => {
    expect(pythonIsoFormat(new Date(Date.UTC(2026, 10, 24, 19, 5, 26, 687)))).toBe('2026-11-24T19:05:26.687000+00:00');
    expect(pythonIsoFormat(new Date(Date.UTC(2026, 10, 24, 19, 5, 26, 0)))).toBe('2026-11-24T19:05:26+00:00');
  });

  it('checkConfig fills upstream defaults and joins metrics with commas', () => {
    const row = checkConfig({ testName: 't', controlStrategy: 'a', treatmentStrategy: 'b' }, new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)));
    expect(row).toEqual({
      testName: 't',
      description: null,
      controlStrategy: 'a',
      treatmentStrategy: 'b',
      startDate: '2026-01-02T03:04:05.006000+00:00',
      endDate: null,
      minSampleSize: 100,
      metrics: 'completion_rate',
    });
    expect(checkConfig({ testName: 't', controlStrategy: 'a', treatmentStrategy: 'b', metrics: ['completion_rate', 'user_satisfaction'] }).metrics).toBe(
      'completion_rate,user_satisfaction',
    );
  });
});

describe('sequential p over daily looks', () => {
  it('is the running minimum of 1/Λ over the looks (never rises again)', () => {
    const rows = [] as { group: 'control' | 'treatment'; userId: string; day: string; n: number; completed: number }[];
    // day 1: a big gap between groups; day 2: 600 new users per group at 50 % dilute it. p may not rise after day 1.
    for (let i = 0; i < 60; i++) rows.push({ group: 'control', userId: `c${i}`, day: '2026-01-01', n: 1, completed: i % 10 < 3 ? 1 : 0 });
    for (let i = 0; i < 60; i++) rows.push({ group: 'treatment', userId: `t${i}`, day: '2026-01-01', n: 1, completed: i % 10 < 8 ? 1 : 0 });
    const day1 = sequentialPValue(rows, 0.05);
    for (let i = 0; i < 600; i++) rows.push({ group: 'control', userId: `c-new${i}`, day: '2026-01-02', n: 2, completed: i % 2 });
    for (let i = 0; i < 600; i++) rows.push({ group: 'treatment', userId: `t-new${i}`, day: '2026-01-02', n: 2, completed: i % 2 });
    const day2 = sequentialPValue(rows, 0.05);
    const day2Alone = sequentialPValue(
      rows.map((r) => ({ ...r, day: '2026-01-02' })),
      0.05,
    );
    expect(day2Alone.pValue).toBeGreaterThan(day1.pValue);
    expect(day1.looks).toBe(1);
    // python3: rates 0.3 vs 0.8 over 60 users each, s² = (0.3·0.7 + 0.8·0.2)·(60/59)/60, τ² = 0.0025:
    // 1/Λ = exp(−(½·ln(s²/(s²+τ²)) + τ²·0.5²/(2·s²·(s²+τ²)))) = 0.0040320859
    expect(day1.pValue).toBeCloseTo(0.0040320859, 9);
    expect(day2.looks).toBe(2);
    expect(day2.pValue).toBe(day1.pValue);
    expect(day2.decidedOn).toBe('2026-01-01');
  });
});
