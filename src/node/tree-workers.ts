/**
 * Tree workers for Node: one `worker_threads` Worker per thread running tree-worker.js. From the
 * TypeScript sources (unit tests, `tsx` benchmarks) the worker imports tree-worker.ts through
 * tsx's `tsImport` (Node 20 does not pass `--import tsx` loader hooks on to worker threads).
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TreeWorkerPort, TreeWorkers } from '../engine/host.js';

const fromSource = import.meta.url.endsWith('.ts');

function startWorker(): Worker {
  if (!fromSource) return new Worker(new URL('./tree-worker.js', import.meta.url));
  const tsx = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsx, 'dist/esm/api/index.mjs')).href;
  const script = new URL('./tree-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(script)}, ${JSON.stringify(import.meta.url)}))`, { eval: true });
}

/**
 * The Node host's tree workers (`nodeHost.treeWorkers`).
 * @example
 * const forest = await trainForest(X, y, names, { parallelism: 2 }, nodeTreeWorkers);
 */
export const nodeTreeWorkers: TreeWorkers = {
  concurrency: availableParallelism,
  spawn(): TreeWorkerPort {
    // Not unref'd: while trees are in flight the worker is what keeps the process alive (a CLI
    // awaiting trainModel has no other handle). Pools are closed when their training ends.
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
    };
  },
};
