/**
 * Without @duckdb/node-api (an optional peer dependency): `engine: 'native'` and Parquet export end
 * in NATIVE_UNAVAILABLE naming the package; `auto` falls back to DuckDB-WASM at any size.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it, vi } from 'vitest';
import { exportParquetFiles, openAnalytics } from '../../../src/node/index.js';
import { resolveEngine } from '../../../src/node/native/engine-choice.js';

vi.mock('@duckdb/node-api', () => {
  throw new Error("Cannot find package '@duckdb/node-api'");
});

it('engine native: NATIVE_UNAVAILABLE, with how to install it', async () => {
  const failure = openAnalytics('test/fixtures/sample.db', { engine: 'native' });
  await expect(failure).rejects.toMatchObject({ code: 'NATIVE_UNAVAILABLE' });
  await expect(failure).rejects.toThrow(/npm install @duckdb\/node-api/);
});

it('auto falls back to DuckDB-WASM even above the native threshold', async () => {
  expect(await resolveEngine('auto', 2 ** 40)).toBe('wasm');
  const engine = await openAnalytics('test/fixtures/sample.db');
  try {
    expect((await engine.info()).invocations).toBe(2000);
  } finally {
    await engine.dispose();
  }
});

it('Parquet export: NATIVE_UNAVAILABLE, and no output folder is created', async () => {
  const out = path.join(tmpdir(), `sba-never-written-${process.pid}`);
  await expect(exportParquetFiles('test/fixtures/sample.db', out)).rejects.toMatchObject({ code: 'NATIVE_UNAVAILABLE' });
  expect(existsSync(out)).toBe(false);
});
