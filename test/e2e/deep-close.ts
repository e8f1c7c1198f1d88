/**
 * Deep equality where numbers may differ in the last bits: V8 in Chromium and in Node compute
 * Math.exp/log/pow with different library code, so a p-value or an interval can differ by ~1e-15
 * relative. Everything else (strings, counts, labels, structure) must be identical.
 */
import { expect } from '@playwright/test';

/** Replaces every non-integer number by its value rounded to `digits` significant digits. */
function round(v: unknown, digits: number): unknown {
  if (typeof v === 'number') return Number.isInteger(v) || !Number.isFinite(v) ? v : Number(v.toPrecision(digits));
  if (Array.isArray(v)) return v.map((x) => round(x, digits));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, round(x, digits)]));
  return v;
}

/** Deep equality with non-integer numbers compared to 11 significant digits. */
export function expectDeepClose(actual: unknown, expected: unknown, digits = 11): void {
  expect(round(actual, digits)).toEqual(round(expected, digits));
}
