// Vite asset imports and the DuckDB-WASM browser bundle (not in its package "exports").
declare module '*?url' {
  const url: string;
  export default url;
}
declare module '*?worker&url' {
  const url: string;
  export default url;
}
declare module '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs' {
  export * from '@duckdb/duckdb-wasm/blocking';
  import type { DuckDBBindings, DuckDBBundles, DuckDBRuntime, Logger } from '@duckdb/duckdb-wasm/blocking';
  export const BROWSER_RUNTIME: DuckDBRuntime;
  export function createDuckDB(bundles: DuckDBBundles, logger: Logger, runtime: DuckDBRuntime): Promise<DuckDBBindings>;
}
declare module '*?url&no-inline' {
  const url: string;
  export default url;
}
