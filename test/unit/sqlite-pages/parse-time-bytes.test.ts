/**
 * invoked_at parsed from the record's bytes gives exactly parseTimestamp's value of the decoded
 * text, and answers undefined (the reader then decodes and parses the text) for everything else.
 */
import { describe, expect, it } from 'vitest';
import { decodeSqlText } from '../../../src/engine/sqlite-pages/decode-text.js';
import { parseTimeBytes } from '../../../src/engine/sqlite-pages/parse-time-bytes.js';
import { parseTimestamp } from '../../../src/engine/time.js';

const UTF8 = new TextEncoder();
/** The text at an offset inside other bytes, as it sits in a record. */
const inRecord = (text: string) => {
  const t = UTF8.encode(text);
  const b = new Uint8Array(t.length + 6).fill(0x35); // '5' around it: a parser that reads past the end would see digits
  b.set(t, 3);
  return { b, at: 3, length: t.length };
};

describe('parseTimeBytes', () => {
  it('gives hand-computed values for the shapes session-buddy writes', () => {
    const at = (s: string) => {
      const r = inRecord(s);
      return parseTimeBytes(r.b, r.at, r.length);
    };
    expect(at('1970-01-01T00:00:01Z')).toBe(1_000_000);
    expect(at('2026-11-24T18:59:57.354398+00:00')).toBe(Date.UTC(2026, 10, 24, 18, 59, 57) * 1000 + 354_398);
    expect(at('2000-02-29 23:59:59.5')).toBe(Date.UTC(2000, 1, 29, 23, 59, 59) * 1000 + 500_000);
    expect(at('2024-02-29T00:00:00.123456789Z')).toBe(Date.UTC(2024, 1, 29) * 1000 + 123_456);
    expect(at('1969-12-31T23:59:59.999999Z')).toBe(-1);
    // Not the canonical shape or not a time: the text path decides (null, or the full ISO pattern).
    for (const s of [
      '1900-02-29 00:00:00',
      '2026-13-01T00:00:00Z',
      '2026-11-24T24:00:00Z',
      '2026-11-24T18:59:57+02:00',
      ' 2026-11-24T18:59:57Z',
      '0099-01-01T00:00:00Z',
      '2026-11-24T18:59:57.Z',
      '2026-11-24T18:59:57.1234567890Z',
      '2026-11-24',
      'x'.repeat(70),
    ])
      expect(at(s)).toBeUndefined();
  });

  it('equals parseTimestamp of the decoded text wherever it answers, over many variants', () => {
    const bases = ['2026-11-24T18:59:57', '2024-02-29 23:59:59', '1900-02-28T00:00:00', '2100-02-29T00:00:00', '0100-01-01T00:00:00', '9999-12-31T23:59:59', '2026-04-31T10:00:00'];
    const fractions = ['', '.', '.1', '.123456', '.1234567', '.123456789', '.1234567891', '.12a'];
    const tails = ['', 'Z', 'z', '+00:00', '-00:00', '+00:0', '+0000', ' ', 'Zx', '\u00e9', '\u0000'];
    let answered = 0;
    for (const base of bases)
      for (const f of fractions)
        for (const tail of tails) {
          for (const s of new Set([base + f + tail, base.replace('-', '\u2013') + f + tail, base.replace(/5/g, '\uff15') + f + tail])) {
            const r = inRecord(s);
            const got = parseTimeBytes(r.b, r.at, r.length);
            if (got === undefined) continue;
            answered++;
            expect(got).toBe(parseTimestamp(decodeSqlText(r.b, r.at, r.length)));
          }
        }
    // Each base (but the impossible dates) × the fractions the canonical shape takes × no tail, Z, +00:00.
    expect(answered).toBe(5 * 5 * 3);
  });
});
