/**
 * The cache of opens as one file's load uses it: the content key of the bytes and the entry saved
 * for them (with the indexes of its columns), then the save of a first open — queued at once,
 * written with the indexes once they are built. When no entry has the database's byte length (a
 * certain miss, told by the store's names) the file opens without waiting for the hash: the key is
 * computed when the entry is saved, behind the answer.
 */
import type { IndexStore } from '../dataset/column-indexes.js';
import { bytesOf, type FileOnDisk } from '../file-on-disk.js';
import type { EngineHost } from '../host.js';
import type { InvocationColumns, SkillsDatabase } from '../SkillsDatabase.js';
import type { CachedOpen, EntryCodes, ReadIndex, SavedIndex } from './entry-format.js';
import { lengthPrefix } from './content-key.js';
import type { OpenCache } from './open-cache.js';

/** The cache's answer for one file. */
export interface SavedOpen {
  cache: OpenCache;
  /** The content key, null on a certain miss (no entry of this database length: not hashed yet). */
  key: string | null;
  /** The content key, hashed once (on a certain miss: when the entry is saved). */
  contentKey: () => Promise<string>;
  /** The entry saved for these bytes (with its indexes), null on a miss. */
  hit: CachedOpen | null;
  /** The bytes' file identity (`identifiedBytes`), recorded with the key when the entry is saved. */
  identity?: string;
}

/**
 * The host's cache of opens, the content key of these bytes and what it saved for them (no key
 * yet when no entry has this database's byte length). A file on disk is read only to be hashed.
 * @param owned the bytes (and log) were read by this library (a path, a Blob): no caller can change
 *   them before a late hash. A caller's own bytes are hashed first, as on a possible hit: a caller
 *   may refill its buffer with another file of the same length before the save, and the key must be
 *   of the bytes the entry was read from (a copy to hash later cost as much as the hash, measured).
 * @param identity the bytes' file identity (`identifiedBytes`: read unchanged from a file and its
 *   -wal): the key recorded for it answers without hashing
 * @param savesBefore the cache's saves under way when this open began ({@link OpenCache.settled}),
 *   waited for first; never the open's own (they wait for its indexes: a dataset of several files)
 * @returns null when the host has no cache (or it fails)
 */
export async function savedOpen(
  host: EngineHost,
  bytes: Uint8Array | FileOnDisk,
  wal: Uint8Array | null,
  owned = false,
  identity?: string,
  savesBefore?: Promise<void>,
): Promise<SavedOpen | null> {
  const cache = host.openCache?.() ?? null;
  if (!cache) return null;
  let hashing: Promise<string> | null = null;
  const contentKey = () => (hashing ??= cache.key(bytesOf(bytes), wal));
  try {
    // An entry still being saved (a reopen right after the first open) is found, not built again:
    // from memory when it is this file's (by its identity), else once the saves under way are written.
    if (identity === undefined || !cache.isSaving(identity)) await savesBefore;
    // The same file, unchanged on disk since its entry was saved: its key without hashing its bytes.
    const known = identity === undefined ? null : await cache.keyOfIdentity(identity);
    const hit = known?.startsWith(lengthPrefix(bytes.byteLength)) ? await cache.get(known) : null;
    if (known && hit) {
      hashing = Promise.resolve(known);
      return { cache, key: known, contentKey, hit, identity };
    }
    if (owned && !(await cache.mayHold(bytes.byteLength))) return { cache, key: null, contentKey, hit: null, identity };
    const key = await contentKey();
    const found = await cache.get(key);
    // Hashed to the entry: the next open of the unchanged file finds it by its identity.
    if (found && identity !== undefined) void cache.recordIdentity(identity, key);
    return { cache, key, contentKey, hit: found, identity };
  } catch {
    return null;
  }
}

/**
 * Where a file's indexes come from and go to. A first open's entry is queued for saving at once
 * (so `settled()` waits for it) and written when `finish()` says every index that was going to be
 * built is (the engine calls it once the dataset's indexes are built, or given up); a reopen
 * saves its entry again only when an index was missing from it.
 * @param opened what {@link savedOpen} found
 * @param entry the open's results on a miss (null: a hit)
 * @param waitForIndexes false when the engine builds no saved index: the entry is saved as it is
 * @param grown the entry of this file before it grew ({@link grownFrom}), whose indexes are extended
 * @returns the store the dataset's indexes use
 */
export function fileIndexes(opened: SavedOpen, entry: CachedOpen | null, waitForIndexes: boolean, grown: CachedOpen | null = null): IndexStore {
  const base = entry ?? opened.hit!;
  const saved = new Map<string, ReadIndex>(opened.hit?.indexes ? [...opened.hit.indexes].map(([n, ix]) => [n, ix as ReadIndex]) : []);
  const built = new Map<string, () => SavedIndex>();
  let finish: () => void = () => undefined;
  if (entry || waitForIndexes) {
    const ready = new Promise<void>((resolve) => {
      finish = resolve;
    });
    if (!waitForIndexes) finish();
    void opened.cache.put(
      opened.contentKey,
      ready.then(() => {
        if (!entry && built.size === 0) return null; // a reopen whose entry had every index
        const indexes = new Map<string, SavedIndex>(base.indexes ?? []);
        for (const [name, save] of built) {
          try {
            indexes.set(name, save());
          } catch {
            /* an index that cannot be saved is built again next time */
          }
        }
        return { ...base, indexes };
      }),
      opened.identity,
    );
  }
  return {
    saved,
    grown: grown?.codes && grown.indexes ? { indexes: grown.indexes as ReadonlyMap<string, ReadIndex>, codes: grown.codes } : null,
    save: (name, index) => void built.set(name, index),
    finish: () => finish(),
  };
}

/**
 * A live file that grew: the entry saved for the same database with an earlier -wal log, when its
 * rows are exactly the first rows read now (every column, bit for bit) — else null.
 * @param opened what {@link savedOpen} found (a miss)
 * @param columns the rows read now
 */
export async function grownFrom(opened: Omit<SavedOpen, 'contentKey'>, columns: InvocationColumns): Promise<CachedOpen | null> {
  const earlier = opened.key === null ? null : (await opened.cache.sameDatabase(opened.key))?.entry;
  return earlier?.codes && startsWith(columns, earlier.columns, earlier.codes) ? earlier : null;
}

/** Are the first rows of `c` exactly the rows of `p` (NaN durations equal, -0 ≠ 0)? Text through `p`'s dictionaries. */
function startsWith(c: InvocationColumns, p: InvocationColumns, codes: EntryCodes): boolean {
  const m = p.length;
  if (m > c.length || c.source || p.source) return false;
  for (let i = 0; i < m; i++) if (!sameRow(c, i, p, i, codes)) return false;
  return true;
}

/**
 * Is row `i` of `c` row `j` of an entry's columns `p` (NaN durations equal, -0 ≠ 0)? Text through `p`'s codes.
 * @example sameRow(readNow, 4, entry.columns, 4, entry.codes!) // true when the row was not changed
 */
export function sameRow(c: InvocationColumns, i: number, p: InvocationColumns, j: number, codes: EntryCodes): boolean {
  return (
    Object.is(c.id[i], p.id[j]) &&
    Object.is(c.invokedAt[i], p.invokedAt[j]) &&
    Object.is(c.durationSeconds[i], p.durationSeconds[j]) &&
    c.completed[i] === p.completed[j] &&
    c.skillName[i] === codes.skills[codes.skill[j]] &&
    c.sessionId[i] === codes.sessions[codes.session[j]] &&
    c.workflowPhase[i] === codes.phases[codes.phase[j]]
  );
}

/**
 * The tables of a file just opened that have no row (saved with its entry: a reopen answers
 * "empty" for them without opening sql.js). Views are not asked: the first row of an aggregating
 * view is the whole aggregation (session-buddy's v_* views took 1.5-3 s on 100k rows).
 * @param db the file, open in sql.js, before any write
 * @returns the names of the tables found empty
 */
export function emptyTables(db: SkillsDatabase): string[] {
  const tables = new Set(db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => r.name));
  return db.schema.tables.filter((t) => {
    if (!tables.has(t)) return false;
    try {
      return db.all(`SELECT 1 FROM "${t.replace(/"/g, '""')}" LIMIT 1`).length === 0;
    } catch {
      return false; // a table sql.js cannot read (a virtual table of a missing module): not known empty
    }
  });
}
