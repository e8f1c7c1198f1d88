/**
 * The browser's cache of opens (src/engine/cache): IndexedDB database
 * `session-buddy-analytics-cache`, one store of entries (bytes) and one of their size and last
 * use, for the least-recently-used bound (DEFAULT_CACHE_MAX_BYTES, 512 MiB). IndexedDB works in
 * module workers of Chromium, Firefox and WebKit (WebKit's worker has no OPFS sync access, see
 * PITFALLS.md). A browser that refuses storage makes every call fail, which the cache treats as
 * a miss: opening never depends on it. Off for one open with `open(file, { cache: false })`.
 */
import type { CacheStore } from '../src/engine/cache/open-cache.js';
import { createXXHash128 } from 'hash-wasm';
import { xxh128Digest } from '../src/engine/cache/content-key.js';
import { OpenCache } from '../src/engine/cache/open-cache.js';

const DB = 'session-buddy-analytics-cache';
const ENTRIES = 'entries';
const META = 'meta';

interface Meta {
  bytes: number;
  used: number;
}

let opened: Promise<IDBDatabase> | null = null;

function database(): Promise<IDBDatabase> {
  opened ??= openWithStores().catch((e: unknown) => {
    opened = null;
    throw e;
  });
  return opened;
}

/** Opens the database at its current version, and one version up when a store is missing (a database made elsewhere). */
function openWithStores(version?: number): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const req = version === undefined ? indexedDB.open(DB) : indexedDB.open(DB, version);
    req.onupgradeneeded = () => {
      for (const store of [ENTRIES, META]) if (!req.result.objectStoreNames.contains(store)) req.result.createObjectStore(store);
    };
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      if ([ENTRIES, META].every((s) => db.objectStoreNames.contains(s))) return resolve(db);
      const next = db.version + 1;
      db.close();
      openWithStores(next).then(resolve, reject);
    };
  });
}

/** Runs `run` in one transaction over both stores and resolves with its result once committed. */
async function transaction<T>(mode: IDBTransactionMode, run: (entries: IDBObjectStore, meta: IDBObjectStore) => () => T): Promise<T> {
  const db = await database();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction([ENTRIES, META], mode);
    const result = run(tx.objectStore(ENTRIES), tx.objectStore(META));
    tx.oncomplete = () => resolve(result());
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('the IndexedDB transaction was aborted', 'AbortError'));
  });
}

const indexedDbCacheStore: CacheStore = {
  get: (name) =>
    transaction('readwrite', (entries, meta) => {
      const req = entries.get(name);
      req.onsuccess = () => {
        const v = req.result as ArrayBuffer | undefined;
        if (v) meta.put({ bytes: v.byteLength, used: Date.now() } satisfies Meta, name);
      };
      return () => {
        const v = req.result as ArrayBuffer | undefined;
        return v ? new Uint8Array(v) : null;
      };
    }),
  put: (name, bytes) =>
    transaction('readwrite', (entries, meta) => {
      entries.put(bytes.slice().buffer, name);
      meta.put({ bytes: bytes.byteLength, used: Date.now() } satisfies Meta, name);
      return () => undefined;
    }),
  remove: (name) =>
    transaction('readwrite', (entries, meta) => {
      entries.delete(name);
      meta.delete(name);
      return () => undefined;
    }),
  list: () =>
    transaction('readonly', (_entries, meta) => {
      const keys = meta.getAllKeys();
      const values = meta.getAll();
      return () => keys.result.map((k, i) => ({ name: String(k), ...(values.result[i] as Meta) }));
    }),
};

/** The worker's one cache of opens (null where this context has no IndexedDB). */
export const browserOpenCache: OpenCache | null = typeof indexedDB === 'undefined' ? null : new OpenCache(indexedDbCacheStore, { digest: xxh128Digest(createXXHash128) });
