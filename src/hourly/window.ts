/**
 * Analysis windows at second resolution, as session-buddy compares them:
 * `datetime(invoked_at) >= datetime('now', '-N hours')`. `datetime()` drops fractional seconds, so
 * an invocation is inside when floor(t) ≥ floor(asOf) − N h, i.e. t ≥ floor(asOf) − N h. We add the
 * upper bound floor(t) ≤ floor(asOf), i.e. t < floor(asOf) + 1 s, so a window ends at asOf
 * (session-buddy had none: "now" was always after every row).
 */
import type { EngineContext } from '../engine/context.js';
import { requireArgument } from '../engine/errors.js';
import { floorToSecond, formatIso, MICROS_PER_SECOND, toMicros, type TimeInput } from '../engine/time.js';

/** A half-open interval of epoch microseconds [startMicros, endMicros). */
export interface TimeWindow {
  /** floor(asOf) to the second. */
  asOfSecond: number;
  /** Inclusive: floor(asOf) − length. */
  startMicros: number;
  /** Exclusive: floor(asOf) + 1 s. */
  endMicros: number;
}

/**
 * The asOf of a call: the caller's, else the latest invocation in the file.
 * @param ctx engine context
 * @param asOf caller's instant, if any
 * @returns epoch microseconds, or null when the file is empty and no asOf was given
 * @throws AnalyticsError INVALID_ARGUMENT when asOf is not a time
 */
export function resolveAsOf(ctx: EngineContext, asOf: TimeInput | undefined): number | null {
  return asOf === undefined || asOf === null ? ctx.defaultAsOfMicros : toMicros(asOf, 'asOf');
}

/**
 * The window of `lengthMicros` ending at asOf, at second resolution.
 * @param asOfMicros end of the window
 * @param lengthMicros its length
 * @returns bounds in epoch microseconds
 * @example secondWindow(3_600_500_000, 3_600_000_000) // { asOfSecond: 3600000000, startMicros: 0, endMicros: 3601000000 }
 */
export function secondWindow(asOfMicros: number, lengthMicros: number): TimeWindow {
  const asOfSecond = floorToSecond(asOfMicros);
  return { asOfSecond, startMicros: asOfSecond - lengthMicros, endMicros: asOfSecond + MICROS_PER_SECOND };
}

/**
 * Checks a window length given by a caller.
 * @param fn calling function, for the message
 * @param name option name
 * @param value the length (hours or days)
 * @throws AnalyticsError INVALID_ARGUMENT unless a positive finite number
 */
export function requireWindowLength(fn: string, name: string, value: number): void {
  requireArgument(typeof value === 'number' && Number.isFinite(value) && value > 0, `${fn}: ${name} must be a positive number (got ${String(value)})`);
}

/** ISO text of a window's start and asOf, for results. */
export function windowLabels(w: TimeWindow | null): { windowStart: string | null; asOf: string | null } {
  return w ? { windowStart: formatIso(w.startMicros), asOf: formatIso(w.asOfSecond) } : { windowStart: null, asOf: null };
}
