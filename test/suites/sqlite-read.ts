/**
 * Test helpers: SQLite files read with sql.js in Node, independently of the engine; and a copy of a
 * fixture whose invocations before `cut` are deleted and replaced by their hourly aggregates in skill_time_series, computed by SQLite itself (sql.js) with session-buddy's
 * hourly SQL (`strftime('%Y-%m-%dT%H:00:00', invoked_at)`, naive UTC hour text).
 */
import { readFileSync } from 'node:fs';
import initSqlJs, { type Database } from 'sql.js';

/**
 * @param file fixture path
 * @param cut SQLite datetime text; invocations with datetime(invoked_at) < cut are pruned
 * @param extra more changes to make to the copy before export
 * @returns the copy's bytes
 */
export async function prunedCopy(file: string, cut: string, extra: (db: Database) => void = () => undefined): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database(readFileSync(file));
  try {
    db.run(
      `INSERT INTO skill_time_series (skill_name, timestamp, invocation_count, completion_rate, avg_duration_seconds, unique_sessions)
       SELECT skill_name, strftime('%Y-%m-%dT%H:00:00', invoked_at), count(*), avg(CASE WHEN completed = 1 THEN 1.0 ELSE 0.0 END),
              avg(duration_seconds), count(DISTINCT session_id)
       FROM skill_invocation WHERE datetime(invoked_at) < ? GROUP BY 1, 2`,
      [cut],
    );
    db.run('DELETE FROM skill_invocation WHERE datetime(invoked_at) < ?', [cut]);
    extra(db);
    return db.export();
  } finally {
    db.close();
  }
}

/** Opens bytes with sql.js (to read what a file holds, independently of the engine). */
export async function openSqlJs(bytes: Uint8Array): Promise<Database> {
  return new (await initSqlJs()).Database(bytes);
}

/** Rows of a query as objects. */
export function rowsOf<T>(db: Database, sql: string, params: (string | number | null)[] = []): T[] {
  const stmt = db.prepare(sql, params);
  const out: T[] = [];
  try {
    while (stmt.step()) out.push(stmt.getAsObject() as T);
  } finally {
    stmt.free();
  }
  return out;
}
