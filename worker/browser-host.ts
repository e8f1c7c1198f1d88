/**
 * The browser host: sql.js's browser build and DuckDB-WASM's blocking browser bundle, both loaded
 * from this origin (the wasm files are bundled assets: no CDN, nothing from another host).
 */
import * as duckdb from '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs';
import duckdbMvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url&no-inline';
import duckdbEhWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url&no-inline';
import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';
import sqlWasm from 'sql.js/dist/sql-wasm-browser.wasm?url&no-inline';
import type { EngineHost } from '../src/engine/host.js';
import { duckdbConnection } from '../src/engine/warehouse-connection.js';
import { browserLocalStore } from './browser-local-store.js';

let sqlJs: Promise<SqlJsStatic> | null = null;

export const browserHost: EngineHost = {
  loadSqlJs() {
    sqlJs ??= initSqlJs({ locateFile: () => sqlWasm });
    return sqlJs;
  },
  async openWarehouse() {
    const bundles = {
      mvp: { mainModule: duckdbMvpWasm, mainWorker: '' },
      eh: { mainModule: duckdbEhWasm, mainWorker: '' },
    };
    const bindings = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.BROWSER_RUNTIME);
    await bindings.instantiate(() => undefined);
    return duckdbConnection(bindings);
  },
  localStore: browserLocalStore,
};
