/**
 * One saved open as bytes: the decoded invocation columns, the read's warnings, the -wal outcome,
 * the integrity check and which tables are empty, under the content key of the file (and its log).
 * Layout (sealed-sections.ts): the magic "SBACOLS\0", a format version, a JSON header (key, row
 * count, warnings, dictionaries of the text columns, section lengths), the binary sections (ids,
 * times, durations as float64; text columns as int32 codes into their dictionary; completed as
 * bytes), and a checksum of everything before it (the cache's seal). An entry of another version, for another key,
 * cut short or altered decodes to null: it is never used.
 */
import type { SchemaInfo } from '../schema.js';
import type { InvocationColumns } from '../SkillsDatabase.js';
import type { IntegritySummary, Warning } from '../types.js';
import type { VerifyMode } from '../integrity.js';
import type { WalSummary } from '../wal/apply-wal.js';
import { dictionaryEncode as dictionary } from '../dictionary.js';
import type { Digest } from './content-key.js';
import { seal, typed, unseal } from './sealed-sections.js';

/** Bump when the layout or the meaning of a saved field changes: older entries are then ignored. */
export const CACHE_FORMAT_VERSION = 2;

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
  /** Tables with no row in these bytes (answered without opening sql.js, see SkillsDatabase.deferred). */
  emptyTables: string[];
  /** Distinct skill names and session ids (the sizes of their dictionaries); set when decoded. */
  distinct?: { skills: number; sessions: number };
  /** Indexes of these columns saved with them (a dataset of this file alone), by persist name. */
  indexes?: ReadonlyMap<string, SavedIndex>;
  /** The text columns as stored (dictionaries in first appearance, codes in id order); set when decoded. */
  codes?: EntryCodes;
}

/** The text columns of an entry as dictionary codes. */
export interface EntryCodes {
  skills: readonly (string | null)[];
  sessions: readonly (string | null)[];
  phases: readonly (string | null)[];
  skill: Int32Array;
  session: Int32Array;
  phase: Int32Array;
}

/**
 * A text column decoded from its codes when first read (a reopen answered from the saved cube
 * never reads it before the warehouse's background load); assigning replaces it.
 */
function decodedOnFirstUse(columns: InvocationColumns, name: 'skillName' | 'sessionId' | 'workflowPhase', codes: Int32Array, values: readonly (string | null)[]): void {
  const settle = (value: unknown) => Object.defineProperty(columns, name, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(columns, name, {
    enumerable: true,
    configurable: true,
    get() {
      const out = new Array<string | null>(codes.length);
      for (let i = 0; i < codes.length; i++) out[i] = values[codes[i]];
      settle(out);
      return out;
    },
    set: settle,
  });
}

/** An index as saved: a JSON header and binary sections (see ColumnIndex's `persist`). */
export interface SavedIndex {
  header: unknown;
  sections: readonly ArrayBufferView[];
}

/** An index as read back: its sections as bytes. */
export interface ReadIndex {
  header: unknown;
  sections: Uint8Array[];
}

interface Header {
  key: string;
  length: number;
  readWarnings: Warning[];
  rows: number;
  wal: CachedOpen['wal'];
  verify: CachedOpen['verify'];
  schema: SchemaInfo;
  emptyTables: string[];
  skills: string[];
  sessions: string[];
  phases: (string | null)[];
  /** Each saved index: its name, header and how many sections follow the columns' for it. */
  indexes: { name: string; header: unknown; sections: number }[];
}

/**
 * Encodes an entry.
 * @param key the content key it is saved under
 * @param entry the open's results
 * @param digest the cache's digest (the seal)
 * @returns the bytes to store
 * @example const bytes = await encodeEntry(key, { columns, readWarnings: [], rows, wal: null, verify, schema, emptyTables: [] });
 */
export async function encodeEntry(key: string, entry: CachedOpen, digest: Digest): Promise<Uint8Array> {
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
    emptyTables: entry.emptyTables,
    skills: skills.values,
    sessions: sessions.values,
    phases: phases.values,
    indexes: [],
  };
  const sections: ArrayBufferView[] = [c.id, c.invokedAt, c.durationSeconds, skills.codes, sessions.codes, phases.codes, c.completed];
  for (const [name, index] of entry.indexes ?? []) {
    header.indexes.push({ name, header: index.header, sections: index.sections.length });
    sections.push(...index.sections);
  }
  return seal(MAGIC, CACHE_FORMAT_VERSION, header, sections, digest);
}

/**
 * Decodes an entry, or null when it is not a whole, unaltered entry of this format for `key`.
 * @param key the content key the caller computed for the file it opens
 * @param bytes what the store returned
 * @param digest the cache's digest (the seal)
 * @returns the entry, or null (never throws)
 * @example (await decodeEntry(key, bytes))?.columns.length
 */
export async function decodeEntry(key: string, bytes: Uint8Array, digest: Digest): Promise<CachedOpen | null> {
  const item = await unseal(MAGIC, CACHE_FORMAT_VERSION, bytes, digest);
  if (!item) return null;
  try {
    const h = item.header as unknown as Header;
    if (h.key !== key || !Number.isInteger(h.length) || h.length < 0 || !h.schema || !h.verify || !Array.isArray(h.emptyTables) || !Array.isArray(h.indexes)) return null;
    const indexes = new Map<string, ReadIndex>();
    let at = 7;
    for (const ix of h.indexes) {
      indexes.set(ix.name, { header: ix.header, sections: item.sections.slice(at, at + ix.sections) });
      at += ix.sections;
    }
    if (at !== item.sections.length) return null;
    const n = h.length;
    const [idBytes, timeBytes, durationBytes, skillBytes, sessionBytes, phaseBytes, completedBytes] = item.sections;
    const skill = typed(Int32Array, skillBytes, n);
    const session = typed(Int32Array, sessionBytes, n);
    const phase = typed(Int32Array, phaseBytes, n);
    if (!codesBelow(skill, h.skills.length) || !codesBelow(session, h.sessions.length) || !codesBelow(phase, h.phases.length)) return null;
    const columns = {
      length: n,
      id: typed(Float64Array, idBytes, n),
      invokedAt: typed(Float64Array, timeBytes, n),
      completed: typed(Uint8Array, completedBytes, n),
      durationSeconds: typed(Float64Array, durationBytes, n),
    } as InvocationColumns;
    decodedOnFirstUse(columns, 'skillName', skill, h.skills);
    decodedOnFirstUse(columns, 'sessionId', session, h.sessions);
    decodedOnFirstUse(columns, 'workflowPhase', phase, h.phases);
    return {
      columns,
      readWarnings: h.readWarnings,
      rows: h.rows,
      wal: h.wal,
      verify: h.verify,
      schema: h.schema,
      emptyTables: h.emptyTables,
      distinct: { skills: h.skills.length, sessions: h.sessions.length },
      indexes,
      codes: { skills: h.skills, sessions: h.sessions, phases: h.phases, skill, session, phase },
    };
  } catch {
    return null;
  }
}

/** Is every code in [0, limit)? (One small loop: optimised at once, 3 × 100k codes in ~0.3 ms.) */
function codesBelow(codes: Int32Array, limit: number): boolean {
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0 || c >= limit) return false;
  }
  return true;
}
