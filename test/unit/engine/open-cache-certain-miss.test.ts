/**
 * The cache of opens tells a certain miss from its names (src/engine/cache/open-cache.ts
 * `mayHold`): a key begins with the database's byte length, so a first open of bytes the library
 * read itself (a path, a Blob) with no entry of that length opens without hashing and computes the
 * key only when it saves its entry (behind the answer); an entry of the same length, or a caller's
 * own buffer (it may refill it before the save), still costs the hash first; an entry named in the
 * older key format (no length) is never read and goes at the next save.
 * The digest is counted through OpenCache's `digest` option.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalyticsEngine } from '../../../src/analytics/index.js';
import { encodeEntry } from '../../../src/engine/cache/entry-format.js';
import { type CacheStore, OpenCache } from '../../../src/engine/cache/open-cache.js';
import { isOwnBytes, readOpenSource } from '../../../src/engine/open-source.js';
import { folderStore } from '../../../src/node/cache-folder.js';
import { readDatabaseFiles } from '../../../src/node/read-database.js';
import { nodeHost } from '../../../src/node/host.js';

const sample = () => new Uint8Array(readFileSync('test/fixtures/sample.db'));
const dirs: string[] = [];
const engines: AnalyticsEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.dispose()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** An engine factory over a cache in a new temporary folder, counting digests and the entries it answered from. */
function counted() {
  const dir = mkdtempSync(path.join(tmpdir(), 'sba-certain-miss-'));
  dirs.push(dir);
  let digests = 0;
  const cache = new OpenCache(folderStore(dir), {
    digest: (b) => {
      digests++;
      return createHash('sha256').update(b).digest();
    },
  });
  let hits = 0;
  const get = cache.get.bind(cache);
  cache.get = async (key) => {
    const entry = await get(key);
    if (entry) hits++;
    return entry;
  };
  const engine = () => {
    const e = new AnalyticsEngine({ ...nodeHost, openCache: () => cache });
    engines.push(e);
    return e;
  };
  return { dir, cache, engine, digests: () => digests, hits: () => hits };
}

const entries = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.sbacols'));

describe('cache of opens: a certain miss opens before hashing', () => {
  it('no entry of this length: no digest before the answer; the entry saved behind it answers a reopen', async () => {
    const { dir, cache, engine, digests, hits } = counted();
    const bytes = sample();
    const first = engine();
    const info = await first.open(new Blob([bytes]));
    expect(digests()).toBe(0);
    const hourly = await first.timeSeries.aggregateHourlyMetrics({ hours: 72 });
    await cache.settled();
    expect(digests()).toBeGreaterThan(0);
    const key = await cache.key(bytes, null);
    expect(key).toMatch(new RegExp(`^${bytes.byteLength}\\.[0-9a-f]{64}-nowal$`));
    expect(entries(dir)).toEqual([`${key}.sbacols`]);
    // An entry of another length (the older-schema fixture) is no reason to hash either.
    const legacy = new Uint8Array(readFileSync('test/fixtures/legacy.db'));
    expect(legacy.byteLength).not.toBe(bytes.byteLength);
    const before = digests();
    await engine().open(new Blob([legacy]));
    expect(digests()).toBe(before);
    await cache.settled();
    expect(entries(dir)).toHaveLength(2);
    // The reopen hashes (an entry has this length) and answers from the entry.
    const again = engine();
    expect(await again.open(bytes.slice())).toEqual(info);
    expect(hits()).toBe(1);
    expect(await again.timeSeries.aggregateHourlyMetrics({ hours: 72 })).toEqual(hourly);
  });

  it('an entry of the same length for other bytes (one byte changed): hashed first, read again, never answered from it', async () => {
    const { dir, cache, engine, digests, hits } = counted();
    const bytes = sample();
    const info = await engine().open(bytes.slice());
    await cache.settled();
    const changed = bytes.slice();
    changed[changed.length - 1] ^= 1; // the last page's free space: the same rows, another key
    const before = digests();
    expect(await engine().open(new Blob([changed]))).toEqual(info); // the library's own bytes: still hashed first
    expect(digests()).toBeGreaterThan(before);
    expect(hits()).toBe(0);
    await cache.settled();
    const keys = await Promise.all([cache.key(bytes, null), cache.key(changed, null)]);
    expect(entries(dir).sort()).toEqual(keys.map((k) => `${k}.sbacols`).sort());
  });

  it("a caller's buffer refilled with another file of the same length before the save: the late key is of the bytes read", async () => {
    const { dir, cache, engine, digests, hits } = counted();
    const buffer = sample();
    const other = buffer.slice();
    other[other.length - 1] ^= 1; // the last page's free space: another key
    const before = digests();
    const info = await engine().open(buffer);
    expect(digests()).toBeGreaterThan(before); // a caller's buffer: hashed before the answer
    buffer.set(other); // before the entry (and its key) is saved
    await cache.settled();
    expect(entries(dir)).toEqual([`${await cache.key(sample(), null)}.sbacols`]);
    expect(await engine().open(buffer)).toEqual(info);
    expect(hits()).toBe(0);
  });

  it('an entry named in the older key format (no length) is never read, and goes at the next save', async () => {
    const { dir, cache, engine, digests, hits } = counted();
    const bytes = sample();
    const info = await engine().open(bytes.slice());
    await cache.settled();
    const [name] = entries(dir);
    const key = name.slice(0, -'.sbacols'.length);
    const oldKey = key.slice(key.indexOf('.') + 1);
    // A whole entry under the older key, in place of the new one.
    const entry = (await cache.get(key))!;
    rmSync(path.join(dir, name));
    writeFileSync(path.join(dir, `${oldKey}.sbacols`), await encodeEntry(oldKey, entry));
    expect(await cache.mayHold(bytes.byteLength)).toBe(false);
    const before = digests();
    const hitsBefore = hits();
    expect(await engine().open(new Blob([bytes]))).toEqual(info);
    expect(digests()).toBe(before);
    expect(hits()).toBe(hitsBefore);
    await cache.settled();
    expect(entries(dir)).toEqual([name]);
  });

  it("a store that cannot list: not a certain miss (hash and ask, as before); which bytes are the library's own", async () => {
    const store: CacheStore = {
      get: async () => null,
      put: async () => undefined,
      remove: async () => undefined,
      list: async () => {
        throw new Error('no listing');
      },
    };
    expect(await new OpenCache(store).mayHold(4096)).toBe(true);
    const dir = mkdtempSync(path.join(tmpdir(), 'sba-certain-miss-'));
    dirs.push(dir);
    const folder = new OpenCache(folderStore(dir));
    expect(await folder.mayHold(4096)).toBe(false);
    // What the library reads itself is its own (a path with its -wal, a Blob); a caller's buffer is not.
    const read = await readDatabaseFiles('test/fixtures/live/live.db');
    expect([isOwnBytes(read.bytes), isOwnBytes(read.wal!), isOwnBytes(await readOpenSource(new Blob([sample()]))), isOwnBytes(await readOpenSource(sample()))]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});
