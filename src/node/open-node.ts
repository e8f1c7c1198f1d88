/**
 * Opening on the Node host: reads a path (and its `-wal` beside it), picks the warehouse engine
 * (native DuckDB or DuckDB-WASM) from the option and the input's size, opens the engine.
 */
import { AnalyticsEngine, type OpenOptions } from '../engine/AnalyticsEngine.js';
import { hostFor, parseEngine, resolveEngine, type WarehouseEngine } from './native/engine-choice.js';
import type { NativeConnectionOptions } from './native/native-options.js';
import { readDatabaseFiles } from './read-database.js';

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
 * @param source a path or the file's bytes
 * @param options open options and the engine choice
 * @param native settings of a native warehouse beyond `threads` (e.g. writable directories)
 * @returns the open engine and the warehouse engine it runs on
 * @example const { engine, warehouse } = await openNode('skills.db', { engine: 'auto' });
 */
export async function openNode(
  source: string | Uint8Array | ArrayBuffer,
  options: NodeOpenOptions = {},
  native: NativeConnectionOptions = {},
): Promise<{ engine: AnalyticsEngine; warehouse: 'native' | 'wasm' }> {
  const { engine: asked, threads, ...openOptions } = options;
  const wanted = parseEngine(asked);
  // A path brings its `-wal` log along (unless the caller passed one, or `wal: null`).
  const files = typeof source === 'string' ? await readDatabaseFiles(source) : null;
  const bytes = files ? files.bytes : (source as Uint8Array | ArrayBuffer);
  const warehouse = await resolveEngine(wanted, bytes.byteLength + (files?.wal?.byteLength ?? 0));
  const engine = new AnalyticsEngine(hostFor(warehouse, { threads, ...native }));
  try {
    await engine.open(bytes, files && openOptions.wal === undefined ? { ...openOptions, wal: files.wal } : openOptions);
  } catch (e) {
    await engine.dispose();
    throw e;
  }
  return { engine, warehouse };
}
