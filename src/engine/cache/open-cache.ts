/**
 * The cache of opens kept across sessions (Node: a folder, see src/node/cache-folder.ts; browser:
 * IndexedDB, see worker/browser-open-cache.ts): entries under the content key of a file and its
 * -wal, bounded in bytes with least-recently-used eviction. A missing, foreign or damaged entry is
 * a miss (and is replaced); a store that fails is ignored: the cache never makes open() fail. The
 * key begins with the database's byte length, so the names alone tell a certain miss (no entry of
 * that length) before any hash; names of another key format are never read and go at the next save.
 */
import { type Digest, KEY_SHAPE, contentKey, lengthPrefix } from './content-key.js';
import { type CachedOpen, decodeEntry, encodeEntry, type SavedIndex } from './entry-format.js';

/** The store's name of the map from file identities to content keys (Node, see `identifiedBytes`). */
const IDENTITIES = 'identities.json';

/** Default bound of the cache: entries beyond it are evicted, least recently used first. */
export const DEFAULT_CACHE_MAX_BYTES = 512 * 1024 * 1024;

/** Where entries live: a host's folder or database of byte blobs by name. */
export interface CacheStore {
  /** The entry's bytes, null when absent; marks it used now. */
  get(name: string): Promise<Uint8Array | null>;
  /** Writes an entry whole (a reader never sees half of it). */
  put(name: string, bytes: Uint8Array): Promise<void>;
  remove(name: string): Promise<void>;
  /** Every entry with its size and last use (ms since the epoch). */
  list(): Promise<{ name: string; bytes: number; used: number }[]>;
}

/** Options of {@link OpenCache}. */
export interface OpenCacheOptions {
  /** Bytes kept at most (default {@link DEFAULT_CACHE_MAX_BYTES}). */
  maxBytes?: number;
  /** The content hash of the keys: the host's XXH128 ({@link xxh128Digest}; tests wrap it to count its calls). */
  digest: Digest;
  /**
   * The checksum that seals each entry against damage, at most 32 bytes (default: `digest`). Node
   * passes zlib's CRC-32: the key inside the entry names its file, the seal only has to catch a
   * damaged copy, and a reopen by path in a new process then never loads the hasher (~25 ms). An
   * entry sealed another way reads as damaged (and is saved again).
   */
  seal?: Digest;
}

export class OpenCache {
  private writing: Promise<void> = Promise.resolve();
  /** The entry read ahead for a file identity ({@link readAhead}), until the next {@link get}. */
  private ahead: { identity: string; key: Promise<string | null>; entry: Promise<CachedOpen | null> } | null = null;
  /**
   * Entries being saved, by the file identity they are saved for, until their save ends: a reopen
   * in this process takes the entry from memory once its key is hashed, without waiting for its
   * write and reading it back.
   */
  private saving = new Map<string, { key: Promise<string | null>; entry: Promise<CachedOpen | null> }>();
  readonly maxBytes: number;
  private readonly digest: Digest;
  private readonly seal: Digest;

  constructor(
    private readonly store: CacheStore,
    options: OpenCacheOptions,
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_CACHE_MAX_BYTES;
    this.digest = options.digest;
    this.seal = options.seal ?? this.digest;
  }

  /**
   * The content key of a file and its log.
   * @example await cache.key(bytes, walBytes)
   */
  key(db: Uint8Array, wal: Uint8Array | null): Promise<string> {
    return contentKey(db, wal, this.digest);
  }

  /**
   * Whether an entry may answer for a database of exactly this many bytes (or be extended to it):
   * false, known from the store's names without hashing, is a certain miss. A store that cannot
   * list answers true (the caller hashes and asks, as without this).
   * @example if (!(await cache.mayHold(bytes.byteLength))) open at once, key later
   */
  async mayHold(dbBytes: number): Promise<boolean> {
    try {
      const prefix = lengthPrefix(dbBytes);
      return (await this.store.list()).some((e) => keyOf(e.name).startsWith(prefix) && KEY_SHAPE.test(keyOf(e.name)));
    } catch {
      return true;
    }
  }

  /**
   * The content key recorded for a file identity ({@link put}), null when none or the store cannot
   * say. An identity is given only to bytes read unchanged from a file (`identifiedBytes`). The
   * key {@link readAhead} looked up for the same identity is not looked up again.
   */
  keyOfIdentity(identity: string): Promise<string | null> {
    return this.ahead?.identity === identity ? this.ahead.key : this.recordedKey(identity);
  }

  private async recordedKey(identity: string): Promise<string | null> {
    const key = (await this.identities())[identity];
    return typeof key === 'string' && KEY_SHAPE.test(key) ? key : null;
  }

  private async identities(): Promise<Record<string, unknown>> {
    try {
      const bytes = await this.store.get(IDENTITIES);
      const map: unknown = bytes && JSON.parse(new TextDecoder().decode(bytes));
      return map && typeof map === 'object' && !Array.isArray(map) ? (map as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }

  /**
   * Starts reading the entry recorded for a file identity, for the open that asks for it next
   * (its {@link get}): a path's reopen reads its entry while the file is read. Kept until the next
   * `get`, whatever its key (an entry never changes under its key).
   */
  readAhead(identity: string): void {
    // After the saves under way: a reopen right after a first open finds the entry that open saves.
    const recorded = () => this.writing.then(() => this.recordedKey(identity));
    const saving = this.saving.get(identity);
    if (saving) {
      // The entry being saved for this file, from memory once its key is hashed; a save that writes
      // nothing (a reopen whose entry had every index) leaves the recorded one.
      const key = saving.key.then((k) => k ?? recorded());
      const entry = saving.key.then(async (k) => (k ? saving.entry.then((e) => e && inMemory(e)) : this.readKey(await key)));
      this.ahead = { identity, key, entry };
      return;
    }
    const key = recorded();
    this.ahead = { identity, key, entry: key.then((k) => this.readKey(k)) };
  }

  /**
   * The entry saved for `key`, or null (absent, another format version, damaged, another key: a
   * damaged entry is removed so the next save replaces it).
   */
  async get(key: string): Promise<CachedOpen | null> {
    const ahead = this.ahead;
    this.ahead = null;
    if (ahead && (await ahead.key) === key) return ahead.entry;
    return this.read(key);
  }

  private readKey(key: string | null): Promise<CachedOpen | null> {
    return key ? this.read(key) : Promise.resolve(null);
  }

  private async read(key: string): Promise<CachedOpen | null> {
    let bytes: Uint8Array | null;
    try {
      bytes = await this.store.get(fileName(key));
    } catch {
      return null;
    }
    if (!bytes) return null;
    const entry = await decodeEntry(key, bytes, this.seal);
    if (!entry) await this.store.remove(fileName(key)).catch(() => undefined);
    return entry;
  }

  /**
   * The most recently used entry saved for the same database bytes with another -wal log (a live
   * file whose log has grown since) with its key, or null.
   * @param key the content key of the file opened now
   */
  async sameDatabase(key: string): Promise<{ key: string; entry: CachedOpen } | null> {
    const db = key.slice(0, key.indexOf('-') + 1);
    try {
      const others = (await this.store.list()).filter((e) => e.name.startsWith(db) && e.name !== fileName(key)).sort((a, b) => b.used - a.used);
      if (others.length === 0) return null;
      const other = keyOf(others[0].name);
      const bytes = await this.store.get(others[0].name);
      const entry = bytes && (await decodeEntry(other, bytes, this.seal));
      return entry ? { key: other, entry } : null;
    } catch {
      return null;
    }
  }

  /**
   * Saves an entry behind the caller (one save after another), then evicts the entries of another
   * key format and the least recently used beyond the bound. Failures are dropped.
   * @param key the content key, or how to compute it (a first open's certain miss hashes only here, once its entry is ready)
   * @param entry the entry, or its promise (an open whose indexes are still being built; null: save nothing)
   * @param identity the file identity of the bytes (`identifiedBytes`): recorded with the key
   * @returns when this save (and its eviction) has ended
   */
  put(key: string | (() => Promise<string>), entry: CachedOpen | Promise<CachedOpen | null>, identity?: string): Promise<void> {
    // A key hashed at the save: the hasher loads now, while the open goes on (Node, new process: 24 ms).
    if (typeof key !== 'string') this.digest.load?.();
    let keyed: (key: string | null) => void = () => undefined;
    const saving = identity ? { key: new Promise<string | null>((resolve) => (keyed = resolve)), entry: Promise.resolve(entry).catch(() => null) } : null;
    if (identity && saving) this.saving.set(identity, saving);
    const run = this.writing.then(async () => {
      try {
        const whole = await entry;
        if (!whole) return;
        if (typeof key !== 'string') key = await key();
        keyed(key);
        const bytes = await encodeEntry(key, whole, this.seal);
        if (bytes.byteLength > this.maxBytes) return;
        await this.store.put(fileName(key), bytes);
        const stored = await this.evict(fileName(key));
        if (identity) await this.remember(identity, key, stored);
      } catch {
        /* a cache that cannot be written only costs the next open its read */
      } finally {
        keyed(null);
        if (identity && this.saving.get(identity) === saving) this.saving.delete(identity);
      }
    });
    this.writing = run;
    return run;
  }

  /** True while an entry for this file identity is being saved ({@link readAhead} takes it from memory). */
  isSaving(identity: string): boolean {
    return this.saving.has(identity);
  }

  /**
   * Records that the file of this identity has the content key `key`, behind the caller (after
   * the saves started so far). Failures are dropped.
   */
  recordIdentity(identity: string, key: string): Promise<void> {
    const run = this.writing.then(() => this.remember(identity, key).catch(() => undefined));
    this.writing = run;
    return run;
  }

  /**
   * Records `identity` → `key`, keeping only identities whose entry is still stored.
   * @param stored the keys stored now, when the caller has just listed them
   */
  private async remember(identity: string, key: string, stored?: Set<string>): Promise<void> {
    stored ??= new Set((await this.store.list()).map((e) => keyOf(e.name)));
    const map = Object.fromEntries(Object.entries(await this.identities()).filter(([id, k]) => id !== identity && typeof k === 'string' && stored.has(k)));
    map[identity] = key;
    await this.store.put(IDENTITIES, new TextEncoder().encode(JSON.stringify(map)));
  }

  /** The content hash of the keys (the proof that a log grew hashes the earlier log's bytes with it). */
  hash(bytes: Uint8Array): Promise<Uint8Array> | Uint8Array {
    return this.digest(bytes);
  }

  /** Resolves when every save started so far has ended (tests, and a CLI before it exits). */
  settled(): Promise<void> {
    return this.writing;
  }

  /** Removes names of another key format and the least recently used entries beyond the bound, but `keep`; returns the keys left. */
  private async evict(keep: string): Promise<Set<string>> {
    const entries = (await this.store.list()).sort((a, b) => b.used - a.used);
    const left = new Set<string>();
    for (const e of entries) if (e.name !== IDENTITIES && !KEY_SHAPE.test(keyOf(e.name))) await this.store.remove(e.name).catch(() => undefined);
    let total = 0;
    for (const e of entries.filter((e) => KEY_SHAPE.test(keyOf(e.name)))) {
      total += e.bytes;
      if (total > this.maxBytes && e.name !== keep) {
        await this.store.remove(e.name).catch(() => undefined);
        total -= e.bytes;
      } else left.add(keyOf(e.name));
    }
    return left;
  }
}

/** The store's name of an entry (a key is already digits, '.', hex and '-'). */
function fileName(key: string): string {
  return `${key}.sbacols`;
}

/** The key of an entry's store name. */
function keyOf(name: string): string {
  return name.replace(/\.sbacols$/, '');
}

/**
 * An entry as a reopen reads it back, from the one being saved: each saved index's sections as
 * bytes (copies: the index that saved them may live on) and its header as JSON gives it.
 */
function inMemory(entry: CachedOpen): CachedOpen {
  if (!entry.indexes) return entry;
  const indexes = new Map<string, SavedIndex>();
  for (const [name, ix] of entry.indexes) {
    const sections = ix.sections.map((s) => new Uint8Array(s.buffer.slice(s.byteOffset, s.byteOffset + s.byteLength)));
    indexes.set(name, { header: JSON.parse(JSON.stringify(ix.header)), sections });
  }
  return { ...entry, indexes };
}
