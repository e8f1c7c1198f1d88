/**
 * A live file whose -wal log grew, proven by its bytes: the new log starts with exactly the bytes
 * of the log saved with the earlier entry, over the same database file. Then only the appended
 * frames are read (no quick_check of the merged copy, no read of the earlier rows) and the answers
 * equal an open without the cache. A byte changed inside the earlier log, a log reset with new
 * salts, a checkpointed database, or appended frames that change an earlier row: opened as a
 * first open (quick_check run), answers equal an open without the cache.
 *
 * Fixtures: test/fixtures/live/live.db and its -wal (10 commits of 30 rows, 2,000 → 2,300 rows);
 * update-row.wal-tail: the 4 frames Debian's Python sqlite3 appended to that log for
 * `UPDATE skill_invocation SET completed = 1 - completed WHERE id = 5` (a copy of the log taken
 * before the connection closed).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/index.js';
import { SkillsDatabase } from '../../../src/engine/SkillsDatabase.js';
import { hourlyCubeIndex } from '../../../src/hourly/cube.js';
import { cacheTestEngines } from './cache-test-engines.js';

const { engineWith, freshCache } = cacheTestEngines('sba-grown-log-');

const db = () => new Uint8Array(readFileSync('test/fixtures/live/live.db'));
const fullLog = () => new Uint8Array(readFileSync('test/fixtures/live/live.db-wal'));
const PAGE = 4096;
const FRAME = 24 + PAGE;
/** The log up to its second commit (frame 104 commits 60 rows). */
const earlierLog = () => fullLog().slice(0, 32 + 105 * FRAME);

/** The answers the cube gives, and the rows. */
async function answers(e: AnalyticsEngine) {
  return {
    hourly: await e.timeSeries.aggregateHourlyMetrics({ hours: 24 * 30 }),
    cut: await e.timeSeries.aggregateHourlyMetrics({ hours: 5, asOf: '2026-11-24T19:30:00.5Z' }),
    trend: await e.timeSeries.detectTrend('semantic-search', { asOf: '2026-11-24T20:00:00Z' }),
    rows: await e.context().warehouse.query('SELECT id, skill_name, invoked_at_us, session_id, completed, duration_seconds, workflow_phase FROM invocations ORDER BY id'),
  };
}

/** SQLite's WAL checksum (native byte order of the magic's low bit) over 8-byte words. */
function checksum(b: Uint8Array, from: number, length: number, bigEndian: boolean, s: [number, number]): [number, number] {
  const v = new DataView(b.buffer, b.byteOffset);
  let [s0, s1] = s;
  for (let i = from; i < from + length; i += 8) {
    s0 = (s0 + v.getUint32(i, !bigEndian) + s1) >>> 0;
    s1 = (s1 + v.getUint32(i + 4, !bigEndian) + s0) >>> 0;
  }
  return [s0, s1];
}

/** The log with new salts (as a reset writes them) or one byte changed, every checksum made valid again. */
function rewritten(log: Uint8Array, change: { salts?: [number, number]; byteAt?: number }): Uint8Array {
  const out = log.slice();
  const v = new DataView(out.buffer);
  const bigEndian = (v.getUint32(0) & 1) === 1;
  if (change.byteAt !== undefined) out[change.byteAt] ^= 0x01;
  if (change.salts) {
    v.setUint32(16, change.salts[0]);
    v.setUint32(20, change.salts[1]);
  }
  let s = checksum(out, 0, 24, bigEndian, [0, 0]);
  v.setUint32(24, s[0]);
  v.setUint32(28, s[1]);
  for (let off = 32; off + FRAME <= out.byteLength; off += FRAME) {
    v.setUint32(off + 8, v.getUint32(16));
    v.setUint32(off + 12, v.getUint32(20));
    s = checksum(out, off, 8, bigEndian, s);
    s = checksum(out, off + 24, PAGE, bigEndian, s);
    v.setUint32(off + 16, s[0]);
    v.setUint32(off + 20, s[1]);
  }
  return out;
}

/** Opens (db, earlier log) with the cache, then (db2, log2): what the second open did and its answers beside an open without the cache. */
async function grow(earlier: { db: Uint8Array; wal: Uint8Array | null }, now: { db: Uint8Array; wal: Uint8Array }) {
  const cache = freshCache();
  const first = engineWith(cache);
  await first.open(earlier.db, { wal: earlier.wal });
  await first.timeSeries.aggregateHourlyMetrics({ hours: 24 });
  await cache.settled();
  const extend = vi.spyOn(hourlyCubeIndex.persist!, 'extend');
  const check = vi.spyOn(SkillsDatabase.prototype, 'integrity');
  const grown = engineWith(cache);
  const info = await grown.open(now.db.slice(), { wal: now.wal.slice() });
  const got = await answers(grown);
  const checked = check.mock.calls.length;
  const extended = extend.mock.results.filter((r) => r.value !== null).length;
  const fresh = engineWith(null);
  const freshInfo = await fresh.open(now.db.slice(), { wal: now.wal.slice() });
  return { first, info, freshInfo, got, want: await answers(fresh), checked, extended };
}

describe('cache of opens: a -wal log that grew, proven by its bytes', () => {
  it('appended frames: only they are read (no quick_check); rows, cube and answers equal an open without the cache', async () => {
    const r = await grow({ db: db(), wal: earlierLog() }, { db: db(), wal: fullLog() });
    expect(r.checked).toBe(0);
    expect(r.extended).toBe(1);
    expect(r.info.invocations).toBe(2300);
    expect(r.info.wal).toEqual(r.freshInfo.wal);
    expect(r.info.integrity).toEqual(r.freshInfo.integrity);
    expect(r.got).toEqual(r.want);
    expect(r.got.rows.length).toBe(2300);
  });

  it('a log that appeared beside an entry of the database alone: no chain to continue, quick_check runs (a foreign log is caught only by it)', async () => {
    const r = await grow({ db: db(), wal: null }, { db: db(), wal: fullLog() });
    expect(r.checked).toBeGreaterThan(0);
    expect(r.extended).toBe(1); // the earlier rows checked by value, as before
    expect(r.got).toEqual(r.want);
  });

  it('one byte changed inside the earlier log (checksums made valid again): opened as a first open', async () => {
    // A byte of frame 0's page (page 1's last bytes), then the earlier log's length of frames appended.
    const changed = rewritten(fullLog(), { byteAt: 32 + 24 + PAGE - 8 });
    const r = await grow({ db: db(), wal: earlierLog() }, { db: db(), wal: changed });
    expect(r.checked).toBeGreaterThan(0);
    expect(r.got).toEqual(r.want);
  });

  it('a log reset with new salts (the same frames): opened as a first open', async () => {
    const reset = rewritten(fullLog(), { salts: [0x12345678, 0x9abcdef0] });
    const r = await grow({ db: db(), wal: earlierLog() }, { db: db(), wal: reset });
    expect(r.checked).toBeGreaterThan(0);
    expect(r.got).toEqual(r.want);
    expect(r.got.rows.length).toBe(2300);
  });

  it('a checkpointed database (the earlier frames written into it, the rest in a new log): opened as a first open', async () => {
    const log = fullLog();
    const opened = engineWith(null);
    await opened.open(db(), { wal: earlierLog() });
    // The database file after a checkpoint of the first 105 frames: the merged pages, still in WAL mode.
    const pages = new Map<number, number>();
    for (let f = 0; f < 105; f++) pages.set(new DataView(log.buffer).getUint32(32 + f * FRAME), 32 + f * FRAME + 24);
    const size = new DataView(log.buffer).getUint32(32 + 104 * FRAME + 4);
    const checkpointed = new Uint8Array(size * PAGE);
    checkpointed.set(db().subarray(0, Math.min(db().byteLength, checkpointed.byteLength)));
    for (const [p, at] of pages) checkpointed.set(log.subarray(at, at + PAGE), (p - 1) * PAGE);
    new DataView(checkpointed.buffer).setUint32(28, size);
    const rest = new Uint8Array(32 + (log.byteLength - 32 - 105 * FRAME));
    rest.set(log.subarray(0, 32));
    rest.set(log.subarray(32 + 105 * FRAME), 32);
    const newLog = rewritten(rest, { salts: [0x0badcafe, 0x600df00d] });
    const r = await grow({ db: db(), wal: earlierLog() }, { db: checkpointed, wal: newLog });
    expect(r.checked).toBeGreaterThan(0);
    expect(r.extended).toBe(0);
    expect(r.got).toEqual(r.want);
    expect(r.got.rows.length).toBe(2300);
  });

  it('appended frames that change an earlier row (UPDATE … WHERE id = 5): opened as a first open, the new value answered', async () => {
    const tail = new Uint8Array(readFileSync('test/fixtures/live/update-row.wal-tail'));
    const log = new Uint8Array(fullLog().byteLength + tail.byteLength);
    log.set(fullLog());
    log.set(tail, fullLog().byteLength);
    const r = await grow({ db: db(), wal: fullLog() }, { db: db(), wal: log });
    expect(r.checked).toBeGreaterThan(0);
    expect(r.extended).toBe(0);
    expect(r.got).toEqual(r.want);
    const before = await answers(r.first);
    expect(before.rows[4].completed).toBe(1);
    expect(r.got.rows[4].completed).toBe(0);
  });
});
