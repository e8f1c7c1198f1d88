/**
 * Starts a Node worker thread on one of this folder's entry scripts. From the built package
 * (`dist/node`) the compiled `<name>.js` runs as it is. From the TypeScript sources
 * (unit tests, `tsx` benchmarks) `<name>.ts` and its imports are bundled once per process with
 * tsx's esbuild into one CommonJS script that each worker evaluates: a worker then starts in
 * milliseconds instead of loading tsx and transforming every file again (Node 20 does not pass
 * `--import tsx` loader hooks on to worker threads). `external` packages stay out of the bundle and
 * load from node_modules as this file resolves them; `import.meta.url` in the bundle is this file's
 * (entry scripts and their imports live in this folder).
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const fromSource = import.meta.url.endsWith('.ts');
const bundles = new Map<string, string>();

/** `<name>.ts` with its imports as one CommonJS script (from the sources only). */
function bundledFromSource(entry: string, external: readonly string[]): string {
  let bundle = bundles.get(entry);
  if (bundle === undefined) {
    const tsx = createRequire(import.meta.url).resolve('tsx/package.json');
    const esbuild = createRequire(tsx)('esbuild') as {
      buildSync(o: Record<string, unknown>): { outputFiles: { text: string }[] };
    };
    const code = esbuild.buildSync({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external,
      write: false,
      define: { 'import.meta.url': JSON.stringify(import.meta.url) },
    }).outputFiles[0].text;
    // An evaluated script resolves `require` from the working directory: resolve from here instead.
    bundle = external.length ? `var require = require('node:module').createRequire(${JSON.stringify(fileURLToPath(import.meta.url))});\n${code}` : code;
    bundles.set(entry, bundle);
  }
  return bundle;
}

/**
 * @param script the built entry script, `new URL('./<name>.js', import.meta.url)` written out in the
 *   caller (the form bundlers follow); from the sources `<name>.ts` beside it is bundled instead
 * @param external packages the source bundle leaves to node_modules (large ones that load files beside them)
 * @returns the started worker
 * @throws what `new Worker` throws when the platform cannot start one
 * @example const worker = startWorker(new URL('./tree-worker.js', import.meta.url));
 */
export function startWorker(script: URL, external: readonly string[] = []): Worker {
  if (!fromSource) return new Worker(script);
  return new Worker(bundledFromSource(fileURLToPath(script).replace(/\.js$/, '.ts'), external), { eval: true });
}
