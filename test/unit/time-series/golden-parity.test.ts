/** session-buddy's goldens, in Node (the same suite runs through the worker in test/e2e/shared-suites.spec.ts). */
import { goldenParitySuite } from '../../suites/golden-parity.suite.js';
import { openNodeEngine, vitestHost } from '../../suites/node-host.js';

goldenParitySuite(vitestHost, openNodeEngine);
