/**
 * The benchmark generator writes files our engine (and session-buddy's own triggers) accept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { generateSkillsDb } from '../../../bench/generators/generate-skills-db.js';
import { SESSION_BUDDY_SCHEMA } from '../../../bench/generators/session-buddy-schema.js';
import { openAnalytics, parseTimestamp } from '../../../src/node/index.js';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';

const N = 5000;
const AS_OF = '2026-11-24T19:00:00Z';
const DAYS = 14;
const LEGACY = 0.1;

let SQL: SqlJsStatic;
let bytes: Uint8Array;
let engine: AnalyticsEngine;

const rows = <T>(db: Database, sql: string): T[] => {
  const res = db.exec(sql);
  return res.length ? (res[0].values as T[]) : [];
};

beforeAll(async () => {
  SQL = await initSqlJs();
  bytes = await generateSkillsDb({ n: N, days: DAYS, seed: 7, asOf: AS_OF, legacyShare: LEGACY, SQL });
  engine = await openAnalytics(bytes);
});
afterAll(async () => {
  await engine?.dispose();
});

describe('generateSkillsDb', () => {
  it('opens in the engine with every row, every time parsed and schema version 4', async () => {
    const info = await engine.info();
    expect(info.schemaVersion).toBe(4);
    expect(info.rows).toBe(N);
    expect(info.invocations).toBe(N); // rows whose invoked_at did not parse would be missing here
    expect(info.skills).toBeGreaterThanOrEqual(35);
    expect(info.skills).toBeLessThanOrEqual(40);
    expect(info.sessions).toBeGreaterThan(N / 40);
    expect(info.sessions).toBeLessThan(N / 10);
    expect(info.warnings.map((w) => w.code)).not.toContain('WAL_NOT_APPLIED');
  });

  it('writes session-buddy timestamps inside (asOf - days, asOf], ids in time order', () => {
    const db = engine.context().db;
    const times = db.all<{ id: number; invoked_at: string }>('SELECT id, invoked_at FROM skill_invocation ORDER BY id');
    const current = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/;
    const naive = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$/;
    const legacyRows = Math.floor(LEGACY * N);
    const asOfUs = parseTimestamp(AS_OF)!;
    let previous = -Infinity;
    times.forEach(({ id, invoked_at }, i) => {
      expect(id).toBe(i + 1);
      expect(invoked_at).toMatch(i < legacyRows ? naive : current);
      const us = parseTimestamp(invoked_at);
      expect(us).not.toBeNull();
      expect(us!).toBeGreaterThanOrEqual(previous);
      expect(us!).toBeLessThanOrEqual(asOfUs);
      expect(us!).toBeGreaterThan(asOfUs - DAYS * 86_400e6);
      previous = us!;
    });
    const withoutFraction = times.filter((t) => !t.invoked_at.includes('.')).length;
    expect(withoutFraction).toBeLessThan(N * 0.01);
  });

  it('stores durations exactly for completed rows and realistic phases and rates', () => {
    const db = engine.context().db;
    const [mismatch] = db.all<{ n: number }>('SELECT COUNT(*) AS n FROM skill_invocation WHERE (completed = 1) <> (duration_seconds IS NOT NULL)');
    expect(mismatch.n).toBe(0);
    const phases = db.all<{ p: string | null; n: number }>('SELECT workflow_phase AS p, COUNT(*) AS n FROM skill_invocation GROUP BY 1');
    expect(phases.map((r) => r.p).sort()).toEqual([null, 'execution', 'planning', 'setup', 'verification'].sort());
    const [{ rate }] = db.all<{ rate: number }>('SELECT AVG(completed) AS rate FROM skill_invocation');
    expect(rate).toBeGreaterThan(0.6);
    expect(rate).toBeLessThan(0.8);
  });

  it('logs migrations V1..V4 and has every non-FTS object of session-buddy', () => {
    const db = new SQL.Database(bytes);
    try {
      expect(rows<[string]>(db, 'SELECT version FROM skill_migrations ORDER BY version').map((r) => r[0])).toEqual([
        'V1__initial_schema',
        'V2__add_semantic_search',
        'V3__add_workflow_correlation',
        'V4__phase4_extensions',
      ]);
      const names = new Set(rows<[string]>(db, 'SELECT name FROM sqlite_master').map((r) => r[0]));
      for (const o of SESSION_BUDDY_SCHEMA) expect(names.has(o.name), o.name).toBe(true);
      expect(names.has('skill_invocation_fts')).toBe(false);
      expect(rows(db, 'PRAGMA integrity_check')).toEqual([['ok']]);
    } finally {
      db.close();
    }
  });

  it('fills skill_metrics, session_skills and skill_metrics_cache exactly as the real triggers do', () => {
    const generated = new SQL.Database(bytes);
    const replayed = new SQL.Database(bytes);
    try {
      // Replay every row through session-buddy's triggers on empty trigger tables.
      replayed.run(`DELETE FROM skill_metrics; DELETE FROM session_skills; DELETE FROM skill_metrics_cache;
        CREATE TEMP TABLE copy AS SELECT * FROM skill_invocation; DELETE FROM skill_invocation;
        INSERT INTO skill_invocation SELECT * FROM copy ORDER BY id;`);
      const metrics =
        'SELECT skill_name, total_invocations, completed_invocations, abandoned_invocations, workflow_paths, common_errors, follow_up_actions, first_invoked, last_invoked, completion_rate, avg_duration_seconds, total_duration_seconds FROM skill_metrics ORDER BY rowid';
      const a = rows<unknown[]>(generated, metrics);
      const b = rows<unknown[]>(replayed, metrics);
      expect(a.length).toBeGreaterThanOrEqual(35);
      expect(a.map((r) => r.slice(0, 11))).toEqual(b.map((r) => r.slice(0, 11)));
      a.forEach((r, i) => expect(r[11] as number).toBeCloseTo(b[i][11] as number, 6));
      const pairs = 'SELECT session_id, skill_name, invocation_count FROM session_skills ORDER BY session_id, skill_name';
      expect(rows(generated, pairs)).toEqual(rows(replayed, pairs));
      const cache =
        'SELECT skill_name, last_invocation_at, invocation_count_1h, invocation_count_24h, avg_completion_rate_24h, is_anomalous, anomaly_score FROM skill_metrics_cache ORDER BY skill_name';
      expect(rows(generated, cache)).toEqual(rows(replayed, cache));
    } finally {
      generated.close();
      replayed.close();
    }
  });

  it('is deterministic in the seed', async () => {
    const again = await generateSkillsDb({ n: N, days: DAYS, seed: 7, asOf: AS_OF, legacyShare: LEGACY, SQL });
    const other = await generateSkillsDb({ n: N, days: DAYS, seed: 8, asOf: AS_OF, legacyShare: LEGACY, SQL });
    expect(Buffer.compare(Buffer.from(again), Buffer.from(bytes))).toBe(0);
    expect(Buffer.compare(Buffer.from(other), Buffer.from(bytes))).not.toBe(0);
  });

  it('rejects options out of range', async () => {
    await expect(generateSkillsDb({ n: -1 })).rejects.toThrow(/n must be/);
    await expect(generateSkillsDb({ n: 10, legacyShare: 2 })).rejects.toThrow(/legacyShare/);
    await expect(generateSkillsDb({ n: 10, asOf: 'yesterday' })).rejects.toThrow(/asOf/);
  });
});
