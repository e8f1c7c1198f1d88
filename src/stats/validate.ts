/**
 * Argument checks shared by the statistics functions. Misuse (negative counts, NaN inputs,
 * probabilities outside [0, 1]) throws `AnalyticsError('INVALID_ARGUMENT')`, the library's one
 * error class; thin data never throws (each function returns a labelled result instead).
 */
import { AnalyticsError } from '../engine/errors.js';

/** Throws INVALID_ARGUMENT naming the function and what to do. */
export function invalidArgument(fn: string, message: string): never {
  throw new AnalyticsError('INVALID_ARGUMENT', `${fn}: ${message}`);
}

/** Requires a finite number. */
export function requireFinite(fn: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) invalidArgument(fn, `${name} must be a finite number (got ${String(value)})`);
}

/** Requires a whole number ≥ 0 (a count). */
export function requireCount(fn: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    invalidArgument(fn, `${name} must be a whole number ≥ 0 (got ${String(value)})`);
  }
}

/** Requires a finite number ≥ 0. */
export function requireNonNegative(fn: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    invalidArgument(fn, `${name} must be a finite number ≥ 0 (got ${String(value)})`);
  }
}

/** Requires 0 < value < 1 (a significance level, a power, a confidence level). */
export function requireOpenUnit(fn: string, name: string, value: number): void {
  if (typeof value !== 'number' || !(value > 0 && value < 1)) invalidArgument(fn, `${name} must lie strictly between 0 and 1 (got ${String(value)})`);
}

/** Requires two arrays of the same length whose entries are all finite. */
export function requirePairedFinite(fn: string, x: readonly number[], y: readonly number[]): void {
  if (!Array.isArray(x) || !Array.isArray(y)) invalidArgument(fn, 'x and y must be arrays of numbers');
  if (x.length !== y.length) invalidArgument(fn, `x and y must have the same length (got ${x.length} and ${y.length})`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) invalidArgument(fn, `x[${i}] and y[${i}] must be finite numbers; drop missing points first`);
  }
}

/** Requires an array whose entries are all finite. */
export function requireFiniteArray(fn: string, name: string, values: readonly number[]): void {
  if (!Array.isArray(values)) invalidArgument(fn, `${name} must be an array of numbers`);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) invalidArgument(fn, `${name}[${i}] must be a finite number; drop missing values first`);
  }
}
