/** The golden comparisons bound to vitest's expect (the suites themselves live in test/suites). */
import { expect } from 'vitest';
import { goldenChecks } from '../../suites/golden.js';

export const { expectClose, expectTrendParity } = goldenChecks(expect);
