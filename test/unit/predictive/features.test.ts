// Point-in-time features on a small hand-built skills.db with answers worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { openAnalytics } from '../../../src/node/index.js';
import { loadFeatureMatrix } from '../../../src/predictive/feature-matrix.js';
import { FEATURE_NAMES, featureSql } from '../../../src/predictive/features-sql.js';
import { phaseCode, phaseCodeSql } from '../../../src/predictive/phase-encoding.js';
import { buildSkillsDb, type InvocationSpec } from './predictor-helpers.js';

// 2026-11-20 is a Friday (Mon = 0 → 4); t0 = 12:00:00 UTC.
const T0 = '2026-11-20T12:00:00+00:00';
const rows: InvocationSpec[] = [
  { id: 1, skill: 'a', at: T0, session: 's1', completed: 1, phase: 'planning' },
  // Same instant as id 1: id 1 is earlier (ties ordered by id).
  { id: 2, skill: 'a', at: '2026-11-20 12:00:00', session: 's1', completed: 0, phase: null },
  // Exactly 24 h after ids 1-2: they are inside [t − 24 h, t).
  { id: 3, skill: 'a', at: '2026-11-21T12:00:00Z', session: 's2', completed: 1, phase: 'review' },
  // 24 h + 1 µs after ids 1-2: they are outside.
  { id: 4, skill: 'a', at: '2026-11-21T12:00:00.000001+00:00', session: 's2', completed: 0, phase: ' Execution ' },
  { id: 5, skill: 'b', at: '2026-11-21T12:00:00.000001+00:00', session: 's2', completed: 1, phase: '' },
  // Inserted in reverse id order at one instant: id 8 comes first all the same.
  { id: 9, skill: 'c', at: '2026-11-21T18:00:00Z', session: 's3', completed: 0, phase: 'setup' },
  { id: 8, skill: 'c', at: '2026-11-21T18:00:00Z', session: 's3', completed: 1, phase: 'verification' },
  // A session starting 30.5 minutes before its second invocation.
  { id: 10, skill: 'd', at: '2026-11-22T08:00:00Z', session: 's4', completed: 1, phase: 'setup' },
  { id: 11, skill: 'e', at: '2026-11-22T08:30:30Z', session: 's4', completed: 1, phase: 'execution' },
];

// [hour, weekday, count24h, rate24h, phase, sessionMinutes, familiarity], worked out by hand.
const expected: Record<number, number[]> = {
  1: [12, 4, 0, 0, 1, 0, 0],
  2: [12, 4, 1, 1, 0, 0, 1],
  3: [12, 5, 2, 0.5, 5, 0, 0],
  4: [12, 5, 1, 1, 3, 1 / 60e6, 1],
  5: [12, 5, 0, 0, 0, 1 / 60e6, 0],
  8: [18, 5, 0, 0, 4, 0, 0],
  9: [18, 5, 1, 1, 2, 0, 1],
  10: [8, 6, 0, 0, 2, 0, 0],
  11: [8, 6, 0, 0, 3, 30.5, 0],
};

describe('point-in-time features (hand-built file)', () => {
  let engine: AnalyticsEngine;
  beforeAll(async () => {
    engine = await openAnalytics(await buildSkillsDb(rows));
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  it('every stored row, from one query, equals the hand-worked values', async () => {
    const m = await loadFeatureMatrix(engine.context().warehouse, { fromMicros: 0, toMicros: Date.parse('2026-12-01') * 1000 });
    expect(Array.from(m.ids)).toEqual([1, 2, 3, 4, 5, 8, 9, 10, 11]);
    expect(Array.from(m.labels)).toEqual([1, 0, 1, 0, 1, 1, 0, 1, 1]);
    Array.from(m.ids).forEach((id, i) => {
      expect(
        FEATURE_NAMES.map((_, f) => m.X[f][i]),
        `row ${id}`,
      ).toEqual(expected[id]);
    });
  });

  it('the window bounds are inclusive: rows at exactly `from` and `to` are in, others out', async () => {
    const from = Date.parse('2026-11-21T12:00:00Z') * 1000;
    const to = Date.parse('2026-11-21T18:00:00Z') * 1000;
    const m = await loadFeatureMatrix(engine.context().warehouse, { fromMicros: from, toMicros: to });
    expect(Array.from(m.ids)).toEqual([3, 4, 5, 8, 9]);
    expect(FEATURE_NAMES.map((_, f) => m.X[f][0])).toEqual(expected[3]);
  });

  it('a live invocation sees stored rows at or before its time, through the same SQL', async () => {
    const at = '2026-11-21T12:00:00.000001Z';
    const f = await engine.predictor.extractFeatures('a', 'run it', 'verification', { sessionId: 's2' }, { at });
    // Rows 3 and 4 are in [at − 24 h, at] (4 is at `at` itself: already recorded); row 3 completed.
    expect(f).toEqual({
      skillName: 'a',
      at,
      workflowPhase: 'verification',
      sessionId: 's2',
      hourOfDay: 12,
      dayOfWeek: 5,
      invocationCount24h: 2,
      avgCompletionRate24h: 0.5,
      workflowPhaseEncoded: 4,
      sessionLengthMinutes: 1 / 60e6,
      userSkillFamiliarity: 1,
    });
  });

  it('an unknown or absent session gives session length 0 and familiarity 0; sessionStart counts', async () => {
    const at = '2026-11-22T09:00:00Z';
    const unknown = await engine.predictor.extractFeatures('e', null, null, { sessionId: 'never-seen' }, { at });
    expect([unknown.sessionLengthMinutes, unknown.userSkillFamiliarity, unknown.invocationCount24h, unknown.workflowPhaseEncoded]).toEqual([0, 0, 1, 0]);
    const none = await engine.predictor.extractFeatures('e', null, 'review', null, { at });
    expect([none.sessionLengthMinutes, none.userSkillFamiliarity, none.workflowPhaseEncoded]).toEqual([0, 0, 5]);
    const started = await engine.predictor.extractFeatures('e', null, null, { sessionStart: '2026-11-22T07:30:00Z' }, { at });
    expect(started.sessionLengthMinutes).toBe(90);
    // Stored session s4 began 08:00; a declared start at 07:00 is earlier and wins; one at 08:15 does not.
    const s4 = await engine.predictor.extractFeatures('e', null, null, { sessionId: 's4', sessionStart: '2026-11-22T07:00:00Z' }, { at });
    expect([s4.sessionLengthMinutes, s4.userSkillFamiliarity]).toEqual([120, 1]);
    const late = await engine.predictor.extractFeatures('e', null, null, { sessionId: 's4', sessionStart: '2026-11-22T08:15:00Z' }, { at });
    expect(late.sessionLengthMinutes).toBe(60);
  });

  it('a live invocation before every row has no history; later rows never leak in', async () => {
    const f = await engine.predictor.extractFeatures('a', null, null, { sessionId: 's1' }, { at: '2026-11-20T11:59:59.999999Z' });
    expect([f.invocationCount24h, f.avgCompletionRate24h, f.sessionLengthMinutes, f.userSkillFamiliarity, f.hourOfDay]).toEqual([0, 0, 0, 0, 11]);
  });

  it('defaults `at` to asOf (the latest invocation) and checks its arguments', async () => {
    const f = await engine.predictor.extractFeatures('e', null, null, { sessionId: 's4' });
    expect(f.at).toBe('2026-11-22T08:30:30Z');
    expect([f.invocationCount24h, f.sessionLengthMinutes, f.userSkillFamiliarity]).toEqual([1, 30.5, 1]);
    await expect(engine.predictor.extractFeatures('', null, null, {})).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(engine.predictor.extractFeatures('a', null, null, {}, { at: 'yesterday' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(engine.predictor.extractFeatures('a', null, null, { sessionStart: '2026-11-23T00:00:00Z' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('skill names with quotes and markup are data, not SQL', async () => {
    const f = await engine.predictor.extractFeatures("a' OR '1'='1 <b>", null, null, { sessionId: "s1'; DROP TABLE invocations; --" });
    expect([f.invocationCount24h, f.sessionLengthMinutes]).toEqual([0, 0]);
    expect((await engine.context().warehouse.query<{ n: number }>('SELECT count(*) AS n FROM invocations'))[0].n).toBe(9);
  });
});

describe('phase encoding and SQL text', () => {
  it('is the reference table, in JavaScript and SQL alike', () => {
    expect([null, undefined, '', '  ', 'planning', 'setup', 'execution', 'verification', 'Verification', 'review'].map(phaseCode)).toEqual([0, 0, 0, 0, 1, 2, 3, 4, 4, 5]);
    expect(phaseCodeSql('p')).toBe(
      "CASE WHEN p IS NULL OR trim(p) = '' THEN 0 WHEN lower(trim(p)) = 'planning' THEN 1 WHEN lower(trim(p)) = 'setup' THEN 2 WHEN lower(trim(p)) = 'execution' THEN 3 WHEN lower(trim(p)) = 'verification' THEN 4 ELSE 5 END",
    );
  });

  it('orders by (invoked_at_us, id) with ROWS frames and bounds 24 h by a RANGE on time alone', () => {
    const sql = featureSql('rows');
    expect(sql).toContain('PARTITION BY skill_name ORDER BY invoked_at_us, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING');
    expect(sql).toContain('PARTITION BY skill_name ORDER BY invoked_at_us RANGE BETWEEN UNBOUNDED PRECEDING AND 86400000001 PRECEDING');
    expect(sql).toContain('WHERE invoked_at_us <= CAST($1 AS BIGINT)');
    expect(featureSql('probe')).toContain('UNION ALL');
  });
});
