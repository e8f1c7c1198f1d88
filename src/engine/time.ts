/**
 * Time handling. session-buddy writes `invoked_at` as ISO-8601 text with or without a UTC offset
 * and fractional seconds; naive times are UTC. Internally every instant is an integer number of
 * microseconds since the Unix epoch (exact in a double up to year ~2255).
 */
import { AnalyticsError } from './errors.js';

const ISO = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?\s*$/;

export const MICROS_PER_SECOND = 1_000_000;
export const MICROS_PER_HOUR = 3_600 * MICROS_PER_SECOND;
export const MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

/**
 * Parses a session-buddy timestamp to epoch microseconds (UTC), or null when it is not a valid time.
 * @param text e.g. `2026-11-20T13:45:12.123456+00:00`, `2026-11-20 13:45:12`, `2026-11-20T13:45:12Z`
 * @returns epoch microseconds, or null
 * @example parseTimestamp('1970-01-01T00:00:01Z') // 1000000
 */
export function parseTimestamp(text: string | null | undefined): number | null {
  if (typeof text !== 'string' || text.length > 64) return null;
  const fast = parseCanonical(text);
  if (fast !== undefined) return fast;
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', tz] = m;
  const year = +y,
    month = +mo,
    day = +d,
    hour = +h,
    minute = +mi,
    second = +s;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (tz && tz !== 'Z' && tz !== 'z') {
    const sign = tz[0] === '-' ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    const oh = +digits.slice(0, 2),
      om = digits.length > 2 ? +digits.slice(2, 4) : 0;
    if (oh > 23 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const micros = frac ? Math.floor(+frac.padEnd(6, '0').slice(0, 6)) : 0;
  return (ms - offsetMinutes * 60_000) * 1000 + micros;
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Value of the decimal digit at `i`, or -1 when it is not a digit. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Two digits at `i` as a number, or -1. */
function two(s: string, i: number): number {
  const a = digit(s, i),
    b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/**
 * The shape session-buddy writes, parsed without a regex or a Date object:
 * `YYYY-MM-DD[T ]HH:MM:SS[.f{1,9}][Z|+00:00]`. Returns undefined for any other shape (the caller
 * then uses the full ISO pattern), and the same value or null that the full pattern gives otherwise.
 */
function parseCanonical(s: string): number | null | undefined {
  const n = s.length;
  if (n < 19 || s[4] !== '-' || s[7] !== '-' || (s[10] !== 'T' && s[10] !== ' ') || s[13] !== ':' || s[16] !== ':') return undefined;
  const y1 = two(s, 0),
    y2 = two(s, 2),
    month = two(s, 5),
    day = two(s, 8),
    hour = two(s, 11),
    minute = two(s, 14),
    second = two(s, 17);
  if (y1 < 0 || y2 < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  let i = 19;
  let micros = 0;
  if (i < n && s[i] === '.') {
    i++;
    let digits = 0;
    while (i < n && digits < 9) {
      const d = digit(s, i);
      if (d < 0) break;
      if (digits < 6) micros = micros * 10 + d;
      digits++;
      i++;
    }
    if (digits === 0 || digit(s, i) >= 0) return undefined;
    for (let k = Math.min(digits, 6); k < 6; k++) micros *= 10;
  }
  if (i < n) {
    const rest = n - i;
    if (!((rest === 1 && s[i] === 'Z') || (rest === 6 && s.endsWith('+00:00')))) return undefined;
  }
  const year = y1 * 100 + y2;
  if (year < 100) return undefined; // Date.UTC reads years 0-99 as 1900-1999: the full path keeps that
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  return daysFromCivil(year, month, day) * 86_400_000_000 + ((hour * 60 + minute) * 60 + second) * 1_000_000 + micros;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** An instant given by a caller: ISO text, SQLite `YYYY-MM-DD HH:MM:SS`, a Date, or epoch milliseconds. */
export type TimeInput = string | Date | number;

/**
 * Converts a caller-supplied instant to epoch microseconds.
 * @throws AnalyticsError INVALID_ARGUMENT when it is not a valid time
 */
export function toMicros(input: TimeInput, what = 'asOf'): number {
  if (input instanceof Date) {
    const t = input.getTime();
    if (Number.isFinite(t)) return t * 1000;
  } else if (typeof input === 'number') {
    if (Number.isFinite(input)) return Math.round(input * 1000);
  } else {
    const t = parseTimestamp(input);
    if (t !== null) return t;
  }
  throw new AnalyticsError('INVALID_ARGUMENT', `${what}: "${String(input)}" is not a time; use ISO-8601 (2026-11-20T13:00:00Z) or "YYYY-MM-DD HH:MM:SS" (UTC)`);
}

/** Truncates to whole seconds (session-buddy compares `datetime(...)` values, which have no fraction). */
export function floorToSecond(micros: number): number {
  return Math.floor(micros / MICROS_PER_SECOND) * MICROS_PER_SECOND;
}

/** ISO UTC text with microseconds when present: `2026-11-20T13:45:12.123456Z`. */
export function formatIso(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const base = new Date(ms).toISOString().slice(0, 19);
  const frac = micros - Math.floor(micros / MICROS_PER_SECOND) * MICROS_PER_SECOND;
  return frac === 0 ? `${base}Z` : `${base}.${String(frac).padStart(6, '0')}Z`;
}

/** ISO UTC hour stamp: `2026-11-20T13:00:00Z`. */
export function formatHour(micros: number): string {
  return `${new Date(Math.floor(micros / MICROS_PER_HOUR) * 3_600_000).toISOString().slice(0, 13)}:00:00Z`;
}

/** UTC calendar day: `2026-11-20`. */
export function formatDay(micros: number): string {
  return new Date(Math.floor(micros / MICROS_PER_DAY) * 86_400_000).toISOString().slice(0, 10);
}
