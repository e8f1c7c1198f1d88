/**
 * Opening on the Node host: reads a path (and its `-wal` beside it; page by page from
 * PAGED_FROM_BYTES, too big for sql.js), picks the warehouse engine (native DuckDB or DuckDB-WASM)
 * from the option and the input's size, opens the engine. A path is named by its file name.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { AnalyticsEngine, type OpenOptions } from '../analytics/AnalyticsEngine.js';
import type { NamedSource } from '../engine/dataset/dataset-sources.js';
import { hostForInput, parseEngine, type WarehouseEngine } from './native/engine-choice.js';
import type { NativeConnectionOptions } from './native/native-options.js';
import { AnalyticsError } from '../engine/errors.js';
import type { EngineHost } from '../engine/host.js';
import { isLargeFile, PAGED_FROM_BYTES, pagedEntry } from './paged-entry.js';
import { databaseFilesForOpen, readDatabaseFiles } from './read-database.js';
import type { OpenCache } from '../engine/cache/open-cache.js';
import { nodeOpenCache } from './cache-folder.js';
import { nodeHost } from './host.js';
import { identifiedBytes } from '../engine/open-source.js';

/** `openAnalytics` options: the engine's, plus which warehouse runs the SQL. */
export interface NodeOpenOptions extends OpenOptions {
  /**
   * 'native' (native DuckDB through the optional package @duckdb/node-api: multi-threaded, no
   * wasm heap limit), 'wasm' (DuckDB-WASM), or 'auto' (default: native from AUTO_NATIVE_BYTES of
   * input when @duckdb/node-api loads, else wasm). Answers are identical on both.
   */
  engine?: WarehouseEngine;
  /** Native DuckDB's worker threads (default: all cores). */
  threads?: number;
}

/** What Node opens: a path or bytes; or several (paths, bytes, or `{ name, data, wal }`) as one dataset. */
export type NodeSource = string | Uint8Array | ArrayBuffer | readonly (string | Uint8Array | ArrayBuffer | NamedSource)[];

/**
 * Reads every path of a dataset (each with its `-wal` beside it) and names it by its file name
 * (the path as given when two files share a name; ':' becomes '_', which names may not hold).
 * @param sources paths, bytes, or named entries
 * @param writeTo the file written to (default: the first): it stays whole (writable) when the dataset is paged
 * @param pagedFrom from this many bytes of paths in all, every path but `writeTo` is read page by page
 * @returns the entries for `engine.open([...])` and the total input size in bytes
 * @example await datasetEntries(['ana/skills.db', 'ben/skills.db']) // names 'ana/skills.db', 'ben/skills.db'
 */
export async function datasetEntries(
  sources: readonly (string | Uint8Array | ArrayBuffer | NamedSource)[],
  writeTo?: string,
  pagedFrom = PAGED_FROM_BYTES,
): Promise<{ entries: (Uint8Array | ArrayBuffer | NamedSource)[]; bytes: number }> {
  const paths = sources.filter((s): s is string => typeof s === 'string');
  const base = (p: string) => path.basename(p);
  const taken = new Set(sources.filter((s): s is NamedSource => typeof s === 'object' && 'data' in s && typeof s.name === 'string').map((s) => s.name as string));
  const nameOf = (p: string) => (paths.filter((q) => base(q) === base(p)).length > 1 || taken.has(base(p)) ? p : base(p)).replaceAll(':', '_');
  let bytes = 0;
  const entries: (Uint8Array | ArrayBuffer | NamedSource)[] = [];
  // sql.js holds every file of the dataset in one wasm heap: when the paths add up to
  // PAGED_FROM_BYTES, all but the file written to are read page by page (and are read-only).
  const sizes = await Promise.all(
    paths.map((p) =>
      stat(p).then(
        (x) => x.size,
        () => 0,
      ),
    ),
  );
  const pageAll = sizes.reduce((a, b) => a + b, 0) >= pagedFrom;
  const writer = writeTo ?? (typeof sources[0] === 'string' ? nameOf(sources[0]) : undefined);
  // One after another: a big file read page by page holds its columns until the engine loads them.
  for (const s of sources) {
    if (typeof s === 'string') {
      const entry = await pathEntry(s, nameOf(s), undefined, pageAll && nameOf(s) !== writer);
      bytes += entry.bytes;
      entries.push(entry.entry);
      continue;
    }
    const data = 'data' in s ? s.data : s;
    bytes += data instanceof Uint8Array || data instanceof ArrayBuffer ? data.byteLength : 0;
    entries.push(s);
  }
  return { entries, bytes };
}

/**
 * One path as an `open([...])` entry: read whole (with its `-wal`), or — from PAGED_FROM_BYTES, too
 * big for sql.js — page by page (src/node/paged-entry.ts: invocations straight to the warehouse,
 * the file read-only).
 * @param file the path
 * @param name the entry's name
 * @param wal the -wal: undefined = `<path>-wal` when present, null = none, bytes = these
 * @param paged read it page by page whatever its size (a dataset too big for sql.js as a whole)
 * @param readAhead the cache of opens to read this file's entry from while the file is read (found by its identity on disk); a
 *   file it holds an entry for, without a -wal, is read on first use (`databaseFilesForOpen`)
 * @returns the entry and the input's size in bytes
 */
async function pathEntry(
  file: string,
  name: string,
  wal?: Uint8Array | ArrayBuffer | null,
  paged = false,
  readAhead?: OpenCache | null,
): Promise<{ entry: NamedSource; bytes: number }> {
  if (paged || (await isLargeFile(file))) {
    if (wal)
      throw new AnalyticsError(
        'INVALID_ARGUMENT',
        `${file} is read page by page (${PAGED_FROM_BYTES / 2 ** 30} GiB or more): its -wal must be the file beside it (or wal: null), not bytes`,
      );
    const entry = await pagedEntry(file, name, wal === null ? null : undefined);
    const walBytes =
      wal === null
        ? 0
        : await stat(`${file}-wal`).then(
            (s) => s.size,
            () => 0,
          );
    return { entry, bytes: (await stat(file)).size + walBytes };
  }
  if (wal === undefined && readAhead) {
    // Its entry read while the file is, or the file read only on first use (its entry answers).
    const { data, wal: log } = await databaseFilesForOpen(file, readAhead);
    return { entry: { name, data, wal: log }, bytes: data.byteLength + (log?.byteLength ?? 0) };
  }
  const files = await readDatabaseFiles(file);
  const log = wal === undefined ? files.wal : wal;
  // Opened with the log read beside it: the cache of opens may find the pair by its identity on disk.
  if (wal === undefined && files.identity !== null) identifiedBytes(files.bytes, files.identity);
  return { entry: { name, data: files.bytes, wal: log }, bytes: files.bytes.byteLength + (log?.byteLength ?? 0) };
}

/**
 * @param source a path or the file's bytes; or several of them (a dataset: see `AnalyticsEngine.open`)
 * @param options open options and the engine choice
 * @param native settings of a native warehouse beyond `threads` (e.g. writable directories)
 * @returns the open engine
 * @example const engine = await openNode('skills.db', { engine: 'auto' });
 */
export async function openNode(source: NodeSource, options: NodeOpenOptions = {}, native: NativeConnectionOptions = {}): Promise<AnalyticsEngine> {
  const { engine: asked, threads, ...openOptions } = options;
  const wanted = parseEngine(asked);
  if (Array.isArray(source)) {
    const { entries, bytes } = await datasetEntries(source, openOptions.writeTo);
    return openOn(await hostForInput(wanted, bytes, { threads, ...native }), (engine) => engine.open(entries, openOptions));
  }
  // A path brings its `-wal` log along (unless the caller passed one, or `wal: null`), and its name.
  if (typeof source === 'string') {
    const { wal, ...rest } = openOptions;
    if (wal !== undefined && wal !== null && !(wal instanceof Uint8Array) && !(wal instanceof ArrayBuffer)) {
      throw new AnalyticsError('INVALID_ARGUMENT', 'openAnalytics(path): wal must be bytes or null (the file beside the path is read by default)');
    }
    // sql.js compiles, and a reopen's saved entry is read, while the file is read.
    void nodeHost.loadSqlJs().catch(() => undefined);
    const { entry, bytes } = await pathEntry(source, path.basename(source).replaceAll(':', '_'), wal, false, rest.cache === false ? null : nodeOpenCache());
    return openOn(await hostForInput(wanted, bytes, { threads, ...native }), (engine) => engine.open([entry], rest));
  }
  const bytes = source as Uint8Array | ArrayBuffer;
  return openOn(await hostForInput(wanted, bytes.byteLength, { threads, ...native }), (engine) => engine.open(bytes, openOptions));
}

/** A new engine on the host, opened by `open`; disposed again when opening fails. */
async function openOn(host: EngineHost, open: (engine: AnalyticsEngine) => Promise<unknown>): Promise<AnalyticsEngine> {
  const engine = new AnalyticsEngine(host);
  try {
    await open(engine);
  } catch (e) {
    await engine.dispose();
    throw e;
  }
  return engine;
}
