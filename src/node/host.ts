/**
 * The Node host: sql.js's Node build and DuckDB-WASM's blocking Node bundle (the async Node bundle
 * hangs offline: docs/decisions.md, "DuckDB-WASM"). Both load their wasm from node_modules: no network.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { totalmem } from 'node:os';
import path from 'node:path';
import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';
import type { EngineHost } from '../engine/host.js';
import { compileOnce, useCompiledModule } from '../engine/duckdb-compiled-module.js';
import { nodeOpenCache } from './cache-folder.js';
import { duckdbConnection } from '../engine/warehouse-connection.js';
import { nodeTreeWorkers } from './tree-workers.js';

const require = createRequire(import.meta.url);
let sqlJs: Promise<SqlJsStatic> | null = null;

/** The host used by `openAnalytics()`, the CLI and the unit tests. */
export const nodeHost: EngineHost = {
  loadSqlJs() {
    sqlJs ??= initSqlJs();
    return sqlJs;
  },
  deviceMemoryBytes: totalmem,
  treeWorkers: nodeTreeWorkers,
  // $XDG_CACHE_HOME/session-buddy-analytics unless SESSION_BUDDY_ANALYTICS_CACHE=off (src/node/cache-folder.ts).
  openCache: () => nodeOpenCache(),
  prepareWarehouse() {
    // V8 compiles on background threads: this overlaps the sql.js read on the main thread.
    const eh = path.join(duckdbDist(), 'duckdb-eh.wasm');
    compileOnce(eh, () => readFile(eh)).catch(() => undefined);
  },
  async openWarehouse() {
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
    // Compiled once per process: a second engine (or a rebuild after a fault) starts in milliseconds.
    const main = (bindings as unknown as { mainModulePath?: string }).mainModulePath;
    if (main)
      useCompiledModule(
        bindings,
        compileOnce(main, () => readFile(main)),
      );
    await bindings.instantiate(() => undefined);
    return duckdbConnection(bindings);
  },
};

/** The folder of DuckDB-WASM's wasm and worker files in node_modules. */
function duckdbDist(): string {
  return path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
}
