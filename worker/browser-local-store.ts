/**
 * The browser's local store for modified skills.db files: the Origin Private File System, or
 * IndexedDB where OPFS is missing. Keys are hashed into file names. A save that the browser
 * refuses (quota exceeded, storage denied) fails with LOCAL_SAVE_FAILED; the engine keeps the
 * write in memory. Tabs share files through Web Locks (see tab-lock.ts).
 */
import { AnalyticsError } from '../src/engine/errors.js';
import type { LocalStore } from '../src/engine/local-store.js';
import { claimFile } from './tab-lock.js';

const DIR = 'session-buddy-analytics';
const DB = 'session-buddy-analytics';
const STORE = 'files';

async function fileName(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)));
  return `${Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('')}.db`;
}

async function opfsDir(): Promise<FileSystemDirectoryHandle | null> {
  try {
    if (!navigator.storage?.getDirectory) return null;
    const root = await navigator.storage.getDirectory();
    return await root.getDirectoryHandle(DIR, { create: true });
  } catch {
    return null;
  }
}

const opfs: LocalStore & { available(): Promise<boolean> } = {
  async available() {
    const dir = await opfsDir();
    return dir !== null && typeof (await dir.getFileHandle('.probe', { create: true })).createWritable === 'function';
  },
  async load(key) {
    const dir = await opfsDir();
    try {
      const file = await (await dir!.getFileHandle(await fileName(key))).getFile();
      return new Uint8Array(await file.arrayBuffer());
    } catch {
      return null;
    }
  },
  async save(key, bytes) {
    const dir = await opfsDir();
    // createWritable writes to a swap file that replaces the old one only on close(): a crash
    // mid-write leaves the previous copy intact.
    const w = await (await dir!.getFileHandle(await fileName(key), { create: true })).createWritable();
    await w.write(bytes as Uint8Array<ArrayBuffer>);
    await w.close();
  },
  async remove(key) {
    const dir = await opfsDir();
    await dir?.removeEntry(await fileName(key)).catch(() => undefined);
  },
};

function idb<T>(mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction(STORE, mode);
      const req = run(tx.objectStore(STORE));
      tx.oncomplete = () => {
        open.result.close();
        resolve(req.result as T);
      };
      tx.onerror = () => reject(tx.error);
      // Quota errors end the transaction with an abort rather than an error event.
      tx.onabort = () => reject(tx.error ?? new DOMException('the IndexedDB transaction was aborted', 'AbortError'));
    };
  });
}

const indexedDbStore: LocalStore = {
  async load(key) {
    const v = await idb<ArrayBuffer | undefined>('readonly', (s) => s.get(key));
    return v ? new Uint8Array(v) : null;
  },
  async save(key, bytes) {
    await idb('readwrite', (s) => s.put(bytes.slice().buffer, key));
  },
  async remove(key) {
    await idb('readwrite', (s) => s.delete(key));
  },
};

let chosen: Promise<LocalStore> | null = null;

/** OPFS when it works here, IndexedDB otherwise. */
export const browserLocalStore: LocalStore & { kind(): Promise<'opfs' | 'indexeddb'> } = {
  load: async (key) => (await pick()).load(key),
  async save(key, bytes) {
    try {
      await (await pick()).save(key, bytes);
    } catch (e) {
      throw saveError(e, bytes.byteLength);
    }
  },
  remove: async (key) => (await pick()).remove(key),
  claim: claimFile,
  kind: async () => ((await pick()) === opfs ? 'opfs' : 'indexeddb'),
};

/** A refused save as LOCAL_SAVE_FAILED with the reason ('quota', 'denied' or 'other'). */
function saveError(e: unknown, bytes: number): AnalyticsError {
  const name = (e as { name?: string })?.name ?? '';
  const quota = name === 'QuotaExceededError' || /quota/i.test(String((e as Error)?.message));
  const reason = quota ? 'quota' : /Security|NotAllowed|InvalidState/.test(name) ? 'denied' : 'other';
  const why = quota
    ? `the browser's storage quota for this site is full (${(bytes / 2 ** 20).toFixed(1)} MiB to save)`
    : reason === 'denied'
      ? 'the browser denied storage to this site (private mode or site settings)'
      : `saving failed (${name || 'error'}: ${e instanceof Error ? e.message : String(e)})`;
  return new AnalyticsError(
    'LOCAL_SAVE_FAILED',
    `the write was made and is kept in this tab's memory, but it could not be saved in this browser: ${why}. Export the file (exportDatabase()) to keep it; it is lost when the tab closes`,
    { reason, store: chosenKind },
  );
}

let chosenKind: 'opfs' | 'indexeddb' | null = null;

function pick(): Promise<LocalStore> {
  chosen ??= opfs.available().then(
    (ok) => {
      chosenKind = ok ? 'opfs' : 'indexeddb';
      return ok ? opfs : indexedDbStore;
    },
    () => {
      chosenKind = 'indexeddb';
      return indexedDbStore;
    },
  );
  return chosen;
}
