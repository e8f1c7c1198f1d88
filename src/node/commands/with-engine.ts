import type { AnalyticsEngine } from '../../analytics/AnalyticsEngine.js';
import type { WarehouseEngine } from '../native/engine-choice.js';
import { openNode } from '../open-node.js';

/** Options every command shares (set once by the CLI from `--engine`). */
const shared: { engine: WarehouseEngine; databases: string[]; threads?: number } = { engine: 'auto', databases: [] };

/**
 * Sets native DuckDB's worker threads for every later `withEngine` (the CLI's global `--threads`;
 * 1 gives answers bit-identical to DuckDB-WASM on any size, docs/native.md).
 * @param threads a positive integer
 */
export function useThreads(threads: number): void {
  shared.threads = threads;
}

/**
 * Sets the databases of every later `withEngine(databases[0])` (the CLI's `<db…>`: several files
 * given one after another are opened as one dataset).
 * @param databases the paths, in the order given
 */
export function useDatabases(databases: string[]): void {
  shared.databases = databases;
}

/**
 * @param first the first database path (what a command reads as `<db>`)
 * @returns every database path given from it on (one when a single file was given)
 */
export function databasesFrom(first: string): string[] {
  return shared.databases.length > 1 && shared.databases[0] === first ? shared.databases : [first];
}

/**
 * Sets the warehouse engine of every later `withEngine` (the CLI's global `--engine`).
 * @param engine native, wasm or auto
 */
export function useWarehouseEngine(engine: WarehouseEngine): void {
  shared.engine = engine;
}

/** @returns the engine set by `--engine` (default auto) and the threads set by `--threads` */
export function currentWarehouseEngine(): WarehouseEngine {
  return shared.engine;
}

/** @returns native DuckDB's threads set by `--threads` (undefined: all cores) */
export function currentThreads(): number | undefined {
  return shared.threads;
}

/**
 * Opens the database (or the databases given from it on, as one dataset), runs `fn`, always frees
 * the engine — behind the answer: the CLI prints at once and the process ends when the engine is
 * freed (a DuckDB start in flight, e.g. DuckDB-WASM's ~1 s in a new process, no longer holds the
 * output back).
 */
export async function withEngine<T>(dbPath: string, fn: (engine: AnalyticsEngine) => Promise<T> | T): Promise<T> {
  const paths = databasesFrom(dbPath);
  const engine = await openNode(paths.length > 1 ? paths : dbPath, { engine: shared.engine, threads: shared.threads });
  try {
    return await fn(engine);
  } finally {
    void engine.dispose().catch(() => undefined);
  }
}
