/**
 * Ratio metrics (delta method over users), capped durations and segments against an independent
 * numpy / scipy / statsmodels computation that reads the fixture file with Python's sqlite3
 * (references/ratio-segments-reference.py → ratio-segments-reference.json), and a generated test
 * where one skill reacts differently.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ABTestAnalysis } from '../../../src/ab-testing/analysis-types.js';
import { buildAnalysis } from '../../../src/ab-testing/analysis.js';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { openAnalytics } from '../../../src/node/index.js';
import { mulberry32 } from '../../../src/stats/index.js';
import { reduceOutcomes, type RawOutcome } from './helpers.js';

type Ref = Record<string, number | number[]>;
interface Reference {
  completionRate: Ref;
  avgDurationSeconds: Ref;
  avgDurationSecondsCapped: Ref;
  durationCap: { capSeconds: number; cappedOutcomes: number; outcomesWithDuration: number };
  completionRateCuped?: { difference: number };
  segments: {
    dimension: string;
    segment: string;
    effect: number;
    effectPValue: number;
    differenceFromRest: number;
    df: number;
    pValue: number;
    tested: boolean;
    adjustedPValue?: number;
  }[];
}
const REF = JSON.parse(readFileSync(new URL('./references/ratio-segments-reference.json', import.meta.url), 'utf8')) as Record<string, Reference>;
const FIELDS = ['control', 'treatment', 'controlVariance', 'treatmentVariance', 'difference', 'standardError', 'pValue', 'relativeLift'] as const;
const PAIRS = ['ci95', 'relativeLiftCi95', 'relativeLiftDeltaCi95'] as const;

function expectRatio(ours: ABTestAnalysis['ratioMetrics']['completionRate'], ref: Ref): void {
  for (const f of FIELDS) expect(Math.abs((ours[f] as number) - (ref[f] as number)), f).toBeLessThan(1e-9);
  for (const f of PAIRS) for (const i of [0, 1]) expect(Math.abs((ours[f][i] as number) - (ref[f] as number[])[i]), `${f}[${i}]`).toBeLessThan(1e-9);
}

describe('ratio metrics, capped durations and segments equal numpy / scipy / statsmodels on the fixtures', () => {
  const files = { sample: 'test/fixtures/sample.db', legacy: 'test/fixtures/legacy.db' } as const;
  const engines: Partial<Record<keyof typeof files, AnalyticsEngine>> = {};
  beforeAll(async () => {
    for (const [k, f] of Object.entries(files)) engines[k as keyof typeof files] = await openAnalytics(f);
  });
  afterAll(async () => {
    for (const e of Object.values(engines)) await e?.dispose();
  });

  for (const key of ['sample_1', 'sample_2', 'legacy_1']) {
    it(`${key}: completion rate, mean duration and capped duration by the delta method over users; cap = numpy.percentile(99.9, linear); segments = scipy Welch + Holm`, async () => {
      const [file, test] = key.split('_');
      const a = await (engines[file as keyof typeof files] as AnalyticsEngine).abTesting.analyzeResults(Number(test));
      const ref = REF[key];
      const r = a.ratioMetrics;
      expectRatio(r.completionRate, ref.completionRate);
      expectRatio(r.avgDurationSeconds, ref.avgDurationSeconds);
      expectRatio(r.avgDurationSecondsCapped as ABTestAnalysis['ratioMetrics']['completionRate'], ref.avgDurationSecondsCapped);
      // the per-outcome estimand is upstream's own completion rate and mean duration
      expect(r.completionRate.control).toBeCloseTo(a.controlMetrics.completionRate as number, 14);
      expect(r.avgDurationSeconds.treatment).toBeCloseTo(a.treatmentMetrics.avgDurationSeconds as number, 12);
      expect(r.durationCap?.capSeconds).toBeCloseTo(ref.durationCap.capSeconds, 9);
      expect(r.durationCap?.cappedOutcomes).toBe(ref.durationCap.cappedOutcomes);
      expect(r.durationCap?.outcomesWithDuration).toBe(ref.durationCap.outcomesWithDuration);
      if (ref.completionRateCuped) expect(Math.abs((r.completionRate.adjusted?.difference as number) - ref.completionRateCuped.difference)).toBeLessThan(1e-9);
      const ours = new Map(a.segments.dimensions.flatMap((d) => d.segments).map((s) => [`${s.dimension}=${s.segment}`, s]));
      expect(ours.size).toBe(ref.segments.length);
      for (const s of ref.segments) {
        const o = ours.get(`${s.dimension}=${s.segment}`);
        expect(o, `${s.dimension}=${s.segment}`).toBeDefined();
        if (!o) continue;
        expect(o.effect.estimate).toBeCloseTo(s.effect, 12);
        expect(o.effectPValue).toBeCloseTo(s.effectPValue, 9);
        expect(o.differenceFromRest).toBeCloseTo(s.differenceFromRest, 12);
        expect(o.tested).toBe(s.tested);
        if (s.tested) {
          expect(o.df).toBeCloseTo(s.df, 8);
          expect(o.pValue).toBeCloseTo(s.pValue, 9);
          expect(o.adjustedPValue).toBeCloseTo(s.adjustedPValue as number, 9);
        }
      }
      expect(a.segments.dimensions.map((d) => [d.dimension, d.available])).toEqual([
        ['skill', true],
        ['workflow_phase', true],
        ['source_file', false],
      ]);
    });
  }
});

describe('a segment that reacts differently is flagged (generated, truth known)', () => {
  it('the skill with a +30 pp effect is flagged first (others only for lacking it: the rest holds it); CUPED on the ratio removes variance', () => {
    const rand = mulberry32(3030);
    const raw: RawOutcome[] = [];
    for (let u = 0; u < 800; u++) {
      const group = rand() < 0.5 ? 'control' : 'treatment';
      const a = rand();
      const n = 2 + Math.floor(rand() * 8);
      for (let j = 0; j < n; j++) {
        const s = Math.floor(rand() * 4);
        const effect = group === 'treatment' && s === 3 ? 0.3 : 0;
        raw.push({
          userId: `u${u}`,
          group,
          day: '2026-01-01',
          completed: rand() < 0.1 + 0.3 * a + 0.1 * s + effect,
          durationSeconds: 10 + 100 * rand(),
          userRating: null,
          skillName: `s${s}`,
        });
      }
    }
    const assigned = { control: new Set(raw.filter((o) => o.group === 'control').map((o) => o.userId)).size, treatment: 0 };
    assigned.treatment = 800 - assigned.control;
    const history = [...new Set(raw.map((o) => o.userId))].map((userId) => ({ userId, testOutcomes: 0, testCompleted: 0, invocations: 0, invocationsCompleted: 0 }));
    const a = buildAnalysis(reduceOutcomes(raw, { testId: 1, testName: 'segments', minSampleSize: 100, assignmentRatio: 0.5, assigned }, { history, assignmentSequence: [] }));
    const skills = a.segments.dimensions[0].segments;
    const s3 = skills.find((s) => s.segment === 's3');
    expect(a.segments.flagged).toContain('skill=s3');
    expect(s3?.effect.estimate).toBeGreaterThan(0.2);
    expect(s3?.differenceFromRest).toBeGreaterThan(0.2);
    expect(Math.min(...skills.map((s) => s.adjustedPValue as number))).toBe(s3?.adjustedPValue);
    // a segment without the effect is flagged only because its rest contains s3: its difference from the rest is negative
    for (const s of skills) if (s.flagged && s.segment !== 's3') expect(s.differenceFromRest).toBeLessThan(0);
    expect(a.segments.tested).toBe(4);
    // the skill mix predicts completion: CUPED on the linearised ratio narrows it
    expect(a.ratioMetrics.completionRate.adjusted?.covariates).toEqual(['skill_mix_expected_rate']);
    expect(a.ratioMetrics.completionRate.adjusted?.varianceReduction).toBeGreaterThan(0.05);
    // distinct durations: type 7 puts the cap between order statistics ⌊(N − 1)·0.999⌋ and the next, so N − 1 − ⌊(N − 1)·0.999⌋ lie above it
    const n = a.ratioMetrics.durationCap?.outcomesWithDuration as number;
    expect(a.ratioMetrics.durationCap?.cappedOutcomes).toBe(n - 1 - Math.floor((n - 1) * 0.999));
  });
});
