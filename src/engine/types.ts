/** Plain-data types shared by the engine and its callers. */
import type { IntegritySummary } from './verify-on-open.js';
import type { WalSummary } from './wal/apply-wal.js';

export type { IntegritySummary, WalSummary };
export type { VerifyMode } from './integrity.js';

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
