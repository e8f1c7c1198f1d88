/**
 * Text values decoded exactly as sql.js returns them: sql.js reads `sqlite3_column_text` with
 * Emscripten's UTF8ToString, which stops at the first NUL byte, decodes more than 16 bytes with
 * the platform's TextDecoder (invalid sequences become U+FFFD, a leading BOM is dropped) and up to
 * 16 bytes with its own lenient decoder (ported below, so odd bytes give the same characters).
 */

const UTF8 = new TextDecoder();

/**
 * Decodes `length` bytes of UTF-8 text at `at` as sql.js would.
 * @param b the bytes
 * @param at offset of the text
 * @param length bytes of the text (the text ends earlier at a NUL byte)
 * @returns the text
 * @example decodeSqlText(new TextEncoder().encode('héllo'), 0, 6) // 'héllo'
 */
export function decodeSqlText(b: Uint8Array, at: number, length: number): string {
  let end = at;
  const limit = at + length;
  while (end < limit && b[end] !== 0) end++;
  if (end - at > 16) return UTF8.decode(b.subarray(at, end));
  let s = '';
  let i = at;
  while (i < end) {
    let u0 = b[i++];
    if (!(u0 & 0x80)) {
      s += String.fromCharCode(u0);
      continue;
    }
    // Emscripten reads continuation bytes past the end too (there it finds the NUL terminator: 0).
    const u1 = (i < end ? b[i] : 0) & 63;
    i++;
    if ((u0 & 0xe0) === 0xc0) {
      s += String.fromCharCode(((u0 & 31) << 6) | u1);
      continue;
    }
    const u2 = (i < end ? b[i] : 0) & 63;
    i++;
    if ((u0 & 0xf0) === 0xe0) {
      u0 = ((u0 & 15) << 12) | (u1 << 6) | u2;
    } else {
      const u3 = (i < end ? b[i] : 0) & 63;
      i++;
      u0 = ((u0 & 7) << 18) | (u1 << 12) | (u2 << 6) | u3;
    }
    if (u0 < 0x10000) {
      s += String.fromCharCode(u0);
    } else {
      const ch = u0 - 0x10000;
      s += String.fromCharCode(0xd800 | (ch >> 10), 0xdc00 | (ch & 0x3ff));
    }
  }
  return s;
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
