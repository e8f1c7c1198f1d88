/**
 * The SQLite side of several files read as one: an in-memory sql.js database that the
 * capabilities read exactly as they read one file. The engine creates `skill_invocation` (empty
 * unless a capability's hook copies rows into it) and copies every file's stored hours
 * (`skill_time_series`); each capability's hook adds its own tables. It is rebuilt after a write
 * (writes go to the files themselves, never here).
 */
import type { SqlJsStatic } from 'sql.js';
import { SkillsDatabase } from '../SkillsDatabase.js';
import type { Warning } from '../types.js';
import type { DatasetHook, MergeFile, MergeOut } from './dataset-hooks.js';

const INVOCATION_DDL = `CREATE TABLE skill_invocation (
    id INTEGER PRIMARY KEY,
    skill_name TEXT NOT NULL,
    invoked_at TEXT NOT NULL,
    session_id TEXT NOT NULL,
    completed BOOLEAN NOT NULL DEFAULT 0,
    duration_seconds REAL
)`;

const TIME_SERIES_DDL = `CREATE TABLE skill_time_series (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    skill_name TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    invocation_count INTEGER DEFAULT 0,
    completion_rate REAL,
    avg_duration_seconds REAL,
    unique_sessions INTEGER DEFAULT 0
)`;

/** Why the merged database refuses writes. */
const MERGED_READ_ONLY =
  'several files are open as one dataset: writes go to one file, the one named by the open option writeTo (info.writeTo); this view of all files is read-only';

/** A hook with the plan it made for the files being merged. */
export interface PlannedHook {
  hook: DatasetHook;
  plan: { readonly warnings: readonly Warning[] };
}

/**
 * Builds the merged database of the files.
 * @param SQL sql.js
 * @param files the files in scope, in open order
 * @param planned each hook with its plan of the same files, in hook order
 * @returns a read-only SkillsDatabase: skill_invocation, the hooks' tables, skill_time_series (every file's rows, in file order)
 */
export function buildMergedDatabase(SQL: SqlJsStatic, files: readonly MergeFile[], planned: readonly PlannedHook[]): SkillsDatabase {
  const out = new SQL.Database();
  try {
    out.run(INVOCATION_DDL);
    out.run('BEGIN');
    for (const { hook, plan } of planned) hook.fill(out, files, plan);
    if (files.some((f) => f.db.hasTable('skill_time_series'))) {
      out.run(TIME_SERIES_DDL);
      for (const f of files) if (f.db.hasTable('skill_time_series')) copyStoredHours(out, f);
    }
    out.run('COMMIT');
    const db = SkillsDatabase.open(SQL, out.export());
    db.readOnly = MERGED_READ_ONLY;
    return db;
  } finally {
    out.close();
  }
}

function copyStoredHours(out: MergeOut, f: MergeFile): void {
  const s = out.prepare(
    'INSERT INTO skill_time_series (skill_name, timestamp, invocation_count, completion_rate, avg_duration_seconds, unique_sessions) VALUES (?, ?, ?, ?, ?, ?)',
  );
  try {
    for (const r of f.db.all<Record<string, number | string | null>>(
      'SELECT skill_name, timestamp, invocation_count, completion_rate, avg_duration_seconds, unique_sessions FROM skill_time_series ORDER BY id',
    )) {
      s.run([r.skill_name, r.timestamp, r.invocation_count, r.completion_rate, r.avg_duration_seconds, r.unique_sessions]);
    }
  } finally {
    s.free();
  }
}
