// No look-ahead: invocations appended after asOf change nothing computed for that asOf.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { formatIso } from '../../../src/engine/time.js';
import { openAnalytics } from '../../../src/node/index.js';
import { loadFeatureMatrix } from '../../../src/predictive/feature-matrix.js';
import type { ModelJSON, TrainingReport } from '../../../src/predictive/types.js';
import { appendInvocations, type InvocationSpec } from './predictor-helpers.js';

const DB = 'test/fixtures/train20k.db';
const OPTIONS = { days: 60, model: 'forest' as const, forest: { nTrees: 20 } };

/** Positions where two arrays differ (plus the length difference). */
function differences(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = Math.abs(a.length - b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) n++;
  return n;
}

/** The report without its wall-clock duration. */
const timeless = ({ seconds, ...rest }: TrainingReport) => rest;

describe('no look-ahead', () => {
  let original: AnalyticsEngine;
  let extended: AnalyticsEngine;
  let asOf: string;
  let appended: InvocationSpec[];
  beforeAll(async () => {
    original = await openAnalytics(DB);
    const asOfMicros = original.context().defaultAsOfMicros!;
    asOf = formatIso(asOfMicros);
    // 400 failures of the busiest skills in existing sessions, from 1 µs after asOf on: if any
    // of them leaked into a feature, rate or label for asOf, the results below would move.
    const recent = await original
      .context()
      .warehouse.query<{ skill_name: string; session_id: string }>('SELECT skill_name, session_id FROM invocations ORDER BY invoked_at_us DESC, id DESC LIMIT 200');
    const busy = { skills: [...new Set(recent.map((r) => r.skill_name))], sessions: [...new Set(recent.map((r) => r.session_id))] };
    appended = Array.from({ length: 400 }, (_, i) => ({
      skill: busy.skills[i % busy.skills.length],
      session: busy.sessions[i % busy.sessions.length],
      at: formatIso(asOfMicros + 1 + i * 60_000_000).replace('Z', '+00:00'),
      completed: 0,
      phase: 'execution',
    }));
    extended = await openAnalytics(await appendInvocations(DB, appended));
  });
  afterAll(async () => {
    await Promise.all([original?.dispose(), extended?.dispose()]);
  });

  it('the copy really holds the later rows', async () => {
    expect((await extended.info()).invocations).toBe(20400);
    expect(extended.context().defaultAsOfMicros!).toBeGreaterThan(original.context().defaultAsOfMicros!);
  });

  it('features of every row up to asOf are unchanged', async () => {
    const asOfMicros = original.context().defaultAsOfMicros!;
    const range = { fromMicros: 0, toMicros: asOfMicros };
    const [a, b] = await Promise.all([loadFeatureMatrix(original.context().warehouse, range), loadFeatureMatrix(extended.context().warehouse, range)]);
    expect(b.ids.length).toBe(20000);
    expect(differences(b.ids, a.ids) + differences(b.labels, a.labels)).toBe(0);
    expect(a.X.map((column, f) => differences(b.X[f], column))).toEqual([0, 0, 0, 0, 0, 0, 0]);
    const live = ['pytest-run', null, 'execution', { sessionId: appended[0].session }, { at: asOf }] as const;
    expect(await extended.predictor.extractFeatures(...live)).toEqual(await original.predictor.extractFeatures(...live));
  });

  it('training for the old asOf gives the same report and the same model', async () => {
    const a = await original.predictor.trainModel({ ...OPTIONS, asOf });
    const b = await extended.predictor.trainModel({ ...OPTIONS, asOf });
    expect(timeless(b)).toEqual(timeless(a));
    const [ma, mb]: ModelJSON[] = [await original.predictor.exportModel(), await extended.predictor.exportModel()];
    expect(mb.forest).toEqual(ma.forest);
    // Scores of the old rows, from the same model and features, are the same too.
    expect(await extended.predictor.scoreInvocations({ to: asOf })).toEqual(await original.predictor.scoreInvocations());
  });

  it('while the default asOf (the new latest row) does see the appended rows', async () => {
    const b = await extended.predictor.trainModel(OPTIONS);
    expect(b.samplesUsed).toBe(20400);
    expect(b.window.asOf).not.toBe(asOf);
  });
});
