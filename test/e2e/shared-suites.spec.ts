/**
 * The suites that run in Node (vitest) run here too, unchanged, through the built worker in
 * Chromium, Firefox and WebKit (one Playwright project each): session-buddy's goldens, A/B parity, and the skill-tables write-back.
 */
import { abParitySuite } from '../suites/ab-parity.suite.js';
import { goldenParitySuite } from '../suites/golden-parity.suite.js';
import { materializeSuite } from '../suites/materialize.suite.js';
import { inBrowser } from './page-engine.js';

inBrowser((host, open) => {
  goldenParitySuite(host, open);
  abParitySuite(host, open);
  materializeSuite(host, open);
});
