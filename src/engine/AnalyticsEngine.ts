/**
 * The engine: one opened skills.db, its warehouse copy and the three capabilities. Runs the same in
 * a Web Worker and in Node; the host supplies sql.js and DuckDB.
 */
import { AnalyticsError, toAnalyticsError } from './errors.js';
import type { EngineContext } from './context.js';
import type { EngineHost } from './host.js';
import { localKey } from './local-store.js';
import { readOpenSource, type OpenSource } from './open-source.js';
import { SkillsDatabase } from './SkillsDatabase.js';
import { formatIso } from './time.js';
import type { DatabaseInfo, ProgressCallback, Warning } from './types.js';
import { Warehouse } from './Warehouse.js';
import { TimeSeriesAnalyzer } from '../time-series/TimeSeriesAnalyzer.js';
import { SkillSuccessPredictor } from '../predictive/SkillSuccessPredictor.js';
import { ABTestFramework } from '../ab-testing/ABTestFramework.js';
import { SkillTables } from '../skill-tables/SkillTables.js';

export interface OpenOptions {
  onProgress?: ProgressCallback;
  /** Key of the saved local copy (browser); default: the URL, the File's name/size/date, or the bytes' SHA-256. */
  localKey?: string;
}

/** The file now open and where its local copy lives. */
interface OpenFile {
  original: Uint8Array;
  key: string | null;
  revision: number;
  savedRevision: number;
}

export class AnalyticsEngine {
  private current: EngineContext | null = null;
  /** open() and discardLocalChanges() run one after another in arrival order. */
  private queue: Promise<unknown> = Promise.resolve();
  private warehouse: Promise<Warehouse> | null = null;
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

  private async doOpen(source: OpenSource, { onProgress, localKey: givenKey }: OpenOptions, restore = true): Promise<DatabaseInfo> {
    const progress = (phase: 'reading' | 'validating' | 'loading' | 'done', done: number, total: number, message?: string) => {
      try {
        onProgress?.({ phase, done, total, message });
      } catch {
        /* a broken progress callback must not break opening */
      }
    };
    progress('reading', 0, 1, 'reading file');
    const original = await readOpenSource(source);
    const store = this.host.localStore;
    const key = store ? (givenKey ?? (await localKey(source, original))) : null;
    const saved = store && key && restore ? await store.load(key).catch(() => null) : null;
    const bytes = saved ?? original;
    progress('reading', 1, 1, `${bytes.byteLength} bytes`);
    let db: SkillsDatabase | undefined;
    let swapped = false;
    try {
      const SQL = await this.host.loadSqlJs();
      db = SkillsDatabase.open(SQL, bytes);
      const { columns, warnings } = db.readInvocations((done, total) => progress('validating', done, total, 'reading invocations'));
      const warehouse = await this.getWarehouse();
      const opened = db;
      await warehouse.loadInvocations(columns, (done, total) => progress('loading', done, total, `loading ${done}/${total} rows`), () => opened.readInvocations().columns);
      swapped = true;
      if (db.walMode) {
        warnings.push({ code: 'WAL_NOT_APPLIED', message: 'the file was in WAL mode and was opened without its -wal log: rows committed only to the log (if any) are not included. Close session-buddy (it checkpoints on exit) and export again to be sure' });
      }
      // Rows dated more than a day after this machine's clock are kept but do not set the default
      // asOf (one typo'd year-2999 row must not empty every window).
      const futureFrom = (Date.now() + 86_400_000) * 1000;
      const [s] = await warehouse.query<{ n: number; skills: number; sessions: number; first: number | null; last: number | null; lastPresent: number | null; future: number }>(
        `SELECT count(*) AS n, count(DISTINCT skill_name) AS skills, count(DISTINCT session_id) AS sessions, min(invoked_at_us) AS first, max(invoked_at_us) AS last,
                max(invoked_at_us) FILTER (WHERE invoked_at_us <= ${futureFrom}) AS lastPresent, count(*) FILTER (WHERE invoked_at_us > ${futureFrom}) AS future FROM invocations`,
      );
      if (s.future > 0) {
        warnings.push({ code: 'FUTURE_TIME', count: s.future, message: `${s.future} invocation(s) are dated more than a day in the future (latest ${formatIso(s.last!)}); they are analysed, but the default asOf is the latest invocation before them` });
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
        walMode: db.walMode,
        fileBytes: bytes.byteLength,
        localChanges: saved !== null,
        warnings,
      };
      if (saved) warnings.push({ code: 'LOCAL_CHANGES_RESTORED', message: 'opened the copy saved in this browser, with the writes made here earlier; discardLocalChanges() returns to the original file' });
      this.current?.db.close();
      const file: OpenFile = { original, key, revision: 0, savedRevision: 0 };
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
      progress('done', 1, 1);
      return info;
    } catch (e) {
      db?.close();
      // Validation errors come before the warehouse is touched: the previous file stays open.
      if (swapped) await this.closeNow();
      if (saved && key && store) {
        // A saved copy that no longer opens must not lock the user out of the original.
        await store.remove(key).catch(() => undefined);
        return this.doOpen(original, { onProgress, localKey: key }, false);
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
      if (!file || !store || !file.key || !this.current || file.revision === file.savedRevision) return;
      const revision = file.revision;
      await store.save(file.key, this.current.db.export());
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
      return this.doOpen(file.original, { localKey: file.key ?? undefined }, false);
    });
  }

  private getWarehouse(): Promise<Warehouse> {
    if (!this.warehouse) {
      const w = new Warehouse(() => this.host.openWarehouse());
      this.warehouse = w.query('SELECT 1').then(() => w);
      this.warehouse.catch(() => (this.warehouse = null));
    }
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
    if (w) await (await w).close();
  }
}
