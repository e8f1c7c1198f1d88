/**
 * The shared suites (session-buddy goldens, A/B parity, materialize write-back) on the native
 * DuckDB warehouse: the same definitions that run on DuckDB-WASM in Node
 * (test/unit/{time-series,ab-testing,skill-tables}) and through the worker in Chromium
 * (test/e2e/shared-suites.spec.ts), so both warehouses must give identical answers.
 */
import { abParitySuite } from '../../suites/ab-parity.suite.js';
import { goldenParitySuite } from '../../suites/golden-parity.suite.js';
import { materializeSuite } from '../../suites/materialize.suite.js';
import { openNativeEngine, vitestHost } from '../../suites/native-host.js';

goldenParitySuite(vitestHost, openNativeEngine);
abParitySuite(vitestHost, openNativeEngine);
materializeSuite(vitestHost, openNativeEngine);
