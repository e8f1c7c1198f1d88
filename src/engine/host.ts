/**
 * What a host (browser worker, Node) gives the engine: its builds of sql.js and DuckDB-WASM.
 * Capabilities never know where they run.
 */
import type { SqlJsStatic } from 'sql.js';
import type { LocalStore } from './local-store.js';
import type { WarehouseConnection } from './warehouse-connection.js';

export interface EngineHost {
  /** Loads sql.js (once; later calls may return the same instance). */
  loadSqlJs(): Promise<SqlJsStatic>;
  /** Starts a fresh, empty DuckDB database with external access off. */
  openWarehouse(): Promise<WarehouseConnection>;
  /**
   * Starts work for a later `openWarehouse()` that runs off this thread (fetching and compiling
   * DuckDB's wasm), so that it overlaps reading the file. Optional; must not throw.
   */
  prepareWarehouse?(): void;
  /** Keeps modified files across page loads (browser); absent in Node, where files are written explicitly. */
  localStore?: LocalStore;
  /** The device's memory in bytes (Node: os.totalmem()); the browser's navigator.deviceMemory is used when absent. Sets DuckDB's memory_limit. */
  deviceMemoryBytes?: () => number;
}
