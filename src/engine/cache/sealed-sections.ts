/**
 * The framing of every item of the cache of opens: an 8-byte magic, a format version, a JSON
 * header, binary sections (each at an 8-byte boundary, their byte lengths in the header) and a
 * 32-byte checksum of everything before it (the cache's digest; a shorter one than 32 bytes is padded with zeros). An item cut short, altered or of another magic or version
 * unseals to null. Sections come back as views of the stored bytes when they are aligned for the
 * typed array asked (no copy), else as copies.
 */
import type { Digest } from './content-key.js';

const pad8 = (n: number) => (n + 7) & ~7;

/**
 * Seals a header and sections into one item.
 * @param magic 8 bytes that name the kind of item
 * @param version the kind's format version
 * @param header any JSON value (`sections` byte lengths are added to it)
 * @param sections binary parts, in order
 * @param digest the checksum (at most 32 bytes)
 * @example await seal(MAGIC, 1, { key }, [new Float64Array(3)], digest)
 */
export async function seal(magic: readonly number[], version: number, header: object, sections: readonly ArrayBufferView[], digest: Digest): Promise<Uint8Array> {
  const json = new TextEncoder().encode(JSON.stringify({ ...header, sections: sections.map((s) => s.byteLength) }));
  const start = pad8(16 + json.byteLength);
  let size = start;
  for (const s of sections) size = pad8(size + s.byteLength);
  const out = new Uint8Array(size + 32);
  out.set(magic, 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, version, true);
  view.setUint32(12, json.byteLength, true);
  out.set(json, 16);
  let at = start;
  for (const s of sections) {
    out.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), at);
    at = pad8(at + s.byteLength);
  }
  out.set(await digest(out.subarray(0, size)), size);
  return out;
}

/** An unsealed item: its header and its sections' bytes. */
export interface Unsealed {
  header: Record<string, unknown>;
  sections: Uint8Array[];
}

/**
 * The header and sections of an item, or null when it is not a whole, unaltered item of this
 * magic and version (never throws).
 * @example (await unseal(MAGIC, 1, bytes, digest))?.sections.length
 */
export async function unseal(magic: readonly number[], version: number, bytes: Uint8Array, digest: Digest): Promise<Unsealed | null> {
  try {
    if (bytes.byteLength < 48 || magic.some((b, i) => bytes[i] !== b)) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(8, true) !== version) return null;
    const size = bytes.byteLength - 32;
    const sum = await digest(bytes.subarray(0, size));
    for (let i = 0; i < 32; i++) if ((sum[i] ?? 0) !== bytes[size + i]) return null;
    const jsonBytes = view.getUint32(12, true);
    if (16 + jsonBytes > size) return null;
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + jsonBytes))) as Record<string, unknown>;
    const lengths = header.sections;
    if (!Array.isArray(lengths)) return null;
    const sections: Uint8Array[] = [];
    let at = pad8(16 + jsonBytes);
    for (const len of lengths) {
      if (!Number.isInteger(len) || len < 0 || at + len > size) return null;
      sections.push(bytes.subarray(at, at + len));
      at = pad8(at + len);
    }
    return { header, sections };
  } catch {
    return null;
  }
}

type TypedArrayOf<T> = { new (buffer: ArrayBuffer, byteOffset: number, length: number): T; new (length: number): T; BYTES_PER_ELEMENT: number };

/**
 * A section as a typed array of `n` elements: a view of the stored bytes when aligned, else a copy.
 * @throws RangeError when the section does not hold exactly `n` elements
 * @example typed(Float64Array, section, 3)
 */
export function typed<T>(type: TypedArrayOf<T>, section: Uint8Array, n: number): T {
  const width = type.BYTES_PER_ELEMENT;
  if (section.byteLength !== n * width) throw new RangeError('a section of the wrong length');
  if (section.byteOffset % width === 0) return new type(section.buffer as ArrayBuffer, section.byteOffset, n);
  return new type(section.slice().buffer as ArrayBuffer, 0, n);
}
