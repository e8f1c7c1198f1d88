/**
 * The A/B users' own invocations (sessions whose id is an A/B user id): their pre-assignment
 * history, which `analyzeResults`' variance reduction (CUPED) reads from `skill_invocation`. Two
 * places need a copy of them: the merged database of several files (from each file's sql.js
 * database, ids shifted and session ids made `<file>:<id>`) and the small database of a file read
 * page by page (from its invocation columns). One insert, two sources.
 */
import type { SqlValue } from 'sql.js';
import { sessionKey } from '../engine/dataset/combine-columns.js';
import type { MergeFile, MergeOut } from '../engine/dataset/dataset-hooks.js';
import type { InvocationColumns, SkillsDatabase } from '../engine/SkillsDatabase.js';
import { formatIso } from '../engine/time.js';

const INSERT_INVOCATION = 'INSERT INTO skill_invocation (id, skill_name, invoked_at, session_id, completed, duration_seconds) VALUES (?, ?, ?, ?, ?, ?)';

/**
 * Copies a file's A/B users' invocations into the merged database.
 * @param out the merged database (inside its transaction)
 * @param f a file with A/B tables
 */
export function copyHistory(out: MergeOut, f: MergeFile): void {
  const s = out.prepare(INSERT_INVOCATION);
  try {
    for (const row of historyRows(f)) s.run(row);
  } finally {
    s.free();
  }
}

/**
 * Copies into a paged file's small SQLite file the invocations whose session id is an A/B user id.
 * @param db the small database (its skill_invocation holds no rows yet)
 * @param columns the file's invocations, as read page by page
 */
export function copyAssignedSessions(db: SkillsDatabase, columns: InvocationColumns): void {
  if (!db.hasTable('ab_test_assignments') || !db.hasTable('skill_invocation')) return;
  const users = new Set(db.all<{ u: string }>('SELECT DISTINCT CAST(user_id AS TEXT) AS u FROM ab_test_assignments').map((r) => r.u));
  if (users.size === 0) return;
  db.transaction(() => {
    for (const row of columnRows(columns, users)) db.run(INSERT_INVOCATION, row);
  });
}

/** A file's A/B users' invocations, dataset ids and session keys. */
function* historyRows(f: MergeFile): Generator<SqlValue[]> {
  const duration = f.db.schema.hasDuration ? 'duration_seconds' : 'NULL';
  for (const r of f.db.all<{ id: number; skill_name: string; invoked_at: string; session_id: string; completed: number; d: number | null }>(
    `SELECT id, skill_name, invoked_at, session_id, completed, ${duration} AS d FROM skill_invocation
     WHERE session_id IN (SELECT user_id FROM ab_test_assignments) ORDER BY id`,
  )) {
    yield [r.id + f.idOffset, r.skill_name, r.invoked_at, sessionKey(f.name, String(r.session_id)), r.completed, r.d];
  }
}

/** The invocations of `users`' sessions among the columns, as stored. */
function* columnRows(columns: InvocationColumns, users: ReadonlySet<string>): Generator<SqlValue[]> {
  for (let i = 0; i < columns.length; i++) {
    if (!users.has(columns.sessionId[i])) continue;
    const d = columns.durationSeconds[i];
    yield [columns.id[i], columns.skillName[i], formatIso(columns.invokedAt[i]), columns.sessionId[i], columns.completed[i], Number.isNaN(d) ? null : d];
  }
}
