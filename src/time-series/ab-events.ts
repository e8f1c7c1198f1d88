/**
 * Starts and stops of the file's A/B tests (ab_test_configs, read-only), to show beside changepoints.
 */
import type { EngineContext } from '../engine/context.js';
import { formatIso, parseTimestamp } from '../engine/time.js';
import type { AbTestEvent } from './seasonal-types.js';

/** The columns of an ab_test_configs row that place a test on the time axis. */
interface TestDatesRow {
  test_id: number;
  test_name: string;
  start_date: string | null;
  end_date: string | null;
  status: string | null;
}

/**
 * A/B test starts and stops inside [startMicros, endMicros).
 * @param ctx engine context (its SQLite file is only read)
 * @param startMicros window start
 * @param endMicros window end (exclusive)
 * @returns events in time order; empty when the file has no ab_test_configs table
 * @example await readAbEvents(ctx, start, end) // [{ testId: 1, testName: 'prompt-v2', event: 'start', timestamp: '2026-11-10T09:00:00Z', status: 'running', skills: ['pytest-run'] }]
 */
export function readAbEvents(ctx: EngineContext, startMicros: number, endMicros: number): AbTestEvent[] {
  if (!ctx.db.hasTable('ab_test_configs')) return [];
  const configs = ctx.db.all<TestDatesRow>('SELECT test_id, test_name, start_date, end_date, status FROM ab_test_configs ORDER BY test_id');
  const skills = new Map<number, string[]>();
  if (ctx.db.hasTable('ab_test_outcomes')) {
    for (const r of ctx.db.all<{ test_id: number; skill_name: string }>(
      'SELECT DISTINCT test_id, skill_name FROM ab_test_outcomes WHERE skill_name IS NOT NULL ORDER BY test_id, skill_name',
    )) {
      const list = skills.get(r.test_id) ?? [];
      list.push(String(r.skill_name));
      skills.set(r.test_id, list);
    }
  }
  const out: AbTestEvent[] = [];
  for (const c of configs) {
    for (const [event, text] of [
      ['start', c.start_date],
      ['stop', c.end_date],
    ] as const) {
      const at = parseTimestamp(text);
      if (at === null || at < startMicros || at >= endMicros) continue;
      out.push({
        testId: Number(c.test_id),
        testName: String(c.test_name),
        event,
        timestamp: formatIso(at),
        status: c.status === null ? null : String(c.status),
        skills: skills.get(c.test_id) ?? [],
      });
    }
  }
  return out.sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp) || a.testId - b.testId);
}
