/**
 * A browser tree worker: a module worker started by the analytics worker (browser-tree-workers.ts)
 * that grows forest trees (src/predictive/forest/tree-worker-core.ts). In the library build it is
 * dist/lib/tree-worker.js, beside worker.js.
 */
import { TREE_WORKER_READY, treeWorkerHandler, type ToTreeWorker } from '../src/predictive/forest/tree-worker-core.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = treeWorkerHandler((message, transfer) => scope.postMessage(message, transfer));
scope.onmessage = (ev: MessageEvent<ToTreeWorker>) => handle(ev.data);
scope.postMessage(TREE_WORKER_READY);
