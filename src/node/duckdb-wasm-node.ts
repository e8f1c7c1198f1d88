/**
 * DuckDB-WASM in Node: the blocking Node bundle (the async Node bundle hangs offline:
 * docs/decisions.md, "DuckDB-WASM"), its wasm loaded from node_modules (no network), compiled once
 * per thread. Runs on the warehouse thread (warehouse-worker.ts).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { compileOnce, useCompiledModule } from '../engine/duckdb-compiled-module.js';
import { duckdbConnection, type WarehouseConnection } from '../engine/warehouse-connection.js';

const require = createRequire(import.meta.url);

/**
 * A new, empty DuckDB-WASM database with external access off.
 * @returns its connection
 * @example const conn = await openDuckdbWasm(); await conn.query('SELECT 1');
 */
export async function openDuckdbWasm(): Promise<WarehouseConnection> {
  // Imported here, not at load: its bundle costs ~0.3-0.8 s to parse, which a process that
  // opens with native DuckDB (the CLI on a large file) never needs.
  const duckdb = await import('@duckdb/duckdb-wasm/blocking');
  const dist = duckdbDist();
  const bindings = await duckdb.createDuckDB(
    {
      mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  // Compiled once per thread: a second engine (or a rebuild after a fault) starts in milliseconds.
  const main = (bindings as unknown as { mainModulePath?: string }).mainModulePath;
  if (main)
    useCompiledModule(
      bindings,
      compileOnce(main, () => readFile(main)),
    );
  await bindings.instantiate(() => undefined);
  return duckdbConnection(bindings);
}

/** The folder of DuckDB-WASM's wasm and worker files in node_modules. */
function duckdbDist(): string {
  return path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
}
