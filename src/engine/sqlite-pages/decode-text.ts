/**
 * Text values decoded exactly as sql.js returns them: sql.js decodes the `sqlite3_column_bytes`
 * bytes of `sqlite3_column_text` with the platform's TextDecoder (NUL bytes kept, invalid
 * sequences become U+FFFD, a leading BOM is dropped). Pure ASCII, the common case, takes a
 * shorter path that gives the same string.
 */

const UTF8 = new TextDecoder();

/**
 * Decodes `length` bytes of UTF-8 text at `at` as sql.js would.
 * @param b the bytes
 * @param at offset of the text
 * @param length bytes of the text
 * @returns the text
 * @example decodeSqlText(new TextEncoder().encode('héllo'), 0, 6) // 'héllo'
 */
export function decodeSqlText(b: Uint8Array, at: number, length: number): string {
  if (length <= 48) {
    let ascii = true;
    for (let i = at; i < at + length; i++) {
      if (b[i] >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return String.fromCharCode.apply(null, b.subarray(at, at + length) as unknown as number[]);
  }
  return UTF8.decode(b.subarray(at, at + length));
}

/**
 * Reuses the string of a value seen before (session ids, skill names and phases repeat): fewer
 * decodes and one string object per distinct value. Turns itself off for a column whose values
 * rarely repeat (times), where the lookups would only cost.
 */
export class TextInterner {
  private readonly slots: (string | undefined)[] = new Array(4096);
  private readonly keys: (Uint8Array | undefined)[] = new Array(4096);
  private lookups = 0;
  private hits = 0;
  private on = true;

  /** The text of `length` bytes at `at` (decoded as {@link decodeSqlText}). */
  text(b: Uint8Array, at: number, length: number): string {
    if (!this.on || length > 64) return decodeSqlText(b, at, length);
    let h = 2166136261;
    for (let i = at; i < at + length; i++) h = Math.imul(h ^ b[i], 16777619);
    const slot = (h >>> 0) & 4095;
    const key = this.keys[slot];
    this.lookups++;
    if (key !== undefined && key.length === length) {
      let same = true;
      for (let i = 0; i < length; i++) {
        if (key[i] !== b[at + i]) {
          same = false;
          break;
        }
      }
      if (same) {
        this.hits++;
        return this.slots[slot]!;
      }
    }
    if (this.lookups === 20_000 && this.hits < 2_000) this.on = false;
    const s = decodeSqlText(b, at, length);
    this.keys[slot] = b.slice(at, at + length);
    this.slots[slot] = s;
    return s;
  }
}
