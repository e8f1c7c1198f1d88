/** Plain-data types shared by the engine and its callers. */
import type { VerifyMode } from './integrity.js';
import type { OpenSource } from './open-source.js';

export type { VerifyMode };

/** What was checked on open, reported in `info.integrity`. */
export interface IntegritySummary {
  mode: VerifyMode;
  /** Problems SQLite reported (0 when sound or not checked). */
  problems: number;
  /** Tables the problems are in. */
  tables: string[];
}

/** What happened to the log, reported in `info.wal`. */
export interface WalSummary {
  /** The log's committed pages are in the opened file. */
  applied: boolean;
  /** Bytes of the log file. */
  logBytes: number;
  /** Frames that counted (up to the last valid commit frame). */
  committedFrames: number;
  /** Transactions (commit frames) that counted. */
  commits: number;
  /** Frames in the log that did not count (torn or uncommitted tail, or the whole log on a mismatch). */
  ignoredFrames: number;
  /** Distinct pages taken from the log. */
  pages: number;
}

/** Every code a {@link Warning} can carry (a closed list: a new warning adds its code here). */
export const WARNING_CODES = [
  'UNPARSEABLE_TIME',
  'WRONG_TYPE',
  'WAL_NOT_APPLIED',
  'WAL_TORN_TAIL',
  'WAL_MISMATCH',
  'INTEGRITY_PROBLEMS',
  'READ_ONLY_OTHER_TAB',
  'READ_ONLY_LARGE_FILE',
  'LOCAL_SAVE_FAILED',
  'FUTURE_TIME',
  'LOCAL_CHANGES_RESTORED',
  'STORED_AGGREGATE_MISMATCH',
  'STORED_AGGREGATE_UNALIGNED',
  'STORED_AGGREGATE_UNREADABLE',
  'AB_TEST_CONFLICT',
] as const;

/** A stable, machine-readable warning code. */
export type WarningCode = (typeof WARNING_CODES)[number];

/** Something the caller should know about the file; the analysis still ran. */
export interface Warning {
  code: WarningCode;
  message: string;
  count?: number;
}

/** What `open()` found in the file. */
export interface DatabaseInfo {
  /** Highest session-buddy migration applied (1-4). */
  schemaVersion: number;
  /** Invocations with a parseable time (the ones analysed). */
  invocations: number;
  /** Rows in skill_invocation, including any left out. */
  rows: number;
  skills: number;
  sessions: number;
  /** ISO UTC of the earliest / latest invocation, null for an empty table. */
  firstInvocation: string | null;
  lastInvocation: string | null;
  /** The default `asOf` of every windowed call: the latest invocation (ISO UTC), leaving out rows dated more than a day in the future. */
  asOf: string | null;
  /** Tables present in the file. */
  tables: string[];
  /** The file had been in WAL mode. */
  walMode: boolean;
  /** What the -wal log given with the file contributed; null when none was given. */
  wal: WalSummary | null;
  /** The integrity check run on open. */
  integrity: IntegritySummary;
  /** Another tab of this site owns this file's saved copy: writes are refused with READ_ONLY. */
  readOnly: boolean;
  fileBytes: number;
  /** The file was restored from this browser's saved copy, with earlier writes in it. */
  localChanges: boolean;
  warnings: Warning[];
  /** The files of the dataset, in open order (one entry when one file is open). */
  sources: SourceInfo[];
  /** The file every write goes to (A/B writes, materialize) and `exportDatabase()` exports. */
  writeTo: string;
}

/** One file of the open dataset (`info.sources`): its own counts as if it had been opened alone. */
export interface SourceInfo
  extends Pick<
    DatabaseInfo,
    'invocations' | 'rows' | 'skills' | 'sessions' | 'firstInvocation' | 'lastInvocation' | 'asOf' | 'schemaVersion' | 'fileBytes' | 'walMode' | 'readOnly' | 'localChanges'
  > {
  /** The file's name: the `source` filter, `writeTo` and `exportDatabase(name)` take it. */
  name: string;
  /** The file's own warnings. */
  warnings: Warning[];
}

/** Progress of a long operation. */
export interface Progress {
  phase: 'reading' | 'validating' | 'loading' | 'features' | 'training' | 'evaluating' | 'done';
  done: number;
  total: number;
  message?: string;
}

export type ProgressCallback = (p: Progress) => void;

/** Options of `open()`. */
export interface OpenOptions {
  onProgress?: ProgressCallback;
  /**
   * The database's -wal log (`skills.db-wal`), as bytes, a Blob/File or a same-origin URL: its
   * committed transactions are merged into a copy (the files are never changed). Node's
   * `openAnalytics(path)` reads `<path>-wal` itself. With several files, give each its own `wal`.
   */
  wal?: OpenSource | null;
  /**
   * SQLite's check on open: 'quick' (quick_check), 'full' (integrity_check) or 'none'. Default:
   * 'quick' for files up to 4 MiB (where it costs under 10 % of open), 'none' above.
   */
  verify?: VerifyMode;
  /** Key of the saved local copy (browser); default: the URL, the File's name/size/date, or the bytes' SHA-256. */
  localKey?: string;
  /** Several files: the name of the file every write goes to (A/B writes, materialize); default: the first file. */
  writeTo?: string;
  /**
   * Keep and reuse what opening read (the decoded invocations, read warnings, integrity result)
   * across sessions, under a content hash of the file and its -wal: reopening an unchanged file
   * skips reading and checking it. Default true. Node: `$XDG_CACHE_HOME/session-buddy-analytics`
   * (env SESSION_BUDDY_ANALYTICS_CACHE=off turns it off everywhere); browser: IndexedDB.
   */
  cache?: boolean;
}
