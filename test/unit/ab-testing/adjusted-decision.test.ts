/**
 * The regression-adjusted confidence sequence the decision rests on (generated populations where
 * the covariates predict completion, 14 daily looks): A/A false positives under daily peeking stay
 * ≤ 5 %, and with a real effect it decides earlier on average than the unadjusted sequence. The
 * unadjusted sequence is the same function with nothing to adjust on (one skill name, no
 * history), which reproduces `alwaysValid`'s completion p exactly.
 */
import { describe, expect, it } from 'vitest';
import { adjustedConfidenceSequence } from '../../../src/ab-testing/adjusted-confidence-sequence.js';
import { buildAnalysis } from '../../../src/ab-testing/analysis.js';
import type { UserSkillDayCounts } from '../../../src/ab-testing/segment-queries.js';
import { generatePopulation } from './generated-population.js';

const dayIndex = (d: string | null, days: readonly string[]) => (d === null ? days.length + 1 : days.indexOf(d) + 1);

function both(seed: number, effect: number) {
  const looks = generatePopulation(seed, { effect, perVisit: 10, historyMax: 50 });
  const last = looks[looks.length - 1];
  const rows = last.details?.userSkillDays as readonly UserSkillDayCounts[];
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const adjusted = adjustedConfidenceSequence(rows, last.details?.history ?? [], 0.05, 0.05);
  const flat = adjustedConfidenceSequence(
    rows.map((r) => ({ ...r, skill: 'one' })),
    [],
    0.05,
    0.05,
  );
  return { last, adjusted, flat, adjustedDay: dayIndex(adjusted.decidedOn, days), flatDay: dayIndex(flat.decidedOn, days) };
}

describe('variance reduction inside the always-valid decision', () => {
  it('nothing to adjust on: the sequence is the unadjusted mSPRT of alwaysValid', () => {
    const { last, flat } = both(90_001, 0.05);
    expect(flat.adjustedLooks).toBe(0);
    expect(flat.pValue).toBeCloseTo(buildAnalysis(last).alwaysValid.metrics[0].pValue, 12);
  });

  it('A/A, 200 populations, 14 daily looks: the adjusted sequence excludes 0 in ≤ 5 %; the decision follows it', () => {
    let adjustedHits = 0;
    let flatHits = 0;
    for (let s = 0; s < 200; s++) {
      const r = both(91_000 + s, 0);
      expect(r.adjusted.adjustedLooks).toBeGreaterThan(10);
      if (r.adjusted.decidedOn !== null) adjustedHits++;
      if (r.flat.decidedOn !== null) flatHits++;
    }
    console.info(`A/A false positives under daily peeking: adjusted ${adjustedHits / 200}, unadjusted ${flatHits / 200}`);
    expect(adjustedHits / 200).toBeLessThanOrEqual(0.05);
  });

  it('+5 pp, 100 populations: the adjusted sequence decides earlier on average and more often', () => {
    let adjustedDays = 0;
    let flatDays = 0;
    let later = 0;
    let earlier = 0;
    let adjustedPower = 0;
    let flatPower = 0;
    for (let s = 0; s < 100; s++) {
      const r = both(92_000 + s, 0.05);
      adjustedDays += r.adjustedDay;
      flatDays += r.flatDay;
      if (r.adjustedDay > r.flatDay) later++;
      if (r.adjustedDay < r.flatDay) earlier++;
      if (r.adjusted.decidedOn !== null) adjustedPower++;
      if (r.flat.decidedOn !== null) flatPower++;
    }
    console.info(
      `+5 pp: looks to decision (no decision = 15) adjusted ${adjustedDays / 100}, unadjusted ${flatDays / 100}; adjusted earlier in ${earlier}, later in ${later} of 100; power ${adjustedPower} vs ${flatPower} %`,
    );
    expect(adjustedDays).toBeLessThan(flatDays);
    expect(adjustedPower).toBeGreaterThanOrEqual(flatPower);
    expect(earlier).toBeGreaterThan(later);
  });

  it('the recommended decision rests on the adjusted sequence and says so', () => {
    const { last, adjusted } = both(93_001, 0.05);
    const a = buildAnalysis(last);
    expect(a.adjustedAlwaysValid.pValue).toBe(adjusted.pValue);
    expect(a.decisionRule.goals[0].pValue).toBe(adjusted.pValue);
    expect(a.verdictBasis).toMatch(/regression-adjusted mSPRT over 14 daily look/);
  });
});
