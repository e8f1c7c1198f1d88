/**
 * Type-level check (comlink's tests/type-checks.ts idea): every remote method returns a Promise of
 * plain data. `tsc --noEmit` fails if a method's result stops being cloneable data.
 */
import type * as Comlink from 'comlink';
import { expect, it } from 'vitest';
import type { IsPlainPromise } from '../plain-data.js';
import type { AnalyticsEngine, DatabaseInfo } from '../../../src/analytics/index.js';

type Remote = Comlink.Remote<AnalyticsEngine>;
type Plain<T> = IsPlainPromise<T, Uint8Array | Float64Array>;

const checks: {
  open: Plain<ReturnType<Remote['open']>>;
  info: Plain<ReturnType<Remote['info']>>;
  exportDatabase: Plain<ReturnType<Remote['exportDatabase']>>;
  close: Plain<ReturnType<Remote['close']>>;
} = { open: true, info: true, exportDatabase: true, close: true };

it('remote engine methods return promises of plain data (checked by tsc)', () => {
  const info: DatabaseInfo | null = null;
  expect(info).toBeNull();
  expect(Object.values(checks).every(Boolean)).toBe(true);
});
