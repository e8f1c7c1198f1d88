/**
 * The engine's rules for shared saved copies, with in-memory stand-ins for the browser's store:
 * two engines (two tabs) sharing one store and one lock table, and a store whose saves are refused.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalyticsEngine } from '../../../src/analytics/index.js';
import type { LocalStore } from '../../../src/engine/local-store.js';
import { nodeHost } from '../../../src/node/host.js';

/** One origin's storage: saved files plus Web-Locks-like exclusive claims. */
function origin(refuse?: DOMException) {
  const files = new Map<string, Uint8Array>();
  const held = new Set<string>();
  const store: LocalStore = {
    load: async (k) => files.get(k)?.slice() ?? null,
    save: async (k, b) => {
      if (refuse) throw refuse;
      files.set(k, b.slice());
    },
    remove: async (k) => void files.delete(k),
    claim: async (k) => {
      if (held.has(k)) return null;
      held.add(k);
      return () => void held.delete(k);
    },
  };
  return { files, held, store };
}

const sample = () => new Uint8Array(readFileSync('test/fixtures/sample.db'));
const engines: AnalyticsEngine[] = [];
const tab = (store: LocalStore) => {
  const e = new AnalyticsEngine({ ...nodeHost, localStore: store });
  engines.push(e);
  return e;
};
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.dispose()));
});
const write = (e: AnalyticsEngine, name: string) => e.abTesting.createTest({ testName: name, controlStrategy: 'a', treatmentStrategy: 'b' }, 0.5);

describe('two tabs with the same file', () => {
  it('the first tab owns the saved copy; the second opens read-only and its writes are refused', async () => {
    const o = origin();
    const first = tab(o.store);
    const second = tab(o.store);
    expect((await first.open(sample(), { localKey: 'k' })).readOnly).toBe(false);
    await write(first, 'from-first');
    await first.flushLocalChanges();
    const info = await second.open(sample(), { localKey: 'k' });
    expect(info.readOnly).toBe(true);
    expect(info.localChanges).toBe(true); // it reads the owner's saved writes
    expect(info.warnings.map((w) => w.code)).toContain('READ_ONLY_OTHER_TAB');
    await expect(write(second, 'from-second')).rejects.toMatchObject({ code: 'READ_ONLY' });
    // The owner's saved copy still holds its write, and only its write.
    const names = async (e: AnalyticsEngine) => (await e.abTesting.listTests()).map((t) => t.testName);
    expect(await names(second)).toContain('from-first');
    expect(await names(second)).not.toContain('from-second');
  });

  it('when the owner closes, the next open in the other tab owns the file and writes', async () => {
    const o = origin();
    const first = tab(o.store);
    const second = tab(o.store);
    await first.open(sample(), { localKey: 'k' });
    expect((await second.open(sample(), { localKey: 'k' })).readOnly).toBe(true);
    await first.close();
    const info = await second.open(sample(), { localKey: 'k' });
    expect(info.readOnly).toBe(false);
    await write(second, 'now-mine');
    await second.flushLocalChanges();
    expect(o.files.has('k')).toBe(true);
  });

  it('reopening in the owning tab keeps ownership (discardLocalChanges, open again)', async () => {
    const o = origin();
    const first = tab(o.store);
    await first.open(sample(), { localKey: 'k' });
    await write(first, 'x');
    await first.flushLocalChanges();
    expect((await first.discardLocalChanges()).readOnly).toBe(false);
    expect((await first.open(sample(), { localKey: 'k' })).readOnly).toBe(false);
    expect(o.held).toEqual(new Set(['k']));
  });
});

describe('a save the browser refuses', () => {
  for (const [name, reason] of [
    ['QuotaExceededError', 'quota'],
    ['SecurityError', 'denied'],
  ] as const) {
    it(`${name}: LOCAL_SAVE_FAILED (${reason}) once, the write stays in memory and in the export`, async () => {
      const o = origin(new DOMException('refused', name));
      const e = tab(o.store);
      await e.open(sample(), { localKey: 'k' });
      await write(e, 'kept-in-memory');
      await expect(e.flushLocalChanges()).rejects.toMatchObject({ code: 'LOCAL_SAVE_FAILED', details: { reason } });
      // Reported once per write: reads afterwards are not failed again.
      await expect(e.flushLocalChanges()).resolves.toBeUndefined();
      expect((await e.info()).warnings.map((w) => w.code)).toContain('LOCAL_SAVE_FAILED');
      expect((await e.abTesting.listTests()).map((t) => t.testName)).toContain('kept-in-memory');
      const exported = await e.exportDatabase();
      const check = tab(origin().store);
      await check.open(exported);
      expect((await check.abTesting.listTests()).map((t) => t.testName)).toContain('kept-in-memory');
    });
  }
});
