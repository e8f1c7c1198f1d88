/**
 * readInvocations (with the timestamp fast path) gives what a plain row-by-row read of the table
 * gives: NULL vs empty text, unicode, every double, rows with unparseable times left out and counted.
 */
import { readFileSync } from 'node:fs';
import type { Database } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { SkillsDatabase } from '../../../src/engine/SkillsDatabase.js';
import { parseTimestamp } from '../../../src/engine/time.js';
import { nodeHost } from '../../../src/node/host.js';

const SQL = await nodeHost.loadSqlJs();

/** Row-by-row reference: every row in id order, times parsed, NULL duration → NaN. */
function reference(db: Database) {
  const rows = db.exec('SELECT id, skill_name, invoked_at, session_id, completed, duration_seconds, workflow_phase FROM skill_invocation ORDER BY id')[0]?.values ?? [];
  const kept = rows.filter((r) => parseTimestamp(r[2] as string) !== null);
  return {
    id: kept.map((r) => r[0]),
    skillName: kept.map((r) => r[1]),
    invokedAt: kept.map((r) => parseTimestamp(r[2] as string)),
    sessionId: kept.map((r) => r[3]),
    completed: kept.map((r) => (r[4] !== 0 ? 1 : 0)),
    durationSeconds: kept.map((r) => (r[5] === null ? NaN : Number(r[5]))),
    workflowPhase: kept.map((r) => r[6]),
    unparsed: rows.length - kept.length,
  };
}

function asPlain(cols: ReturnType<SkillsDatabase['readInvocations']>['columns']) {
  return {
    id: Array.from(cols.id),
    skillName: cols.skillName,
    invokedAt: Array.from(cols.invokedAt),
    sessionId: cols.sessionId,
    completed: Array.from(cols.completed),
    durationSeconds: Array.from(cols.durationSeconds),
    workflowPhase: cols.workflowPhase,
  };
}

const TRICKY = `CREATE TABLE skill_invocation(id INTEGER PRIMARY KEY AUTOINCREMENT, skill_name TEXT NOT NULL, invoked_at TEXT NOT NULL, session_id TEXT NOT NULL,
  completed BOOLEAN, duration_seconds REAL, workflow_phase TEXT);
INSERT INTO skill_invocation(id, skill_name, invoked_at, session_id, completed, duration_seconds, workflow_phase) VALUES
  (3, 'a', '2026-11-20T13:45:12.123456+00:00', 's1', 1, 0.30000000000000004, 'execution'),
  (5, '', '2026-11-20 13:45:12', 's,1', 0, NULL, ''),
  (6, 'ünïcødé 🚀', '2026-11-20T13:45:12Z', '', 1, 12, NULL),
  (9, 'a', 'not a time', 's2', 1, 1.0, 'x'),
  (10, 'b', '2026-11-20T13:45:12.5+01:00', 's2', 0, 4.9406564584124654e-324, 'y'),
  (11, 'b', '2026-02-30T00:00:00', 's2', 1, 1.7976931348623157e308, NULL),
  (20, 'c', '2026-11-20T13:45:12.123456789', 's3', 2, -0.0, 'planning'),
  (21, 'c', '0050-01-01T00:00:00', 's3', 1, 0.1, 'planning');`;

async function tricky(extra = ''): Promise<Database> {
  const db = new SQL.Database();
  db.run(TRICKY + extra);
  return db;
}

describe('readInvocations', () => {
  it.each(['test/fixtures/sample.db', 'test/fixtures/legacy.db', 'test/fixtures/train20k.db'])('reads %s exactly as row by row', (file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const raw = new SQL.Database(bytes);
    const ref = reference(raw);
    const db = SkillsDatabase.open(SQL, bytes);
    const { columns, warnings } = db.readInvocations();
    const { unparsed: _, ...expected } = ref;
    expect(asPlain(columns)).toEqual(expected);
    expect(warnings.some((w) => w.code === 'WRONG_TYPE')).toBe(false);
    raw.close();
    db.close();
  });

  it('keeps NULL vs empty text, unicode, separators inside values, every double, and skips unparseable times', async () => {
    const raw = await tricky();
    const ref = reference(raw);
    expect(ref.unparsed).toBe(2); // 'not a time' and 30 February
    const db = SkillsDatabase.open(SQL, raw.export());
    const { columns, warnings } = db.readInvocations();
    const { unparsed: _, ...expected } = ref;
    expect(asPlain(columns)).toEqual(expected);
    expect(columns.workflowPhase).toEqual(['execution', '', null, 'y', 'planning', 'planning']);
    expect(columns.durationSeconds[4]).toBe(0); // SQLite stores -0.0 in a REAL column as 0
    expect(columns.durationSeconds[3]).toBe(4.9406564584124654e-324);
    expect(columns.invokedAt[3]).toBe(Date.UTC(2026, 10, 20, 12, 45, 12) * 1000 + 500_000);
    expect(warnings).toEqual([expect.objectContaining({ code: 'UNPARSEABLE_TIME', count: 2 })]);
    db.close();
  });
});
