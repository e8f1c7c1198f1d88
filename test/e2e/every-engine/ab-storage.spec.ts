/**
 * A/B writes in each engine: saved in the browser after each write and found again after a
 * reload, in the store this engine has: OPFS in Chromium and Firefox, IndexedDB in WebKitGTK
 * (no OPFS in automation mode; its port has no createSyncAccessHandle either). The test reads the
 * stores itself, so a silent fallback to IndexedDB where OPFS exists fails it.
 */
import { test, expect } from '../../browsers/fixture.js';
import type { Engine } from '../../browsers/driver.js';

const STORE: Record<Engine, 'opfs' | 'indexeddb'> = { chromium: 'opfs', firefox: 'opfs', webkit: 'indexeddb' };

test('A/B writes are saved, found after a reload, and discarded on request', async ({ tab, engine }) => {
  test.setTimeout(240_000);
  await tab.goto('harness.html');
  await tab.waitFor(() => document.getElementById('status')?.textContent === 'ready');
  const written = await tab.evaluate(async () => {
    const a = await (window as unknown as { analyticsReady: Promise<import('../../../src/client/index.js').Analytics> }).analyticsReady;
    await a.open('fixtures/sample.db');
    const id = await a.abTesting.createTest({ testName: 'every-engine', controlStrategy: 'semantic', treatmentStrategy: 'workflow', minSampleSize: 10 });
    const users = Array.from({ length: 40 }, (_, i) => `user-${i}`);
    const groups = await a.abTesting.assignUsersToGroups(id, users);
    await a.abTesting.recordOutcomes(
      id,
      users.map((userId, i) => ({ userId, skillName: 'pytest-run', completed: i % 3 !== 0, durationSeconds: 10 + i, userRating: 1 + (i % 5) })),
    );
    const status = await a.abTesting.getTestStatus(id);
    return { id, treatment: groups.filter((g) => g === 'treatment').length, status };
  });
  expect(written.status.controlOutcomes + written.status.treatmentOutcomes).toBe(40);

  const stores = await tab.evaluate(async () => {
    let opfs: string[] = [];
    try {
      const root = await navigator.storage.getDirectory();
      const dir = await root.getDirectoryHandle('session-buddy-analytics');
      for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) if (name.endsWith('.db')) opfs.push(name);
    } catch {
      opfs = [];
    }
    const idb = await new Promise<string[]>((ok) => {
      const r = indexedDB.open('session-buddy-analytics');
      r.onerror = () => ok([]);
      r.onsuccess = () => {
        const db = r.result;
        if (!db.objectStoreNames.contains('files')) {
          db.close();
          ok([]);
          return;
        }
        const keys = db.transaction('files').objectStore('files').getAllKeys();
        keys.onsuccess = () => {
          db.close();
          ok(keys.result.map(String));
        };
        keys.onerror = () => ok([]);
      };
    });
    return { opfs: opfs.length, indexeddb: idb.length };
  });
  expect(stores, `saved in ${STORE[engine]}`).toEqual(STORE[engine] === 'opfs' ? { opfs: 1, indexeddb: 0 } : { opfs: 0, indexeddb: 1 });

  await tab.reload();
  await tab.waitFor(() => document.getElementById('status')?.textContent === 'ready');
  const reopened = await tab.evaluate(async (id) => {
    const a = await (window as unknown as { analyticsReady: Promise<import('../../../src/client/index.js').Analytics> }).analyticsReady;
    const info = await a.open('fixtures/sample.db');
    const status = await a.abTesting.getTestStatus(id);
    const assigned = (await a.abTesting.assignUsersToGroups(id, ['user-0', 'user-1'])).length;
    const discarded = await a.discardLocalChanges();
    const after = (await a.abTesting.listTests()).map((t) => t.testName);
    return { localChanges: info.localChanges, status, assigned, discardedLocal: discarded.localChanges, after };
  }, written.id);
  expect(reopened.localChanges).toBe(true);
  expect(reopened.status).toEqual(written.status);
  expect(reopened.assigned).toBe(2);
  expect(reopened.discardedLocal).toBe(false);
  expect(reopened.after).not.toContain('every-engine');
});
