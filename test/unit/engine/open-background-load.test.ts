/**
 * open() answers once the file is read and checked; DuckDB gets the rows behind it. Every query
 * waits for the load of the file open at that moment, and a load that failed is redone by the
 * next query.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { AnalyticsEngine } from '../../../src/analytics/index.js';
import type { WarehouseConnection } from '../../../src/engine/warehouse-connection.js';
import { formatIso } from '../../../src/engine/time.js';
import { nodeHost } from '../../../src/node/host.js';

const sample = () => new Uint8Array(readFileSync('test/fixtures/sample.db'));
const legacy = () => new Uint8Array(readFileSync('test/fixtures/legacy.db'));

/**
 * A real DuckDB whose Arrow inserts wait for `gate`, can be made to fail, name their tables in
 * `tables` and call `reached` as they arrive at the gate.
 */
function gatedHost(state: { gate: Promise<void>; failNext: boolean; inserts: number; tables?: string[]; reached?: () => void }) {
  return {
    ...nodeHost,
    async openWarehouse(): Promise<WarehouseConnection> {
      const real = await nodeHost.openWarehouse();
      return {
        query: (sql, params) => real.query(sql, params),
        columns: (sql, params) => real.columns(sql, params),
        async insertColumns(t, columns, c) {
          state.reached?.();
          await state.gate;
          state.inserts++;
          state.tables?.push(t);
          if (state.failNext) {
            state.failNext = false;
            throw new Error('insert failed (test)');
          }
          return real.insertColumns(t, columns, c);
        },
        close: () => real.close(),
      };
    },
  };
}

it('answers info before the warehouse has the rows; a query waits for them', async () => {
  let release!: () => void;
  const state = { gate: new Promise<void>((r) => (release = r)), failNext: false, inserts: 0 };
  const engine = new AnalyticsEngine(gatedHost(state));
  try {
    const info = await engine.open(sample());
    expect(info.invocations).toBe(2000);
    expect(info.skills).toBe(30);
    expect(info.sessions).toBe(100);
    expect(info.asOf).toBe('2026-11-24T17:00:52.968772Z'); // sqlite3: max(invoked_at)
    expect(state.inserts).toBe(0); // nothing reached DuckDB yet
    const counted = engine.context().warehouse.query<{ n: number }>('SELECT count(*) AS n FROM invocations');
    release();
    expect((await counted)[0].n).toBe(2000);
  } finally {
    release();
    await engine.dispose();
  }
});

it('a query after a second open sees the second file, even while the first still loads', async () => {
  const state = { gate: Promise.resolve(), failNext: false, inserts: 0 };
  const engine = new AnalyticsEngine(gatedHost(state));
  try {
    await engine.open(sample());
    const second = await engine.open(legacy());
    const [{ n, last }] = await engine.context().warehouse.query<{ n: number; last: number }>('SELECT count(*) AS n, max(invoked_at_us) AS last FROM invocations');
    expect(n).toBe(second.invocations);
    expect(formatIso(last)).toBe(second.lastInvocation);
    expect(second.lastInvocation).not.toBe('2026-11-24T17:00:52.968772Z'); // sample.db's
  } finally {
    await engine.dispose();
  }
});

it('a failed load is redone from the file by the next query', async () => {
  const state = { gate: Promise.resolve(), failNext: true, inserts: 0 };
  const engine = new AnalyticsEngine(gatedHost(state));
  try {
    const info = await engine.open(sample());
    expect(info.invocations).toBe(2000);
    const [{ n }] = await engine.context().warehouse.query<{ n: number }>('SELECT count(*) AS n FROM invocations');
    expect(n).toBe(2000);
    expect(state.inserts).toBeGreaterThan(1); // the failed insert, then the reload's
    const trend = await engine.timeSeries.detectTrend('pytest-run', { asOf: '2026-11-24 19:05:46' });
    expect(trend.pValue).toBeCloseTo(0.059170200148162544, 12);
  } finally {
    await engine.dispose();
  }
});

it("an open while the previous file still loads stops that load: only the new file's rows reach DuckDB", async () => {
  let release!: () => void;
  let reached!: () => void;
  const atGate = new Promise<void>((r) => (reached = r));
  const state = { gate: new Promise<void>((r) => (release = r)), failNext: false, inserts: 0, reached };
  const engine = new AnalyticsEngine(gatedHost(state));
  try {
    await engine.open(sample());
    await atGate; // sample.db's load is now held at its first insert
    const second = await engine.open(legacy());
    release();
    const [{ n }] = await engine.context().warehouse.query<{ n: number }>('SELECT count(*) AS n FROM invocations');
    expect(n).toBe(second.invocations);
    // sample.db's 3 dictionary tables (the first was in flight), then legacy.db's 3 and its rows;
    // sample.db's rows never go in (a whole load is 4 inserts).
    expect(state.inserts).toBe(7);
  } finally {
    release();
    await engine.dispose();
  }
});

it('a query waiting for the previous load keeps its answer when another file opens', async () => {
  let release!: () => void;
  const state = { gate: new Promise<void>((r) => (release = r)), failNext: false, inserts: 0 };
  const engine = new AnalyticsEngine(gatedHost(state));
  try {
    await engine.open(sample());
    const first = engine.context().warehouse.query<{ last: number }>('SELECT max(invoked_at_us) AS last FROM invocations');
    const second = engine.open(legacy());
    release();
    expect(formatIso((await first)[0].last)).toBe('2026-11-24T17:00:52.968772Z'); // sample.db's
    const info = await second;
    const [{ last }] = await engine.context().warehouse.query<{ last: number }>('SELECT max(invoked_at_us) AS last FROM invocations');
    expect(formatIso(last)).toBe(info.lastInvocation);
    expect(info.lastInvocation).not.toBe('2026-11-24T17:00:52.968772Z');
    expect(state.inserts).toBe(8); // both loads whole
  } finally {
    release();
    await engine.dispose();
  }
});

it('dispose right after open starts no DuckDB; a dispose while the rows load stops the load; the answer from the cube needs neither', async () => {
  // Disposed before the start's macrotask: DuckDB never starts.
  let starts = 0;
  const counting = {
    ...nodeHost,
    async openWarehouse(): Promise<WarehouseConnection> {
      starts++;
      return nodeHost.openWarehouse();
    },
  };
  const quick = new AnalyticsEngine(counting);
  await quick.open(sample());
  await quick.dispose();
  await new Promise((r) => setTimeout(r, 50)); // the start's timer has run by now
  expect(starts).toBe(0);

  // Disposed while the load waits at an insert: no chunk of rows follows (the three dictionary
  // tables may already be under way; the rows go to invocations_staging).
  let release!: () => void;
  const tables: string[] = [];
  let reached!: () => void;
  const atGate = new Promise<void>((r) => (reached = r));
  const state = { gate: new Promise<void>((r) => (release = r)), failNext: false, inserts: 0, tables, reached };
  const engine = new AnalyticsEngine(gatedHost(state));
  await engine.open(sample());
  const hours = await engine.timeSeries.aggregateHourlyMetrics({ hours: 24 }); // from the cube
  expect(hours.length).toBeGreaterThan(0);
  await atGate;
  const disposed = engine.dispose();
  release();
  await disposed;
  expect(tables.filter((t) => t === 'invocations_staging')).toEqual([]);
});
