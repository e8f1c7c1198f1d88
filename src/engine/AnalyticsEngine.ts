/**
 * The engine: one opened skills.db, its warehouse copy and the three capabilities. Runs the same in
 * a Web Worker and in Node; the host supplies sql.js and DuckDB.
 */
import { AnalyticsError, requireArgument, toAnalyticsError } from './errors.js';
import type { VerifyMode } from './integrity.js';
import { defaultVerify, verifyOnOpen } from './verify-on-open.js';
import { openWithLog } from './wal/open-with-log.js';
import { yieldToEvents } from './yield-to-events.js';
import type { EngineContext } from './context.js';
import type { EngineHost } from './host.js';
import { localKey } from './local-store.js';
import { duckdbMemoryLimit, navigatorDeviceMemory } from './memory-limit.js';
import { readOpenSource, type OpenSource } from './open-source.js';
import type { SkillsDatabase } from './SkillsDatabase.js';
import { summarizeInvocations } from './open-summary.js';
import { formatIso } from './time.js';
import type { DatabaseInfo, ProgressCallback } from './types.js';
import { Warehouse } from './Warehouse.js';
import { TimeSeriesAnalyzer } from '../time-series/TimeSeriesAnalyzer.js';
import { SkillSuccessPredictor } from '../predictive/SkillSuccessPredictor.js';
import { ABTestFramework } from '../ab-testing/ABTestFramework.js';
import { SkillTables } from '../skill-tables/SkillTables.js';

export interface OpenOptions {
  onProgress?: ProgressCallback;
  /**
   * The database's -wal log (`skills.db-wal`), as bytes, a Blob/File or a same-origin URL: its
   * committed transactions are merged into a copy (the files are never changed). Node's
   * `openAnalytics(path)` reads `<path>-wal` itself.
   */
  wal?: OpenSource | null;
  /**
   * SQLite's check on open: 'quick' (quick_check), 'full' (integrity_check) or 'none'. Default:
   * 'quick' for files up to 4 MiB (where it costs under 10 % of open), 'none' above.
   */
  verify?: VerifyMode;
  /** Key of the saved local copy (browser); default: the URL, the File's name/size/date, or the bytes' SHA-256. */
  localKey?: string;
}

/** The file now open and where its local copy lives. */
interface OpenFile {
  original: Uint8Array;
  /** The -wal log opened with it, if any. */
  wal: Uint8Array | null;
  key: string | null;
  revision: number;
  savedRevision: number;
  /** Revision whose save failed (reported once, kept in memory); -1 when none. */
  failedRevision: number;
  /** Gives up this tab's ownership of the saved copy. */
  release?: () => void;
}

export class AnalyticsEngine {
  private current: EngineContext | null = null;
  /** open() and discardLocalChanges() run one after another in arrival order. */
  private queue: Promise<unknown> = Promise.resolve();
  private warehouse: Warehouse | null = null;
  private file: OpenFile | null = null;
  private saving: Promise<void> = Promise.resolve();

  /** Hourly metrics, trends, anomalies. */
  readonly timeSeries: TimeSeriesAnalyzer = new TimeSeriesAnalyzer(() => this.context());
  /** Success probability of an invocation. */
  readonly predictor: SkillSuccessPredictor = new SkillSuccessPredictor(() => this.context());
  /** A/B tests stored in the file. */
  readonly abTesting: ABTestFramework = new ABTestFramework(() => this.context());
  /** Skill tables (session-buddy's V4 tables): live snapshot vs skill_metrics_cache, write-back (materialize). */
  readonly skillTables: SkillTables = new SkillTables(() => this.context());

  constructor(private readonly host: EngineHost) {}

  /** Runs `fn` after every call queued before it. */
  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Opens a skills.db, replacing any file opened before.
   * @param source bytes, a Blob/File, or a same-origin URL
   * @returns what the file holds
   * @throws AnalyticsError NOT_SQLITE, CORRUPT_DATABASE, MISSING_TABLE, MISSING_COLUMN, FILE_TOO_LARGE, FETCH_FAILED
   * @example
   * const info = await engine.open(bytes);
   * // { schemaVersion: 4, invocations: 2000, skills: 30, sessions: 100, asOf: '2026-11-24T19:05:25.965617Z', ... }
   */
  async open(source: OpenSource, options: OpenOptions = {}): Promise<DatabaseInfo> {
    return this.enqueue(() => this.doOpen(source, options));
  }

  private async doOpen(source: OpenSource, options: OpenOptions, restore = true): Promise<DatabaseInfo> {
    const { onProgress, localKey: givenKey, wal: walSource, verify } = options;
    const progress = (phase: 'reading' | 'validating' | 'loading' | 'done', done: number, total: number, message?: string) => {
      try {
        // A callback across the worker boundary returns a promise: its failure must not go unhandled.
        const answer: unknown = onProgress?.({ phase, done, total, message });
        if (answer instanceof Promise) answer.catch(() => undefined);
      } catch {
        /* a broken progress callback must not break opening */
      }
    };
    requireArgument(
      verify === undefined || verify === 'quick' || verify === 'full' || verify === 'none',
      `open: verify must be 'quick', 'full' or 'none' (got ${JSON.stringify(verify)})`,
    );
    progress('reading', 0, 1, 'reading file');
    // DuckDB's wasm compiles off this thread while the file is read and checked; its start (which
    // runs on this thread) comes after the read, so that open() answers first.
    const warehouse = this.getWarehouse();
    try {
      this.host.prepareWarehouse?.();
    } catch {
      /* only a head start */
    }
    const original = await readOpenSource(source);
    const walBytes = walSource === undefined || walSource === null ? null : await readOpenSource(walSource);
    const store = this.host.localStore;
    const key = store ? (givenKey ?? (await localKey(source, original)) + (walBytes ? `+wal:${await localKey(walSource!, walBytes)}` : '')) : null;
    // One tab owns a file's saved copy; another tab with the same file opens it read-only.
    // Reopening the file this tab already owns (discardLocalChanges, a second open) keeps the claim.
    const kept = this.file && this.file.key === key && this.file.release ? this.file.release : undefined;
    const release = kept ?? (store?.claim && key ? await store.claim(key) : undefined);
    const saved = store && key && restore ? await store.load(key).catch(() => null) : null;
    progress('reading', 1, 1, `${original.byteLength + (walBytes?.byteLength ?? 0)} bytes`);
    let db: SkillsDatabase | undefined;
    let swapped = false;
    try {
      const SQL = await this.host.loadSqlJs();
      await yieldToEvents();
      const walMode = isWalHeader(original);
      // A saved copy already holds the log's rows (it is an export of the merged file).
      const opened = saved ? { ...openWithLog(SQL, saved, null), wal: null } : openWithLog(SQL, original, walBytes);
      db = opened.db;
      const bytes = opened.bytes;
      const verified = verifyOnOpen(db, verify ?? defaultVerify(bytes.byteLength), opened.checked);
      await yieldToEvents();
      progress('validating', 0, 1, 'reading invocations');
      const { columns, warnings } = await db.readInvocationsYielding((done, total) => progress('validating', done, total, 'reading invocations'));
      await yieldToEvents();
      warnings.push(...opened.warnings, ...verified.warnings);
      progress('loading', 0, columns.length, 'starting the warehouse');
      void warehouse.start();
      const current = db;
      // open() answers now; the warehouse loads behind it and every query waits for the load.
      void warehouse
        .loadInBackground(
          columns,
          (done, total) => progress('loading', done, total, `loading ${done}/${total} rows`),
          () => current.readInvocations().columns,
        )
        .then(
          () => progress('done', 1, 1),
          () => undefined,
        );
      swapped = true;
      if (walMode && walBytes === null && !saved) {
        warnings.push({
          code: 'WAL_NOT_APPLIED',
          message:
            'the file was in WAL mode and was opened without its -wal log: rows committed only to the log (if any) are not included. Open skills.db-wal with it (open(db, { wal })), or close session-buddy (it checkpoints on exit) and export again',
        });
      }
      if (release === null) {
        db.readOnly =
          'this file is open in another tab of this site, which owns its saved copy: this tab is read-only (writes are refused so neither tab loses a write). Close the other tab and open the file again to write here';
        warnings.push({ code: 'READ_ONLY_OTHER_TAB', message: db.readOnly });
      }
      // Rows dated more than a day after this machine's clock are kept but do not set the default
      // asOf (one typo'd year-2999 row must not empty every window).
      const futureFrom = (Date.now() + 86_400_000) * 1000;
      const s = summarizeInvocations(columns, futureFrom);
      if (s.future > 0) {
        warnings.push({
          code: 'FUTURE_TIME',
          count: s.future,
          message: `${s.future} invocation(s) are dated more than a day in the future (latest ${formatIso(s.last!)}); they are analysed, but the default asOf is the latest invocation before them`,
        });
      }
      const defaultAsOf = s.lastPresent ?? s.last;
      const [{ rows }] = db.all<{ rows: number }>('SELECT COUNT(*) AS rows FROM skill_invocation');
      const info: DatabaseInfo = {
        schemaVersion: db.schema.schemaVersion,
        invocations: s.n,
        rows,
        skills: s.skills,
        sessions: s.sessions,
        firstInvocation: s.first === null ? null : formatIso(s.first),
        lastInvocation: s.last === null ? null : formatIso(s.last),
        asOf: defaultAsOf === null ? null : formatIso(defaultAsOf),
        tables: db.schema.tables,
        walMode,
        wal: opened.wal,
        integrity: verified.summary,
        readOnly: release === null,
        fileBytes: bytes.byteLength,
        localChanges: saved !== null,
        warnings,
      };
      if (saved)
        warnings.push({
          code: 'LOCAL_CHANGES_RESTORED',
          message: 'opened the copy saved in this browser, with the writes made here earlier; discardLocalChanges() returns to the original file',
        });
      this.current?.db.close();
      if (this.file && this.file.release !== kept) this.file.release?.();
      const file: OpenFile = { original, wal: walBytes, key, revision: 0, savedRevision: 0, failedRevision: -1, release: release ?? undefined };
      db.onCommit = () => void file.revision++;
      this.file = file;
      this.current = {
        db,
        warehouse,
        info,
        defaultAsOfMicros: defaultAsOf,
        warn(w) {
          if (!info.warnings.some((x) => x.code === w.code && x.message === w.message)) info.warnings.push(w);
        },
      };
      return info;
    } catch (e) {
      db?.close();
      if (release !== kept) release?.();
      // Validation errors come before the warehouse is touched: the previous file stays open.
      if (swapped) await this.closeNow();
      if (saved && key && store && release !== null) {
        // A saved copy that no longer opens must not lock the user out of the original.
        await store.remove(key).catch(() => undefined);
        return this.doOpen(original, { ...options, localKey: key, wal: walBytes }, false);
      }
      throw toAnalyticsError(e, 'open');
    }
  }

  /**
   * Saves the open file to the host's local store if a write happened since the last save
   * (browser; a no-op in Node). Called automatically after every capability call.
   */
  async flushLocalChanges(): Promise<void> {
    const run = this.saving.then(async () => {
      const file = this.file;
      const store = this.host.localStore;
      const current = this.current;
      if (!file || !store || !file.key || !current || file.revision === file.savedRevision || file.revision === file.failedRevision) return;
      const revision = file.revision;
      try {
        await store.save(file.key, current.db.export());
      } catch (e) {
        // The write is committed in memory; only the saved copy is behind. Report it once per write.
        file.failedRevision = revision;
        const error = localSaveError(e);
        current.warn({ code: 'LOCAL_SAVE_FAILED', message: error.message });
        throw error;
      }
      file.savedRevision = revision;
    });
    this.saving = run.catch(() => undefined);
    return run;
  }

  /**
   * Drops this browser's saved copy of the open file and reopens the original.
   * @returns the original file's info
   */
  async discardLocalChanges(): Promise<DatabaseInfo> {
    const file = this.file;
    if (!file || !this.current) throw new AnalyticsError('NO_DATABASE', 'discardLocalChanges: no skills.db is open');
    return this.enqueue(async () => {
      if (file.key && this.host.localStore) await this.host.localStore.remove(file.key);
      return this.doOpen(file.original, { localKey: file.key ?? undefined, wal: file.wal }, false);
    });
  }

  /** The engine's warehouse (DuckDB starts on its first use or on `start()`; a failed start is retried by the next query). */
  private getWarehouse(): Warehouse {
    this.warehouse ??= new Warehouse(async () => {
      const conn = await this.host.openWarehouse();
      const limit = duckdbMemoryLimit(this.host.deviceMemoryBytes?.() ?? navigatorDeviceMemory());
      if (limit) await conn.query(`SET memory_limit = '${limit}'`);
      return conn;
    });
    return this.warehouse;
  }

  /** The open file's context; capabilities call this for every request. */
  context(): EngineContext {
    if (!this.current) throw new AnalyticsError('NO_DATABASE', 'no skills.db is open: call open(file) first');
    return this.current;
  }

  /** What `open()` returned for the file now open. */
  async info(): Promise<DatabaseInfo> {
    const c = this.context();
    // Writes may have added tables (the A/B tables, for one): list them as they are now.
    c.info.tables = c.db.tables();
    return c.info;
  }

  /**
   * The SQLite file with every write in it; session-buddy and Python's sqlite3 open it.
   * @returns the file's bytes (rollback-journal mode)
   */
  async exportDatabase(): Promise<Uint8Array> {
    return this.context().db.export();
  }

  /** Frees the open file and its warehouse tables; the engine can open another file afterwards. */
  async close(): Promise<void> {
    return this.enqueue(() => this.closeNow());
  }

  private async closeNow(): Promise<void> {
    const c = this.current;
    this.current = null;
    this.file?.release?.();
    this.file = null;
    if (!c) return;
    c.db.close();
    await c.warehouse.dropInvocations();
  }

  /** Frees everything, DuckDB included; the engine cannot be used afterwards. */
  async dispose(): Promise<void> {
    await this.close();
    const w = this.warehouse;
    this.warehouse = null;
    if (w) await w.close();
  }
}

/** True when a SQLite header says WAL mode (bytes 18-19 = 2). */
function isWalHeader(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 100 && (bytes[18] === 2 || bytes[19] === 2);
}

/** A failed save of the local copy as LOCAL_SAVE_FAILED, with why (quota, denied, other). */
function localSaveError(e: unknown): AnalyticsError {
  if (e instanceof AnalyticsError && e.code === 'LOCAL_SAVE_FAILED') return e;
  const name = (e as { name?: string })?.name ?? '';
  const reason = name === 'QuotaExceededError' ? 'quota' : /Security|NotAllowed|InvalidState/.test(name) ? 'denied' : 'other';
  const why =
    reason === 'quota'
      ? "the browser's storage quota for this site is full"
      : reason === 'denied'
        ? 'the browser denied storage to this site (private mode or site settings)'
        : `saving failed (${e instanceof Error ? e.message : String(e)})`;
  return new AnalyticsError(
    'LOCAL_SAVE_FAILED',
    `the write was made and is kept in this tab's memory, but it could not be saved in this browser: ${why}. Export the file (exportDatabase()) to keep it; it is lost when the tab closes`,
    { reason },
  );
}
