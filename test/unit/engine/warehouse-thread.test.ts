/**
 * Node's DuckDB-WASM on its own thread (src/node/warehouse-thread.ts): answers, errors and their
 * codes cross it; the caller's arrays stay theirs; a thread that ends costs a query, not the engine.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { AnalyticsEngine } from '../../../src/analytics/index.js';
import { AnalyticsError } from '../../../src/engine/errors.js';
import { openDuckdbWasm } from '../../../src/node/duckdb-wasm-node.js';
import { openWarehouseOnThread, stopWarehouseThread } from '../../../src/node/warehouse-thread.js';
import { nodeHost } from '../../../src/node/host.js';

describe('a connection on the warehouse thread', async () => {
  const conn = await openWarehouseOnThread();
  afterAll(() => conn.close());

  it('answers rows and columns; the insert leaves the caller its arrays', async () => {
    const values = Float64Array.of(0, 1.5, 2.5, NaN, 9);
    const view = values.subarray(1, 4); // as the warehouse loads: views of the dataset's columns
    await conn.insertColumns(
      't',
      [
        { name: 'x', type: 'DOUBLE', values: view },
        { name: 'n', type: 'INTEGER', values: Int32Array.of(7, 8, 9) },
        { name: 's', type: 'VARCHAR', values: ["O'Brien", null, 'é'] },
      ],
      true,
    );
    expect(view.length).toBe(3); // not detached
    expect(values[4]).toBe(9);
    expect(await conn.query('SELECT n, s, x FROM t WHERE n >= $1 ORDER BY n', [8])).toEqual([
      { n: 8, s: null, x: 2.5 },
      { n: 9, s: 'é', x: NaN }, // NaN stays NaN (the loading SQL maps it to NULL where it means NULL)
    ]);
    // Several numeric columns of one Arrow message each arrive as their own array.
    const cols = await conn.columns('SELECT n * 2 AS a, x AS b, s FROM t ORDER BY n');
    expect(Array.from(cols.a as Float64Array)).toEqual([14, 16, 18]);
    expect(Array.from(cols.b as Float64Array)).toEqual([1.5, 2.5, NaN]);
    expect(cols.s).toEqual(["O'Brien", null, 'é']);
  });

  it('keeps error codes: DuckDB errors are INTERNAL with its message, a bad parameter INVALID_ARGUMENT', async () => {
    const bad = await conn.query('SELECT nope').catch((e) => e);
    expect(bad).toBeInstanceOf(AnalyticsError);
    expect(bad.code).toBe('INTERNAL');
    expect(bad.message).toMatch(/warehouse query failed: Binder Error: .*"nope"/);
    const nul = await conn.query('SELECT $1 AS v', ['a\u0000b']).catch((e) => e);
    expect(nul.code).toBe('INVALID_ARGUMENT');
    expect(conn.broken).toBe(false);
    expect(await conn.query('SELECT 42 AS n')).toEqual([{ n: 42 }]); // still answers
  });
});

it('a thread that ends fails what waits on it, and the engine answers again from a new DuckDB', async () => {
  const engine = new AnalyticsEngine({ ...nodeHost, openCache: () => null });
  try {
    await engine.open(new Uint8Array(readFileSync('test/fixtures/sample.db')));
    const warehouse = engine.context().warehouse;
    expect(await warehouse.query('SELECT count(*) AS n FROM invocations')).toEqual([{ n: 2000 }]);
    const other = await openWarehouseOnThread();
    const waiting = other.query('SELECT count(*) AS n FROM range(100000000)'); // posted as it is called
    stopWarehouseThread();
    await expect(waiting).rejects.toMatchObject({ code: 'INTERNAL', message: /the warehouse thread stopped/ });
    expect(other.broken).toBe(true);
    await other.close(); // nothing left to close: no error
    expect(await warehouse.query('SELECT count(*) AS n FROM invocations')).toEqual([{ n: 2000 }]);
    const trend = await engine.timeSeries.detectTrend('pytest-run', { asOf: '2026-11-24 19:05:46' });
    expect(trend.pValue).toBeCloseTo(0.059170200148162544, 12);
  } finally {
    await engine.dispose();
  }
});

it("no DuckDB-WASM instance is held by this thread's globals; one closed on its thread is released from them", async () => {
  const global = globalThis as { DUCKDB_BINDINGS?: unknown };
  const engine = new AnalyticsEngine({ ...nodeHost, openCache: () => null });
  await engine.open(new Uint8Array(readFileSync('test/fixtures/sample.db')));
  await engine.context().warehouse.query('SELECT 1');
  expect(global.DUCKDB_BINDINGS).toBeUndefined(); // the instance lives on the warehouse thread
  await engine.dispose();
  // On the thread that runs it (the warehouse thread; the browser's worker), closing lets it go:
  // DuckDB-WASM's blocking build keeps the last instance in a global, which kept every full GC ~50 ms slower.
  const here = await openDuckdbWasm();
  await here.query('SELECT 1');
  expect(global.DUCKDB_BINDINGS).toBeDefined();
  await here.close();
  expect(global.DUCKDB_BINDINGS).toBeUndefined();
});
