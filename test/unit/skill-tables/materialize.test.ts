/** materialize() in Node (the same suite runs through the worker in test/e2e/shared-suites.spec.ts). */
import { materializeSuite } from '../../suites/materialize.suite.js';
import { openNodeEngine, vitestHost } from '../../suites/node-host.js';

materializeSuite(vitestHost, openNodeEngine);
