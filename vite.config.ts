import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

/**
 * Two builds:
 * - default: the static report site (demo/) into dist/site: index.html (the report) and
 *   harness.html (the API on `window` for test suites), with the sample database.
 * - `--mode lib`: the page client and its worker as an ES library into dist/lib.
 * Every wasm file is a bundled asset served from the same origin.
 */
export default defineConfig(({ mode }) => ({
  root: mode === 'lib' ? here : resolve(here, 'demo'),
  base: './',
  publicDir: mode === 'lib' ? false : resolve(here, 'demo/public'),
  resolve: {
    alias: {
      // The blocking browser bundle is not in @duckdb/duckdb-wasm's "exports" map.
      '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs': resolve(here, 'node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs'),
    },
  },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  build:
    mode === 'lib'
      ? {
          outDir: resolve(here, 'dist/lib'),
          emptyOutDir: true,
          target: 'es2022',
          lib: {
            entry: { client: resolve(here, 'src/client/index.ts'), 'skills-report': resolve(here, 'demo/src/skills-report.ts') },
            formats: ['es'],
          },
          assetsInlineLimit: 0,
        }
      : {
          outDir: resolve(here, 'dist/site'),
          emptyOutDir: true,
          target: 'es2022',
          assetsInlineLimit: 0,
          chunkSizeWarningLimit: 2000,
          rollupOptions: { input: { index: resolve(here, 'demo/index.html'), harness: resolve(here, 'demo/harness.html') } },
        },
}));
