/** A/B parity with session-buddy, in Node (the same suite runs through the worker in test/e2e/shared-suites.spec.ts). */
import { abParitySuite } from '../../suites/ab-parity.suite.js';
import { openNodeEngine, vitestHost } from '../../suites/node-host.js';

abParitySuite(vitestHost, openNodeEngine);
