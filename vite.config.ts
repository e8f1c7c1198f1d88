import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, defineConfig, type Plugin, type Rolldown } from 'vite';

const here = import.meta.dirname;
const libDir = resolve(here, 'dist/lib');

/**
 * Three builds:
 * - default: the static report site (demo/) into dist/site: index.html (the report) and
 *   harness.html (the API on `window` for test suites), with the sample database. Vite bundles the
 *   worker and every wasm file (both DuckDB builds) as assets.
 * - `--mode lib`: the published page code into dist/lib: `client.js` (createAnalytics),
 *   `skills-report.js` (the element), `site.js` + `index.html` (the ready report page that
 *   `session-buddy-analytics report` copies).
 * - `--mode lib-worker`: `dist/lib/worker.js`, one self-contained file (no chunk imports), with
 *   `duckdb-eh.wasm`, `sql-wasm-browser.wasm` and `tree-worker.js` (the nested worker that grows
 *   forest trees, also self-contained) beside it.
 * The library files keep the literal shapes bundlers rewrite (see docs/packaging.md):
 * `new Worker(new URL("./worker.js", import.meta.url), { type: "module" })` and
 * `new URL("./duckdb-eh.wasm", import.meta.url)`.
 */
export default defineConfig(({ mode }) => ({
  root: mode === 'lib' || mode === 'lib-worker' ? here : resolve(here, 'demo'),
  base: './',
  publicDir: mode === 'lib' || mode === 'lib-worker' ? false : resolve(here, 'demo/public'),
  resolve: {
    alias: {
      // The blocking browser bundle is not in @duckdb/duckdb-wasm's "exports" map.
      '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs': resolve(here, 'node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs'),
    },
  },
  plugins: mode === 'lib' || mode === 'lib-worker' ? [libraryShapes(mode)] : [],
  // Emscripten's loaders test `typeof __filename`: webpack 5 folds that to "string" in an ES module
  // but leaves the variable undefined (ReferenceError in the worker). Nothing in a browser has them.
  define: mode === 'lib-worker' ? { __filename: 'undefined', __dirname: 'undefined' } : {},
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  build:
    mode === 'lib'
      ? {
          outDir: libDir,
          emptyOutDir: true,
          target: 'es2022',
          lib: {
            entry: {
              client: resolve(here, 'src/client/index.ts'),
              'skills-report': resolve(here, 'src/client/report.ts'),
              site: resolve(here, 'demo/src/main.ts'),
            },
            formats: ['es'],
          },
          assetsInlineLimit: 0,
        }
      : mode === 'lib-worker'
        ? {
            outDir: libDir,
            emptyOutDir: false,
            target: 'es2022',
            rolldownOptions: {
              input: { worker: resolve(here, 'worker/analytics.worker.ts') },
              output: { format: 'es', entryFileNames: '[name].js', codeSplitting: false },
            },
            assetsInlineLimit: 0,
            chunkSizeWarningLimit: 2000,
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

/** The wasm files shipped beside worker.js: the exception-handling DuckDB build and sql.js's browser build. */
const SHIPPED_WASM: Record<string, string> = {
  'duckdb-eh.wasm': resolve(here, 'node_modules/@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'),
  'sql-wasm-browser.wasm': resolve(here, 'node_modules/sql.js/dist/sql-wasm-browser.wasm'),
};

const SPAWN = '__SBA_SPAWN_WORKER__';
const SPAWN_TREE = '__SBA_SPAWN_TREE_WORKER__';
const ASSET = '__SBA_ASSET_URL__';

/**
 * Library builds: writes the worker and wasm references as the literal `new URL('./x',
 * import.meta.url)` shapes (placeholders in the modules, replaced once the chunks are final, so
 * neither this build nor its minifier rewrites them), emits the shipped wasm and the report page.
 * @param mode `lib` (page code) or `lib-worker` (the worker)
 * @returns the Vite plugin
 */
function libraryShapes(mode: string): Plugin {
  const spawnModule = resolve(here, 'src/client/spawn-worker.ts');
  const spawnTreeModule = resolve(here, 'worker/spawn-tree-worker.ts');
  return {
    name: 'session-buddy-analytics:library-shapes',
    enforce: 'pre',
    resolveId(id) {
      const m = /\/([^/]+\.wasm)\?url&no-inline$/.exec(id);
      return m ? `\0sba-wasm:${m[1]}` : null;
    },
    load(id) {
      if (id === spawnModule) return `export function spawnWorker() { return ${SPAWN}(); }`;
      if (id === spawnTreeModule) return `export function spawnTreeWorker() { return ${SPAWN_TREE}(); }`;
      if (!id.startsWith('\0sba-wasm:')) return null;
      const file = id.slice('\0sba-wasm:'.length);
      // Not shipped (the MVP build): empty, the worker then needs createAnalytics({ assets }).
      return SHIPPED_WASM[file] ? `export default ${ASSET}(${JSON.stringify(file)});` : 'export default "";';
    },
    transform(code, id) {
      // UMD tails of the CommonJS packages in the worker (sql.js, jstat, parts of DuckDB's bundle)
      // test `typeof exports/module`; inside the bundle they are always CommonJS wrappers, but
      // webpack's minifier folds those tests to false in an ES module worker and takes the AMD
      // branch (webpack's own `define`), losing the export. Decide them here.
      if (mode !== 'lib-worker' || !id.includes('/node_modules/')) return null;
      const out = code.replace(/typeof (?:exports|module)\s*===?\s*(["'`])object\1/g, 'true');
      return out === code ? null : { code: out, map: null };
    },
    async generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        chunk.code = chunk.code
          .replace(new RegExp(`${SPAWN}\\(\\)`, 'g'), 'new Worker(new URL("./worker.js", import.meta.url), { type: "module" })')
          .replace(new RegExp(`${SPAWN_TREE}\\(\\)`, 'g'), 'new Worker(new URL("./tree-worker.js", import.meta.url), { type: "module" })')
          .replace(new RegExp(`${ASSET}\\((["'\`])([\\w.-]+)\\1\\)`, 'g'), (_m, _q, file: string) => `new URL("./${file}", import.meta.url).href`);
        if (chunk.code.includes(SPAWN) || chunk.code.includes(SPAWN_TREE) || chunk.code.includes(ASSET))
          this.error(`a library placeholder was left in ${chunk.fileName}: ${/.{60}__SBA_\w+.{60}/.exec(chunk.code)?.[0]}`);
      }
      if (mode === 'lib-worker') {
        // One self-contained file: the entry imports nothing. Rolldown still writes apache-arrow's
        // DOM-stream module as a chunk that imports the entry and that nothing imports; drop it.
        const entry = Object.values(bundle).find((c): c is Rolldown.OutputChunk => c.type === 'chunk' && c.isEntry);
        if (!entry) this.error('the worker build has no entry chunk');
        if (entry.imports.length || entry.dynamicImports.length) this.error('worker.js must import nothing');
        for (const [fileName, c] of Object.entries(bundle)) if (c.type === 'chunk' && !c.isEntry) delete bundle[fileName];
        // An ES module with no import or export reads as CommonJS to tools (publint): say it is one.
        entry.code += '\nexport {};\n';
        for (const [fileName, path] of Object.entries(SHIPPED_WASM)) this.emitFile({ type: 'asset', fileName, source: readFileSync(path) });
        this.emitFile({ type: 'asset', fileName: 'tree-worker.js', source: await treeWorkerBundle() });
      } else {
        const page = readFileSync(resolve(here, 'demo/index.html'), 'utf8')
          .replace('<skills-report id="report" sample="sample.db"></skills-report>', '<skills-report id="report"></skills-report>')
          .replace('src="./src/main.ts"', 'src="./site.js"');
        if (!page.includes('src="./site.js"') || !page.includes('<skills-report id="report">'))
          this.error('demo/index.html changed: update the report page rewrite in vite.config.ts');
        this.emitFile({ type: 'asset', fileName: 'index.html', source: page });
      }
    },
  };
}

/**
 * The tree worker (worker/tree.worker.ts) as one self-contained ES module, built on its own so that
 * worker.js can start it from `new URL("./tree-worker.js", import.meta.url)`.
 * @returns the module's code
 */
async function treeWorkerBundle(): Promise<string> {
  const result = await build({
    configFile: false,
    root: here,
    logLevel: 'warn',
    publicDir: false,
    build: {
      write: false,
      target: 'es2022',
      rolldownOptions: {
        input: { 'tree-worker': resolve(here, 'worker/tree.worker.ts') },
        output: { format: 'es', entryFileNames: '[name].js', codeSplitting: false },
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = outputs.flatMap((o) => o.output).filter((c): c is Rolldown.OutputChunk => c.type === 'chunk');
  const entry = chunks.find((c) => c.isEntry);
  if (!entry || chunks.length !== 1 || entry.imports.length || entry.dynamicImports.length) throw new Error('tree-worker.js must be one chunk that imports nothing');
  // An ES module with no import or export reads as CommonJS to tools (publint): say it is one.
  return `${entry.code}\nexport {};\n`;
}
