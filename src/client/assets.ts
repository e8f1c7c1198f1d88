/**
 * Where the worker loads its WebAssembly from. By default every file sits next to the worker
 * (bundlers emit them from the literal `new URL('./x.wasm', import.meta.url)`); `createAnalytics({
 * assets })` overrides them for CDNs and custom hosting. The overrides cross to the worker in one
 * message posted before any call, which the worker's host reads (worker/browser-host.ts).
 */
import { AnalyticsError } from '../engine/errors.js';

/** WebAssembly locations for the worker (absolute URLs, or URLs relative to the page). */
export interface AnalyticsAssets {
  /** DuckDB-WASM's exception-handling build (`@duckdb/duckdb-wasm/dist/duckdb-eh.wasm`): every current browser. */
  duckdbWasm?: string | URL;
  /** DuckDB-WASM's MVP build (`duckdb-mvp.wasm`), only for browsers without WebAssembly exceptions; not shipped by default. */
  duckdbMvpWasm?: string | URL;
  /** sql.js's browser build (`sql.js/dist/sql-wasm-browser.wasm`). */
  sqlWasm?: string | URL;
}

/** The resolved overrides as they cross to the worker. */
export type AssetUrls = { [K in keyof AnalyticsAssets]?: string };

/** Key of the one message that carries the overrides to the worker. */
export const ASSETS_MESSAGE = 'session-buddy-analytics:assets';

const KEYS = ['duckdbWasm', 'duckdbMvpWasm', 'sqlWasm'] as const;

/**
 * Resolves every given asset against `base` (the page).
 * @param assets the overrides given to createAnalytics
 * @param base the URL relative ones are resolved against
 * @returns absolute URLs, one per given key
 * @throws AnalyticsError INVALID_ARGUMENT for an unknown key or a value that is not a URL
 * @example
 * resolveAssets({ sqlWasm: '/wasm/sql-wasm.wasm' }, 'https://example.org/app/'); // { sqlWasm: 'https://example.org/wasm/sql-wasm.wasm' }
 */
export function resolveAssets(assets: AnalyticsAssets, base: string): AssetUrls {
  if (!assets || typeof assets !== 'object') throw new AnalyticsError('INVALID_ARGUMENT', 'createAnalytics: assets must be an object like { duckdbWasm, sqlWasm }');
  const out: AssetUrls = {};
  for (const [key, value] of Object.entries(assets)) {
    if (!(KEYS as readonly string[]).includes(key)) throw new AnalyticsError('INVALID_ARGUMENT', `createAnalytics: unknown asset "${key}" (known: ${KEYS.join(', ')})`);
    if (value === undefined) continue;
    if (typeof value !== 'string' && !(value instanceof URL)) throw new AnalyticsError('INVALID_ARGUMENT', `createAnalytics: assets.${key} must be a URL or a string`);
    try {
      out[key as keyof AssetUrls] = new URL(String(value), base).href;
    } catch {
      throw new AnalyticsError('INVALID_ARGUMENT', `createAnalytics: assets.${key} is not a valid URL: ${String(value)}`);
    }
  }
  return out;
}
