/**
 * Tree workers for the browser: module workers started by the analytics worker (nested workers),
 * one per thread. A worker whose script does not load fires `error`; the pool then grows its trees
 * in the analytics worker (src/predictive/forest/tree-pool.ts).
 */
import type { TreeWorkerPort, TreeWorkers } from '../src/engine/host.js';
import { spawnTreeWorker } from './spawn-tree-worker.js';

/**
 * The browser host's tree workers (passed to the engine in analytics.worker.ts).
 * @example new AnalyticsEngine({ ...browserHost, treeWorkers: browserTreeWorkers });
 */
export const browserTreeWorkers: TreeWorkers = {
  concurrency: () => (globalThis.navigator as WorkerNavigator | undefined)?.hardwareConcurrency || 1,
  spawn(): TreeWorkerPort {
    if (typeof Worker === 'undefined') throw new Error('this browser cannot start a worker from a worker');
    const worker = spawnTreeWorker();
    return {
      post: (message, transfer) => worker.postMessage(message, transfer ?? []),
      listen(onMessage, onFailure) {
        worker.onmessage = (ev: MessageEvent) => onMessage(ev.data);
        worker.onerror = (ev: ErrorEvent) => {
          ev.preventDefault();
          onFailure(ev.message || 'the tree worker failed to load or threw');
        };
        worker.onmessageerror = () => onFailure('a message could not be read');
      },
      terminate: () => worker.terminate(),
    };
  },
};
