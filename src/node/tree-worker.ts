/**
 * Entry point of a Node tree worker (worker_threads): forwards the coordinator's messages to the
 * host-independent handler (src/predictive/forest/tree-worker-core.ts). Started by tree-workers.ts.
 */
import { parentPort } from 'node:worker_threads';
import { TREE_WORKER_READY, treeWorkerHandler, type ToTreeWorker } from '../predictive/forest/tree-worker-core.js';

if (!parentPort) throw new Error('tree-worker.ts runs only as a worker thread');
const port = parentPort;
const handle = treeWorkerHandler((message, transfer) => port.postMessage(message, transfer));
port.on('message', (m: ToTreeWorker) => handle(m));
port.postMessage(TREE_WORKER_READY);
