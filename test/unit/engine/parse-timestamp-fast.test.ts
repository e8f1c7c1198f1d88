import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../../src/engine/time.js';

/** The parser as it was before the fast path (regex + Date.UTC), kept here as the reference. */
const ISO = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?\s*$/;
function reference(text: string): number | null {
  if (text.length > 64) return null;
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', tz] = m;
  const year = +y,
    month = +mo,
    day = +d,
    hour = +h,
    minute = +mi,
    second = +s;
  const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > dim || hour > 23 || minute > 59 || second > 59) return null;
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

describe('parseTimestamp fast path', () => {
  it('gives hand-computed values for the shapes session-buddy writes', () => {
    expect(parseTimestamp('1970-01-01T00:00:01Z')).toBe(1_000_000);
    expect(parseTimestamp('2026-11-24T18:59:57.354398+00:00')).toBe(Date.UTC(2026, 10, 24, 18, 59, 57) * 1000 + 354_398);
    expect(parseTimestamp('2000-02-29 23:59:59.5')).toBe(Date.UTC(2000, 1, 29, 23, 59, 59) * 1000 + 500_000);
    expect(parseTimestamp('1900-02-29 00:00:00')).toBeNull(); // not a leap year
    expect(parseTimestamp('2024-02-29T00:00:00.123456789Z')).toBe(Date.UTC(2024, 1, 29) * 1000 + 123_456);
    expect(parseTimestamp('1969-12-31T23:59:59.999999Z')).toBe(-1);
    expect(parseTimestamp('2026-04-31T00:00:00')).toBeNull();
  });

  it('equals the regex parser on 200k generated strings (valid, out of range, other zones, odd fractions)', () => {
    let seed = 12345;
    const rnd = (k: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % k;
    };
    const p2 = (x: number) => String(x).padStart(2, '0');
    const tails = ['', 'Z', 'z', '+00:00', '+01:00', '-05:30', '+0000', ' ', '+00:0', 'Q'];
    let checked = 0;
    for (let i = 0; i < 200_000; i++) {
      const year = [0, 50, 99, 100, 1600, 1900, 1969, 1970, 2000, 2024, 2026, 2100, 9999][rnd(13)];
      const frac =
        rnd(3) === 0
          ? ''
          : `.${String(rnd(10 ** 9))
              .padStart(9, '0')
              .slice(0, 1 + rnd(10))}`;
      const text = `${String(year).padStart(4, '0')}-${p2(rnd(14))}-${p2(rnd(33))}${rnd(5) === 0 ? ' ' : 'T'}${p2(rnd(25))}:${p2(rnd(61))}:${p2(rnd(61))}${frac}${tails[rnd(tails.length)]}`;
      expect(parseTimestamp(text), text).toBe(reference(text));
      checked++;
    }
    expect(checked).toBe(200_000);
  });
});
