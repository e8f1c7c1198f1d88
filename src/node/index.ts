/**
 * `session-buddy-analytics/node`: the same engine in-process, for scripts, tests, CI and
 * static-site builds.
 */
import { readFile } from 'node:fs/promises';
import { AnalyticsEngine } from '../analytics/AnalyticsEngine.js';
import { AnalyticsError } from '../engine/errors.js';
import { hostFor } from './native/engine-choice.js';
import { type NodeOpenOptions, type NodeSource, openNode } from './open-node.js';

export * from '../analytics/index.js';
export type * from '../public-types.js';
export { AUTO_NATIVE_BYTES, type WarehouseEngine } from './native/engine-choice.js';
export type { NodeOpenOptions, NodeSource } from './open-node.js';
export { exportParquetFiles, type ExportParquetOptions } from './export-parquet-files.js';
export type { ParquetExport, ParquetFile } from './native/export-parquet.js';

/**
 * Opens a skills.db in-process — or several as one dataset (invocations unioned with their file in
 * `source`; see `AnalyticsEngine.open`).
 * @param source a file path or the file's bytes; or an array of paths / bytes / `{ name, data, wal }`
 *   (a path is named by its file name and brings its `-wal` along)
 * @param options open options, and `engine: 'native' | 'wasm' | 'auto'`
 * @returns an open engine (call `dispose()` when done)
 * @throws AnalyticsError as `AnalyticsEngine.open`, INVALID_ARGUMENT when the path cannot be read,
 *   NATIVE_UNAVAILABLE when `engine: 'native'` and @duckdb/node-api is not installed
 * @example
 * const analytics = await openAnalytics('skills.db');
 * (await analytics.info()).invocations // 2000
 * const big = await openAnalytics('team.db', { engine: 'native' });
 * const team = await openAnalytics(['ana/skills.db', 'ben/skills.db']); // info.sources: one per file
 */
export async function openAnalytics(source: NodeSource, options?: NodeOpenOptions): Promise<AnalyticsEngine> {
  return openNode(source, options);
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
