/**
 * Tree workers for Node: one `worker_threads` Worker per thread running tree-worker.js (from the
 * sources, a bundle of tree-worker.ts: start-worker.ts).
 */
import { availableParallelism } from 'node:os';
import type { TreeWorkerPort, TreeWorkers } from '../engine/host.js';
import { startWorker } from './start-worker.js';

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
    const worker = startWorker(new URL('./tree-worker.js', import.meta.url));
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
