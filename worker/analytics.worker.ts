/** The worker: builds the engine on the browser host, queues its calls and exposes it. Nothing else. */
import * as Comlink from 'comlink';
import { AnalyticsEngine } from '../src/analytics/AnalyticsEngine.js';
import { registerTransferHandlers } from '../src/client/transfer-handlers.js';
import { browserHost } from './browser-host.js';
import { browserTreeWorkers } from './browser-tree-workers.js';
import { serialCalls } from './serial-calls.js';

registerTransferHandlers();
Comlink.expose(serialCalls(new AnalyticsEngine({ ...browserHost, treeWorkers: browserTreeWorkers })));
