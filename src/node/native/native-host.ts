/**
 * The Node host with native DuckDB (`@duckdb/node-api`) as the warehouse: sql.js reads the file as
 * on the WASM host (and everything else is nodeHost's); only `openWarehouse` differs. The package is
 * an optional peer dependency: it is loaded on first use, and its absence is a typed error.
 */
import { totalmem } from 'node:os';
import type { EngineHost } from '../../engine/host.js';
import { AnalyticsError } from '../../engine/errors.js';
import { nodeHost } from '../host.js';
import { nativeConnection, type NativeConnectionOptions, type NodeApi } from './native-connection.js';

let api: Promise<NodeApi> | null = null;

/**
 * Loads `@duckdb/node-api` once per process.
 * @returns the module
 * @throws AnalyticsError NATIVE_UNAVAILABLE when it is not installed (or its binary does not load here)
 * @example const duckdb = await loadNodeApi();
 */
export function loadNodeApi(): Promise<NodeApi> {
  api ??= import('@duckdb/node-api').catch((e: unknown) => {
    api = null;
    throw new AnalyticsError(
      'NATIVE_UNAVAILABLE',
      `native DuckDB needs the optional package @duckdb/node-api (npm install @duckdb/node-api): ${e instanceof Error ? e.message : String(e)}`,
    );
  });
  return api;
}

/**
 * @returns whether `@duckdb/node-api` loads on this machine (what `engine: 'auto'` asks)
 * @example if (await nativeAvailable()) console.log('native DuckDB');
 */
export async function nativeAvailable(): Promise<boolean> {
  try {
    await loadNodeApi();
    return true;
  } catch {
    return false;
  }
}

/**
 * The default memory_limit of a native warehouse: half of the machine's memory (the other half
 * holds the file's copy in sql.js and the columns on their way in).
 * @param total the machine's memory in bytes
 * @returns e.g. '8192MiB'
 * @example nativeMemoryLimit(16 * 2 ** 30) // '8192MiB'
 */
export function nativeMemoryLimit(total: number = totalmem()): string {
  return `${Math.max(256, Math.floor(total / 2 / 2 ** 20))}MiB`;
}

/**
 * A Node host whose warehouse is native DuckDB.
 * @param options threads, memory limit, directories DuckDB may write to (Parquet export)
 * @returns the host, to pass to `new AnalyticsEngine(host)`
 * @example const engine = new AnalyticsEngine(createNativeHost({ threads: 4 }));
 */
export function createNativeHost(options: NativeConnectionOptions = {}): EngineHost {
  return {
    ...nodeHost,
    // The memory limit is set at open (the engine's ¼-of-memory rule, capped at 3 GiB for a tab,
    // is for DuckDB-WASM).
    deviceMemoryBytes: undefined,
    async openWarehouse() {
      return nativeConnection(await loadNodeApi(), { memoryLimit: nativeMemoryLimit(), ...options });
    },
  };
}

/** The native host with default settings (all cores, half the memory, no writable directory). */
export const nativeHost: EngineHost = createNativeHost();
