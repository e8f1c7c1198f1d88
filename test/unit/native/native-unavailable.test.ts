/**
 * Without @duckdb/node-api (an optional peer dependency): `engine: 'native'` and Parquet export end
 * in NATIVE_UNAVAILABLE naming the package; `auto` falls back to DuckDB-WASM at any size.
 */
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { expect, it, vi } from 'vitest';
import { exportParquetFiles, openAnalytics } from '../../../src/node/index.js';
import { AnalyticsEngine } from '../../../src/analytics/index.js';
import { duckdbMemoryLimit } from '../../../src/engine/memory-limit.js';
import { hostForInput } from '../../../src/node/native/engine-choice.js';

vi.mock('@duckdb/node-api', () => {
  throw new Error("Cannot find package '@duckdb/node-api'");
});

it('engine native: NATIVE_UNAVAILABLE, with how to install it', async () => {
  const failure = openAnalytics('test/fixtures/sample.db', { engine: 'native' });
  await expect(failure).rejects.toMatchObject({ code: 'NATIVE_UNAVAILABLE' });
  await expect(failure).rejects.toThrow(/npm install @duckdb\/node-api/);
});

it('auto falls back to DuckDB-WASM even above the native threshold', async () => {
  const engine = new AnalyticsEngine(await hostForInput('auto', 2 ** 40));
  try {
    await engine.open(new Uint8Array(readFileSync('test/fixtures/sample.db')));
    const [{ v, limit }] = await engine.context().warehouse.query<{ v: string; limit: string }>("SELECT version() AS v, current_setting('memory_limit') AS limit");
    expect(v).toMatch(/^v1\.4\./);
    // The limit a wasm host gets (a quarter of os.totalmem, at most 3 GiB; DuckDB prints it in GiB/MiB with one decimal).
    const mib = Number(duckdbMemoryLimit(totalmem())!.replace('MiB', ''));
    expect(limit).toBe(mib >= 1024 ? `${(mib / 1024).toFixed(1)} GiB` : `${mib}.0 MiB`);
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
