/** The suites in Node on native DuckDB (@duckdb/node-api): vitest, the engine in-process, the native warehouse. */
import { openAnalytics } from '../../src/node/index.js';
import type { OpenEngine } from './suite-host.js';

export { vitestHost } from './node-host.js';

export const openNativeEngine: OpenEngine = (source) => openAnalytics(source, { engine: 'native' });
