/**
 * Opening one file of a dataset, before it joins the open dataset: its bytes and -wal log read,
 * its saved local copy found, the file opened in sql.js with the log applied, checked, its
 * invocations read page by page from the same bytes and described. An unchanged file opened
 * before is answered from the host's cache of opens (src/engine/cache): no read, no check. A file
 * read page by page from disk opens its small tables read-only.
 */
import type { SqlJsStatic } from 'sql.js';
import type { CachedOpen } from './cache/entry-format.js';
import { type GrownRead, readGrownLog } from './cache/grown-log.js';
import { emptyTables, fileIndexes, grownFrom, savedOpen } from './cache/saved-open.js';
import type { IndexStore } from './dataset/column-indexes.js';
import type { DatasetHook } from './dataset/dataset-hooks.js';
import type { PagedFile, ResolvedEntry } from './dataset/dataset-sources.js';
import { requireArgument, toAnalyticsError } from './errors.js';
import type { EngineHost } from './host.js';
import type { VerifyMode } from './integrity.js';
import { bytesOf, type FileOnDisk, isFileOnDisk } from './file-on-disk.js';
import { findLocalCopy, type SavedFile } from './local-copies.js';
import { identityOf, isOwnBytes, readOpenSource } from './open-source.js';
import { summarizeInvocations } from './open-summary.js';
import { type InvocationColumns, SkillsDatabase } from './SkillsDatabase.js';
import { bytesSayWal, checkSqliteBytes } from './sqlite-file.js';
import { openKnownSchema } from './known-schema-open.js';
import { openSchemaOnly } from './schema-only-open.js';
import { readInvocationsInMemory } from './sqlite-pages/read-in-memory.js';
import { formatIso } from './time.js';
import type { DatabaseInfo, ProgressCallback, Warning } from './types.js';
import { defaultVerify, verifyOnOpen } from './verify-on-open.js';
import { applyWal } from './wal/apply-wal.js';
import { type OpenedWithLog, openWithLog } from './wal/open-with-log.js';
import { yieldToEvents } from './yield-to-events.js';

/** A file now open and where its local copy lives. */
export interface OpenFile extends SavedFile {
  name: string;
  /** The file as opened (a file on disk whose entry answered: read on first use). */
  original: Uint8Array | FileOnDisk;
  /** The -wal log opened with it, if any. */
  wal: Uint8Array | null;
  /** Gives up this tab's ownership of the saved copy. */
  release?: () => void;
  /** Read page by page (too big for sql.js): its invocations are these, not the db's. */
  paged?: PagedFile;
}

/** One file read and checked, not yet part of the open dataset. */
export interface LoadedFile {
  file: OpenFile;
  columns: InvocationColumns;
  info: DatabaseInfo;
  summary: ReturnType<typeof summarizeInvocations>;
  defaultAsOfMicros: number | null;
  /** The claim on the saved copy was kept from the dataset open before (not released on failure). */
  keptClaim: boolean;
  /** Indexes saved in the cache of opens with this file's entry, and where built ones are saved (null: no cache). */
  indexes?: IndexStore | null;
}

export type Progress = (phase: 'reading' | 'validating' | 'loading' | 'done', done: number, total: number, message?: string) => void;

/** open()'s progress callback, made safe: a callback that throws or rejects never breaks opening. */
export function progressReporter(onProgress: ProgressCallback | undefined): Progress {
  return (phase, done, total, message) => {
    try {
      // A callback across the worker boundary returns a promise: its failure must not go unhandled.
      const answer: unknown = onProgress?.({ phase, done, total, message });
      if (answer instanceof Promise) answer.catch(() => undefined);
    } catch {
      /* a broken progress callback must not break opening */
    }
  };
}

/** What loading needs from the engine. */
export interface LoadContext {
  host: EngineHost;
  /** The capabilities' dataset hooks (a paged file's small database gets their copies). */
  hooks: readonly DatasetHook[];
  /** The claim this engine holds on a saved copy's key (a file open before). */
  held(key: string | null): (() => void) | undefined;
  verify: VerifyMode | undefined;
  progress: Progress;
  /** open()'s `cache` option: false skips the host's cache of opens (default true). */
  cache?: boolean;
  /** Persist names of the engine's indexes (read from the cache of opens with a hit). */
  persisted?: readonly string[];
  /** The cache of opens' saves under way when this open began (a first open of the same file just before). */
  savesBefore?: Promise<void>;
}

/**
 * Reads and checks one file (and its saved local copy, when there is one).
 * @param entry the file
 * @param load the engine's part
 * @param restore false to open the original even when a saved copy exists
 * @throws AnalyticsError as `open`
 */
export async function loadFile(entry: ResolvedEntry, load: LoadContext, restore = true): Promise<LoadedFile> {
  if (entry.paged) return loadPagedFile(entry, entry.paged, load);
  requireArgument(load.cache === undefined || typeof load.cache === 'boolean', `open: cache must be true or false (got ${JSON.stringify(load.cache)})`);
  const { host, progress } = load;
  progress('reading', 0, 1, 'reading file');
  const store = host.localStore;
  // A file on disk is read when something needs its bytes: not when the cache of opens answers from its entry.
  const data = entry.data;
  const original = isFileOnDisk(data) ? (store || load.cache === false ? data.read() : data) : await readOpenSource(data);
  const walBytes = entry.wal === undefined || entry.wal === null ? null : await readOpenSource(entry.wal);
  const { key, release, kept, saved } = await findLocalCopy(store, { ...entry, original, walBytes }, load.held, restore);
  progress('reading', 1, 1, `${original.byteLength + (walBytes?.byteLength ?? 0)} bytes`);
  let db: SkillsDatabase | undefined;
  let indexes: IndexStore | null = null;
  try {
    const SQL = await host.loadSqlJs();
    // A saved copy already holds the log's rows (it is an export of the merged file).
    const cache =
      load.cache === false
        ? null
        : await savedOpen(
            host,
            saved ?? original,
            saved ? null : walBytes,
            saved !== null || ((isFileOnDisk(original) || isOwnBytes(original)) && (walBytes === null || isOwnBytes(walBytes))),
            saved ? undefined : isFileOnDisk(original) ? original.identity : identityOf(original),
            load.savesBefore,
          );
    const hit = cache?.hit ?? null;
    // Not answered from an entry: the file is read now (a file on disk once).
    const bytes = () => bytesOf(original);
    const waitForIndexes = (load.persisted ?? []).length > 0;
    // A live file whose log grew: its earlier rows from their entry, only the appended frames read (no verify asked: the earlier check stands).
    const grown =
      cache?.key && !hit && !saved && walBytes !== null && waitForIndexes && load.verify === undefined ? await readGrownLog(cache.cache, cache.key, bytes(), walBytes) : null;
    await yieldToEvents();
    const walMode = bytesSayWal(isFileOnDisk(original) ? original.header : original);
    // A large file without a log and without a check asked: a known schema is read from the pages (else sql.js checks it on the pages it reads), and the whole file opens in sql.js on first use.
    const schemaOnly =
      !hit && !grown && !saved && walBytes === null && (load.verify ?? defaultVerify(original.byteLength)) === 'none'
        ? ((await openKnownSchema(SQL, bytes())) ?? openSchemaOnly(SQL, bytes()))
        : null;
    const opened = hit
      ? openAsBefore(SQL, saved ?? original, saved ? null : walBytes, hit)
      : grown
        ? openGrown(SQL, grown)
        : schemaOnly
          ? schemaOnly.opened
          : saved
            ? { ...openWithLog(SQL, saved, null), wal: null }
            : openWithLog(SQL, bytes(), walBytes);
    db = opened.db;
    const mode = load.verify ?? defaultVerify(opened.bytes.byteLength);
    const before = hit ?? grown?.earlier;
    const verified = before?.verify.mode === mode ? { summary: before.verify.summary, warnings: [...before.verify.warnings] } : verifyOnOpen(db, mode, opened.checked);
    await yieldToEvents();
    progress('validating', 0, 1, 'reading invocations');
    const { columns, warnings, rows } = hit
      ? { columns: hit.columns, warnings: [...hit.readWarnings], rows: hit.rows }
      : grown
        ? { columns: grown.columns, warnings: [], rows: grown.columns.length }
        : await readColumns(db, bytesOf(opened.bytes), progress);
    if (cache && hit) indexes = fileIndexes(cache, null, waitForIndexes);
    if (cache && !hit) {
      const entry = {
        columns,
        readWarnings: [...warnings],
        rows,
        wal: opened.wal && { summary: opened.wal, warnings: [...opened.warnings] },
        verify: { mode, ...verified },
        schema: db.schema,
        emptyTables: grown ? grown.emptyTables : schemaOnly ? schemaOnly.emptyTables : emptyTables(db),
      };
      const earlier = grown ? grown.earlier : waitForIndexes && cache.key?.endsWith('-nowal') === false ? await grownFrom(cache, columns) : null;
      indexes = fileIndexes(cache, entry, waitForIndexes, earlier);
    }
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
    const described = describeFile(entry.name, db, columns, warnings, {
      distinct: hit?.distinct,
      walMode,
      wal: opened.wal,
      integrity: verified.summary,
      readOnly: release === null,
      fileBytes: opened.bytes.byteLength,
      rows,
      localChanges: saved !== null,
    });
    if (saved)
      warnings.push({
        code: 'LOCAL_CHANGES_RESTORED',
        message: 'opened the copy saved in this browser, with the writes made here earlier; discardLocalChanges() returns to the original file',
      });
    const file: OpenFile = { name: entry.name, original, wal: walBytes, key, revision: 0, savedRevision: 0, failedRevision: -1, release: release ?? undefined, db };
    return { file, columns, ...described, keptClaim: kept, indexes };
  } catch (e) {
    indexes?.finish();
    db?.close();
    if (!kept) release?.();
    if (saved && key && store && release !== null) {
      // A saved copy that no longer opens must not lock the user out of the original.
      await store.remove(key).catch(() => undefined);
      return loadFile({ ...entry, data: original, wal: walBytes, localKey: key }, load, false);
    }
    throw toAnalyticsError(e, 'open');
  }
}

/**
 * What an earlier open of the same bytes opened, without checking again: the log merged when it
 * applied then (its quick_check passed), the database alone otherwise. sql.js opens it on first
 * use (a query of the small tables, a write), not now; a file on disk is read then too (unless a
 * log is merged into it now).
 */
function openAsBefore(SQL: SqlJsStatic, file: Uint8Array | FileOnDisk, wal: Uint8Array | null, hit: CachedOpen): Omit<OpenedWithLog, 'bytes'> & { bytes: Uint8Array | FileOnDisk } {
  const log = hit.wal;
  const empty = new Set(hit.emptyTables);
  if (wal === null || log === null) return { db: SkillsDatabase.deferred(SQL, file, hit.schema, empty), bytes: file, wal: null, warnings: [], checked: null };
  const bytes = bytesOf(file);
  const merged = log.summary.applied ? applyWal(bytes, checkSqliteBytes(bytes).pageSize, wal).bytes : bytes;
  return { db: SkillsDatabase.deferred(SQL, merged, hit.schema, empty), bytes: merged, wal: log.summary, warnings: [...log.warnings], checked: null };
}

/** A grown file as {@link readGrownLog} read it: sql.js opens the merged copy on first use. */
function openGrown(SQL: SqlJsStatic, grown: GrownRead): OpenedWithLog {
  const { bytes, summary, warnings } = grown.merged;
  return { db: SkillsDatabase.deferred(SQL, bytes, grown.schema, new Set(grown.emptyTables)), bytes, wal: summary, warnings: [...warnings], checked: null };
}

/**
 * skill_invocation read page by page from the bytes sql.js opened (the default: faster than
 * sql.js row by row, at least as strict), or by sql.js where the page reader does not read the file.
 */
async function readColumns(db: SkillsDatabase, bytes: Uint8Array, progress: Progress): Promise<{ columns: InvocationColumns; warnings: Warning[]; rows: number }> {
  const read = await readInvocationsInMemory(bytes, undefined, (done, total) => progress('validating', done, total, 'reading invocations'));
  if (read) return read;
  const [{ rows: total }] = db.all<{ rows: number }>('SELECT COUNT(*) AS rows FROM skill_invocation');
  const viaSqlJs = await db.readInvocationsYielding((done, all) => progress('validating', done, all, 'reading invocations'));
  return { ...viaSqlJs, rows: total };
}

/**
 * A file read page by page (too big for sql.js): the small tables open in sql.js, read-only; the
 * invocations go to the warehouse as read, and the hooks copy what their capability reads from
 * `skill_invocation` into the small file (the A/B users' own sessions, for CUPED).
 */
async function loadPagedFile(entry: ResolvedEntry, paged: PagedFile, { host, hooks, progress }: LoadContext): Promise<LoadedFile> {
  progress('reading', 0, 1, 'opening the small tables');
  const original = isFileOnDisk(entry.data) ? entry.data.read() : await readOpenSource(entry.data);
  const SQL = await host.loadSqlJs();
  const db = openWithLog(SQL, original, null).db;
  try {
    for (const hook of hooks) hook.pagedFile?.(db, paged.columns);
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

/** A file's invocations read again (to rebuild the warehouse): from sql.js, or as read page by page. */
export function fileColumns(f: OpenFile): InvocationColumns {
  return f.paged ? f.paged.columns : f.db.readInvocations().columns;
}

/** What a file holds beyond its invocations, as `describeFile` needs it. */
interface FileFacts {
  /** Distinct skills and sessions when known (a reopen from the cache). */
  distinct?: { skills: number; sessions: number };
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
  const s = summarizeInvocations(columns, futureFrom, facts.distinct);
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
