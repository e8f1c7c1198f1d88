/**
 * `session-buddy-analytics/node`: the same engine in-process, for scripts, tests, CI and
 * static-site builds.
 */
import { readFile } from 'node:fs/promises';
import { AnalyticsEngine, type OpenOptions } from '../engine/AnalyticsEngine.js';
import { AnalyticsError } from '../engine/errors.js';
import { hostFor, parseEngine, resolveEngine, type WarehouseEngine } from './native/engine-choice.js';

export * from '../engine/index.js';
export type * from '../public-types.js';
export { AUTO_NATIVE_BYTES, type WarehouseEngine } from './native/engine-choice.js';

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

/**
 * Opens a skills.db in-process.
 * @param source a file path, or the file's bytes
 * @param options open options, and `engine: 'native' | 'wasm' | 'auto'`
 * @returns an open engine (call `dispose()` when done)
 * @throws AnalyticsError as `AnalyticsEngine.open`, INVALID_ARGUMENT when the path cannot be read,
 *   NATIVE_UNAVAILABLE when `engine: 'native'` and @duckdb/node-api is not installed
 * @example
 * const analytics = await openAnalytics('skills.db');
 * (await analytics.info()).invocations // 2000
 * const big = await openAnalytics('team.db', { engine: 'native' });
 */
export async function openAnalytics(source: string | Uint8Array | ArrayBuffer, options?: NodeOpenOptions): Promise<AnalyticsEngine> {
  const { engine: asked, threads, ...openOptions } = options ?? {};
  const wanted = parseEngine(asked);
  // A path brings its `-wal` log along (unless the caller passed one, or `wal: null`).
  const files = typeof source === 'string' ? await (await import('./read-database.js')).readDatabaseFiles(source) : null;
  const bytes = files ? files.bytes : (source as Uint8Array | ArrayBuffer);
  const engine = new AnalyticsEngine(hostFor(await resolveEngine(wanted, bytes.byteLength + (files?.wal?.byteLength ?? 0)), { threads }));
  try {
    await engine.open(bytes, files && openOptions.wal === undefined ? { ...openOptions, wal: files.wal } : openOptions);
  } catch (e) {
    await engine.dispose();
    throw e;
  }
  return engine;
}

/**
 * A fresh engine on the Node host, with nothing open yet.
 * @param engine 'wasm' (default) or 'native' (needs @duckdb/node-api; `auto` needs a size, see openAnalytics)
 * @returns the engine
 * @example const engine = createEngine('native'); await engine.open(bytes);
 */
export function createEngine(engine: 'native' | 'wasm' = 'wasm'): AnalyticsEngine {
  return new AnalyticsEngine(hostFor(engine));
}

/** Reads a file, mapping "not found" and friends to a typed error. */
export async function readPath(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AnalyticsError('INVALID_ARGUMENT', `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(e)}`);
  }
}
