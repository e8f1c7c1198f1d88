/**
 * invoked_at parsed straight from a record's UTF-8 bytes, without building its string: the shape
 * session-buddy writes, `YYYY-MM-DD[T ]HH:MM:SS[.f{1,9}][Z|+00:00]`, in ASCII. It answers only
 * when the answer is a time, and then the very value `parseTimestamp` gives for the decoded text;
 * for anything else (another shape, a non-ASCII byte, an impossible date) it answers undefined and
 * the reader decodes the text and parses it as before, warnings included.
 */

import { daysFromCivil, daysInMonth } from '../time.js';

/**
 * Epoch microseconds of the ISO time in `b[at, at + length)`, or undefined (not the canonical shape
 * or not a valid time: parse the text instead).
 * @param b the record's bytes
 * @param at where the text starts
 * @param length bytes of the text
 * @example parseTimeBytes(new TextEncoder().encode('1970-01-01T00:00:01Z'), 0, 20) // 1000000
 */
export function parseTimeBytes(b: Uint8Array, at: number, length: number): number | undefined {
  if (length < 19 || length > 64) return undefined;
  if (b[at + 4] !== 45 || b[at + 7] !== 45 || (b[at + 10] !== 84 && b[at + 10] !== 32) || b[at + 13] !== 58 || b[at + 16] !== 58) return undefined;
  const y1 = two(b, at),
    y2 = two(b, at + 2),
    month = two(b, at + 5),
    day = two(b, at + 8),
    hour = two(b, at + 11),
    minute = two(b, at + 14),
    second = two(b, at + 17);
  if ((y1 | y2 | month | day | hour | minute | second) < 0) return undefined;
  const end = at + length;
  let i = at + 19;
  let micros = 0;
  if (i < end && b[i] === 46) {
    i++;
    let digits = 0;
    while (i < end && digits < 9) {
      const d = b[i] - 48;
      if (d < 0 || d > 9) break;
      if (digits < 6) micros = micros * 10 + d;
      digits++;
      i++;
    }
    if (digits === 0 || (i < end && b[i] >= 48 && b[i] <= 57)) return undefined;
    for (let k = Math.min(digits, 6); k < 6; k++) micros *= 10;
  }
  const rest = end - i;
  if (rest !== 0) {
    const z = rest === 1 && b[i] === 90;
    const utc = rest === 6 && b[i] === 43 && b[i + 1] === 48 && b[i + 2] === 48 && b[i + 3] === 58 && b[i + 4] === 48 && b[i + 5] === 48;
    if (!z && !utc) return undefined;
  }
  const year = y1 * 100 + y2;
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  return daysFromCivil(year, month, day) * 86_400_000_000 + ((hour * 60 + minute) * 60 + second) * 1_000_000 + micros;
}

/** Two ASCII digits at `i` as a number, or -1. */
function two(b: Uint8Array, i: number): number {
  const x = b[i] - 48,
    y = b[i + 1] - 48;
  return x < 0 || x > 9 || y < 0 || y > 9 ? -1 : x * 10 + y;
}
