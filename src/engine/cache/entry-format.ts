/**
 * One saved open as bytes: the decoded invocation columns, the read's warnings, the -wal outcome
 * and the integrity check, under the content key of the file (and its log). Layout: the magic
 * "SBACOLS\0", a format version, a JSON header (key, row count, warnings, dictionaries of the text
 * columns, section lengths), the binary sections (ids, times, durations as float64; completed as
 * bytes; text columns as int32 codes into their dictionary), and the SHA-256 of everything before
 * it. An entry of another version, for another key, cut short or altered decodes to null: it is
 * never used.
 */
import type { SchemaInfo } from '../schema.js';
import type { InvocationColumns } from '../SkillsDatabase.js';
import type { IntegritySummary, Warning } from '../types.js';
import type { VerifyMode } from '../integrity.js';
import type { WalSummary } from '../wal/apply-wal.js';
import { dictionaryEncode as dictionary } from '../dictionary.js';
import { sha256 } from './content-key.js';

/** Bump when the layout or the meaning of a saved field changes: older entries are then ignored. */
export const CACHE_FORMAT_VERSION = 1;

const MAGIC = [0x53, 0x42, 0x41, 0x43, 0x4f, 0x4c, 0x53, 0x00]; // "SBACOLS\0"

/** What reopening an unchanged file takes from the cache instead of reading and checking it. */
export interface CachedOpen {
  columns: InvocationColumns;
  /** UNPARSEABLE_TIME / WRONG_TYPE of the read. */
  readWarnings: Warning[];
  /** Rows of skill_invocation, including those left out. */
  rows: number;
  /** What the -wal log did (null: no log given); `applied` says whether its pages were merged. */
  wal: { summary: WalSummary; warnings: Warning[] } | null;
  /** The integrity check run on this content and what it found (only checks that let the file open are saved). */
  verify: { mode: VerifyMode; summary: IntegritySummary; warnings: Warning[] };
  /** The schema sql.js found (a reopen opens sql.js only when something asks it). */
  schema: SchemaInfo;
  /** Distinct skill names and session ids (the sizes of their dictionaries); set when decoded. */
  distinct?: { skills: number; sessions: number };
}

interface Header {
  key: string;
  length: number;
  readWarnings: Warning[];
  rows: number;
  wal: CachedOpen['wal'];
  verify: CachedOpen['verify'];
  schema: SchemaInfo;
  skills: string[];
  sessions: string[];
  phases: (string | null)[];
}

const pad8 = (n: number) => (n + 7) & ~7;

/**
 * Encodes an entry.
 * @param key the content key it is saved under
 * @param entry the open's results
 * @returns the bytes to store
 * @example const bytes = await encodeEntry(key, { columns, readWarnings: [], rows, wal: null, verify });
 */
export async function encodeEntry(key: string, entry: CachedOpen): Promise<Uint8Array> {
  const { columns: c } = entry;
  const n = c.length;
  const skills = dictionary(c.skillName, n);
  const sessions = dictionary(c.sessionId, n);
  const phases = dictionary(c.workflowPhase, n);
  const header: Header = {
    key,
    length: n,
    readWarnings: entry.readWarnings,
    rows: entry.rows,
    wal: entry.wal,
    verify: entry.verify,
    schema: entry.schema,
    skills: skills.values,
    sessions: sessions.values,
    phases: phases.values,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const sections: ArrayBufferView[] = [c.id, c.invokedAt, c.durationSeconds, skills.codes, sessions.codes, phases.codes, c.completed];
  const start = pad8(16 + json.byteLength);
  let size = start;
  for (const s of sections) size = pad8(size + s.byteLength);
  const out = new Uint8Array(size + 32);
  out.set(MAGIC, 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, CACHE_FORMAT_VERSION, true);
  view.setUint32(12, json.byteLength, true);
  out.set(json, 16);
  let at = start;
  for (const s of sections) {
    out.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), at);
    at = pad8(at + s.byteLength);
  }
  out.set(await sha256(out.subarray(0, size)), size);
  return out;
}

/**
 * Decodes an entry, or null when it is not a whole, unaltered entry of this format for `key`.
 * @param key the content key the caller computed for the file it opens
 * @param bytes what the store returned
 * @returns the entry, or null (never throws)
 * @example (await decodeEntry(key, bytes))?.columns.length
 */
export async function decodeEntry(key: string, bytes: Uint8Array): Promise<CachedOpen | null> {
  try {
    if (bytes.byteLength < 48 || MAGIC.some((b, i) => bytes[i] !== b)) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(8, true) !== CACHE_FORMAT_VERSION) return null;
    const size = bytes.byteLength - 32;
    const digest = await sha256(bytes.subarray(0, size));
    for (let i = 0; i < 32; i++) if (digest[i] !== bytes[size + i]) return null;
    const jsonBytes = view.getUint32(12, true);
    if (16 + jsonBytes > size) return null;
    const h = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + jsonBytes))) as Header;
    if (h.key !== key || !Number.isInteger(h.length) || h.length < 0 || !h.schema || !h.verify) return null;
    const n = h.length;
    let at = pad8(16 + jsonBytes);
    const take = (width: number) => {
      const len = n * width;
      if (at + len > size) throw new RangeError('short entry');
      // A copy: the store's bytes may not be aligned for a typed array view.
      const part = bytes.slice(at, at + len).buffer;
      at = pad8(at + len);
      return part;
    };
    const id = new Float64Array(take(8));
    const invokedAt = new Float64Array(take(8));
    const durationSeconds = new Float64Array(take(8));
    const skill = new Int32Array(take(4));
    const session = new Int32Array(take(4));
    const phase = new Int32Array(take(4));
    const completed = new Uint8Array(take(1));
    const decode = <T>(codes: Int32Array, values: T[]): T[] => {
      const out = new Array<T>(n);
      for (let i = 0; i < n; i++) {
        const c = codes[i];
        if (!(c >= 0 && c < values.length)) throw new RangeError('a code outside its dictionary');
        out[i] = values[c];
      }
      return out;
    };
    const columns: InvocationColumns = {
      length: n,
      id,
      skillName: decode(skill, h.skills),
      invokedAt,
      sessionId: decode(session, h.sessions),
      workflowPhase: decode(phase, h.phases),
      completed,
      durationSeconds,
    };
    return {
      columns,
      readWarnings: h.readWarnings,
      rows: h.rows,
      wal: h.wal,
      verify: h.verify,
      schema: h.schema,
      distinct: { skills: h.skills.length, sessions: h.sessions.length },
    };
  } catch {
    return null;
  }
}
