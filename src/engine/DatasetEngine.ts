/**
 * The engine: one opened skills.db (or several as one dataset), its warehouse copy and the saved
 * local copies. It knows no capability: the composition root (src/analytics) builds the
 * capabilities on its `context()` and passes their dataset hooks in. Runs the same in a Web Worker
 * and in Node; the host supplies sql.js and DuckDB.
 */
import type { EngineContext, SourceScope } from './context.js';
import { type ColumnIndex, DatasetIndexes } from './dataset/column-indexes.js';
import { combineColumns } from './dataset/combine-columns.js';
import { Dataset, type DatasetMember } from './dataset/dataset.js';
import type { DatasetHook } from './dataset/dataset-hooks.js';
import { sourceInfo } from './dataset/dataset-info.js';
import { resolveEntries, type DatasetEntry, type ResolvedEntry } from './dataset/dataset-sources.js';
import { AnalyticsError, requireArgument, toAnalyticsError } from './errors.js';
import type { EngineHost } from './host.js';
import { fileColumns, loadFile, progressReporter, type LoadedFile, type OpenFile, type Progress } from './load-file.js';
import { LocalCopies } from './local-copies.js';
import { duckdbMemoryLimit, navigatorDeviceMemory } from './memory-limit.js';
import type { OpenSource } from './open-source.js';
import type { DatabaseInfo, OpenOptions } from './types.js';
import { Warehouse } from './Warehouse.js';

export class DatasetEngine {
  private dataset: Dataset | null = null;
  /** open(), discardLocalChanges() and close() run one after another in arrival order. */
  private queue: Promise<unknown> = Promise.resolve();
  private warehouse: Warehouse | null = null;
  private files: OpenFile[] = [];
  private readonly copies = new LocalCopies();

  /**
   * `host`: sql.js, DuckDB and the local store of this platform; `hooks`: the capabilities' parts of
   * several files (and of a file read page by page); `indexers`: the capabilities' indexes of the
   * invocations (built once per open, see column-indexes.ts).
   */
  constructor(
    protected readonly host: EngineHost,
    private readonly hooks: readonly DatasetHook[] = [],
    private readonly indexers: readonly ColumnIndex[] = [],
  ) {}

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

  /** The open path: check the options, read the files, start the warehouse's load, swap the dataset in. */
  private async doOpen(entries: ResolvedEntry[], options: OpenOptions, restore = true): Promise<DatabaseInfo> {
    const { verify } = options;
    requireArgument(
      verify === undefined || verify === 'quick' || verify === 'full' || verify === 'none',
      `open: verify must be 'quick', 'full' or 'none' (got ${JSON.stringify(verify)})`,
    );
    const writeTo = options.writeTo ?? entries[0].name;
    requireArgument(
      entries.some((e) => e.name === writeTo),
      `open: writeTo ${JSON.stringify(writeTo)} names none of the files (${entries.map((e) => e.name).join(', ')})`,
    );
    const progress = progressReporter(options.onProgress);
    const several = entries.length > 1;
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
    // The previous file's load (if still running) waits while this file is read; it stops for good
    // when this open succeeds and no query waits for it.
    const resumeLoads = warehouse.pauseLoads();
    // Saves under way now: the files wait for them (a reopen right after a first open finds its entry), not for their own.
    const savesBefore = options.cache === false ? undefined : this.host.openCache?.()?.settled();
    try {
      for (const entry of entries) {
        const named: Progress = several ? (phase, done, total, message) => progress(phase, done, total, `${entry.name}: ${message ?? ''}`) : progress;
        const held = (key: string | null) => this.files.find((f) => f.key === key && f.release)?.release;
        const persisted = this.indexers.flatMap((i) => (i.persist ? [i.persist.name] : []));
        loaded.push(await loadFile(entry, { host: this.host, hooks: this.hooks, held, verify, progress: named, cache: options.cache, persisted, savesBefore }, restore));
      }
      const SQL = await this.host.loadSqlJs();
      // Several files: one set of columns, ids made unique, session keys per file.
      const combined = several ? combineColumns(loaded.map((l) => ({ name: l.file.name, columns: l.columns }))) : null;
      const columns = combined ? combined.columns : loaded[0].columns;
      progress('loading', 0, columns.length, 'starting the warehouse');
      // DuckDB's start runs a long synchronous part where it runs on this thread (instantiating its
      // wasm): later, so that open() answers — and first calls answered from an index (the hourly
      // cube) run — before it.
      setTimeout(() => void warehouse.start(), this.host.warehouseStartDelayMs ?? 0);
      const files = loaded.map((l) => l.file);
      // open() answers now; the warehouse loads behind it and every query waits for the load.
      const reread = () => (several ? combineColumns(files.map((f) => ({ name: f.name, columns: fileColumns(f) }))).columns : fileColumns(files[0]));
      const loading = (done: number, total: number) => progress('loading', done, total, `loading ${done}/${total} rows`);
      void warehouse.loadInBackground(columns, loading, reread).then(
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
      loaded.forEach((l, i) => Object.assign(l.info, { writeTo, sources: [sourceInfo({ ...members[i] })] }));
      // One file opened alone: its indexes are read from and saved to the cache of opens with its entry.
      const indexes = new DatasetIndexes(this.indexers, columns, members, several ? null : (loaded[0].indexes ?? null));
      const dataset = new Dataset(SQL, members, warehouse, writeTo, this.hooks, indexes, several ? undefined : loaded[0].info);
      // The indexes build behind open()'s answer (or at once, for a call that needs one first).
      if (this.indexers.length) setTimeout(() => indexes.buildAll(this.dataset === dataset), 0);
      if (several) for (const l of loaded) l.indexes?.finish();
      // The files open before are closed; a claim on a saved copy that is open again is kept.
      this.dataset?.close();
      for (const f of this.files) if (!files.some((n) => n.release === f.release)) f.release?.();
      for (const f of files) f.db.onCommit = () => void f.revision++;
      this.files = files;
      this.dataset = dataset;
      return dataset.info;
    } catch (e) {
      for (const l of loaded) {
        l.indexes?.finish();
        l.file.db.close();
        if (!l.keptClaim) l.file.release?.();
      }
      // Validation errors come before the warehouse is touched: the previous file stays open.
      resumeLoads();
      if (swapped) await this.closeNow();
      throw toAnalyticsError(e, 'open');
    } finally {
      resumeLoads();
    }
  }

  /**
   * Saves the open files to the host's local store if a write happened since the last save
   * (browser; a no-op in Node). Called automatically after every capability call.
   */
  async flushLocalChanges(): Promise<void> {
    // What is open when the save before this one has finished.
    return this.copies.save(() => {
      const dataset = this.dataset;
      return dataset && { store: this.host.localStore, files: this.files, warn: (w) => dataset.root.warn(w) };
    });
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
    return this.openDataset().context(scope);
  }

  /** What `open()` returned for the file(s) now open. */
  async info(): Promise<DatabaseInfo> {
    const dataset = this.openDataset();
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
    const dataset = this.openDataset();
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
    // Nothing starts DuckDB any more: a file answered without it (a reopen's cube) closes without it.
    this.warehouse?.retire();
    await this.close();
    const w = this.warehouse;
    this.warehouse = null;
    if (w) await w.close();
  }

  private openDataset(): Dataset {
    if (!this.dataset) throw new AnalyticsError('NO_DATABASE', 'no skills.db is open: call open(file) first');
    return this.dataset;
  }
}
