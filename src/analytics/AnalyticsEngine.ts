/**
 * The engine: one opened skills.db (or several as one dataset), its warehouse copy and the
 * capabilities. Runs the same in a Web Worker and in Node; the host supplies sql.js and DuckDB.
 */
import { AnalyticsError, requireArgument, toAnalyticsError } from '../engine/errors.js';
import type { VerifyMode } from '../engine/integrity.js';
import { defaultVerify, verifyOnOpen } from '../engine/verify-on-open.js';
import { openWithLog } from '../engine/wal/open-with-log.js';
import { yieldToEvents } from '../engine/yield-to-events.js';
import type { EngineContext, SourceScope } from '../engine/context.js';
import type { EngineHost } from '../engine/host.js';
import { localKey } from '../engine/local-store.js';
import { duckdbMemoryLimit, navigatorDeviceMemory } from '../engine/memory-limit.js';
import { readOpenSource, type OpenSource } from '../engine/open-source.js';
import type { InvocationColumns, SkillsDatabase } from '../engine/SkillsDatabase.js';
import { summarizeInvocations } from '../engine/open-summary.js';
import { formatIso } from '../engine/time.js';
import type { DatabaseInfo, ProgressCallback } from '../engine/types.js';
import { Warehouse } from '../engine/Warehouse.js';
import { combineColumns } from '../engine/dataset/combine-columns.js';
import { Dataset, type DatasetMember } from '../engine/dataset/dataset.js';
import { sourceInfo } from '../engine/dataset/dataset-info.js';
import { resolveEntries, type DatasetEntry, type PagedFile, type ResolvedEntry } from '../engine/dataset/dataset-sources.js';
import { TimeSeriesAnalyzer } from '../time-series/TimeSeriesAnalyzer.js';
import { SkillSuccessPredictor } from '../predictive/SkillSuccessPredictor.js';
import { ABTestFramework } from '../ab-testing/ABTestFramework.js';
import { SkillTables } from '../skill-tables/SkillTables.js';

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
}

/** A file now open and where its local copy lives. */
interface OpenFile {
  name: string;
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
  db: SkillsDatabase;
  /** Read page by page (too big for sql.js): its invocations are these, not the db's. */
  paged?: PagedFile;
}

/** One file read and checked, not yet part of the open dataset. */
interface LoadedFile {
  file: OpenFile;
  columns: InvocationColumns;
  info: DatabaseInfo;
  summary: ReturnType<typeof summarizeInvocations>;
  defaultAsOfMicros: number | null;
  /** The claim on the saved copy was kept from the dataset open before (not released on failure). */
  keptClaim: boolean;
}

type Progress = (phase: 'reading' | 'validating' | 'loading' | 'done', done: number, total: number, message?: string) => void;

export class AnalyticsEngine {
  private dataset: Dataset | null = null;
  /** open() and discardLocalChanges() run one after another in arrival order. */
  private queue: Promise<unknown> = Promise.resolve();
  private warehouse: Warehouse | null = null;
  private files: OpenFile[] = [];
  private saving: Promise<void> = Promise.resolve();

  /** Hourly metrics, trends, anomalies. */
  readonly timeSeries: TimeSeriesAnalyzer = new TimeSeriesAnalyzer((scope?: SourceScope) => this.context(scope));
  /** Success probability of an invocation. */
  readonly predictor: SkillSuccessPredictor = new SkillSuccessPredictor(
    (scope?: SourceScope) => this.context(scope),
    () => this.host.treeWorkers,
  );
  /** A/B tests stored in the file. */
  readonly abTesting: ABTestFramework = new ABTestFramework((scope?: SourceScope) => this.context(scope));
  /** Skill tables (session-buddy's V4 tables): live snapshot vs skill_metrics_cache, write-back (materialize). */
  readonly skillTables: SkillTables = new SkillTables((scope?: SourceScope) => this.context(scope));

  constructor(private readonly host: EngineHost) {}

  /** Runs `fn` after every call queued before it. */
  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Opens a skills.db — or several as one dataset — replacing whatever was open before.
   * @param source bytes, a Blob/File, or a same-origin URL; or an array of them (or of
   *   `{ name, data, wal? }`): invocations are unioned with their file (`source`), sessions and A/B
   *   users stay distinct per file (`<name>:<id>`), an A/B test present in several files is one
   *   test only when configured identically, and every analysis takes `{ source }` to filter
   * @returns what the file(s) hold; `sources` lists each file, `writeTo` where writes go
   * @throws AnalyticsError NOT_SQLITE, CORRUPT_DATABASE, MISSING_TABLE, MISSING_COLUMN, FILE_TOO_LARGE, FETCH_FAILED, INVALID_ARGUMENT
   * @example
   * const info = await engine.open(bytes);
   * // { schemaVersion: 4, invocations: 2000, skills: 30, sessions: 100, asOf: '2026-11-24T19:05:25.965617Z', ... }
   * await engine.open([{ name: 'ana.db', data: a }, { name: 'ben.db', data: b }], { writeTo: 'ben.db' });
   */
  async open(source: OpenSource | readonly DatasetEntry[], options: OpenOptions = {}): Promise<DatabaseInfo> {
    return this.enqueue(() => {
      const entries = Array.isArray(source) ? resolveEntries(source) : resolveEntries([source as OpenSource]);
      if (Array.isArray(source)) {
        requireArgument(options.wal === undefined || options.wal === null, 'open: with several files, give each file its own wal ({ name, data, wal })');
        requireArgument(options.localKey === undefined, 'open: with several files, give each file its own localKey ({ name, data, localKey })');
      } else {
        entries[0].wal = options.wal;
        entries[0].localKey = options.localKey;
      }
      return this.doOpen(entries, options);
    });
  }

  private async doOpen(entries: ResolvedEntry[], options: OpenOptions, restore = true): Promise<DatabaseInfo> {
    const { onProgress, verify } = options;
    const several = entries.length > 1;
    const progress: Progress = (phase, done, total, message) => {
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
    const writeTo = options.writeTo ?? entries[0].name;
    requireArgument(
      entries.some((e) => e.name === writeTo),
      `open: writeTo ${JSON.stringify(writeTo)} names none of the files (${entries.map((e) => e.name).join(', ')})`,
    );
    // DuckDB's wasm compiles off this thread while the files are read and checked; its start (which
    // runs on this thread) comes after the read, so that open() answers first.
    const warehouse = this.getWarehouse();
    try {
      this.host.prepareWarehouse?.();
    } catch {
      /* only a head start */
    }
    const loaded: LoadedFile[] = [];
    let swapped = false;
    try {
      for (const entry of entries) {
        const named: Progress = several ? (phase, done, total, message) => progress(phase, done, total, `${entry.name}: ${message ?? ''}`) : progress;
        loaded.push(await this.loadFile(entry, verify, restore, named));
      }
      const SQL = await this.host.loadSqlJs();
      // Several files: one set of columns, ids made unique, session keys per file.
      const combined = several ? combineColumns(loaded.map((l) => ({ name: l.file.name, columns: l.columns }))) : null;
      const columns = combined ? combined.columns : loaded[0].columns;
      progress('loading', 0, columns.length, 'starting the warehouse');
      void warehouse.start();
      const files = loaded.map((l) => l.file);
      // open() answers now; the warehouse loads behind it and every query waits for the load.
      void warehouse
        .loadInBackground(
          columns,
          (done, total) => progress('loading', done, total, `loading ${done}/${total} rows`),
          several ? () => combineColumns(files.map((f) => ({ name: f.name, columns: fileColumns(f) }))).columns : () => fileColumns(files[0]),
        )
        .then(
          () => progress('done', 1, 1),
          () => undefined,
        );
      swapped = true;
      const members: DatasetMember[] = loaded.map((l, i) => ({
        name: l.file.name,
        db: l.file.db,
        info: l.info,
        summary: l.summary,
        skillNames: several ? new Set(l.columns.skillName) : new Set<string>(),
        defaultAsOfMicros: l.defaultAsOfMicros,
        idOffset: combined ? combined.idOffsets[i] : 0,
        revision: () => l.file.revision,
      }));
      for (const l of loaded) {
        l.info.writeTo = writeTo;
        l.info.sources = [sourceInfo({ ...members[loaded.indexOf(l)] })];
      }
      const dataset = new Dataset(SQL, members, warehouse, writeTo, several ? undefined : loaded[0].info);
      // The files open before are closed; a claim on a saved copy that is open again is kept.
      this.dataset?.close();
      for (const f of this.files) if (!files.some((n) => n.release === f.release)) f.release?.();
      for (const f of files) f.db.onCommit = () => void f.revision++;
      this.files = files;
      this.dataset = dataset;
      return dataset.info;
    } catch (e) {
      for (const l of loaded) {
        l.file.db.close();
        if (!l.keptClaim) l.file.release?.();
      }
      // Validation errors come before the warehouse is touched: the previous file stays open.
      if (swapped) await this.closeNow();
      throw toAnalyticsError(e, 'open');
    }
  }

  /** Reads and checks one file (and its saved local copy, when there is one). */
  private async loadFile(entry: ResolvedEntry, verify: VerifyMode | undefined, restore: boolean, progress: Progress): Promise<LoadedFile> {
    if (entry.paged) return this.loadPagedFile(entry, entry.paged, progress);
    progress('reading', 0, 1, 'reading file');
    const original = await readOpenSource(entry.data);
    const walSource = entry.wal;
    const walBytes = walSource === undefined || walSource === null ? null : await readOpenSource(walSource);
    const store = this.host.localStore;
    const key = store ? (entry.localKey ?? (await localKey(entry.data, original)) + (walBytes ? `+wal:${await localKey(walSource!, walBytes)}` : '')) : null;
    // One tab owns a file's saved copy; another tab with the same file opens it read-only.
    // Reopening a file this tab already owns (discardLocalChanges, a second open) keeps the claim.
    const kept = this.files.find((f) => f.key === key && f.release)?.release;
    const release = kept ?? (store?.claim && key ? await store.claim(key) : undefined);
    const saved = store && key && restore ? await store.load(key).catch(() => null) : null;
    progress('reading', 1, 1, `${original.byteLength + (walBytes?.byteLength ?? 0)} bytes`);
    let db: SkillsDatabase | undefined;
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
      const [{ rows }] = db.all<{ rows: number }>('SELECT COUNT(*) AS rows FROM skill_invocation');
      const described = describeFile(entry.name, db, columns, warnings, {
        walMode,
        wal: opened.wal,
        integrity: verified.summary,
        readOnly: release === null,
        fileBytes: bytes.byteLength,
        rows,
        localChanges: saved !== null,
      });
      if (saved)
        warnings.push({
          code: 'LOCAL_CHANGES_RESTORED',
          message: 'opened the copy saved in this browser, with the writes made here earlier; discardLocalChanges() returns to the original file',
        });
      const file: OpenFile = { name: entry.name, original, wal: walBytes, key, revision: 0, savedRevision: 0, failedRevision: -1, release: release ?? undefined, db };
      return { file, columns, ...described, keptClaim: release === kept && kept !== undefined };
    } catch (e) {
      db?.close();
      if (release !== kept) release?.();
      if (saved && key && store && release !== null) {
        // A saved copy that no longer opens must not lock the user out of the original.
        await store.remove(key).catch(() => undefined);
        return this.loadFile({ ...entry, data: original, wal: walBytes, localKey: key }, verify, false, progress);
      }
      throw toAnalyticsError(e, 'open');
    }
  }

  /**
   * A file read page by page (too big for sql.js): the small tables open in sql.js, read-only; the
   * invocations go to the warehouse as read, and the A/B users' own sessions are copied into the
   * small file so the pre-assignment history (CUPED) sees them.
   */
  private async loadPagedFile(entry: ResolvedEntry, paged: PagedFile, progress: Progress): Promise<LoadedFile> {
    progress('reading', 0, 1, 'opening the small tables');
    const original = await readOpenSource(entry.data);
    const SQL = await this.host.loadSqlJs();
    const db = openWithLog(SQL, original, null).db;
    try {
      copyAssignedSessions(db, paged.columns);
      db.readOnly = `${entry.name} was read page by page (${(paged.fileBytes / 2 ** 30).toFixed(2)} GiB: too big to hold in sql.js), so it is analysed read-only; write to a smaller export`;
      const warnings = [...paged.warnings, { code: 'READ_ONLY_LARGE_FILE' as const, message: db.readOnly }];
      const described = describeFile(entry.name, db, paged.columns, warnings, {
        walMode: paged.walMode,
        wal: paged.wal,
        integrity: { mode: 'none', problems: 0, tables: [] },
        readOnly: true,
        fileBytes: paged.fileBytes,
        rows: paged.rows,
        localChanges: false,
      });
      progress('reading', 1, 1, `${paged.fileBytes} bytes`);
      const file: OpenFile = { name: entry.name, original, wal: null, key: null, revision: 0, savedRevision: 0, failedRevision: -1, db, paged };
      return { file, columns: paged.columns, ...described, keptClaim: false };
    } catch (e) {
      db.close();
      throw toAnalyticsError(e, 'open');
    }
  }

  /**
   * Saves the open files to the host's local store if a write happened since the last save
   * (browser; a no-op in Node). Called automatically after every capability call.
   */
  async flushLocalChanges(): Promise<void> {
    const run = this.saving.then(async () => {
      const store = this.host.localStore;
      const dataset = this.dataset;
      if (!store || !dataset) return;
      for (const file of this.files) {
        if (!file.key || file.revision === file.savedRevision || file.revision === file.failedRevision) continue;
        const revision = file.revision;
        try {
          await store.save(file.key, file.db.export());
        } catch (e) {
          // The write is committed in memory; only the saved copy is behind. Report it once per write.
          file.failedRevision = revision;
          const error = localSaveError(e);
          dataset.root.warn({ code: 'LOCAL_SAVE_FAILED', message: error.message });
          throw error;
        }
        file.savedRevision = revision;
      }
    });
    this.saving = run.catch(() => undefined);
    return run;
  }

  /**
   * Drops this browser's saved copies of the open files and reopens the originals.
   * @returns the original files' info
   */
  async discardLocalChanges(): Promise<DatabaseInfo> {
    const files = this.files;
    const dataset = this.dataset;
    if (!dataset || files.length === 0) throw new AnalyticsError('NO_DATABASE', 'discardLocalChanges: no skills.db is open');
    return this.enqueue(async () => {
      for (const f of files) if (f.key && this.host.localStore) await this.host.localStore.remove(f.key);
      const entries = files.map((f) => ({ name: f.name, data: f.original, wal: f.wal, localKey: f.key ?? undefined }));
      return this.doOpen(entries, { writeTo: dataset.writeTo }, false);
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

  /**
   * The open dataset's context; capabilities call this for every request.
   * @param scope `{ source }`: one file name (that file as if opened alone) or several; default every file
   * @returns the context
   * @throws AnalyticsError NO_DATABASE, INVALID_ARGUMENT (unknown source)
   */
  context(scope?: SourceScope): EngineContext {
    if (!this.dataset) throw new AnalyticsError('NO_DATABASE', 'no skills.db is open: call open(file) first');
    return this.dataset.context(scope);
  }

  /** What `open()` returned for the file(s) now open. */
  async info(): Promise<DatabaseInfo> {
    const dataset = this.dataset;
    if (!dataset) throw new AnalyticsError('NO_DATABASE', 'no skills.db is open: call open(file) first');
    // Writes may have added tables (the A/B tables, for one): list them as they are now.
    for (const m of dataset.members) m.info.tables = m.db.tables();
    if (dataset.members.length > 1) dataset.info.tables = [...new Set(dataset.members.flatMap((m) => m.info.tables))];
    return dataset.info;
  }

  /**
   * A file with every write in it; session-buddy and Python's sqlite3 open it.
   * @param name with several files open: which one (default: `info.writeTo`, where writes go)
   * @returns the file's bytes (rollback-journal mode), with that file's own rows only
   * @throws AnalyticsError NO_DATABASE, INVALID_ARGUMENT (no file of that name), READ_ONLY (a file read page by page)
   */
  async exportDatabase(name?: string): Promise<Uint8Array> {
    const dataset = this.dataset;
    if (!dataset) throw new AnalyticsError('NO_DATABASE', 'no skills.db is open: call open(file) first');
    requireArgument(name === undefined || name === null || typeof name === 'string', 'exportDatabase: name must be a file name from info.sources');
    const member = dataset.member(name ?? dataset.writeTo);
    if (this.files.find((f) => f.name === member.name)?.paged) {
      throw new AnalyticsError(
        'READ_ONLY',
        `exportDatabase: ${member.name} was read page by page (too big for sql.js): only its small tables are in memory, so it cannot be exported; the file on disk is unchanged`,
      );
    }
    return member.db.export();
  }

  /** Frees the open file(s) and the warehouse tables; the engine can open another file afterwards. */
  async close(): Promise<void> {
    return this.enqueue(() => this.closeNow());
  }

  private async closeNow(): Promise<void> {
    const dataset = this.dataset;
    this.dataset = null;
    for (const f of this.files) f.release?.();
    this.files = [];
    if (!dataset) return;
    dataset.close();
    await this.getWarehouse().dropInvocations();
  }

  /** Frees everything, DuckDB included; the engine cannot be used afterwards. */
  async dispose(): Promise<void> {
    await this.close();
    const w = this.warehouse;
    this.warehouse = null;
    if (w) await w.close();
  }
}

/** A file's invocations read again (to rebuild the warehouse): from sql.js, or as read page by page. */
function fileColumns(f: OpenFile): InvocationColumns {
  return f.paged ? f.paged.columns : f.db.readInvocations().columns;
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

/** What a file holds beyond its invocations, as `describeFile` needs it. */
interface FileFacts {
  walMode: boolean;
  wal: DatabaseInfo['wal'];
  integrity: DatabaseInfo['integrity'];
  readOnly: boolean;
  fileBytes: number;
  rows: number;
  localChanges: boolean;
}

/**
 * One file's info, summary and default asOf from its invocations. Rows dated more than a day after
 * this machine's clock are kept but do not set the default asOf (one typo'd year-2999 row must not
 * empty every window).
 */
function describeFile(
  name: string,
  db: SkillsDatabase,
  columns: InvocationColumns,
  warnings: DatabaseInfo['warnings'],
  facts: FileFacts,
): Pick<LoadedFile, 'info' | 'summary' | 'defaultAsOfMicros'> {
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
  const info: DatabaseInfo = {
    schemaVersion: db.schema.schemaVersion,
    invocations: s.n,
    rows: facts.rows,
    skills: s.skills,
    sessions: s.sessions,
    firstInvocation: s.first === null ? null : formatIso(s.first),
    lastInvocation: s.last === null ? null : formatIso(s.last),
    asOf: defaultAsOf === null ? null : formatIso(defaultAsOf),
    tables: db.schema.tables,
    walMode: facts.walMode,
    wal: facts.wal,
    integrity: facts.integrity,
    readOnly: facts.readOnly,
    fileBytes: facts.fileBytes,
    localChanges: facts.localChanges,
    warnings,
    sources: [],
    writeTo: name,
  };
  return { info, summary: s, defaultAsOfMicros: defaultAsOf };
}

/**
 * Copies into a paged file's small SQLite file the invocations whose session id is an A/B user id
 * (the pre-assignment history of `analyzeResults`' variance reduction reads them there).
 */
function copyAssignedSessions(db: SkillsDatabase, columns: InvocationColumns): void {
  if (!db.hasTable('ab_test_assignments') || !db.hasTable('skill_invocation')) return;
  const users = new Set(db.all<{ u: string }>('SELECT DISTINCT CAST(user_id AS TEXT) AS u FROM ab_test_assignments').map((r) => r.u));
  if (users.size === 0) return;
  db.transaction(() => {
    for (let i = 0; i < columns.length; i++) {
      if (!users.has(columns.sessionId[i])) continue;
      const d = columns.durationSeconds[i];
      db.run('INSERT INTO skill_invocation (id, skill_name, invoked_at, session_id, completed, duration_seconds) VALUES (?, ?, ?, ?, ?, ?)', [
        columns.id[i],
        columns.skillName[i],
        formatIso(columns.invokedAt[i]),
        columns.sessionId[i],
        columns.completed[i],
        Number.isNaN(d) ? null : d,
      ]);
    }
  });
}
