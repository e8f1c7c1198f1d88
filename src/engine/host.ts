/**
 * What a host (browser worker, Node) gives the engine: its builds of sql.js and DuckDB-WASM.
 * Capabilities never know where they run.
 */
import type { SqlJsStatic } from 'sql.js';
import type { OpenCache } from './cache/open-cache.js';
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
  /**
   * How long after open() answers the warehouse starts when nothing asked for it yet (ms; default
   * 0, one macrotask). A query that needs it starts it at once. The browser worker waits longer: its
   * DuckDB start blocks the thread for ~0.8 s, and a page's first calls after open() (answered from
   * the hourly cube) arrive later than one macrotask.
   */
  warehouseStartDelayMs?: number;
  /** Keeps modified files across page loads (browser); absent in Node, where files are written explicitly. */
  localStore?: LocalStore;
  /**
   * The cache of opens kept across sessions (decoded invocation columns, read warnings, integrity
   * result under the file's content hash), or null when the user turned it off. Called on every
   * open (Node reads its environment then). Optional: without it every open reads the file.
   */
  openCache?(): OpenCache | null;
  /** The device's memory in bytes (Node: os.totalmem()); the browser's navigator.deviceMemory is used when absent. Sets DuckDB's memory_limit. */
  deviceMemoryBytes?: () => number;
  /**
   * Threads for growing a random forest's trees (Node: worker_threads; browser: module workers
   * started by the analytics worker). Optional: without it, or when a worker cannot start,
   * trees grow in the calling thread.
   */
  treeWorkers?: TreeWorkers;
}

/**
 * One worker running the tree script (src/predictive/forest/tree-worker-core.ts behind a host
 * entry point). Messages are plain data and typed arrays.
 */
export interface TreeWorkerPort {
  /** Sends a message; `transfer` lists buffers to move instead of copy. */
  post(message: unknown, transfer?: ArrayBuffer[]): void;
  /**
   * Sets the handlers (once, right after the worker starts). `onFailure` is called when the
   * script cannot load, throws uncaught, or the worker exits.
   */
  listen(onMessage: (message: unknown) => void, onFailure: (reason: string) => void): void;
  /** Stops the worker. */
  terminate(): void;
  /**
   * Optional: whether the worker has work (Node: `ref()` while busy, `unref()` while idle, so
   * that an idle pool kept for the next training does not keep the process alive).
   */
  hold?(busy: boolean): void;
}

/** Starts tree workers. */
export interface TreeWorkers {
  /** Logical processors available (Node: os.availableParallelism(); browser: navigator.hardwareConcurrency). */
  concurrency(): number;
  /** Starts one worker; may throw when the platform cannot start one (the caller then grows trees in-thread). */
  spawn(): TreeWorkerPort;
}
