/**
 * The browser's local store for modified skills.db files: the Origin Private File System, or
 * IndexedDB where OPFS is missing. Keys are hashed into file names.
 */
import type { LocalStore } from '../src/engine/local-store.js';

const DIR = 'session-buddy-analytics';
const DB = 'session-buddy-analytics';
const STORE = 'files';

async function fileName(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)));
  return Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('') + '.db';
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
export const browserLocalStore: LocalStore = {
  load: async (key) => (await pick()).load(key),
  save: async (key, bytes) => (await pick()).save(key, bytes),
  remove: async (key) => (await pick()).remove(key),
};

function pick(): Promise<LocalStore> {
  chosen ??= opfs.available().then((ok) => (ok ? opfs : indexedDbStore), () => indexedDbStore);
  return chosen;
}
