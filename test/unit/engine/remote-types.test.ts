/**
 * Type-level check (comlink's tests/type-checks.ts idea): every remote method returns a Promise of
 * plain data. `tsc --noEmit` fails if a method's result stops being cloneable data.
 */
import type * as Comlink from 'comlink';
import { expect, it } from 'vitest';
import type { AnalyticsEngine, DatabaseInfo } from '../../../src/engine/index.js';

type Remote = Comlink.Remote<AnalyticsEngine>;
// biome-ignore lint/suspicious/noConfusingVoidType: a remote call that returns nothing resolves to void
type Leaf = string | number | boolean | null | undefined | void | Uint8Array | Float64Array;
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

const checks: {
  open: IsPlainPromise<ReturnType<Remote['open']>>;
  info: IsPlainPromise<ReturnType<Remote['info']>>;
  exportDatabase: IsPlainPromise<ReturnType<Remote['exportDatabase']>>;
  close: IsPlainPromise<ReturnType<Remote['close']>>;
} = { open: true, info: true, exportDatabase: true, close: true };

it('remote engine methods return promises of plain data (checked by tsc)', () => {
  const info: DatabaseInfo | null = null;
  expect(info).toBeNull();
  expect(Object.values(checks).every(Boolean)).toBe(true);
});
