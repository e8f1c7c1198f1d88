/**
 * Tree workers for the browser: module workers started by the analytics worker (nested workers),
 * one per thread. A worker whose script does not load fires `error`; the pool then grows its trees
 * in the analytics worker (src/predictive/forest/tree-pool.ts).
 */
import type { TreeWorkerPort, TreeWorkers } from '../src/engine/host.js';
import { spawnTreeWorker } from './spawn-tree-worker.js';

/**
 * Firefox (153 ESR): an analytics worker that starts a nested worker while its DuckDB module
 * compiles, or soon after (while the optimizing tier compiles it in the background), can stop
 * answering for good: the page's heartbeat then stops it, and the open file is lost. Measured on
 * the tree-worker e2e spec (a training with two tree workers right after a first open): 6 of 60
 * trainings here, 2 of 12 in CI; starting the tree workers only once the compile had ended still
 * hung (1 of 20). There the trees grow in the analytics worker.
 */
const nestedWorkersHang = /\bFirefox\//.test((globalThis.navigator as WorkerNavigator | undefined)?.userAgent ?? '');

/**
 * The browser host's tree workers (passed to the engine in analytics.worker.ts).
 * @example new AnalyticsEngine({ ...browserHost, treeWorkers: browserTreeWorkers });
 */
export const browserTreeWorkers: TreeWorkers = {
  concurrency: () => (nestedWorkersHang ? 1 : (globalThis.navigator as WorkerNavigator | undefined)?.hardwareConcurrency || 1),
  spawn(): TreeWorkerPort {
    if (typeof Worker === 'undefined') throw new Error('this browser cannot start a worker from a worker');
    if (nestedWorkersHang) throw new Error('Firefox: a nested worker can hang the analytics worker; trees grow in it');
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
