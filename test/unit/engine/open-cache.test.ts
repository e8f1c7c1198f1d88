/**
 * The cache of opens kept across sessions (src/engine/cache, Node's folder in src/node/cache-folder.ts):
 * a reopen of unchanged bytes answers from the saved entry, exactly as a fresh read; a changed byte,
 * a damaged, foreign or older-format entry is never used (and is replaced); `cache: false` and
 * SESSION_BUDDY_ANALYTICS_CACHE=off skip it; the folder stays under its bound, least recently used
 * first out. The key begins with the database's byte length: a first open of the library's own bytes
 * (a path, a Blob) with no entry of that length opens before hashing (the digest counted through
 * OpenCache's option); a same-length entry or a caller's buffer is hashed first; an entry named in the
 * older key format (no length) is never read. Every test uses its own temporary folder.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalyticsEngine } from '../../../src/analytics/index.js';
import { CACHE_FORMAT_VERSION, decodeEntry, encodeEntry } from '../../../src/engine/cache/entry-format.js';
import { type CacheStore, OpenCache, type OpenCacheOptions } from '../../../src/engine/cache/open-cache.js';
import { identifiedBytes, identityOf, isOwnBytes, readOpenSource } from '../../../src/engine/open-source.js';
import { isFileOnDisk } from '../../../src/engine/file-on-disk.js';
import type { EngineHost } from '../../../src/engine/host.js';
import { cacheFolder, folderStore, nodeChecksums, nodeDigest, nodeOpenCache } from '../../../src/node/cache-folder.js';
import { nodeHost } from '../../../src/node/host.js';
import { openAnalytics } from '../../../src/node/index.js';
import { databaseFilesForOpen, readDatabaseFiles } from '../../../src/node/read-database.js';

const sample = () => new Uint8Array(readFileSync('test/fixtures/sample.db'));
const dirs: string[] = [];
const engines: AnalyticsEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.dispose()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A host whose cache lives in a new temporary folder, counting the entries it answered from and its digests. */
function cachedHost(maxBytes?: number, seal?: OpenCacheOptions['seal']): { host: EngineHost; cache: OpenCache; dir: string; hits: () => number; digests: () => number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sba-open-cache-'));
  dirs.push(dir);
  let digests = 0;
  const cache = new OpenCache(folderStore(dir), {
    maxBytes,
    seal,
    digest: (b) => {
      digests++;
      return nodeDigest(b);
    },
  });
  let hits = 0;
  const get = cache.get.bind(cache);
  cache.get = async (key) => {
    const entry = await get(key);
    if (entry) hits++;
    return entry;
  };
  return { host: { ...nodeHost, openCache: () => cache }, cache, dir, hits: () => hits, digests: () => digests };
}

function engineOn(host: EngineHost): AnalyticsEngine {
  const e = new AnalyticsEngine(host);
  engines.push(e);
  return e;
}

const entries = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.sbacols'));

describe('cache of opens', () => {
  it('a reopen of the unchanged file answers from the entry, exactly as the first open', async () => {
    const { host, cache, dir, hits } = cachedHost();
    const first = engineOn(host);
    const info = await first.open(sample());
    const hourly = await first.timeSeries.aggregateHourlyMetrics({ hours: 72 });
    await cache.settled();
    expect(entries(dir)).toHaveLength(1);
    expect(hits()).toBe(0);
    const again = engineOn(host);
    expect(await again.open(sample())).toEqual(info);
    expect(hits()).toBe(1);
    expect(await again.timeSeries.aggregateHourlyMetrics({ hours: 72 })).toEqual(hourly);
    expect(info.invocations).toBe(2000);
    // sql.js opens the reopened file on first use: a write lands and exports.
    const ctx = again.context();
    ctx.db.transaction(() =>
      ctx.db.run("INSERT INTO ab_test_configs (test_name, control_strategy, treatment_strategy, start_date) VALUES ('after-reopen', 'a', 'b', '2026-11-25T00:00:00')"),
    );
    const SQL = await nodeHost.loadSqlJs();
    const exported = new SQL.Database(await again.exportDatabase());
    expect(exported.exec("SELECT COUNT(*) FROM ab_test_configs WHERE test_name = 'after-reopen'")[0].values[0][0]).toBe(1);
    expect(exported.exec('SELECT COUNT(*) FROM skill_invocation')[0].values[0][0]).toBe(2000);
    exported.close();
  });

  it("a reopen's info() lists the tables without opening sql.js; after a write, the tables of the file now", async () => {
    const { host, cache } = cachedHost();
    const SQL = await nodeHost.loadSqlJs();
    let opened = 0;
    const Counted = class extends SQL.Database {
      constructor(...args: ConstructorParameters<typeof SQL.Database>) {
        super(...args);
        opened++;
      }
    };
    const counting: EngineHost = { ...host, loadSqlJs: async () => ({ ...SQL, Database: Counted }) };
    const first = engineOn(counting);
    await first.open(sample());
    const tables = (await first.info()).tables;
    await cache.settled();
    opened = 0;
    const again = engineOn(counting);
    await again.open(sample());
    expect((await again.info()).tables).toEqual(tables);
    expect(opened).toBe(0);
    await again.abTesting.createTest({ testName: 'after-reopen', controlStrategy: 'a', treatmentStrategy: 'b' });
    expect(opened).toBe(1);
    expect((await again.info()).tables).toEqual(tables); // the A/B tables were there already
  });

  it('a reopen right after the first open (its entry still being saved) waits for the save and answers from it', async () => {
    const { host, dir, hits } = cachedHost();
    const first = engineOn(host);
    const info = await first.open(sample());
    await first.dispose(); // no settled(): as a script that opens the file again at once
    expect(entries(dir)).toHaveLength(0);
    expect(await engineOn(host).open(sample())).toEqual(info);
    expect(hits()).toBe(1);
    expect(entries(dir)).toHaveLength(1);
  });

  it('a dataset of two same-length files with the cache on opens: each file waits for saves begun before the open, never its own', async () => {
    const { host, cache, dir } = cachedHost();
    const bytes = sample();
    const other = bytes.slice();
    other[63] ^= 1; // PRAGMA user_version: another key, same length
    const info = await engineOn(host).open([
      { name: 'a.db', data: bytes },
      { name: 'b.db', data: other },
    ]);
    expect(info.invocations).toBe(4000);
    await cache.settled();
    expect(entries(dir)).toHaveLength(2);
  });

  it('answers from the entry itself: an entry saved for these bytes with other rows is what opens', async () => {
    const { host, cache, hits } = cachedHost();
    const bytes = sample();
    const key = await cache.key(bytes, null);
    await engineOn(host).open(bytes.slice());
    await cache.settled();
    const entry = (await cache.get(key))!;
    entry.columns.skillName = entry.columns.skillName.map(() => 'only-skill');
    await cache.put(key, entry);
    const info = await engineOn(host).open(bytes.slice());
    expect(info.skills).toBe(1);
    expect(hits()).toBe(2);
  });

  it('one changed byte of the file: read again (another key), never the stale entry', async () => {
    const { host, cache, dir, hits } = cachedHost();
    const bytes = sample();
    const before = await engineOn(host).open(bytes.slice());
    await cache.settled();
    // One byte of a stored invoked_at ('2026-…' → '2126-…'): that row's time, nothing else.
    const SQL = await nodeHost.loadSqlJs();
    const text = Buffer.from(bytes).toString('latin1');
    let changed: Uint8Array | null = null;
    for (let at = text.indexOf('2026-11-'); at >= 0 && !changed; at = text.indexOf('2026-11-', at + 1)) {
      const b = bytes.slice();
      b[at + 1] = '1'.charCodeAt(0);
      const db = new SQL.Database(b);
      const n = db.exec("SELECT COUNT(*) FROM skill_invocation NOT INDEXED WHERE invoked_at LIKE '2126-%'")[0].values[0][0];
      db.close();
      if (n === 1) changed = b;
    }
    expect(changed).not.toBeNull();
    const info = await engineOn(host).open(changed!);
    expect(hits()).toBe(0);
    expect(info.lastInvocation).not.toBe(before.lastInvocation);
    expect(info.lastInvocation?.startsWith('2126-')).toBe(true);
    await cache.settled();
    expect(entries(dir)).toHaveLength(2);
  });

  it.each([
    ['XXH128', undefined],
    ["Node's CRC-32", nodeChecksums.seal],
  ])('a damaged entry is ignored and replaced, never an error (sealed with %s)', async (_, seal) => {
    const { host, cache, dir, hits } = cachedHost(undefined, seal);
    const info = await engineOn(host).open(sample());
    await cache.settled();
    const [name] = entries(dir);
    const file = path.join(dir, name);
    const stored = readFileSync(file);
    for (const at of [10, 2000, stored.length - 40]) {
      const bad = Buffer.from(stored);
      bad[at] ^= 0xff;
      writeFileSync(file, bad);
      expect(await engineOn(host).open(sample())).toEqual(info);
      await cache.settled();
      expect(readFileSync(file).equals(stored)).toBe(true);
    }
    writeFileSync(file, stored.subarray(0, 1000));
    expect(await engineOn(host).open(sample())).toEqual(info);
    expect(hits()).toBe(0);
  });

  it("the key is the file's length and its XXH128 as xxhsum computes it; an entry named by a SHA-256 key (before XXH128) is never read and goes at the next save", async () => {
    const { host, cache, dir, hits } = cachedHost();
    const info = await engineOn(host).open(sample());
    await cache.settled();
    const [name] = entries(dir);
    // `xxhsum -H2 test/fixtures/sample.db` (Debian's xxhash 0.8.3): an independent XXH128.
    expect(name).toBe('1957888.e451b609479c5a05164191facb40e74d-nowal.sbacols');
    const stored = readFileSync(path.join(dir, name));
    expect(stored.subarray(-32, -16).equals(await nodeDigest(stored.subarray(0, -32)))).toBe(true); // the seal, zero-padded
    expect(stored.subarray(-16).every((b) => b === 0)).toBe(true);
    const old = `1957888.${createHash('sha256').update(sample()).digest('hex')}-nowal.sbacols`;
    renameSync(path.join(dir, name), path.join(dir, old));
    expect(await engineOn(host).open(sample())).toEqual(info);
    await cache.settled();
    expect(hits()).toBe(0);
    expect(entries(dir)).toEqual([name]);
  });

  it('an entry sealed with another checksum reads as damaged, and is saved again sealed with this one', async () => {
    const { host, cache, dir } = cachedHost();
    const info = await engineOn(host).open(sample());
    await cache.settled();
    const [name] = entries(dir);
    const xxh = readFileSync(path.join(dir, name));
    const crc = cachedHost(undefined, nodeChecksums.seal);
    writeFileSync(path.join(crc.dir, name), xxh);
    expect(await engineOn(crc.host).open(sample())).toEqual(info);
    await crc.cache.settled();
    expect(crc.hits()).toBe(0);
    const resealed = readFileSync(path.join(crc.dir, name));
    expect(resealed.length).toBe(xxh.length);
    expect(resealed.subarray(-28).every((b) => b === 0)).toBe(true); // 4 bytes of CRC-32, zeros after
    expect(resealed.subarray(0, -32).equals(xxh.subarray(0, -32))).toBe(true);
    expect(await engineOn(crc.host).open(sample())).toEqual(info);
    expect(crc.hits()).toBe(1);
  });

  it('an entry of another key or another format version decodes to nothing', async () => {
    const { host, cache } = cachedHost();
    const bytes = sample();
    await engineOn(host).open(bytes.slice());
    await cache.settled();
    const key = await cache.key(bytes, null);
    const entry = (await cache.get(key))!;
    const encoded = await encodeEntry(key, entry, nodeDigest);
    expect((await decodeEntry(key, encoded, nodeDigest))?.columns.length).toBe(2000);
    expect(await decodeEntry(`${key.slice(0, -5)}other`, encoded, nodeDigest)).toBeNull();
    const version = encoded.slice();
    new DataView(version.buffer).setUint32(8, CACHE_FORMAT_VERSION + 1, true);
    expect(await decodeEntry(key, version, nodeDigest)).toBeNull();
    expect(await decodeEntry(key, new Uint8Array(100), nodeDigest)).toBeNull();
  });

  it('a live file and its -wal: the reopen answers from the entry with the same log summary and rows', async () => {
    const { host, cache, hits } = cachedHost();
    const db = new Uint8Array(readFileSync('test/fixtures/live/live.db'));
    const wal = new Uint8Array(readFileSync('test/fixtures/live/live.db-wal'));
    const info = await engineOn(host).open(db, { wal });
    await cache.settled();
    expect(info.invocations).toBe(2300);
    expect(info.wal?.applied).toBe(true);
    expect(await engineOn(host).open(db, { wal })).toEqual(info);
    expect(hits()).toBe(1);
    // The same database with another log (a foreign one) is another key: read and checked again.
    const other = await engineOn(host).open(db, { wal: new Uint8Array(readFileSync('test/fixtures/live/other.db-wal')) });
    expect(hits()).toBe(1);
    expect(other.warnings.map((w) => w.code)).toContain('WAL_MISMATCH');
    expect(other.invocations).toBe(2000);
  });

  it('cache: false neither reads nor writes the cache; a non-boolean is INVALID_ARGUMENT', async () => {
    const { host, cache, dir, hits } = cachedHost();
    await engineOn(host).open(sample(), { cache: false });
    await cache.settled();
    expect(entries(dir)).toHaveLength(0);
    await engineOn(host).open(sample());
    await cache.settled();
    await engineOn(host).open(sample(), { cache: false });
    expect(hits()).toBe(0);
    await expect(engineOn(host).open(sample(), { cache: 'yes' as unknown as boolean })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('stays under its bound: the least recently used entry goes first', async () => {
    const bytes = sample();
    // Three versions of the file (one changed byte each in the last page's free space: the same
    // rows, another key); the bound holds two entries.
    const versions = [0, 1, 2].map((k) => {
      const b = bytes.slice();
      b[b.length - 1 - k] ^= 1;
      return b;
    });
    const probe = cachedHost();
    await engineOn(probe.host).open(versions[0].slice());
    await probe.cache.settled();
    const entryBytes = readFileSync(path.join(probe.dir, entries(probe.dir)[0])).length;
    const { host, cache, dir } = cachedHost(Math.round(entryBytes * 2.5));
    const open = async (b: Uint8Array) => {
      await engineOn(host).open(b.slice());
      await cache.settled();
      await new Promise((r) => setTimeout(r, 30)); // distinct modification times
    };
    const [k0, k1, k2] = await Promise.all(versions.map((v) => cache.key(v, null)));
    await open(versions[0]);
    await open(versions[1]);
    expect(entries(dir).sort()).toEqual([`${k0}.sbacols`, `${k1}.sbacols`].sort());
    await open(versions[0]); // a hit: version 0 is now the most recently used
    await open(versions[2]);
    expect(entries(dir).sort()).toEqual([`${k0}.sbacols`, `${k2}.sbacols`].sort());
  });

  it('the environment: on by default under $XDG_CACHE_HOME, moved by SESSION_BUDDY_ANALYTICS_CACHE_DIR, off by SESSION_BUDDY_ANALYTICS_CACHE=off', () => {
    expect(cacheFolder({ XDG_CACHE_HOME: '/x/cache' })).toBe('/x/cache/session-buddy-analytics');
    expect(cacheFolder({ HOME: process.env.HOME })).toBe(path.join(process.env.HOME ?? '', '.cache', 'session-buddy-analytics'));
    expect(cacheFolder({ SESSION_BUDDY_ANALYTICS_CACHE_DIR: '/y', XDG_CACHE_HOME: '/x' })).toBe('/y');
    for (const off of ['off', '0', 'false', 'NO']) expect(nodeOpenCache({ SESSION_BUDDY_ANALYTICS_CACHE: off, SESSION_BUDDY_ANALYTICS_CACHE_DIR: '/tmp/never' })).toBeNull();
    const on = nodeOpenCache({ SESSION_BUDDY_ANALYTICS_CACHE_DIR: '/tmp/never', SESSION_BUDDY_ANALYTICS_CACHE_MAX_MB: '64' });
    expect(on?.maxBytes).toBe(64 * 2 ** 20);
    expect(nodeOpenCache({ SESSION_BUDDY_ANALYTICS_CACHE_DIR: '/tmp/never' })?.maxBytes).toBe(512 * 2 ** 20);
    // The test run's own folder (vitest.config.ts), never the user's cache.
    expect(cacheFolder()).toContain('sba-test-cache-');
  });
});

describe('cache of opens: a certain miss opens before hashing', () => {
  it('no entry of this length: no digest before the answer; the entry saved behind it answers a reopen', async () => {
    const { dir, cache, digests, hits, host } = cachedHost();
    const engine = () => engineOn(host);
    const bytes = sample();
    const first = engine();
    const info = await first.open(new Blob([bytes]));
    expect(digests()).toBe(0);
    const hourly = await first.timeSeries.aggregateHourlyMetrics({ hours: 72 });
    await cache.settled();
    expect(digests()).toBeGreaterThan(0);
    const key = await cache.key(bytes, null);
    expect(key).toMatch(new RegExp(`^${bytes.byteLength}\\.[0-9a-f]{32}-nowal$`));
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
    const { dir, cache, digests, hits, host } = cachedHost();
    const engine = () => engineOn(host);
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
    const { dir, cache, digests, hits, host } = cachedHost();
    const engine = () => engineOn(host);
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
    const { dir, cache, digests, hits, host } = cachedHost();
    const engine = () => engineOn(host);
    const bytes = sample();
    const info = await engine().open(bytes.slice());
    await cache.settled();
    const [name] = entries(dir);
    const key = name.slice(0, -'.sbacols'.length);
    const oldKey = key.slice(key.indexOf('.') + 1);
    // A whole entry under the older key, in place of the new one.
    const entry = (await cache.get(key))!;
    rmSync(path.join(dir, name));
    writeFileSync(path.join(dir, `${oldKey}.sbacols`), await encodeEntry(oldKey, entry, nodeDigest));
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
    expect(await new OpenCache(store, { digest: nodeDigest }).mayHold(4096)).toBe(true);
    const folder = new OpenCache(folderStore(cachedHost().dir), { digest: nodeDigest });
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

describe('a path opened again, unchanged on disk', () => {
  /** A cache in a new folder whose digests record the length of what they hash. */
  const measuredHost = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sba-identity-cache-'));
    dirs.push(dir);
    const hashed: number[] = [];
    const cache = new OpenCache(folderStore(dir), {
      digest: (b) => {
        hashed.push(b.byteLength);
        return nodeDigest(b);
      },
    });
    return { host: { ...nodeHost, openCache: () => cache }, cache, hashed, dir };
  };
  const settle = () => new Promise((r) => setTimeout(r, 1100)); // file times older than a second
  const openPath = async (host: EngineHost, file: string) => {
    const read = await readDatabaseFiles(file);
    return { identity: read.identity, info: await engineOn(host).open(read.identity === null ? read.bytes : identifiedBytes(read.bytes, read.identity)) };
  };

  it('is found by its identity without hashing it; a changed byte (same size) is hashed and read again', async () => {
    const { host, cache, hashed, dir: cacheDir } = measuredHost();
    const dir = mkdtempSync(path.join(tmpdir(), 'sba-identity-'));
    dirs.push(dir);
    const file = path.join(dir, 'skills.db');
    const bytes = sample();
    writeFileSync(file, bytes);
    // Just written: not identified (a write in the same clock tick could leave the times as they were).
    expect((await readDatabaseFiles(file)).identity).toBeNull();
    await settle();
    const first = await openPath(host, file);
    expect(first.identity).toMatch(/^\d+:\d+:1957888:\d+:\d+\|nowal$/);
    await cache.settled();
    expect(hashed).toContain(bytes.byteLength); // the key, hashed at the save
    hashed.length = 0;
    const again = await openPath(host, file);
    expect(again.info).toEqual(first.info);
    await cache.settled();
    expect(hashed).not.toContain(bytes.byteLength); // only the entry's seal was checked
    expect(hashed).toHaveLength(1);
    // One byte changed in place (PRAGMA user_version in the header): another identity, hashed, a miss.
    bytes[63] ^= 1;
    writeFileSync(file, bytes);
    await settle();
    hashed.length = 0;
    const changed = await openPath(host, file);
    expect(changed.identity).not.toBe(first.identity);
    expect(hashed).toContain(bytes.byteLength);
    await cache.settled();
    expect(entries(cacheDir)).toHaveLength(2);
  });

  it('unchanged, without a -wal, with an entry kept: not read until sql.js needs it (then once); changed by then: FILE_CHANGED, the answers so far stand', async () => {
    const { host, cache } = measuredHost();
    const dir = mkdtempSync(path.join(tmpdir(), 'sba-on-disk-'));
    dirs.push(dir);
    const file = path.join(dir, 'skills.db');
    const bytes = sample();
    writeFileSync(file, bytes);
    await settle();
    // Nothing kept for it yet: read now.
    expect((await databaseFilesForOpen(file, cache)).data).toBeInstanceOf(Uint8Array);
    const first = engineOn(host);
    await first.open([{ name: 'skills.db', data: bytes.slice(), wal: null }], { cache: false });
    await openPath(host, file);
    await cache.settled();
    let reads = 0;
    const onDisk = async () => {
      const { data, wal } = await databaseFilesForOpen(file, cache);
      if (!isFileOnDisk(data)) throw new Error('expected the file left on disk');
      expect(wal).toBeNull();
      expect([data.byteLength, data.header.byteLength]).toEqual([bytes.byteLength, 100]);
      return {
        name: 'skills.db',
        wal: null,
        data: {
          ...data,
          read: () => {
            reads++;
            return data.read();
          },
        },
      };
    };
    const again = engineOn(host);
    expect(await again.open([await onDisk()])).toEqual(await first.info());
    const hourly = { hours: 24 * 30, asOf: '2026-11-25T00:00:00Z' };
    const expected = await first.timeSeries.aggregateHourlyMetrics(hourly);
    expect(expected.length).toBeGreaterThan(100);
    expect(await again.timeSeries.aggregateHourlyMetrics(hourly)).toEqual(expected);
    expect(reads).toBe(0);
    expect(await again.abTesting.listTests()).toEqual(await first.abTesting.listTests());
    expect(reads).toBe(1); // the A/B tables are sql.js's: the file read then, once
    expect(await again.exportDatabase()).toEqual(await first.exportDatabase());
    expect(reads).toBe(1);
    // Changed on disk between the open and sql.js's first use: a typed error, never the other file's rows.
    const stale = engineOn(host);
    await stale.open([await onDisk()]);
    bytes[63] ^= 1;
    writeFileSync(file, bytes);
    await expect(stale.abTesting.listTests()).rejects.toMatchObject({ code: 'FILE_CHANGED' });
    expect(await stale.timeSeries.aggregateHourlyMetrics(hourly)).toEqual(expected);
    // With a -wal beside it: read now, with its log.
    writeFileSync(`${file}-wal`, new Uint8Array(0));
    await settle();
    const { data } = await databaseFilesForOpen(file, cache);
    expect(data).toBeInstanceOf(Uint8Array);
  });

  it('reopened by path at once, its entry still being saved: the entry comes from memory (never read back), the file is not read, the answers are the same, the save lands', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sba-at-once-'));
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'sba-at-once-cache-'));
    dirs.push(dir, cacheDir);
    const folder = folderStore(cacheDir);
    const gets: string[] = [];
    const get = (name: string) => {
      gets.push(name);
      return folder.get(name);
    };
    const cache = new OpenCache({ ...folder, get }, { digest: nodeDigest });
    const host = { ...nodeHost, openCache: () => cache };
    const file = path.join(dir, 'skills.db');
    writeFileSync(file, sample());
    await settle();
    const first = engineOn(host);
    const info = await first.open([{ name: 'skills.db', ...(await databaseFilesForOpen(file, cache)) }]);
    const hourly = { hours: 24 * 30, asOf: '2026-11-25T00:00:00Z' };
    const expected = await first.timeSeries.aggregateHourlyMetrics(hourly);
    const trends = await first.timeSeries.getMultiSkillTrends({ asOf: hourly.asOf });
    await first.dispose(); // no settled(): as a script that opens the file again at once
    expect(entries(cacheDir)).toHaveLength(0);
    const { data, wal } = await databaseFilesForOpen(file, cache);
    expect(isFileOnDisk(data)).toBe(true);
    const again = engineOn(host);
    expect(await again.open([{ name: 'skills.db', data, wal }])).toEqual(info);
    expect(await again.timeSeries.aggregateHourlyMetrics(hourly)).toEqual(expected);
    expect(await again.timeSeries.getMultiSkillTrends({ asOf: hourly.asOf })).toEqual(trends);
    expect(gets.filter((n) => n.endsWith('.sbacols'))).toEqual([]);
    await cache.settled();
    expect(entries(cacheDir)).toHaveLength(1);
  });

  it("a path's entry is read while the file is: the next get of its key takes it, once; any other get drops it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sba-ahead-'));
    dirs.push(dir);
    const reads: string[] = [];
    const folder = folderStore(dir);
    const counted: CacheStore = {
      ...folder,
      get: (name) => {
        reads.push(name);
        return folder.get(name);
      },
    };
    const cache = new OpenCache(counted, { digest: nodeDigest });
    const first = await engineOn({ ...nodeHost, openCache: () => cache }).open(sample());
    await cache.settled();
    const key = entries(dir)[0].replace('.sbacols', '');
    await cache.recordIdentity('1:2:3:4:5|nowal', key);
    const entryReads = () => reads.filter((n) => n.endsWith('.sbacols')).length;
    reads.length = 0;
    cache.readAhead('1:2:3:4:5|nowal');
    const ahead = await cache.get(key);
    expect(ahead?.columns.length).toBe(first.invocations);
    expect(entryReads()).toBe(1); // read ahead, then answered from it
    expect((await cache.get(key))?.columns.length).toBe(first.invocations);
    expect(entryReads()).toBe(2); // taken once: read again
    cache.readAhead('1:2:3:4:5|nowal');
    expect(await cache.get(`${key.slice(0, -1)}0`)).toBeNull(); // another key: dropped
    await cache.get(key);
    expect(entryReads()).toBe(5); // the dropped read ahead, the other key's miss, and this read
    cache.readAhead('an unknown identity');
    expect((await cache.get(key))?.columns.length).toBe(first.invocations);
  });

  it('a file over 4 MiB is read in parts side by side, byte for byte; its identity is told before the read', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sba-parts-'));
    dirs.push(dir);
    const file = path.join(dir, 'big.db');
    const bytes = new Uint8Array(9 * 2 ** 20 + 12345).map((_, i) => (i * 2654435761) >>> 24);
    writeFileSync(file, bytes);
    await settle();
    const told: string[] = [];
    const { cache } = measuredHost();
    cache.readAhead = (identity) => void told.push(identity); // the entry read ahead: told the identity before the read
    const read = await databaseFilesForOpen(file, cache);
    if (!(read.data instanceof Uint8Array)) throw new Error('expected the file read (no entry kept for it)');
    expect(Buffer.compare(read.data, bytes)).toBe(0);
    expect(read.data.byteLength).toBe(bytes.byteLength);
    expect(told).toEqual([identityOf(read.data)]);
  });

  it('a path opened with other -wal bytes than the file beside it is not answered by its identity', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sba-identity-'));
    dirs.push(dir);
    const file = path.join(dir, 'live.db');
    writeFileSync(file, readFileSync('test/fixtures/live/live.db')); // no -wal beside it
    const wal = new Uint8Array(readFileSync('test/fixtures/live/live.db-wal'));
    await settle();
    const env = mkdtempSync(path.join(tmpdir(), 'sba-identity-env-'));
    dirs.push(env);
    process.env.SESSION_BUDDY_ANALYTICS_CACHE_DIR = env;
    try {
      const alone = await openAnalytics(file);
      engines.push(alone);
      await nodeOpenCache()!.settled(); // the entry of the file alone, and its identity
      const withLog = await openAnalytics(file, { wal });
      engines.push(withLog);
      const expected = await openAnalytics(new Uint8Array(readFileSync(file)), { wal, cache: false });
      engines.push(expected);
      expect((await withLog.info()).invocations).toBe((await expected.info()).invocations);
      expect((await withLog.info()).invocations).toBeGreaterThan((await alone.info()).invocations);
    } finally {
      delete process.env.SESSION_BUDDY_ANALYTICS_CACHE_DIR;
    }
  });
});
