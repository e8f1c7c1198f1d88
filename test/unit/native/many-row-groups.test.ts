/**
 * Beyond one DuckDB row group (122,880 rows) native DuckDB aggregates in parallel. Measured here
 * on 300,000 generated invocations loaded as plain columns (not read by sql.js: the warehouse's load
 * is generic): single-threaded native DuckDB answers bit for bit as DuckDB-WASM; multi-threaded,
 * counts and labels are exact and floating-point averages differ only by the order of their
 * partial sums (under 1e-13 relative).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { InvocationColumns } from '../../../src/engine/SkillsDatabase.js';
import { Warehouse } from '../../../src/engine/Warehouse.js';
import { dailySeriesSql, hourlyMetricsSql } from '../../../src/hourly/index.js';
import { nodeHost } from '../../../src/node/host.js';
import { createNativeHost } from '../../../src/node/native/native-host.js';

const N = 300_000;
const DAY_US = 86_400_000_000;
const START_US = Date.UTC(2026, 10, 1) * 1000;

/** Deterministic invocations (xorshift32): 25 skills, 4,000 sessions, 30 days, 1 in 9 durations unknown. */
function generated(): InvocationColumns {
  let s = 2463534242;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  const skills = Array.from({ length: 25 }, (_, i) => `skill-${i}`);
  const cols: InvocationColumns = {
    length: N,
    id: new Float64Array(N),
    skillName: new Array(N),
    invokedAt: new Float64Array(N),
    sessionId: new Array(N),
    workflowPhase: new Array(N),
    completed: new Uint8Array(N),
    durationSeconds: new Float64Array(N),
  };
  for (let i = 0; i < N; i++) {
    cols.id[i] = i + 1;
    cols.skillName[i] = skills[Math.floor(next() ** 2 * skills.length)];
    cols.invokedAt[i] = START_US + Math.floor(next() * 30 * DAY_US);
    cols.sessionId[i] = `session-${Math.floor(next() * 4000)}`;
    cols.workflowPhase[i] = next() < 0.2 ? null : 'execution';
    cols.completed[i] = next() < 0.7 ? 1 : 0;
    cols.durationSeconds[i] = next() < 1 / 9 ? NaN : next() * 300 + next() / 7;
  }
  return cols;
}

const warehouses: Record<'wasm' | 'native1' | 'native4', Warehouse> = {
  wasm: new Warehouse(() => nodeHost.openWarehouse()),
  native1: new Warehouse(() => createNativeHost({ threads: 1 }).openWarehouse()),
  native4: new Warehouse(() => createNativeHost({ threads: 4 }).openWarehouse()),
};
const QUERIES: [string, unknown[]][] = [
  [hourlyMetricsSql(false), [START_US, START_US + 30 * DAY_US]],
  [dailySeriesSql('qualifying'), [START_US, START_US + 30 * DAY_US, 10]],
];

beforeAll(async () => {
  const cols = generated();
  for (const w of Object.values(warehouses)) await w.loadInvocations(cols);
}, 120_000);
afterAll(async () => {
  for (const w of Object.values(warehouses)) await w.close();
});

it('holds every row, in more than one row group', async () => {
  for (const w of Object.values(warehouses))
    expect(await w.query('SELECT count(*) AS n, count(duration_seconds) AS d, sum(completed) AS c FROM invocations')).toEqual(
      await warehouses.wasm.query('SELECT count(*) AS n, count(duration_seconds) AS d, sum(completed) AS c FROM invocations'),
    );
  const [{ groups }] = await warehouses.native1.query("SELECT count(DISTINCT row_group_id) AS groups FROM pragma_storage_info('invocations')");
  expect(groups).toBeGreaterThan(1);
});

it('single-threaded native DuckDB answers bit for bit as DuckDB-WASM', async () => {
  for (const [sql, params] of QUERIES) {
    const wasm = await warehouses.wasm.query(sql, params);
    expect(wasm.length).toBeGreaterThan(100);
    expect(await warehouses.native1.query(sql, params)).toEqual(wasm);
  }
});

it('multi-threaded: counts exact, averages within 1e-13 relative', async () => {
  for (const [sql, params] of QUERIES) {
    const wasm = await warehouses.wasm.query(sql, params);
    const native = await warehouses.native4.query(sql, params);
    expect(native.length).toBe(wasm.length);
    native.forEach((row, i) => {
      for (const [k, v] of Object.entries(wasm[i])) {
        if (k === 'avg_duration_seconds' || k === 'completion_rate') {
          expect(Math.abs((row[k] as number) - (v as number))).toBeLessThanOrEqual(1e-13 * Math.abs(v as number));
        } else expect(row[k], k).toBe(v);
      }
    });
  }
});
