/** The suites in Node: vitest, and the engine in-process. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAnalytics } from '../../src/node/index.js';
import type { OpenEngine, SuiteHost } from './suite-host.js';

export const vitestHost: SuiteHost = { name: 'node', describe, it, beforeAll, afterAll, expect };

export const openNodeEngine: OpenEngine = (source) => openAnalytics(source);
