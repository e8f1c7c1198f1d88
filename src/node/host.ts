/**
 * The Node host: sql.js's Node build, and DuckDB-WASM on a thread of its own (warehouse-thread.ts;
 * its blocking Node bundle, as the async Node bundle hangs offline: docs/decisions.md,
 * "DuckDB-WASM"). Both load their wasm from node_modules: no network.
 */
import { totalmem } from 'node:os';
import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';
import type { EngineHost } from '../engine/host.js';
import { nodeOpenCache } from './cache-folder.js';
import { nodeTreeWorkers } from './tree-workers.js';
import { openWarehouseOnThread } from './warehouse-thread.js';

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
  // No prepareWarehouse: starting the thread and compiling DuckDB's wasm while the file is read cost
  // more than it saved on 2 cores (CLI `ab` on sample.db, exit: 736-753 ms without, 924 with;
  // docs/benchmarks.md, "seventh pass").
  openWarehouse: openWarehouseOnThread,
};
