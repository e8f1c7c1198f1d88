/**
 * Type-level check: every remote predictor method returns a Promise of plain, cloneable data.
 * `tsc --noEmit` fails if a result stops being plain data.
 */
import type * as Comlink from 'comlink';
import { expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/engine/index.js';

type Remote = Comlink.Remote<AnalyticsEngine['predictor']>;
// biome-ignore lint/suspicious/noConfusingVoidType: a remote call that returns nothing resolves to void
type Leaf = string | number | boolean | null | undefined | void;
type IsPlain<T> = T extends Leaf
  ? true
  : T extends ((...args: never[]) => unknown) | Map<unknown, unknown> | Set<unknown> | bigint | symbol
    ? false
    : T extends readonly (infer E)[]
      ? IsPlain<E>
      : T extends object
        ? { [K in keyof T]-?: IsPlain<T[K]> }[keyof T] extends true
          ? true
          : false
        : false;
type IsPlainPromise<T> = T extends Promise<infer R> ? IsPlain<R> : false;
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
