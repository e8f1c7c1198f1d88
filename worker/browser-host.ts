/**
 * The browser host: sql.js's browser build and DuckDB-WASM's blocking browser bundle, both loaded
 * from this origin (no CDN, nothing from another host).
 *
 * Where the wasm comes from: in this repository's site build, Vite emits every file imported with
 * `?url&no-inline`. In the library build (`vite build --mode lib`) those imports become the literal
 * `new URL('./duckdb-eh.wasm', import.meta.url)` shapes, files next to `worker.js` that the
 * consumer's bundler emits; the MVP build (browsers without WebAssembly exceptions) is not shipped
 * there and comes only from `createAnalytics({ assets: { duckdbMvpWasm } })`. A page's overrides
 * arrive in one message before any call (see src/client/assets.ts).
 */
import * as duckdb from '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs';
import duckdbMvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url&no-inline';
import duckdbEhWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url&no-inline';
import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';
import sqlWasm from 'sql.js/dist/sql-wasm-browser.wasm?url&no-inline';
import { ASSETS_MESSAGE, type AssetUrls } from '../src/client/assets.js';
import { AnalyticsError } from '../src/engine/errors.js';
import type { EngineHost } from '../src/engine/host.js';
import { duckdbConnection } from '../src/engine/warehouse-connection.js';
import { browserLocalStore } from './browser-local-store.js';

let sqlJs: Promise<SqlJsStatic> | null = null;
let overrides: AssetUrls = {};

// Registered before comlink's listener (this module is imported before `expose`), so the overrides
// message never reaches comlink.
if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  self.addEventListener('message', (ev: MessageEvent) => {
    const data = ev.data as Record<string, unknown> | null;
    if (data && typeof data === 'object' && ASSETS_MESSAGE in data) {
      ev.stopImmediatePropagation();
      overrides = { ...(data[ASSETS_MESSAGE] as AssetUrls) };
    }
  });
}

export const browserHost: EngineHost = {
  loadSqlJs() {
    const wasm = overrides.sqlWasm ?? sqlWasm;
    sqlJs ??= initSqlJs({ locateFile: () => wasm });
    return sqlJs;
  },
  async openWarehouse() {
    const eh = overrides.duckdbWasm ?? duckdbEhWasm;
    const mvp = overrides.duckdbMvpWasm ?? duckdbMvpWasm;
    if (!mvp && !(await duckdb.getPlatformFeatures()).wasmExceptions) {
      throw new AnalyticsError(
        'UNSUPPORTED_BROWSER',
        'this browser has no WebAssembly exceptions; pass createAnalytics({ assets: { duckdbMvpWasm } }) with the URL of @duckdb/duckdb-wasm/dist/duckdb-mvp.wasm',
      );
    }
    const bundles = {
      mvp: { mainModule: mvp || eh, mainWorker: '' },
      eh: { mainModule: eh, mainWorker: '' },
    };
    const bindings = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.BROWSER_RUNTIME);
    await bindings.instantiate(() => undefined);
    return duckdbConnection(bindings);
  },
  localStore: browserLocalStore,
};
