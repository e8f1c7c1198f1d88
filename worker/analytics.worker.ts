/** The worker: builds the engine on the browser host and exposes it. Nothing else. */
import * as Comlink from 'comlink';
import { AnalyticsEngine } from '../src/engine/AnalyticsEngine.js';
import { registerTransferHandlers } from '../src/client/transfer-handlers.js';
import { browserHost } from './browser-host.js';

registerTransferHandlers();
Comlink.expose(new AnalyticsEngine(browserHost));
