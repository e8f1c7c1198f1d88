/**
 * Applies a write-ahead log to a COPY of the database bytes: the last committed version of each
 * page replaces the page in the copy, the copy takes the size of the last commit, and its header
 * switches from WAL mode to rollback-journal mode (bytes 18-19 = 1) so that sql.js, which has no
 * -wal beside its in-memory file, reads it as a complete file. The caller's bytes are never changed.
 */
import type { WalSummary, Warning } from '../types.js';

export type { WalSummary };
import { readWalLog, type WalLog } from './wal-log.js';

/** The database bytes to open, with what the log contributed. */
export interface WalApplication {
  bytes: Uint8Array;
  summary: WalSummary;
  warnings: Warning[];
}

/**
 * Merges `wal` into a copy of `db`. A log that cannot belong to this file (not a WAL, damaged
 * header, another page size) leaves the database alone with a WAL_MISMATCH warning; frames past
 * the last valid commit are dropped with a WAL_TORN_TAIL warning.
 * @param db the database file's bytes (not modified)
 * @param pageSize the database's page size from its header
 * @param wal the -wal file's bytes
 * @returns the bytes to open (a new array when pages were applied, `db` itself otherwise)
 * @example
 * const { bytes, summary } = applyWal(dbBytes, 4096, walBytes);
 * summary.committedFrames // 37
 */
export function applyWal(db: Uint8Array, pageSize: number, wal: Uint8Array): WalApplication {
  const { log, summary, warnings } = planWal(pageSize, wal);
  return { bytes: log ? mergePages(db, pageSize, wal, log) : db, summary, warnings };
}

/** The log's committed pages (null when none apply), with the summary and warnings of {@link applyWal}. */
export interface WalPlan {
  log: WalLog | null;
  summary: WalSummary;
  warnings: Warning[];
}

/**
 * Reads a -wal log and decides, as {@link applyWal} does, whether its committed pages apply to a
 * database of `pageSize`-byte pages (without touching the database: a reader that reads pages one
 * by one takes them from `log.pages` itself).
 * @param pageSize the database's page size from its header
 * @param wal the -wal file's bytes
 * @returns the log when its pages apply, else null; the summary and warnings either way
 * @example
 * const { log } = planWal(4096, walBytes);
 * log?.pages.get(1) // offset of page 1's newest committed copy in the log
 */
export function planWal(pageSize: number, wal: Uint8Array): WalPlan {
  const log = readWalLog(wal);
  const none = (ignoredFrames: number): WalSummary => ({ applied: false, logBytes: wal.byteLength, committedFrames: 0, commits: 0, ignoredFrames, pages: 0 });
  if ('problem' in log) {
    if (log.problem === 'empty') return { log: null, summary: none(0), warnings: [] };
    const frames = Math.max(0, Math.ceil((wal.byteLength - 32) / (pageSize + 24)));
    return { log: null, summary: none(frames), warnings: [mismatch(`the -wal file is not a SQLite write-ahead log (${describe(log.problem)})`)] };
  }
  if (log.pageSize !== pageSize) {
    return { log: null, summary: none(log.ignoredFrames), warnings: [mismatch(`the -wal log has ${log.pageSize}-byte pages and the database ${pageSize}-byte pages`)] };
  }
  const warnings: Warning[] = [];
  if (log.ignoredFrames > 0) {
    warnings.push({
      code: 'WAL_TORN_TAIL',
      count: log.ignoredFrames,
      message: `${log.ignoredFrames} frame(s) at the end of the -wal log were never committed or were cut off while the file was copied; they were left out, as SQLite does (the ${log.commits} committed transaction(s) before them are included)`,
    });
  }
  if (log.committedFrames === 0) return { log: null, summary: none(log.ignoredFrames), warnings };
  const summary: WalSummary = {
    applied: true,
    logBytes: wal.byteLength,
    committedFrames: log.committedFrames,
    commits: log.commits,
    ignoredFrames: log.ignoredFrames,
    pages: log.pages.size,
  };
  return { log, summary, warnings };
}

/** The WAL_MISMATCH warning: the database is opened alone. */
export function mismatch(why: string): Warning {
  return {
    code: 'WAL_MISMATCH',
    message: `${why}: it does not belong to this database, so the database was opened alone (without the log's rows). Copy skills.db and skills.db-wal together, from the same folder, at the same moment`,
  };
}

/** A copy of `db` with the log's committed pages in it, in rollback-journal mode (what {@link applyWal} opens). */
export function mergePages(db: Uint8Array, pageSize: number, wal: Uint8Array, log: WalLog): Uint8Array {
  const out = new Uint8Array(log.dbPages * pageSize);
  out.set(db.subarray(0, Math.min(db.byteLength, out.byteLength)));
  for (const [page, offset] of log.pages) {
    if (page <= log.dbPages) out.set(wal.subarray(offset, offset + pageSize), (page - 1) * pageSize);
  }
  const view = new DataView(out.buffer);
  // Rollback-journal mode, and an in-header page count that is valid (version-valid-for = change counter).
  out[18] = 1;
  out[19] = 1;
  view.setUint32(28, log.dbPages);
  view.setUint32(92, view.getUint32(24));
  return out;
}

function describe(problem: string): string {
  switch (problem) {
    case 'short':
      return 'shorter than its 32-byte header';
    case 'bad-magic':
      return 'no WAL magic number';
    case 'bad-version':
      return 'unknown WAL format version';
    case 'bad-page-size':
      return 'invalid page size in its header';
    default:
      return 'its header checksum is wrong';
  }
}
