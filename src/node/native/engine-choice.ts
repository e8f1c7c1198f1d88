/**
 * Which warehouse a Node engine gets: DuckDB-WASM (always there) or native DuckDB
 * (`@duckdb/node-api`, an optional peer dependency). `auto` takes native for files of at least
 * AUTO_NATIVE_BYTES when the package loads, else DuckDB-WASM; both give identical answers.
 */
import type { EngineHost } from '../../engine/host.js';
import { AnalyticsError } from '../../engine/errors.js';
import { nodeHost } from '../host.js';
import { createNativeHost, nativeAvailable } from './native-host.js';
import type { NativeConnectionOptions } from './native-options.js';

/** The warehouse engine asked for: `native` (fails without @duckdb/node-api), `wasm`, or `auto`. */
export type WarehouseEngine = 'native' | 'wasm' | 'auto';

/**
 * `auto` picks native DuckDB from this size of input (bytes of the database files): 32 MiB, about
 * 80k invocations. Below it both open in well under a second and DuckDB-WASM is the default every
 * host has; above it native DuckDB loads and aggregates faster (docs/native.md), and it is the only
 * way past DuckDB-WASM's heap (~3 GiB) and the 1.5 GiB input limit.
 */
export const AUTO_NATIVE_BYTES = 32 * 2 ** 20;

/**
 * @param value a CLI or API value
 * @returns the engine
 * @throws AnalyticsError INVALID_ARGUMENT for anything but native, wasm, auto
 * @example parseEngine('native') // 'native'
 */
export function parseEngine(value: unknown): WarehouseEngine {
  if (value === undefined) return 'auto';
  if (value === 'native' || value === 'wasm' || value === 'auto') return value;
  throw new AnalyticsError('INVALID_ARGUMENT', `engine must be 'native', 'wasm' or 'auto' (got ${JSON.stringify(value)})`);
}

/**
 * Resolves `auto` and checks `native`.
 * @param engine what was asked
 * @param inputBytes total size of the input files
 * @returns the engine to use
 * @throws AnalyticsError NATIVE_UNAVAILABLE when `native` was asked and @duckdb/node-api does not load
 * @example await resolveEngine('auto', 400e6) // 'native' where @duckdb/node-api is installed
 */
export async function resolveEngine(engine: WarehouseEngine, inputBytes: number): Promise<'native' | 'wasm'> {
  if (engine === 'wasm') return 'wasm';
  if (engine === 'native') {
    if (!(await nativeAvailable())) await (await import('./native-host.js')).loadNodeApi(); // throws NATIVE_UNAVAILABLE with the reason
    return 'native';
  }
  return inputBytes >= AUTO_NATIVE_BYTES && (await nativeAvailable()) ? 'native' : 'wasm';
}

/**
 * The host for a resolved engine.
 * @param engine 'native' or 'wasm'
 * @param native options of a native warehouse (threads, memory limit, writable directories)
 * @returns the EngineHost
 * @example const host = hostFor('native', { threads: 4 });
 */
export function hostFor(engine: 'native' | 'wasm', native?: NativeConnectionOptions): EngineHost {
  return engine === 'native' ? createNativeHost(native) : nodeHost;
}
