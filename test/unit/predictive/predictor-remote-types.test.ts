/**
 * Type-level check: every remote predictor method returns a Promise of plain, cloneable data.
 * `tsc --noEmit` fails if a result stops being plain data.
 */
import type * as Comlink from 'comlink';
import { expect, it } from 'vitest';
import type { IsPlainPromise } from '../plain-data.js';
import type { AnalyticsEngine } from '../../../src/analytics/index.js';

type Remote = Comlink.Remote<AnalyticsEngine['predictor']>;
type Checks = { [K in Extract<keyof Remote, string>]: IsPlainPromise<ReturnType<Remote[K]>> };

const checks: Checks = {
  trainModel: true,
  extractFeatures: true,
  predictSuccessProbability: true,
  predictSuccessWithSpread: true,
  getFeatureExplanation: true,
  scoreInvocations: true,
  scoreOverTime: true,
  exportModel: true,
  importModel: true,
  trainingReport: true,
};

it('remote predictor methods return promises of plain data (checked by tsc)', () => {
  expect(Object.values(checks).every(Boolean)).toBe(true);
});
