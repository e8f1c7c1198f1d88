/**
 * Which warehouse a Node engine gets: DuckDB-WASM (always there) or native DuckDB
 * (`@duckdb/node-api`, an optional peer dependency). `auto` takes native for files of at least
 * AUTO_NATIVE_BYTES when the package loads, else DuckDB-WASM; both give identical answers.
 */
import { totalmem } from 'node:os';
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
 * The host for what was asked and the input's size. `auto` from AUTO_NATIVE_BYTES chooses when the
 * warehouse starts, behind open()'s answer: loading @duckdb/node-api parses ~0.1 s of modules on
 * this thread, which an open answered from the cube of the file (a reopen) does not wait for.
 * @param engine what was asked
 * @param inputBytes total size of the input files
 * @param native options of a native warehouse
 * @returns the EngineHost
 * @throws AnalyticsError NATIVE_UNAVAILABLE when `native` was asked and @duckdb/node-api does not load
 * @example const host = await hostForInput('auto', 400e6); // native DuckDB where @duckdb/node-api loads
 */
export async function hostForInput(engine: WarehouseEngine, inputBytes: number, native?: NativeConnectionOptions): Promise<EngineHost> {
  if (engine === 'native' && !(await nativeAvailable())) await (await import('./native-host.js')).loadNodeApi(); // throws NATIVE_UNAVAILABLE with the reason
  if (engine === 'native') return createNativeHost(native);
  return engine === 'auto' && inputBytes >= AUTO_NATIVE_BYTES ? nativeWhenAvailable(native) : nodeHost;
}

/**
 * The native host when @duckdb/node-api loads at the warehouse's start, else DuckDB-WASM: then the
 * device's memory is told, so that the engine sets DuckDB-WASM's memory limit as on the wasm host
 * (the engine asks for it once the warehouse is open; native DuckDB keeps its own limit).
 */
function nativeWhenAvailable(native?: NativeConnectionOptions): EngineHost {
  const nativeHost = createNativeHost(native);
  let wasm = false;
  return {
    ...nativeHost,
    async openWarehouse() {
      if (await nativeAvailable()) return nativeHost.openWarehouse();
      wasm = true;
      return nodeHost.openWarehouse();
    },
    deviceMemoryBytes: () => (wasm ? totalmem() : 0),
  };
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
