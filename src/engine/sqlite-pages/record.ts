/**
 * SQLite's record format (https://www.sqlite.org/fileformat2.html#record_format): a header of
 * varints (its own size, then one serial type per column) followed by the values. Serial types:
 * 0 NULL, 1-6 big-endian two's-complement integers of 1, 2, 3, 4, 6 and 8 bytes, 7 an IEEE double,
 * 8 and 9 the integers 0 and 1, N ≥ 12 even a blob of (N-12)/2 bytes, N ≥ 13 odd a text of (N-13)/2
 * bytes. Types 10 and 11 are reserved and mean a corrupt record.
 */
import { AnalyticsError } from '../errors.js';

/** A value as sql.js gives it: integers and reals as numbers (64-bit integers rounded to the nearest double). */
export type CellValue = number | string | Uint8Array | null;
/** A value with its storage class kept: integers as bigint (exact), reals as number. */
export type ExactValue = bigint | number | string | Uint8Array | null;

/** Where a varint ended and its value (up to 2^53 exactly; larger values only occur in corrupt files). */
export interface Varint {
  value: number;
  next: number;
}

/**
 * Reads a SQLite varint (1-9 bytes, big-endian, high bit = more bytes follow; the 9th byte gives 8 bits).
 * @param b the bytes
 * @param at where the varint starts
 * @param out receives the value and the offset after the varint (reused to avoid allocations)
 * @returns `out`
 * @example readVarint(new Uint8Array([0x81, 0x00]), 0, { value: 0, next: 0 }).value // 128
 */
export function readVarint(b: Uint8Array, at: number, out: Varint): Varint {
  let v = 0;
  for (let i = 0; i < 8; i++) {
    const byte = b[at + i];
    if (byte === undefined) throw corrupt('a varint runs past the end of its page');
    v = v * 128 + (byte & 0x7f);
    if (byte < 0x80) {
      out.value = v;
      out.next = at + i + 1;
      return out;
    }
  }
  const last = b[at + 8];
  if (last === undefined) throw corrupt('a varint runs past the end of its page');
  // Nine-byte varints hold 64-bit values (negative rowids); as a double they keep their magnitude.
  const big = BigInt.asIntN(64, (BigInt(v) << 8n) | BigInt(last));
  out.value = Number(big);
  out.next = at + 9;
  return out;
}

/**
 * Reads a record's header: the serial type and the body offset of each of its first columns, up
 * to column `maxColumn`.
 * @param payload the bytes holding the record at `[start, start + length)`
 * @param types receives the serial types (index = column)
 * @param offsets receives where each value starts in `payload`
 * @param v a scratch varint
 * @returns how many of the columns 0..maxColumn the record stores (a row written before a column was added stores fewer)
 * @throws AnalyticsError CORRUPT_DATABASE when the header or the values run past the record
 */
export function readRecordHeader(payload: Uint8Array, start: number, length: number, maxColumn: number, types: Int32Array, offsets: Int32Array, v: Varint): number {
  const end = start + length;
  readVarint(payload, start, v);
  const headerEnd = start + v.value;
  if (headerEnd > end || v.value < 1) throw corrupt('a record header runs past its record');
  let p = v.next;
  let body = headerEnd;
  let stored = 0;
  while (p < headerEnd && stored <= maxColumn) {
    // Serial types below 128 (NULL, numbers, texts up to 57 bytes) are one-byte varints.
    let t = payload[p];
    if (t < 0x80) p++;
    else {
      readVarint(payload, p, v);
      p = v.next;
      t = v.value;
    }
    types[stored] = t;
    offsets[stored] = body;
    body += t >= 12 ? (t - 12) >> 1 : serialSize(t);
    stored++;
  }
  if (body > end) throw corrupt('a record runs past its cell');
  return stored;
}

/** Bytes of a value of serial type `t` in the record body. */
export function serialSize(t: number): number {
  if (t >= 12) return (t - 12) >> 1;
  switch (t) {
    case 0:
    case 8:
    case 9:
      return 0;
    case 5:
      return 6;
    case 6:
    case 7:
      return 8;
    case 10:
    case 11:
      throw corrupt(`a record uses the reserved serial type ${t}`);
    default:
      return t; // 1..4 bytes
  }
}

const F64 = new DataView(new ArrayBuffer(8));

/** Reads the value of serial type `t` at `at` (sql.js's view: integers as numbers). */
export function readValue(b: Uint8Array, at: number, t: number, text: TextReader): CellValue {
  switch (t) {
    case 0:
      return null;
    case 1:
      return (b[at] << 24) >> 24;
    case 2:
      return (((b[at] << 8) | b[at + 1]) << 16) >> 16;
    case 3:
      return (((b[at] << 16) | (b[at + 1] << 8) | b[at + 2]) << 8) >> 8;
    case 4:
      return (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
    case 5:
      return ((((b[at] << 8) | b[at + 1]) << 16) >> 16) * 4294967296 + uint32(b, at + 2);
    case 6:
      // One rounding from the exact 64-bit value, as SQLite's sqlite3_column_double does.
      return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) * 4294967296 + uint32(b, at + 4);
    case 7:
      return readDouble(b, at);
    case 8:
      return 0;
    case 9:
      return 1;
    default:
      if (t & 1) return text((t - 13) >> 1, at);
      return b.slice(at, at + ((t - 12) >> 1));
  }
}

/** Reads the value of serial type `t` at `at` with its storage class: integers as bigint. */
export function readExactValue(b: Uint8Array, at: number, t: number, text: TextReader): ExactValue {
  if (t >= 1 && t <= 6) {
    let v = 0n;
    const n = serialSize(t);
    for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(b[at + i]);
    return BigInt.asIntN(n * 8, v);
  }
  if (t === 8) return 0n;
  if (t === 9) return 1n;
  return readValue(b, at, t, text);
}

function uint32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

/** The IEEE double at `at` (serial type 7); null for a NaN bit pattern, as SQLite reads it. */
export function readDouble(b: Uint8Array, at: number): number | null {
  for (let i = 0; i < 8; i++) F64.setUint8(i, b[at + i]);
  const v = F64.getFloat64(0);
  // SQLite never writes NaN (it stores NULL) and reads a NaN bit pattern back as NULL.
  return Number.isNaN(v) ? null : v;
}

/** Decodes `length` bytes of text at `at` of the current record buffer. */
export type TextReader = (length: number, at: number) => string;

/** A corrupt-file error for the streaming reader. */
export function corrupt(why: string): AnalyticsError {
  return new AnalyticsError('CORRUPT_DATABASE', `open: the SQLite file is damaged (${why}); copy it again from session-buddy`);
}
