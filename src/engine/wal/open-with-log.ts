/**
 * Opens a skills.db together with its -wal log, as SQLite would see the pair: the log's committed
 * pages merged into a copy, checked with quick_check. A merged file that does not open, lacks the
 * skills tables or fails quick_check means the log belongs to another database (SQLite itself
 * cannot tell: it would apply any log with valid checksums): then the database opens alone, with
 * a WAL_MISMATCH warning.
 */
import type { SqlJsStatic } from 'sql.js';
import type { IntegrityReport } from '../integrity.js';
import { SkillsDatabase } from '../SkillsDatabase.js';
import { checkSqliteBytes } from '../sqlite-file.js';
import type { Warning } from '../types.js';
import { applyWal, mismatch, type WalSummary } from './apply-wal.js';

/** The opened database and what the log did. */
export interface OpenedWithLog {
  db: SkillsDatabase;
  /** The bytes that were opened (the merged copy when the log applied). */
  bytes: Uint8Array;
  /** What happened to the log; null when no log was given. */
  wal: WalSummary | null;
  warnings: Warning[];
  /** quick_check of the merged file, when one was run (it doubles as the open's verify). */
  checked: IntegrityReport | null;
}

/**
 * @param SQL sql.js
 * @param dbBytes the database file (never modified)
 * @param walBytes the -wal file, or null when there is none
 * @throws AnalyticsError as `SkillsDatabase.open` for the database itself
 * @example
 * const { db, wal } = openWithLog(SQL, dbBytes, walBytes);
 * wal?.committedFrames // 152
 */
export function openWithLog(SQL: SqlJsStatic, dbBytes: Uint8Array, walBytes: Uint8Array | null): OpenedWithLog {
  if (walBytes === null) return { db: SkillsDatabase.open(SQL, dbBytes), bytes: dbBytes, wal: null, warnings: [], checked: null };
  const header = checkSqliteBytes(dbBytes);
  const { bytes, summary, warnings } = applyWal(dbBytes, header.pageSize, walBytes);
  if (!summary.applied) return { db: SkillsDatabase.open(SQL, dbBytes), bytes: dbBytes, wal: summary, warnings, checked: null };
  let merged: SkillsDatabase | undefined;
  let why: string;
  try {
    merged = SkillsDatabase.open(SQL, bytes);
    const checked = merged.integrity('quick');
    if (checked.problems.length === 0) return { db: merged, bytes, wal: summary, warnings, checked };
    why = `with the -wal log's ${summary.committedFrames} committed frame(s) applied, SQLite's quick_check finds ${checked.problems.length} problem(s) (${checked.problems[0]})`;
  } catch (e) {
    why = `with the -wal log's ${summary.committedFrames} committed frame(s) applied, the file does not open (${e instanceof Error ? e.message : String(e)})`;
  }
  merged?.close();
  const alone: WalSummary = { ...summary, applied: false, ignoredFrames: summary.ignoredFrames + summary.committedFrames, committedFrames: 0, commits: 0, pages: 0 };
  return { db: SkillsDatabase.open(SQL, dbBytes), bytes: dbBytes, wal: alone, warnings: [mismatch(why)], checked: null };
}
