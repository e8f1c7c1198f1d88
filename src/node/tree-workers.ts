/**
 * Tree workers for Node: one `worker_threads` Worker per thread running tree-worker.js. From the
 * TypeScript sources (unit tests, `tsx` benchmarks) tree-worker.ts and its imports are bundled
 * once per process with tsx's esbuild into one script that each worker evaluates: a worker then
 * starts in milliseconds instead of loading tsx and transforming every file again (Node 20 does not
 * pass `--import tsx` loader hooks on to worker threads).
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TreeWorkerPort, TreeWorkers } from '../engine/host.js';

const fromSource = import.meta.url.endsWith('.ts');
let sourceBundle: string | null = null;

/** tree-worker.ts with its imports as one CommonJS script (from the sources only). */
function bundledFromSource(): string {
  if (sourceBundle === null) {
    const tsx = createRequire(import.meta.url).resolve('tsx/package.json');
    const esbuild = createRequire(tsx)('esbuild') as {
      buildSync(o: Record<string, unknown>): { outputFiles: { text: string }[] };
    };
    const entry = fileURLToPath(new URL('./tree-worker.ts', import.meta.url));
    sourceBundle = esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false }).outputFiles[0].text;
  }
  return sourceBundle;
}

function startWorker(): Worker {
  if (!fromSource) return new Worker(new URL('./tree-worker.js', import.meta.url));
  return new Worker(bundledFromSource(), { eval: true });
}

/**
 * The Node host's tree workers (`nodeHost.treeWorkers`).
 * @example
 * const forest = await trainForest(X, y, names, { parallelism: 2 }, nodeTreeWorkers);
 */
export const nodeTreeWorkers: TreeWorkers = {
  concurrency: availableParallelism,
  spawn(): TreeWorkerPort {
    // Ref'd while it has trees (a CLI awaiting trainModel has no other handle), unref'd while idle
    // (a pool kept for the next training must not keep the process alive): see `hold`.
    const worker = startWorker();
    return {
      post: (message, transfer) => worker.postMessage(message, transfer),
      listen(onMessage, onFailure) {
        worker.on('message', onMessage);
        worker.on('error', (e) => onFailure(e instanceof Error ? e.message : String(e)));
        worker.on('messageerror', (e) => onFailure(`message error: ${e.message}`));
        worker.on('exit', (code) => onFailure(`exited with code ${code}`));
      },
      terminate: () => void worker.terminate(),
      hold: (busy) => (busy ? worker.ref() : worker.unref()),
    };
  },
};
