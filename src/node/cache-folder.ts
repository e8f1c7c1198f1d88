/**
 * Node's cache of opens (src/engine/cache): a folder, by default
 * `$XDG_CACHE_HOME/session-buddy-analytics` (`~/.cache/session-buddy-analytics` without it).
 * Environment: SESSION_BUDDY_ANALYTICS_CACHE=off (or 0, false, no) turns it off,
 * SESSION_BUDDY_ANALYTICS_CACHE_DIR moves it, SESSION_BUDDY_ANALYTICS_CACHE_MAX_MB bounds it
 * (default 512). An entry is written to a temporary name and renamed (another process never
 * reads half of it); its modification time is its last use (set again on every hit).
 */
import { mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { type Digest, xxh128Digest } from '../engine/cache/content-key.js';
import { type CacheStore, DEFAULT_CACHE_MAX_BYTES, OpenCache, type OpenCacheOptions } from '../engine/cache/open-cache.js';

const ENTRY = /\.sbacols$/;

/**
 * A folder as a cache store.
 * @param dir the folder (created on the first save)
 * @example new OpenCache(folderStore('/tmp/sba-cache'), nodeChecksums)
 */
export function folderStore(dir: string): CacheStore {
  return {
    async get(name) {
      const file = path.join(dir, name);
      try {
        const bytes = await readFile(file);
        const now = new Date();
        await utimes(file, now, now).catch(() => undefined);
        return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      } catch {
        return null;
      }
    },
    async put(name, bytes) {
      await mkdir(dir, { recursive: true });
      const temp = path.join(dir, `.${name}.${process.pid}.${Date.now()}.tmp`);
      await writeFile(temp, bytes);
      await rename(temp, path.join(dir, name));
    },
    async remove(name) {
      await unlink(path.join(dir, name)).catch(() => undefined);
    },
    async list() {
      const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => ENTRY.test(n));
      const out: { name: string; bytes: number; used: number }[] = [];
      for (const name of names) {
        const s = await stat(path.join(dir, name)).catch(() => null);
        if (s) out.push({ name, bytes: s.size, used: s.mtimeMs });
      }
      return out;
    },
  };
}

/**
 * The cache folder the environment names (see the file comment).
 * @param env the environment (default process.env)
 * @returns the folder
 * @example cacheFolder({ XDG_CACHE_HOME: '/x' }) // '/x/session-buddy-analytics'
 */
export function cacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SESSION_BUDDY_ANALYTICS_CACHE_DIR) return env.SESSION_BUDDY_ANALYTICS_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(base, 'session-buddy-analytics');
}

/**
 * Node's digest of the cache: XXH128, imported on the first hash from hash-wasm's one-algorithm
 * build (20 KB: import + compile 24 ms in a new process, against 70 ms for the whole package).
 */
export const nodeDigest: Digest = xxh128Digest(() => import('hash-wasm/dist/xxhash128.umd.min.js').then((m) => m.default.createXXHash128()));

/**
 * Node's checksums of the cache: XXH128 for the content keys, zlib's CRC-32 (loaded with Node) to
 * seal the entries.
 */
export const nodeChecksums: Pick<OpenCacheOptions, 'digest' | 'seal'> = {
  digest: nodeDigest,
  seal: (bytes) => {
    const out = new Uint8Array(4);
    new DataView(out.buffer).setUint32(0, zlib.crc32(bytes));
    return out;
  },
};

const caches = new Map<string, OpenCache>();

/**
 * The Node host's cache of opens as the environment sets it now, or null when it is turned off.
 * @param env the environment (default process.env)
 */
export function nodeOpenCache(env: NodeJS.ProcessEnv = process.env): OpenCache | null {
  if (/^(off|0|false|no)$/i.test(env.SESSION_BUDDY_ANALYTICS_CACHE ?? '')) return null;
  const mb = Number(env.SESSION_BUDDY_ANALYTICS_CACHE_MAX_MB);
  const maxBytes = Number.isFinite(mb) && mb > 0 ? mb * 2 ** 20 : DEFAULT_CACHE_MAX_BYTES;
  const dir = cacheFolder(env);
  const id = `${dir}\u0000${maxBytes}`;
  let cache = caches.get(id);
  if (!cache) {
    cache = new OpenCache(folderStore(dir), { maxBytes, ...nodeChecksums });
    caches.set(id, cache);
  }
  return cache;
}
