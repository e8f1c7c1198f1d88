/**
 * The skills.db file, opened with sql.js: the source of truth. Validates the file, reads the
 * invocations once (parsing every `invoked_at`), runs A/B writes in transactions and exports the
 * updated file.
 */
import type { BindParams, Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import { AnalyticsError } from './errors.js';
import { checkIntegrity, type IntegrityReport } from './integrity.js';
import { bytesOf, type FileOnDisk } from './file-on-disk.js';
import { checkSqliteBytes, checkSqliteHeader, isWalMode, sqliteError, type SqliteHeader } from './sqlite-file.js';
import { detectSchema, listTables, type SchemaInfo } from './schema.js';
import { parseTimestamp } from './time.js';
import { yieldToEvents } from './yield-to-events.js';
import type { Warning } from './types.js';

/** The invocations as columns (one entry per row with a parseable time), ordered by id. */
export interface InvocationColumns {
  length: number;
  id: Float64Array;
  skillName: string[];
  /** invoked_at as epoch microseconds, UTC. */
  invokedAt: Float64Array;
  sessionId: string[];
  workflowPhase: (string | null)[];
  completed: Uint8Array;
  /** NaN where duration_seconds is NULL or not a number. */
  durationSeconds: Float64Array;
  /**
   * The file each row came from (several files opened as one dataset): distinct names and one code
   * per row. Absent for a single file read on its own; the warehouse then stores NULL.
   */
  source?: { names: string[]; codes: Int32Array };
}

/** Progress of a long read: `done` of `total` rows. */
export type RowProgress = (done: number, total: number) => void;

const READ_CHUNK = 50_000;

export class SkillsDatabase {
  /** Called after every committed transaction (the engine persists the file then). */
  onCommit: (() => void) | null = null;
  /** Why writes are refused (another tab owns the file's saved copy); null when writes are allowed. */
  readOnly: string | null = null;

  private constructor(
    private opener: Database | (() => Database),
    readonly header: SqliteHeader,
    readonly schema: SchemaInfo,
    private readonly emptyTables: ReadonlySet<string> = new Set(),
  ) {}

  /** The sql.js database, opened on first use when the open was deferred. */
  private get db(): Database {
    if (typeof this.opener === 'function') {
      try {
        this.opener = this.opener();
      } catch (e) {
        throw sqliteError(e, 'open');
      }
    }
    return this.opener;
  }

  /**
   * A file opened and validated before (same bytes: the cache of opens, src/engine/cache), whose
   * sql.js database opens on first use: reopening it answers without copying it into sql.js.
   * @param bytes the file, or the file on disk, read then (FILE_CHANGED when it changed meanwhile)
   * @param schema what {@link open} detected on these bytes then
   * @param emptyTables tables found empty in these bytes then ({@link knownEmpty})
   */
  static deferred(SQL: SqlJsStatic, bytes: Uint8Array | FileOnDisk, schema: SchemaInfo, emptyTables: ReadonlySet<string> = new Set()): SkillsDatabase {
    const header = bytes instanceof Uint8Array ? checkSqliteBytes(bytes) : checkSqliteHeader(bytes.header, bytes.byteLength);
    return new SkillsDatabase(() => new SQL.Database(bytesOf(bytes)), header, schema, emptyTables);
  }

  /**
   * True when `table` is known to have no row without asking sql.js: a deferred file not opened
   * yet (so nothing was written) whose table was empty when these bytes were first opened.
   * False means "ask sql.js", not "has rows".
   */
  knownEmpty(table: string): boolean {
    return typeof this.opener === 'function' && this.emptyTables.has(table);
  }

  /**
   * Opens and validates a skills.db.
   * @throws AnalyticsError NOT_SQLITE, CORRUPT_DATABASE, MISSING_TABLE, MISSING_COLUMN
   */
  static open(SQL: SqlJsStatic, bytes: Uint8Array): SkillsDatabase {
    const header = checkSqliteBytes(bytes);
    let db: Database | undefined;
    try {
      db = new SQL.Database(bytes);
      return new SkillsDatabase(db, header, detectSchema(db));
    } catch (e) {
      db?.close();
      throw sqliteError(e, 'open');
    }
  }

  /** True when the file was in WAL mode (header bytes 18-19 = 2). */
  get walMode(): boolean {
    return isWalMode(this.header);
  }

  /** Runs a read query and returns rows as objects. */
  all<T = Record<string, SqlValue>>(sql: string, params?: BindParams): T[] {
    let stmt: Statement | undefined;
    try {
      stmt = this.db.prepare(sql, params ?? undefined);
      const rows: T[] = [];
      while (stmt.step()) rows.push(stmt.getAsObject() as T);
      return rows;
    } catch (e) {
      throw sqliteError(e, 'query');
    } finally {
      stmt?.free();
    }
  }

  /**
   * Runs SQLite's quick_check or integrity_check on the file.
   * @returns the problems found and the tables they are in
   */
  integrity(mode: 'quick' | 'full'): IntegrityReport {
    return checkIntegrity(this.db, mode);
  }

  /** Runs a statement that changes the file; returns the number of changed rows. */
  run(sql: string, params?: BindParams): number {
    this.refuseIfReadOnly();
    try {
      this.db.run(sql, params ?? undefined);
      return this.db.getRowsModified();
    } catch (e) {
      throw sqliteError(e, 'write');
    }
  }

  /** Last inserted rowid. */
  lastInsertRowId(): number {
    return Number(this.db.exec('SELECT last_insert_rowid()')[0].values[0][0]);
  }

  /**
   * Runs `fn` in one transaction: all of its writes land, or none do.
   * @returns what `fn` returns
   */
  transaction<T>(fn: () => T): T {
    this.refuseIfReadOnly();
    this.db.run('BEGIN IMMEDIATE');
    try {
      const result = fn();
      this.db.run('COMMIT');
      this.onCommit?.();
      return result;
    } catch (e) {
      try {
        this.db.run('ROLLBACK');
      } catch {
        /* already rolled back by SQLite */
      }
      throw e;
    }
  }

  /** Tables and views of the file now (tables created by writes included). */
  tables(): string[] {
    // A deferred file not opened yet (nothing written): the tables found when these bytes were first opened.
    return typeof this.opener === 'function' ? [...this.schema.tables] : listTables(this.db);
  }

  /** Does a table exist (checked now, so tables created by writes count). */
  hasTable(name: string): boolean {
    return this.all('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?', ['table', name]).length > 0;
  }

  /**
   * Reads every invocation once. Rows whose `invoked_at` cannot be parsed are counted in
   * `warnings` and left out; wrong-typed values are coerced and counted.
   */
  readInvocations(onProgress?: RowProgress): { columns: InvocationColumns; warnings: Warning[] } {
    const reader = this.invocationReader(onProgress);
    let step = reader.next();
    while (!step.done) step = reader.next();
    return step.value;
  }

  /**
   * As {@link readInvocations}, letting the event loop run every {@link READ_CHUNK} rows (a worker
   * reading a million rows keeps answering heartbeats).
   */
  async readInvocationsYielding(onProgress?: RowProgress): Promise<{ columns: InvocationColumns; warnings: Warning[] }> {
    const reader = this.invocationReader(onProgress);
    let step = reader.next();
    while (!step.done) {
      await yieldToEvents();
      step = reader.next();
    }
    return step.value;
  }

  /** Reads the invocations, pausing (yield) after every chunk of rows. */
  private *invocationReader(onProgress?: RowProgress): Generator<void, { columns: InvocationColumns; warnings: Warning[] }> {
    const total = Number(this.db.exec('SELECT COUNT(*) FROM skill_invocation')[0].values[0][0]);
    const rows = new InvocationCollector(total);
    const phase = this.schema.hasWorkflowPhase ? 'workflow_phase' : 'NULL';
    const duration = this.schema.hasDuration ? 'duration_seconds' : 'NULL';
    let seen = 0;
    let stmt: Statement | undefined;
    try {
      stmt = this.db.prepare(`SELECT id, skill_name, invoked_at, session_id, completed, ${duration}, ${phase}, rowid FROM skill_invocation ORDER BY id`);
      while (stmt.step()) {
        const r = stmt.get();
        seen++;
        if (seen % READ_CHUNK === 0) {
          onProgress?.(seen, total);
          yield;
        }
        rows.add(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]);
      }
    } catch (e) {
      throw sqliteError(e, 'reading skill_invocation');
    } finally {
      stmt?.free();
    }
    onProgress?.(seen, total);
    return rows.finish();
  }

  /** The file's bytes with every write in it (rollback-journal mode, which session-buddy opens). */
  export(): Uint8Array {
    try {
      return this.db.export();
    } catch (e) {
      throw sqliteError(e, 'exportDatabase');
    }
  }

  close(): void {
    if (typeof this.opener !== 'function') this.opener.close();
  }

  private refuseIfReadOnly(): void {
    if (this.readOnly !== null) throw new AnalyticsError('READ_ONLY', this.readOnly);
  }
}

/**
 * Turns rows of skill_invocation (as SQLite gives them, in id order) into {@link InvocationColumns}
 * and the read warnings: rows whose `invoked_at` is not a time are left out and counted, NULL or
 * non-text names and non-integer ids are coerced and counted. Shared by {@link SkillsDatabase} and
 * the streaming reader of files too big for sql.js (src/engine/sqlite-pages), so both give the
 * same columns and warnings for the same rows.
 * @example
 * const rows = new InvocationCollector(2);
 * rows.add(1, 'a', '2026-11-20T13:45:12Z', 's1', 1, 2.5, 'setup', 1);
 * rows.finish().columns.length // 1
 */
export class InvocationCollector {
  private cols: InvocationColumns;
  private n = 0;
  private unparsedCount = 0;
  private coerced = 0;
  private readonly unparsed: string[] = [];

  /** @param capacity expected rows (the arrays grow when more come) */
  constructor(capacity: number) {
    this.cols = emptyColumns(capacity);
  }

  /**
   * Adds one row: the values of id, skill_name, invoked_at, session_id, completed, duration_seconds,
   * workflow_phase (undefined when the column does not exist) and the rowid.
   */
  add(id: SqlValue, skillName: SqlValue, invokedAt: SqlValue, sessionId: SqlValue, completed: SqlValue, duration: SqlValue, phase: SqlValue | undefined, rowid: SqlValue): void {
    const ts = parseTimestamp(invokedAt as string);
    if (ts === null) {
      this.unparsedCount++;
      if (this.unparsed.length < 5) this.unparsed.push(`id ${String(id)}: ${JSON.stringify(invokedAt)?.slice(0, 60)}`);
      return;
    }
    this.addTimed(id, skillName, ts, sessionId, completed, duration, phase, rowid);
  }

  /** As {@link add}, with invoked_at already parsed (epoch microseconds; the page reader parses it from the bytes). */
  addTimed(id: SqlValue, skillName: SqlValue, ts: number, sessionId: SqlValue, completed: SqlValue, duration: SqlValue, phase: SqlValue | undefined, rowid: SqlValue): void {
    const n = this.n;
    if (n === this.cols.id.length) this.cols = grownColumns(this.cols, Math.max(1024, n * 2));
    const cols = this.cols;
    const rawId = typeof id === 'number' ? id : NaN;
    if (typeof skillName !== 'string' || typeof sessionId !== 'string' || !Number.isInteger(rawId)) this.coerced++;
    // A non-integer id (possible only in files not made by session-buddy) falls back to the rowid.
    cols.id[n] = Number.isInteger(rawId) ? rawId : Number(rowid);
    cols.skillName[n] = skillName === null ? '(null)' : String(skillName);
    cols.invokedAt[n] = ts;
    cols.sessionId[n] = sessionId === null ? '(null)' : String(sessionId);
    cols.completed[n] = toBoolean(completed);
    const d = typeof duration === 'number' ? duration : duration === null ? NaN : Number(duration);
    cols.durationSeconds[n] = Number.isFinite(d) ? d : NaN;
    cols.workflowPhase[n] = phase === null || phase === undefined ? null : String(phase);
    this.n = n + 1;
  }

  /**
   * As {@link addTimed}, for a row whose values have their expected types (an integer id, text
   * skill and session, completed 0/1, a number or NaN duration, a text or null phase): nothing to
   * convert or count.
   */
  addExact(id: number, skillName: string, ts: number, sessionId: string, completed: number, duration: number, phase: string | null): void {
    const n = this.n;
    if (n === this.cols.id.length) this.cols = grownColumns(this.cols, Math.max(1024, n * 2));
    const cols = this.cols;
    cols.id[n] = id;
    cols.skillName[n] = skillName;
    cols.invokedAt[n] = ts;
    cols.sessionId[n] = sessionId;
    cols.completed[n] = completed;
    cols.durationSeconds[n] = Number.isFinite(duration) ? duration : NaN;
    cols.workflowPhase[n] = phase;
    this.n = n + 1;
  }

  /** The columns of the rows kept, and the warnings of the read. */
  finish(): { columns: InvocationColumns; warnings: Warning[] } {
    return { columns: trimColumns(this.cols, this.n), warnings: readWarnings(this.unparsedCount, this.unparsed, this.coerced) };
  }
}

/** Columns with room for `total` rows and none filled (`length` 0). */
export function emptyColumns(total: number): InvocationColumns {
  return {
    length: 0,
    id: new Float64Array(total),
    skillName: new Array<string>(total),
    invokedAt: new Float64Array(total),
    sessionId: new Array<string>(total),
    workflowPhase: new Array<string | null>(total),
    completed: new Uint8Array(total),
    durationSeconds: new Float64Array(total),
  };
}

/** The same columns with room for `capacity` rows. */
function grownColumns(cols: InvocationColumns, capacity: number): InvocationColumns {
  const grown = emptyColumns(capacity);
  grown.id.set(cols.id);
  grown.invokedAt.set(cols.invokedAt);
  grown.completed.set(cols.completed);
  grown.durationSeconds.set(cols.durationSeconds);
  grown.skillName = cols.skillName;
  grown.sessionId = cols.sessionId;
  grown.workflowPhase = cols.workflowPhase;
  return grown;
}

/** Sets the length to the `n` rows kept (rows with unparseable times were left out). */
function trimColumns(cols: InvocationColumns, n: number): InvocationColumns {
  cols.length = n;
  if (n < cols.id.length) {
    cols.id = cols.id.subarray(0, n);
    cols.invokedAt = cols.invokedAt.subarray(0, n);
    cols.completed = cols.completed.subarray(0, n);
    cols.durationSeconds = cols.durationSeconds.subarray(0, n);
  }
  cols.skillName.length = n;
  cols.sessionId.length = n;
  cols.workflowPhase.length = n;
  return cols;
}

function readWarnings(unparsedCount: number, unparsed: string[], coerced: number): Warning[] {
  const warnings: Warning[] = [];
  if (unparsedCount) {
    warnings.push({
      code: 'UNPARSEABLE_TIME',
      count: unparsedCount,
      message: `${unparsedCount} invocation(s) have an invoked_at that is not a time and were left out (${unparsed.join('; ')})`,
    });
  }
  if (coerced) {
    warnings.push({
      code: 'WRONG_TYPE',
      count: coerced,
      message: `${coerced} invocation(s) had NULL or non-text skill_name/session_id or a non-numeric id; they were read as text`,
    });
  }
  return warnings;
}

function toBoolean(v: SqlValue): number {
  if (typeof v === 'number') return v !== 0 ? 1 : 0;
  if (typeof v === 'string') return /^(1|true|t|yes|y)$/i.test(v.trim()) ? 1 : 0;
  return 0;
}
