/**
 * Choosing the warehouse: `engine: 'native' | 'wasm' | 'auto'` on openAnalytics (auto: native from
 * AUTO_NATIVE_BYTES of input), a typed error for anything else, and the `source` column.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { AnalyticsEngine } from '../../../src/analytics/index.js';
import { AUTO_NATIVE_BYTES, openAnalytics } from '../../../src/node/index.js';
import { hostForInput, parseEngine } from '../../../src/node/native/engine-choice.js';
import { nodeHost } from '../../../src/node/host.js';
import { nativeHost } from '../../../src/node/native/native-host.js';

const versionOf = async (engine: AnalyticsEngine) => (await engine.context().warehouse.query<{ v: string }>('SELECT version() AS v'))[0].v;

it('runs on the warehouse asked for; auto takes DuckDB-WASM for a small file', async () => {
  for (const [asked, version] of [
    ['native', /^v1\.5\./],
    ['wasm', /^v1\.4\./],
    ['auto', /^v1\.4\./], // sample.db is 1.2 MB, under AUTO_NATIVE_BYTES
  ] as const) {
    const engine = await openAnalytics('test/fixtures/sample.db', { engine: asked });
    try {
      expect(await versionOf(engine), asked).toMatch(version);
      expect((await engine.info()).invocations).toBe(2000);
    } finally {
      await engine.dispose();
    }
  }
});

it('auto takes native from AUTO_NATIVE_BYTES when @duckdb/node-api loads', async () => {
  expect(AUTO_NATIVE_BYTES).toBe(32 * 2 ** 20);
  expect(await hostForInput('auto', AUTO_NATIVE_BYTES - 1)).toBe(nodeHost);
  expect(await hostForInput('wasm', 10 * AUTO_NATIVE_BYTES)).toBe(nodeHost);
  // From the threshold the warehouse is native DuckDB (chosen when it starts, after open() answers).
  const engine = new AnalyticsEngine(await hostForInput('auto', AUTO_NATIVE_BYTES));
  try {
    await engine.open(new Uint8Array(readFileSync('test/fixtures/legacy.db')));
    expect(await versionOf(engine)).toMatch(/^v1\.5\./);
  } finally {
    await engine.dispose();
  }
});

it('refuses an unknown engine with INVALID_ARGUMENT', async () => {
  expect(() => parseEngine('gpu')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  await expect(openAnalytics('test/fixtures/sample.db', { engine: 'duck' as never })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
});

it('stores `source` from InvocationColumns (NULL for a single file), on both warehouses', async () => {
  for (const engine of ['native', 'wasm'] as const) {
    const e = await openAnalytics('test/fixtures/sample.db', { engine });
    try {
      const rows = await e.context().warehouse.query('SELECT count(*) AS n, count(source) AS named, typeof(any_value(source)) AS t FROM invocations');
      expect(rows, engine).toEqual([{ n: 2000, named: 0, t: 'VARCHAR' }]);
      // The same rows with a per-row file of origin: codes 0/1 alternate, names as given.
      const cols = e.context().db.readInvocations().columns;
      cols.source = { names: ['alice.db', 'bob.db'], codes: Int32Array.from({ length: cols.length }, (_, i) => i % 2) };
      await e.context().warehouse.loadInvocations(cols);
      const bySource = await e.context().warehouse.query('SELECT source, count(*) AS n FROM invocations GROUP BY source ORDER BY source');
      expect(bySource, engine).toEqual([
        { source: 'alice.db', n: 1000 },
        { source: 'bob.db', n: 1000 },
      ]);
    } finally {
      await e.dispose();
    }
  }
});

it('the native host opens a file through AnalyticsEngine directly', async () => {
  const engine = new AnalyticsEngine(nativeHost);
  try {
    await engine.open(new Uint8Array(readFileSync('test/fixtures/legacy.db')));
    expect(await versionOf(engine)).toMatch(/^v1\.5\./);
    const [{ n }] = await engine.context().warehouse.query<{ n: number }>('SELECT count(*) AS n FROM invocations');
    expect(n).toBe((await engine.info()).invocations);
  } finally {
    await engine.dispose();
  }
});
