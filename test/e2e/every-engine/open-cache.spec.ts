/**
 * The cache of opens in each engine's worker: the entry is saved in IndexedDB under the file's
 * length and XXH128 (hash-wasm's WebAssembly, compiled in the worker), and a reopen answers the
 * same. The name is checked against `xxhsum -H2 test/fixtures/legacy.db` (Debian's xxhash 0.8.3),
 * so an engine whose hasher failed (a save that fails is silent by design) fails here.
 */
import { test, expect } from '../../browsers/fixture.js';

test('an open is saved under length.xxh128 and a reopen answers the same', async ({ tab }) => {
  test.setTimeout(240_000);
  await tab.goto('harness.html');
  await tab.waitFor(() => document.getElementById('status')?.textContent === 'ready');
  const got = await tab.evaluate(async () => {
    const a = await (window as unknown as { analyticsReady: Promise<import('../../../src/client/index.js').Analytics> }).analyticsReady;
    const names = () =>
      new Promise<string[]>((resolve) => {
        const req = indexedDB.open('session-buddy-analytics-cache');
        // Only look: a database the worker has not made yet is not created here.
        req.onupgradeneeded = () => req.transaction?.abort();
        req.onerror = () => resolve([]);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('entries')) return resolve([]);
          const keys = db.transaction('entries').objectStore('entries').getAllKeys();
          keys.onsuccess = () => {
            db.close();
            resolve(keys.result.map(String).filter((k) => k.startsWith('1929216.'))); // legacy.db's (other specs may have saved others)
          };
          keys.onerror = () => resolve([]);
        };
      });
    const first = await a.open('fixtures/legacy.db');
    // The entry is saved behind the answer.
    for (let i = 0; i < 400 && (await names()).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const saved = await names();
    const again = await a.open('fixtures/legacy.db');
    const hours = (await a.timeSeries.aggregateHourlyMetrics({ hours: 48 })).length;
    return { saved, same: JSON.stringify(first) === JSON.stringify(again), hours };
  });
  expect(got.saved).toEqual(['1929216.d1554fbe6c1e1e71f703445857f4f57c-nowal.sbacols']);
  expect(got.same).toBe(true);
  expect(got.hours).toBeGreaterThan(0);
});
