/**
 * Simulations on generated populations where the truth is known (generated-population.ts):
 * - the confidence sequences of the difference and of the lift cover the truth at every one of 14
 *   daily looks at once in ≥ 95 % of 400 simulations, with and without an effect;
 * - under daily peeking in 200 A/A tests the always-valid methods (mSPRT p, confidence sequence,
 *   recommended decision) keep false positives ≤ 5 %, while daily fixed-horizon tests do not;
 * - post-stratification by skill and CUPED on history shrink the variance of the user-level
 *   difference (the table of the "Must show" is printed with console.info).
 */
import { describe, expect, it } from 'vitest';
import { buildAnalysis } from '../../../src/ab-testing/analysis.js';
import { alwaysValidIntervals, DEFAULT_METRIC_MIXTURE_SD } from '../../../src/ab-testing/confidence-sequences.js';
import { CONTROL_MEAN_RATE, generatePopulation } from './generated-population.js';

const covers = (i: { ciLow: number | null; ciHigh: number | null }, truth: number) => i.ciLow !== null && i.ciHigh !== null && i.ciLow <= truth && truth <= i.ciHigh;

describe('confidence sequences under daily peeking (generated populations, truth known)', () => {
  for (const effect of [0, 0.05]) {
    it(`cover the true difference (${effect}) and lift (${effect / CONTROL_MEAN_RATE}) at all 14 looks at once in ≥ 95 % of 400 simulations`, () => {
      let diff = 0;
      let lift = 0;
      const SIMS = 400;
      for (let s = 0; s < SIMS; s++) {
        const looks = generatePopulation(31_000 + s, { effect });
        // the running intersection after the last look covers θ iff every look's interval did
        const av = alwaysValidIntervals(looks[looks.length - 1].userDays, DEFAULT_METRIC_MIXTURE_SD, 0.05).metrics[0];
        expect(av.looks).toBe(14);
        if (covers(av.difference, effect)) diff++;
        if (covers(av.relativeLift, effect / CONTROL_MEAN_RATE)) lift++;
      }
      console.info(`confidence-sequence coverage over 14 daily looks, effect ${effect}: difference ${diff / SIMS}, lift ${lift / SIMS}`);
      expect(diff / SIMS).toBeGreaterThanOrEqual(0.95);
      expect(lift / SIMS).toBeGreaterThanOrEqual(0.95);
    });
  }
});

describe('false-positive rate of each method under daily peeking (200 A/A tests, 14 looks) and variance reduction', () => {
  it('always-valid methods ≤ 5 %, daily fixed-horizon tests above; adjusted CIs are narrower', () => {
    const SIMS = 200;
    const methods = [
      'session-buddy (outcome Student t)',
      'daily user-level Welch',
      'daily variance-reduced Welch',
      'mSPRT always-valid p',
      'confidence sequence excludes 0',
      'recommended decision',
    ] as const;
    const hits = Object.fromEntries(methods.map((m) => [m, 0])) as Record<(typeof methods)[number], number>;
    let reduction = 0;
    let widthBefore = 0;
    let widthAfter = 0;
    for (let s = 0; s < SIMS; s++) {
      const first = Object.fromEntries(methods.map((m) => [m, false])) as Record<(typeof methods)[number], boolean>;
      const looks = generatePopulation(52_000 + s);
      looks.forEach((input, day) => {
        const a = buildAnalysis(input);
        if (a.winner !== 'inconclusive') first['session-buddy (outcome Student t)'] = true;
        if ((a.userLevel.welch.pValue ?? 1) < 0.05) first['daily user-level Welch'] = true;
        if ((a.varianceReduction.pValue ?? 1) < 0.05) first['daily variance-reduced Welch'] = true;
        if (a.sequential.pValue < 0.05) first['mSPRT always-valid p'] = true;
        const d = a.alwaysValid.metrics[0].difference;
        if ((d.ciLow ?? -1) > 0 || (d.ciHigh ?? 1) < 0) first['confidence sequence excludes 0'] = true;
        if (a.recommendedDecision === 'ship_treatment' || a.recommendedDecision === 'keep_control' || a.recommendedDecision === 'blocked_by_guardrail')
          first['recommended decision'] = true;
        if (day === looks.length - 1) {
          expect(a.varianceReduction.adjusted).toBe(true);
          reduction += a.varianceReduction.varianceReduction as number;
          widthBefore += a.varianceReduction.ciWidthBefore as number;
          widthAfter += a.varianceReduction.ciWidthAfter as number;
        }
      });
      for (const m of methods) if (first[m]) hits[m]++;
    }
    const rate = Object.fromEntries(methods.map((m) => [m, hits[m] / SIMS]));
    console.info('false-positive rates, 200 A/A tests, 14 daily looks', rate);
    console.info(
      `variance reduction at the last look (mean of ${SIMS}): ${(reduction / SIMS).toFixed(4)}; 95 % CI width ${(widthBefore / SIMS).toFixed(4)} → ${(widthAfter / SIMS).toFixed(4)}`,
    );
    expect(rate['mSPRT always-valid p']).toBeLessThanOrEqual(0.05);
    expect(rate['confidence sequence excludes 0']).toBeLessThanOrEqual(0.05);
    expect(rate['recommended decision']).toBeLessThanOrEqual(0.05);
    expect(rate['daily user-level Welch']).toBeGreaterThan(0.05);
    expect(rate['daily variance-reduced Welch']).toBeGreaterThan(0.05);
    // the confidence sequence is the dual of the mSPRT: they signal in the same simulations
    expect(hits['confidence sequence excludes 0']).toBe(hits['mSPRT always-valid p']);
    expect(reduction / SIMS).toBeGreaterThan(0.05);
    expect(widthAfter).toBeLessThan(widthBefore);
  });

  it('heavy users (1–10 outcomes a visit, 10–50 earlier outcomes): the variance reduction is large; 100 simulations, the adjusted estimate stays unbiased', () => {
    let reduction = 0;
    let before = 0;
    let after = 0;
    let bias = 0;
    const SIMS = 100;
    for (let s = 0; s < SIMS; s++) {
      const looks = generatePopulation(64_000 + s, { effect: 0.05, perVisit: 10, historyMax: 50 });
      const v = buildAnalysis(looks[looks.length - 1]).varianceReduction;
      reduction += v.varianceReduction as number;
      before += v.ciWidthBefore as number;
      after += v.ciWidthAfter as number;
      bias += (v.difference.estimate as number) - 0.05;
    }
    console.info(
      `heavy users: variance reduction ${(reduction / SIMS).toFixed(4)}; 95 % CI width ${(before / SIMS).toFixed(4)} → ${(after / SIMS).toFixed(4)}; mean error of the adjusted difference ${(bias / SIMS).toFixed(5)}`,
    );
    expect(reduction / SIMS).toBeGreaterThan(0.2);
    expect(Math.abs(bias / SIMS)).toBeLessThan(0.005);
  });

  it('each covariate helps on its own; nothing to adjust on → unadjusted, labelled, identical to the user-level Welch', () => {
    const last = (o: Parameters<typeof generatePopulation>[1]) => {
      const looks = generatePopulation(77, o);
      return buildAnalysis(looks[looks.length - 1]);
    };
    const skillsOnly = last({ history: false });
    const historyOnly = last({ skills: false });
    const neither = last({ skills: false, history: false });
    console.info('variance reduction: skills only', skillsOnly.varianceReduction.varianceReduction, 'history only', historyOnly.varianceReduction.varianceReduction);
    expect(skillsOnly.varianceReduction.covariates).toEqual(['skill_mix_expected_rate']);
    expect(skillsOnly.varianceReduction.varianceReduction).toBeGreaterThan(0.05);
    expect(historyOnly.varianceReduction.covariates).toEqual(['prior_completion_rate', 'has_prior_history']);
    expect(historyOnly.varianceReduction.varianceReduction).toBeGreaterThan(0.005);
    expect(neither.varianceReduction.adjusted).toBe(false);
    expect(neither.varianceReduction.method).toMatch(/^unadjusted \(nothing to adjust on/);
    expect(neither.varianceReduction.varianceReduction).toBe(0);
    expect(neither.varianceReduction.pValue).toBeCloseTo(neither.userLevel.welch.pValue as number, 12);
  });
});
