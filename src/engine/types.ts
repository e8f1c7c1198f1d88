/** Plain-data types shared by the engine and its callers. */

/** Something the caller should know about the file; the analysis still ran. */
export interface Warning {
  code: 'UNPARSEABLE_TIME' | 'WRONG_TYPE' | 'WAL_NOT_APPLIED' | 'FUTURE_TIME' | 'STORED_AGGREGATE_MISMATCH' | string;
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
  fileBytes: number;
  /** The file was restored from this browser's saved copy, with earlier writes in it. */
  localChanges: boolean;
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
