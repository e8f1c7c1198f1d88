/**
 * The hourly cube on hand-made invocations, against values counted by hand: cells per skill-hour
 * and skill-day (a session across two hours is one session of the day), a session that comes back
 * to a skill after another skill in the same hour, windows cut mid-hour and mid-day, rows out of
 * time order, ties on the instant, one file of two (its own ids), and the engine's index holder.
 */
import { describe, expect, it } from 'vitest';
import { DatasetIndexes } from '../../../src/engine/dataset/column-indexes.js';
import type { InvocationColumns } from '../../../src/engine/SkillsDatabase.js';
import { parseTimestamp } from '../../../src/engine/time.js';
import { HourlyCube, hourlyCubeIndex } from '../../../src/hourly/cube.js';
import { cubeDailyColumns, cubeFirstInvocation, cubeHourlyColumns, cubeLastInvocations, cubeQualifyingDailyColumns } from '../../../src/hourly/cube-window.js';

type Row = [id: number, skill: string, at: string, session: string, completed: 0 | 1, duration: number | null, source?: number];

function columns(rows: Row[], sources?: string[]): InvocationColumns {
  const n = rows.length;
  return {
    length: n,
    id: Float64Array.from(rows, (r) => r[0]),
    skillName: rows.map((r) => r[1]),
    invokedAt: Float64Array.from(rows, (r) => parseTimestamp(r[2])!),
    sessionId: rows.map((r) => r[3]),
    workflowPhase: rows.map(() => null),
    completed: Uint8Array.from(rows, (r) => r[4]),
    durationSeconds: Float64Array.from(rows, (r) => r[5] ?? Number.NaN),
    ...(sources ? { source: { names: sources, codes: Int32Array.from(rows, (r) => r[6] ?? 0) } } : {}),
  };
}

const us = (t: string) => parseTimestamp(t)!;
const win = (from: string, to: string) => ({ startMicros: us(from), endMicros: us(to), asOfSecond: us(to) - 1_000_000 });
const plain = (c: Record<string, unknown>) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Array.from(v as ArrayLike<unknown>)]));

// Listed in id order; ids 5 and 6 happen before ids 3 and 4 (times out of id order).
const ROWS: Row[] = [
  [1, 'b', '2026-11-20T10:05:00Z', 's1', 1, 2],
  [2, 'a', '2026-11-20T10:10:00Z', 's1', 0, null],
  [3, 'b', '2026-11-20T10:50:00Z', 's1', 1, 4], // s1 back on b in the same hour: still one session
  [4, 'b', '2026-11-20T11:20:00Z', 's1', 0, 6], // next hour: one session there, one in the day
  [5, 'b', '2026-11-20T10:01:00Z', 's2', 1, 1],
  [6, 'a', '2026-11-19T23:30:00Z', 's3', 1, 3],
  [7, 'b', '2026-11-20T11:20:00Z', 's2', 1, null], // same instant as id 4
];

describe('HourlyCube', () => {
  const cube = new HourlyCube(columns(ROWS), [{ name: 'one.db', idOffset: 0 }]);
  const scope = cube.scope(['one.db']);

  it('keeps the rows in (time, id) order and codes the skills; cells per skill-hour and skill-day', () => {
    expect(Array.from(cube.rows.id)).toEqual([6, 5, 1, 2, 3, 4, 7]);
    // Codes in first-seen order of the columns (id order); output order is by name.
    expect(cube.skills).toEqual(['b', 'a']);
    expect(plain({ ...scope.hours, length: [] })).toMatchObject({
      bucket: [us('2026-11-19T23:00:00Z'), us('2026-11-20T10:00:00Z'), us('2026-11-20T10:00:00Z'), us('2026-11-20T11:00:00Z')],
      skill: [1, 0, 1, 0],
      count: [1, 3, 1, 2],
      completed: [1, 3, 0, 1],
      durationCount: [1, 3, 0, 1],
      durationSum: [3, 7, 0, 6],
      sessions: [1, 2, 1, 2],
    });
    // Day 20: b has s2 and s1 over two hours (2 sessions, not 2 + 2), a has s1.
    expect(plain({ ...scope.days, length: [] })).toMatchObject({ skill: [1, 0, 1], count: [1, 5, 1], sessions: [1, 2, 1], durationSum: [3, 13, 0] });
  });

  it('answers a window cut mid-hour from the rows of its edges, ordered by skill then hour', () => {
    const c = cubeHourlyColumns(cube, scope, win('2026-11-20T10:06:00Z', '2026-11-20T11:20:00.000001Z'));
    expect(plain(c)).toEqual({
      skill_name: ['a', 'b', 'b'],
      hour_us: [us('2026-11-20T10:00:00Z'), us('2026-11-20T10:00:00Z'), us('2026-11-20T11:00:00Z')],
      invocation_count: [1, 1, 2],
      completion_rate: [0, 1, 0.5],
      avg_duration_seconds: [Number.NaN, 4, 6],
      duration_count: [0, 1, 1],
      unique_sessions: [1, 1, 2],
    });
    expect(plain(cubeHourlyColumns(cube, scope, win('2026-11-20T10:06:00Z', '2026-11-20T10:07:00Z'), 'b')).skill_name).toEqual([]);
    expect(plain(cubeHourlyColumns(cube, scope, win('2026-11-19T00:00:00Z', '2026-11-21T00:00:00Z'), 'zzz')).skill_name).toEqual([]);
  });

  it('daily rows: whole days from the cells, a cut day from its rows; qualifying skills by window count', () => {
    const d = cubeDailyColumns(cube, scope, win('2026-11-19T23:45:00Z', '2026-11-21T00:00:00Z'), 'a');
    expect(plain(d)).toMatchObject({ day_us: [us('2026-11-20T00:00:00Z')], invocation_count: [1] });
    const q = cubeQualifyingDailyColumns(cube, scope, win('2026-11-19T00:00:00Z', '2026-11-21T00:00:00Z'), 2);
    expect(plain(q)).toMatchObject({
      skill_name: ['b', 'a', 'a'],
      window_count: [5, 2, 2],
      day_us: [us('2026-11-20T00:00:00Z'), us('2026-11-19T00:00:00Z'), us('2026-11-20T00:00:00Z')],
    });
    expect(plain(cubeQualifyingDailyColumns(cube, scope, win('2026-11-19T00:00:00Z', '2026-11-21T00:00:00Z'), 3)).skill_name).toEqual(['b']);
  });

  it('first and last invocations; a tie on the instant goes to the highest id', () => {
    expect(cubeFirstInvocation(cube, scope, 'b')).toBe(us('2026-11-20T10:01:00Z'));
    expect(cubeFirstInvocation(cube, scope, 'zzz')).toBeNull();
    expect(cubeLastInvocations(cube, scope, us('2026-11-21T00:00:00Z'))).toEqual([
      { skill_name: 'b', last_us: us('2026-11-20T11:20:00Z'), last_id: 7 },
      { skill_name: 'a', last_us: us('2026-11-20T10:10:00Z'), last_id: 2 },
    ]);
    expect(cubeLastInvocations(cube, scope, us('2026-11-20T10:00:00Z'))).toEqual([{ skill_name: 'a', last_us: us('2026-11-19T23:30:00Z'), last_id: 6 }]);
  });

  it('one file of two: its own rows and its own ids; both files: every row', () => {
    const rows: Row[] = [
      [1, 'a', '2026-11-20T10:00:00Z', 'x.db:s1', 1, 1, 0],
      [2, 'a', '2026-11-20T10:30:00Z', 'x.db:s2', 0, 2, 0],
      [3, 'a', '2026-11-20T10:15:00Z', 'y.db:s1', 1, 5, 1],
    ];
    const two = new HourlyCube(columns(rows, ['x.db', 'y.db']), [
      { name: 'x.db', idOffset: 0 },
      { name: 'y.db', idOffset: 2 },
    ]);
    const w = win('2026-11-20T00:00:00Z', '2026-11-21T00:00:00Z');
    expect(plain(cubeHourlyColumns(two, two.scope(['x.db', 'y.db']), w))).toMatchObject({ invocation_count: [3], unique_sessions: [3], avg_duration_seconds: [8 / 3] });
    expect(plain(cubeHourlyColumns(two, two.scope(['y.db']), w))).toMatchObject({ invocation_count: [1], avg_duration_seconds: [5] });
    expect(cubeLastInvocations(two, two.scope(['y.db']), w.endMicros)).toEqual([{ skill_name: 'a', last_us: us('2026-11-20T10:15:00Z'), last_id: 1 }]);
    expect(cubeLastInvocations(two, two.scope(['y.db', 'x.db']), w.endMicros)[0].last_id).toBe(2);
  });
});

describe('DatasetIndexes', () => {
  it('builds an index once, on first use; null for an index the engine was not given', () => {
    let builds = 0;
    const counted = { build: (c: InvocationColumns) => ++builds + c.length };
    const indexes = new DatasetIndexes([counted, hourlyCubeIndex], columns(ROWS), [{ name: 'one.db', idOffset: 0 }]);
    expect(indexes.get(counted)).toBe(8);
    expect(indexes.get(counted)).toBe(8);
    expect(builds).toBe(1);
    expect(indexes.get({ build: () => 1 })).toBeNull();
    indexes.buildAll();
    expect(indexes.get(hourlyCubeIndex)?.skills).toEqual(['b', 'a']);
  });
});
