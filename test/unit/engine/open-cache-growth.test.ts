/**
 * A live file whose -wal log grew, reopened with the cache of opens: the entry saved for the same
 * database with the earlier log is found, its rows are checked to be the first rows read now, and
 * the hourly cube is extended with the new rows only — every hourly and daily answer equal to an
 * open without the cache. A log that changed an earlier row is built from scratch. The extended
 * cube is saved with the new entry: the next reopen answers from it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/index.js';
import { hourlyCubeIndex } from '../../../src/hourly/cube.js';
import { cacheTestEngines } from './cache-test-engines.js';

const { engineWith, freshCache } = cacheTestEngines('sba-growth-');

const db = () => new Uint8Array(readFileSync('test/fixtures/live/live.db'));
const wal = () => new Uint8Array(readFileSync('test/fixtures/live/live.db-wal'));

/** The answers the cube gives, for comparing two engines. */
async function answers(e: AnalyticsEngine) {
  return {
    hourly: await e.timeSeries.aggregateHourlyMetrics({ hours: 24 * 30 }),
    cut: await e.timeSeries.aggregateHourlyMetrics({ hours: 5, asOf: '2026-11-24T19:30:00.5Z' }),
    trend: await e.timeSeries.detectTrend('semantic-search', { asOf: '2026-11-24T20:00:00Z' }),
  };
}

describe('cache of opens: a live file that grew', () => {
  it('extends the saved cube with the new rows only; answers equal an open without the cache', async () => {
    const cache = freshCache();
    const persist = hourlyCubeIndex.persist!;
    const extend = vi.spyOn(persist, 'extend');
    const build = vi.spyOn(hourlyCubeIndex, 'build');
    // Before: the database alone (the log's rows not yet in it); its cube is saved with its entry.
    const before = engineWith(cache);
    expect((await before.open(db(), { wal: null })).invocations).toBe(2000);
    await before.timeSeries.aggregateHourlyMetrics({ hours: 24 });
    await cache.settled();
    expect(build).toHaveBeenCalledTimes(1);
    // After: the same database with its log, 300 rows more.
    const grown = engineWith(cache);
    expect((await grown.open(db(), { wal: wal() })).invocations).toBe(2300);
    const got = await answers(grown);
    expect(extend).toHaveBeenCalledTimes(1);
    expect(extend.mock.results[0].value).not.toBeNull();
    expect(build).toHaveBeenCalledTimes(1);
    const fresh = engineWith(null);
    await fresh.open(db(), { wal: wal() });
    expect(got).toEqual(await answers(fresh));
    expect(got.hourly.length).toBeGreaterThan(0);
    // The extended cube went into the new entry: a reopen restores it, no build, no extension.
    await cache.settled();
    const again = engineWith(cache);
    await again.open(db(), { wal: wal() });
    expect(await answers(again)).toEqual(got);
    expect(build).toHaveBeenCalledTimes(2); // the engine without a cache built its own
    expect(extend).toHaveBeenCalledTimes(1);
  });

  it('an earlier entry whose rows are not the first rows now (a foreign log): built from scratch', async () => {
    const cache = freshCache();
    const extend = vi.spyOn(hourlyCubeIndex.persist!, 'extend');
    const build = vi.spyOn(hourlyCubeIndex, 'build');
    const first = engineWith(cache);
    await first.open(db(), { wal: wal() });
    await first.timeSeries.aggregateHourlyMetrics({ hours: 24 });
    await cache.settled();
    // The same database with the other log (WAL_MISMATCH: the database's 2000 rows): the earlier
    // entry has 2300 rows, so it is not a prefix of this file.
    const other = engineWith(cache);
    const info = await other.open(db(), { wal: new Uint8Array(readFileSync('test/fixtures/live/other.db-wal')) });
    expect(info.invocations).toBe(2000);
    const got = await answers(other);
    expect(extend).not.toHaveBeenCalled();
    expect(build).toHaveBeenCalledTimes(2);
    const fresh = engineWith(null);
    await fresh.open(db(), { wal: null });
    expect(got).toEqual(await answers(fresh));
  });
});
