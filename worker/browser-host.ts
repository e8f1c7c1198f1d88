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
 *
 * When the worker starts (once the page's overrides had their chance to arrive) it loads sql.js,
 * then fetches and compiles DuckDB's wasm (34 MB; streaming, off this thread), so that DuckDB is
 * ready by the time a file has been read; every DuckDB instance of this worker instantiates that
 * one module.
 */
import * as duckdb from '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs';
import duckdbMvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url&no-inline';
import duckdbEhWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url&no-inline';
import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';
import sqlWasm from 'sql.js/dist/sql-wasm-browser.wasm?url&no-inline';
import { ASSETS_MESSAGE, type AssetUrls } from '../src/client/assets.js';
import { BUSY_MESSAGE } from '../src/client/heartbeat.js';
import { compileStreamingOnce, useCompiledModule } from '../src/engine/duckdb-compiled-module.js';
import { AnalyticsError } from '../src/engine/errors.js';
import { yieldToEvents } from '../src/engine/yield-to-events.js';
import type { EngineHost } from '../src/engine/host.js';
import { duckdbConnection, type WarehouseConnection } from '../src/engine/warehouse-connection.js';
import { withAsciiFastTextDecoder } from './ascii-text-decoder.js';
import { browserLocalStore } from './browser-local-store.js';
import { browserOpenCache } from './browser-open-cache.js';

let sqlJs: Promise<SqlJsStatic> | null = null;
let overrides: AssetUrls = {};

/** The DuckDB build this browser runs (exception handling when it has wasm exceptions), as an absolute URL; null when it needs the MVP build and none was given. */
async function duckdbWasmUrl(): Promise<string | null> {
  const eh = overrides.duckdbWasm ?? duckdbEhWasm;
  const mvp = overrides.duckdbMvpWasm ?? duckdbMvpWasm;
  // The same choice as duckdb.createDuckDB makes.
  const url = (await duckdb.getPlatformFeatures()).wasmExceptions ? eh : mvp;
  return url ? new URL(url, self.location.href).href : null;
}

/** Fetches and compiles DuckDB's wasm once (a failure is kept only until the next call). */
async function compileDuckdb(): Promise<WebAssembly.Module | null> {
  const url = await duckdbWasmUrl();
  return url ? compileStreamingOnce(url) : null;
}

// Registered before comlink's listener (this module is imported before `expose`), so the overrides
// message never reaches comlink.
if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    browserHost.prepareWarehouse?.();
  };
  self.addEventListener('message', (ev: MessageEvent) => {
    const data = ev.data as Record<string, unknown> | null;
    if (data && typeof data === 'object' && ASSETS_MESSAGE in data) {
      ev.stopImmediatePropagation();
      overrides = { ...(data[ASSETS_MESSAGE] as AssetUrls) };
    }
    // The page posts its overrides before anything else: the first message decides the URL.
    start();
  });
  // A page that calls nothing yet: start anyway once messages queued before this script ran
  // (the overrides) have been delivered.
  setTimeout(start, 20);
}

/**
 * The blocking DuckDB build runs each statement on this thread: each one is announced, as JSC's
 * first runs of DuckDB's code paths held it over 8 s in WebKitGTK under load.
 */
function announcedSteps(connection: WarehouseConnection): WarehouseConnection {
  const step =
    <A extends unknown[], R>(run: (...a: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      announceBusy(true);
      try {
        return await run(...args);
      } finally {
        setTimeout(() => announceBusy(false), 0);
      }
    };
  return {
    get broken() {
      return connection.broken;
    },
    query: step(connection.query.bind(connection)),
    columns: step(connection.columns.bind(connection)),
    insertColumns: step(connection.insertColumns.bind(connection)),
    close: connection.close.bind(connection),
  };
}

let busySteps = 0;

/** Tells the page (its heartbeat) that a long step starts (true) or ended (false); steps may overlap. */
function announceBusy(busy: boolean): void {
  busySteps += busy ? 1 : -1;
  if ((busy ? busySteps === 1 : busySteps === 0) && typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
    (self as unknown as Worker).postMessage({ [BUSY_MESSAGE]: busy });
  }
}

export const browserHost: EngineHost = {
  // Opens kept across page loads in IndexedDB (worker/browser-open-cache.ts).
  openCache: () => browserOpenCache,
  // A page's first calls after open() reach this worker tens of ms later, then wait for DuckDB's
  // start (~0.8 s, blocking) if it began: Chromium, 100k, the first hourly answer took 80-160 ms or
  // 850-980 ms with one macrotask (docs/benchmarks.md, "seventh pass").
  warehouseStartDelayMs: 300,
  loadSqlJs() {
    const wasm = overrides.sqlWasm ?? sqlWasm;
    // sql.js decodes every text cell with a TextDecoder, slow in Chromium: see ascii-text-decoder.ts.
    sqlJs ??= withAsciiFastTextDecoder(() => initSqlJs({ locateFile: () => wasm }));
    return sqlJs;
  },
  prepareWarehouse() {
    // After sql.js: both compile on the same background threads, and a 34 MB DuckDB compile queued
    // first delayed sql.js (and so the first answer) by ~1 s in Chromium.
    // Compiling the 34 MB module also holds this thread at times (2 s in Chromium, over 8 s in
    // WebKitGTK on two loaded cores): announced like DuckDB's start.
    browserHost
      .loadSqlJs()
      .catch(() => undefined)
      .then(() => {
        announceBusy(true);
        return compileDuckdb().finally(() => setTimeout(() => announceBusy(false), 0));
      })
      .catch(() => undefined);
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
    // Compiled at worker start (usually done by now); a fetch failure is FETCH_FAILED here, where
    // DuckDB-WASM's own loader would wait forever.
    const compiled = await compileDuckdb();
    // DuckDB's start runs on this thread (~0.3-1.5 s): after a macrotask, so that an open() that
    // started it answers first (its reply is posted from microtasks; with the module already
    // compiled, the start used to run before it and delay the first answer by as much).
    await yieldToEvents();
    // The start and the first query can block this thread for seconds (9.3 s in WebKitGTK on two
    // loaded cores): the page's heartbeat allows more silence until a macrotask runs again here.
    announceBusy(true);
    try {
      const bindings = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.BROWSER_RUNTIME);
      if (compiled) useCompiledModule(bindings, Promise.resolve(compiled));
      await bindings.instantiate(() => undefined);
      return announcedSteps(duckdbConnection(bindings));
    } finally {
      // A macrotask: it runs once the synchronous work queued behind this start (the first query) is done.
      setTimeout(() => announceBusy(false), 0);
    }
  },
  localStore: browserLocalStore,
};
