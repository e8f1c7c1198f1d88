/**
 * The pure parts of stored history: parsing skill_time_series rows, the whole-hour window rule,
 * combining hours into days (worked by hand in the comments), code-point ordering.
 */
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../../src/engine/time.js';
import type { DailyRow } from '../../../src/hourly/sql.js';
import { compareCodePoints, parseStoredRows, storedHoursIn, type StoredHour } from '../../../src/hourly/stored-hours.js';
import { completedCount, mergeDaily, mergeHourly, storedDurationWeight } from '../../../src/hourly/stored-merge.js';
import { analyzeDailyTrend } from '../../../src/time-series/trend.js';
import { secondWindow } from '../../../src/hourly/window.js';

const H = 3_600_000_000;
const at = (s: string) => parseTimestamp(s)!;
const row = (id: number, timestamp: unknown, count: unknown = 2, rate: unknown = 0.5, avg: unknown = 10, sessions: unknown = 1, skill: unknown = 's') => ({
  id,
  skill_name: skill,
  timestamp,
  invocation_count: count,
  completion_rate: rate,
  avg_duration_seconds: avg,
  unique_sessions: sessions,
});
const stored = (hour: string, count: number, rate: number, avg: number | null, skillName = 's'): StoredHour => ({
  id: 1,
  skillName,
  hourMicros: at(hour),
  invocationCount: count,
  completionRate: rate,
  avgDurationSeconds: avg,
  uniqueSessions: 1,
});

describe('parseStoredRows', () => {
  it('reads every session-buddy time format, takes the containing hour, keeps the last written duplicate, counts what it leaves out', () => {
    const t = parseStoredRows([
      row(1, '2026-11-20T13:00:00'), // naive = UTC (session-buddy's hourly text)
      row(2, '2026-11-20T14:00:00+00:00', 3),
      row(3, '2026-11-20 14:00:00', 4), // same hour as id 2, written later: wins
      row(4, '2026-11-20T15:25:00Z'), // not on the hour → 15:00, counted
      row(5, 'yesterday'),
      row(6, '2026-11-20T16:00:00', 2, 1.5), // rate outside [0, 1]
      row(7, '2026-11-20T17:00:00', 2.5), // not a whole count
      row(8, '2026-11-20T18:00:00', 0, null, null), // no invocations: says nothing
      row(9, '2026-11-20T19:00:00', 2, 0.5, null, null), // no duration, no sessions: fine
      row(10, '2026-11-20T12:00:00+01:00'), // = 11:00 UTC
    ]);
    expect(t.hours.map((h) => [h.id, new Date(h.hourMicros / 1000).toISOString().slice(11, 16), h.invocationCount])).toEqual([
      [10, '11:00', 2],
      [1, '13:00', 2],
      [3, '14:00', 4],
      [4, '15:00', 2],
      [9, '19:00', 2],
    ]);
    expect(t.hours.at(-1)).toMatchObject({ avgDurationSeconds: null, uniqueSessions: 0 });
    expect([t.unreadable, t.unaligned, t.duplicates]).toEqual([3, 1, 1]);
  });

  it('storedHoursIn: only hours the window covers whole (a stored hour cannot be split)', () => {
    const t = parseStoredRows(['10:00', '11:00', '12:00', '13:00'].map((h, i) => row(i + 1, `2026-11-20T${h}:00Z`)));
    // 3 hours ending at 13:30:00 → [10:30:00, 13:30:01): 10:00 and 13:00 are partly outside
    const w = secondWindow(at('2026-11-20T13:30:00Z'), 3 * H);
    expect(storedHoursIn(t, w).map((h) => h.id)).toEqual([2, 3]);
    expect(storedHoursIn(t, w, 'other')).toEqual([]);
    // on the hour: 13:00:00 − 3 h = 10:00:00, and 13:00 holds only its first second → 10, 11, 12
    expect(storedHoursIn(t, secondWindow(at('2026-11-20T13:00:00Z'), 3 * H)).map((h) => h.id)).toEqual([1, 2, 3]);
  });
});

describe('combining hours', () => {
  it('mergeHourly: invocations win; disagreements are returned; stored hours fill the rest, in skill then hour order', () => {
    const raw = [
      { timestamp: '2026-11-20T13:00:00Z', skillName: 'b', invocationCount: 2, completionRate: 0.5, avgDurationSeconds: 10, uniqueSessions: 1, source: 'invocations' as const },
    ];
    const same = { ...stored('2026-11-20T13:00:00Z', 2, 0.5, 10, 'b') };
    const other = { ...stored('2026-11-20T13:00:00Z', 3, 0.5, 10, 'b') };
    const fill = [stored('2026-11-20T12:00:00Z', 1, 1, 3, 'b'), stored('2026-11-20T14:00:00Z', 1, 1, 3, 'a')];
    expect(mergeHourly(raw, [same]).mismatches).toEqual([]);
    const m = mergeHourly(raw, [other, ...fill]);
    expect(m.mismatches).toEqual([
      {
        skillName: 'b',
        timestamp: '2026-11-20T13:00:00Z',
        stored: { invocationCount: 3, completionRate: 0.5, avgDurationSeconds: 10, uniqueSessions: 1 },
        invocations: { invocationCount: 2, completionRate: 0.5, avgDurationSeconds: 10, uniqueSessions: 1 },
      },
    ]);
    expect(m.rows.map((r) => `${r.skillName}@${r.timestamp.slice(11, 13)}:${r.source}`)).toEqual(['a@14:stored', 'b@12:stored', 'b@13:invocations']);
    expect(m.used).toEqual(fill);
  });

  it('mergeDaily: counts add, completion = Σ completed / Σ count, durations weighted by the known-duration estimate', () => {
    const day = at('2026-11-20T00:00:00Z');
    // invocations that day: 4, 3 completed, durations known for 3 averaging 10 (sum 30)
    const raw: DailyRow = { skill_name: 's', day_us: day, invocation_count: 4, completion_rate: 0.75, avg_duration_seconds: 10, duration_count: 3, unique_sessions: 2 };
    const merged = mergeDaily(
      [raw],
      [
        stored('2026-11-20T01:00:00Z', 2, 0.5, 20), // 1 completed → weight 1, sum 20
        stored('2026-11-20T02:00:00Z', 1, 0, 5), // 0 completed but has a duration → weight 1, sum 5
        stored('2026-11-20T03:00:00Z', 3, 1, null), // no duration → weight 0
        stored('2026-11-21T01:00:00Z', 2, 1, 8), // next day: weight 2, sum 16
        stored('2026-11-21T02:00:00Z', 2, 0.5, 4), // weight 1, sum 4
      ],
    );
    // day 20: count 4+2+1+3 = 10, completed 3+1+0+3 = 7, durations (30+20+5)/(3+1+1) = 11
    expect(merged[0]).toMatchObject({ day_us: day, invocation_count: 10, completion_rate: 0.7, avg_duration_seconds: 11, duration_count: 5, stored_hours: 3, stored_count: 6 });
    // day 21 (stored only): count 4, completed 3, durations (16+4)/3
    expect(merged[1]).toMatchObject({ invocation_count: 4, completion_rate: 0.75, duration_count: 3, stored_hours: 2, stored_count: 4 });
    expect(merged[1].avg_duration_seconds).toBeCloseTo(20 / 3, 12);
    // the trend points say where each day came from
    const t = analyzeDailyTrend(merged, { skillName: 's', metric: 'completion_rate', windowDays: 7, window: null, excludePartialDays: false, missingValues: 'zero' });
    expect(t.points).toEqual([
      { day: '2026-11-20', value: 0.7, count: 10, source: 'mixed', storedHours: 3 },
      { day: '2026-11-21', value: 0.75, count: 4, source: 'stored', storedHours: 2 },
    ]);
    // a day without stored hours is returned as it came, marked
    expect(mergeDaily([raw], [])).toEqual([{ ...raw, stored_hours: 0, stored_count: 0 }]);
  });

  it('weights and completed counts', () => {
    expect([completedCount(3, 2 / 3), completedCount(7, 3 / 7), completedCount(2, 0.3)]).toEqual([2, 3, 0.6]);
    expect(storedDurationWeight(stored('2026-11-20T01:00:00Z', 4, 0.5, 12))).toBe(2);
    expect(storedDurationWeight(stored('2026-11-20T01:00:00Z', 4, 0, 12))).toBe(1);
    expect(storedDurationWeight(stored('2026-11-20T01:00:00Z', 4, 1, null))).toBe(0);
  });

  it('compareCodePoints orders like DuckDB (UTF-8 bytes), not like UTF-16 units', () => {
    const names = ['\u{1F600}', '\uFF21', 'b', 'a', 'ab', 'é'];
    // U+FF21 (3 UTF-8 bytes) sorts before U+1F600 (4 bytes); JavaScript's default sort puts the surrogate pair first
    expect([...names].sort(compareCodePoints)).toEqual(['a', 'ab', 'b', 'é', '\uFF21', '\u{1F600}']);
    expect([...names].sort()).not.toEqual([...names].sort(compareCodePoints));
  });
});
