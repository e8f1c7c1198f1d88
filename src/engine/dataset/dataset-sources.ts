/**
 * Several files opened as one dataset: what `open([...])` accepts and how each file gets its name.
 * A name identifies the file everywhere (`info.sources`, the `source` filter, `writeTo`,
 * `exportDatabase(name)`, the dataset's session keys `<name>:<session_id>`).
 */
import { AnalyticsError } from '../errors.js';
import { type FileOnDisk, isFileOnDisk } from '../file-on-disk.js';
import type { OpenSource } from '../open-source.js';
import type { InvocationColumns } from '../SkillsDatabase.js';
import type { Warning } from '../types.js';
import type { WalSummary } from '../wal/apply-wal.js';

/**
 * A file already read page by page because sql.js cannot hold it whole (Node's
 * `readLargeDatabase`): its invocations, and as `data` a small SQLite file with every other table.
 * It opens read-only (its export would lack the invocations).
 */
export interface PagedFile {
  /** The invocations, as `SkillsDatabase.readInvocations` gives them. */
  columns: InvocationColumns;
  /** The read's warnings (WAL_*, UNPARSEABLE_TIME, WRONG_TYPE). */
  warnings: Warning[];
  /** What the -wal log contributed; null when none was read. */
  wal: WalSummary | null;
  /** Bytes of the database file on disk. */
  fileBytes: number;
  /** Rows in skill_invocation, including those left out. */
  rows: number;
  /** The file's header said WAL mode. */
  walMode: boolean;
}

/** One file of a dataset, with its name and its -wal log. */
export interface NamedSource {
  /** Unique in the dataset, without ':'; default: the File's name, the URL's last segment, else `file-N`. */
  name?: string;
  /** The file (a file on disk: Node's `openAnalytics(path)`, read on first use when the cache of opens answers). */
  data: OpenSource | FileOnDisk;
  /** The file's -wal log (see `OpenOptions.wal`). */
  wal?: OpenSource | null;
  /** Key of this file's saved local copy (browser); default as for one file. */
  localKey?: string;
  /** The file was read page by page: `data` is then its small tables (see {@link PagedFile}). */
  paged?: PagedFile;
}

/** An entry of `open([...])`: a plain source (its name derived) or a named one. */
export type DatasetEntry = OpenSource | NamedSource;

/** A dataset entry with its final name. */
export interface ResolvedEntry {
  name: string;
  data: OpenSource | FileOnDisk;
  wal: OpenSource | null | undefined;
  localKey: string | undefined;
  paged?: PagedFile;
}

/** Longest accepted file name. */
const MAX_NAME = 200;

/** True for `{ data, name?, wal? }` (not bytes, a Blob, a string or a URL). */
export function isNamedSource(x: unknown): x is NamedSource {
  if (typeof x !== 'object' || x === null) return false;
  if (x instanceof Uint8Array || x instanceof ArrayBuffer || x instanceof URL) return false;
  if (typeof Blob !== 'undefined' && x instanceof Blob) return false;
  return 'data' in x;
}

/** The name a plain source suggests: a File's name or a URL's last path segment; null for bytes. */
function suggestedName(source: OpenSource): string | null {
  if (typeof File !== 'undefined' && source instanceof File && source.name) return source.name;
  if (typeof source === 'string' || source instanceof URL) {
    const path = String(source).split(/[?#]/)[0];
    const last = path.split('/').filter(Boolean).pop();
    if (last) {
      try {
        return decodeURIComponent(last);
      } catch {
        return last;
      }
    }
  }
  return null;
}

/**
 * Names every entry: given names are checked (non-empty, unique, no ':', at most 200 characters);
 * derived names have ':' replaced by '_' and a repeat gets `#2`, `#3`, ….
 * @param entries what `open([...])` received
 * @returns the entries with their names, in the same order
 * @throws AnalyticsError INVALID_ARGUMENT for an empty list, a bad or repeated given name
 * @example resolveEntries([{ name: 'ana', data: a }, bytes]) // [{ name: 'ana', ... }, { name: 'file-2', ... }]
 */
export function resolveEntries(entries: readonly DatasetEntry[]): ResolvedEntry[] {
  if (!Array.isArray(entries) || entries.length === 0) throw new AnalyticsError('INVALID_ARGUMENT', 'open: pass at least one file');
  const given = new Set<string>();
  for (const e of entries) {
    if (!isNamedSource(e) || e.name === undefined) continue;
    const n = e.name;
    if (typeof n !== 'string' || n.trim() === '' || n.includes(':') || n.length > MAX_NAME) {
      throw new AnalyticsError('INVALID_ARGUMENT', `open: a file name must be non-empty text of at most ${MAX_NAME} characters without ':' (got ${JSON.stringify(n)})`);
    }
    if (given.has(n)) throw new AnalyticsError('INVALID_ARGUMENT', `open: two files are named ${JSON.stringify(n)}; names must be unique`, { name: n });
    given.add(n);
  }
  const used = new Set(given);
  return entries.map((e, i) => {
    const named = isNamedSource(e) ? e : null;
    const data = named ? named.data : (e as OpenSource);
    let name = named?.name;
    if (name === undefined) {
      const base = ((isFileOnDisk(data) ? null : suggestedName(data)) ?? `file-${i + 1}`).replaceAll(':', '_').slice(0, MAX_NAME);
      name = base;
      for (let k = 2; used.has(name); k++) name = `${base}#${k}`;
      used.add(name);
    }
    return { name, data, wal: named?.wal, localKey: named?.localKey, paged: named?.paged };
  });
}
