/** The engine's local copy (what the browser keeps in OPFS/IndexedDB), with an in-memory store. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalyticsEngine } from '../../../src/analytics/index.js';
import type { LocalStore } from '../../../src/engine/local-store.js';
import { nodeHost } from '../../../src/node/host.js';

function memoryStore(): LocalStore & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    load: async (k) => files.get(k)?.slice() ?? null,
    save: async (k, b) => void files.set(k, b.slice()),
    remove: async (k) => void files.delete(k),
  };
}

const sample = () => new Uint8Array(readFileSync('test/fixtures/sample.db'));
const engines: AnalyticsEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.dispose()));
});

describe('local copy of a modified file', () => {
  it('saves after a committed write, restores it on the next open, and discards it on request', async () => {
    const store = memoryStore();
    const host = { ...nodeHost, localStore: store };
    const first = new AnalyticsEngine(host);
    engines.push(first);
    const info = await first.open(sample());
    expect(info.localChanges).toBe(false);
    const ctx = first.context();
    ctx.db.transaction(() =>
      ctx.db.run("INSERT INTO ab_test_configs (test_name, control_strategy, treatment_strategy, start_date) VALUES ('local-copy', 'a', 'b', '2026-11-25T00:00:00')"),
    );
    await first.flushLocalChanges();
    expect(store.files.size).toBe(1);
    const [key] = store.files.keys();
    expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);

    const second = new AnalyticsEngine(host);
    engines.push(second);
    const restored = await second.open(sample());
    expect(restored.localChanges).toBe(true);
    expect(restored.warnings.map((w) => w.code)).toContain('LOCAL_CHANGES_RESTORED');
    expect(second.context().db.all("SELECT test_name FROM ab_test_configs WHERE test_name = 'local-copy'")).toHaveLength(1);

    const discarded = await second.discardLocalChanges();
    expect(discarded.localChanges).toBe(false);
    expect(store.files.size).toBe(0);
    expect(second.context().db.all("SELECT test_name FROM ab_test_configs WHERE test_name = 'local-copy'")).toHaveLength(0);
  });

  it('does not save when nothing was written', async () => {
    const store = memoryStore();
    const engine = new AnalyticsEngine({ ...nodeHost, localStore: store });
    engines.push(engine);
    await engine.open(sample());
    await engine.flushLocalChanges();
    expect(store.files.size).toBe(0);
  });

  it('a saved copy that no longer opens is dropped and the original opens', async () => {
    const store = memoryStore();
    const bytes = sample();
    const engine = new AnalyticsEngine({ ...nodeHost, localStore: store });
    engines.push(engine);
    await store.save('mine', new TextEncoder().encode('garbage'));
    const info = await engine.open(bytes, { localKey: 'mine' });
    expect(info.localChanges).toBe(false);
    expect(info.invocations).toBe(2000);
    expect(store.files.has('mine')).toBe(false);
  });
});
