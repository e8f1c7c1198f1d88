/**
 * Parquet out: `exportParquetFiles` writes invocations (with `source`) and the A/B tables; read back
 * with native DuckDB, the Parquet files give exactly the hourly and trend answers the API gives on
 * the same file, and the A/B rows equal SQLite's (read with sql.js, independently of the engine).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inlineParams } from '../../../src/engine/sql-literals.js';
import type { WarehouseConnection } from '../../../src/engine/warehouse-connection.js';
import { dailySeriesSql, hourlyMetricsSql } from '../../../src/hourly/index.js';
import { exportParquetFiles, openAnalytics } from '../../../src/node/index.js';
import { nativeConnection } from '../../../src/node/native/native-connection.js';
import { loadNodeApi } from '../../../src/node/native/native-host.js';
import { openNode } from '../../../src/node/open-node.js';
import { openSqlJs, rowsOf } from '../../suites/sqlite-read.js';

const SAMPLE = 'test/fixtures/sample.db';
const AS_OF = '2026-11-24T17:00:52.968772Z'; // max(invoked_at) of sample.db (sqlite3)
const END_US = Date.parse('2026-11-24T17:00:53Z') * 1000; // the window ends after asOf's second
const out = mkdtempSync(path.join(tmpdir(), 'sba-parquet-'));
let reader: WarehouseConnection;
const parquet = (table: string) => `'${path.join(out, `${table}.parquet`)}'`;

beforeAll(async () => {
  const result = await exportParquetFiles(SAMPLE, out);
  expect(result.files.map((f) => [f.table, f.rows])).toEqual([
    ['invocations', 2000],
    ['ab_test_configs', 2],
    ['ab_test_assignments', 1200],
    ['ab_test_outcomes', 6007],
  ]);
  // A DuckDB of its own that knows nothing of the engine: only the Parquet files.
  reader = await nativeConnection(await loadNodeApi(), { allowedDirectories: [out] });
  await reader.query(`CREATE VIEW invocations AS SELECT * FROM read_parquet(${parquet('invocations')})`);
});
afterAll(async () => {
  await reader?.close();
  rmSync(out, { recursive: true, force: true });
});

it('writes the invocations with their SQL types and a source column (NULL for one file)', async () => {
  const schema = await reader.query(`SELECT column_name AS c, column_type AS t FROM (DESCRIBE SELECT * FROM read_parquet(${parquet('invocations')}))`);
  expect(schema).toEqual([
    { c: 'id', t: 'BIGINT' },
    { c: 'skill_name', t: 'VARCHAR' },
    { c: 'invoked_at', t: 'TIMESTAMP' },
    { c: 'invoked_at_us', t: 'BIGINT' },
    { c: 'session_id', t: 'VARCHAR' },
    { c: 'workflow_phase', t: 'VARCHAR' },
    { c: 'completed', t: 'INTEGER' },
    { c: 'duration_seconds', t: 'DOUBLE' },
    { c: 'source', t: 'VARCHAR' },
  ]);
  const file = await openSqlJs(readFileSync(SAMPLE));
  try {
    // sqlite3 on the fixture: count, completed, sessions, known durations, and their sum
    const [expected] = rowsOf<Record<string, number>>(
      file,
      'SELECT count(*) AS n, sum(completed) AS done, count(DISTINCT session_id) AS sessions, count(duration_seconds) AS durations, sum(duration_seconds) AS total FROM skill_invocation',
    );
    const [ours] = await reader.query(
      'SELECT count(*) AS n, sum(completed) AS done, count(DISTINCT session_id) AS sessions, count(duration_seconds) AS durations, sum(duration_seconds) AS total, count(source) AS named FROM invocations',
    );
    expect(ours).toEqual({ ...expected, total: expect.closeTo(expected.total, 6), named: 0 });
  } finally {
    file.close();
  }
});

it('the hourly and daily SQL over the Parquet file answer exactly as the warehouse of the API', async () => {
  const engine = await openAnalytics(SAMPLE, { engine: 'wasm' });
  try {
    for (const [sql, params] of [
      [hourlyMetricsSql(false), [END_US - 168 * 3_600_000_000, END_US]],
      [hourlyMetricsSql(true), [END_US - 720 * 3_600_000_000, END_US, 'pytest-run']],
      [dailySeriesSql('one'), [END_US - 7 * 86_400_000_000, END_US, 'pytest-run']],
      [dailySeriesSql('qualifying'), [END_US - 7 * 86_400_000_000, END_US, 10]],
    ] as const) {
      const api = await engine.context().warehouse.query(sql, [...params]);
      const fromParquet = await reader.query(inlineParams(sql, [...params]));
      expect(api.length).toBeGreaterThan(0);
      expect(fromParquet).toEqual(api);
    }
  } finally {
    await engine.dispose();
  }
});

it('the API on the Parquet rows gives the same hourly metrics and trends as on the file', async () => {
  const reference = await openAnalytics(SAMPLE, { engine: 'wasm' });
  // The same file on native DuckDB, its invocations replaced by the Parquet file's rows.
  const engine = await openNode(SAMPLE, { engine: 'native' }, { allowedDirectories: [out] });
  try {
    const warehouse = engine.context().warehouse;
    await warehouse.query('DROP TABLE invocations');
    await warehouse.query(`CREATE TABLE invocations AS SELECT * FROM read_parquet(${parquet('invocations')})`);
    const hourly = { hours: 168, asOf: AS_OF };
    expect(await engine.timeSeries.aggregateHourlyMetrics(hourly)).toEqual(await reference.timeSeries.aggregateHourlyMetrics(hourly));
    const trend = await engine.timeSeries.detectTrend('pytest-run', { asOf: '2026-11-24 19:05:46' });
    expect(trend).toEqual(await reference.timeSeries.detectTrend('pytest-run', { asOf: '2026-11-24 19:05:46' }));
    expect(trend.pValue).toBeCloseTo(0.059170200148162544, 12); // the golden parity value (session-buddy)
    expect(await engine.timeSeries.getMultiSkillTrends({ asOf: AS_OF })).toEqual(await reference.timeSeries.getMultiSkillTrends({ asOf: AS_OF }));
  } finally {
    await engine.dispose();
    await reference.dispose();
  }
});

it('writes the A/B tables row for row as SQLite holds them', async () => {
  const file = await openSqlJs(readFileSync(SAMPLE));
  try {
    for (const [table, order] of [
      ['ab_test_configs', 'test_id'],
      ['ab_test_assignments', 'assignment_id'],
      ['ab_test_outcomes', 'outcome_id'],
    ] as const) {
      const expected = rowsOf<Record<string, unknown>>(file, `SELECT * FROM ${table} ORDER BY ${order}`).map((r) => ({ ...r, source: null }));
      const ours = await reader.query(`SELECT * FROM read_parquet(${parquet(table)}) ORDER BY ${order}`);
      expect(ours.length).toBe(expected.length);
      expect(ours).toEqual(expected);
    }
    // SQLite's affinities become Parquet types: INTEGER / BOOLEAN → BIGINT, REAL → DOUBLE, TEXT → VARCHAR
    const types = await reader.query(`SELECT column_name AS c, column_type AS t FROM (DESCRIBE SELECT * FROM read_parquet(${parquet('ab_test_outcomes')}))`);
    expect(Object.fromEntries(types.map((r) => [r.c, r.t]))).toEqual({
      outcome_id: 'BIGINT',
      test_id: 'BIGINT',
      user_id: 'VARCHAR',
      skill_name: 'VARCHAR',
      completed: 'BIGINT',
      duration_seconds: 'DOUBLE',
      user_rating: 'DOUBLE',
      recorded_at: 'VARCHAR',
      source: 'VARCHAR',
    });
  } finally {
    file.close();
  }
});

it('refuses the WASM engine with NATIVE_UNAVAILABLE', async () => {
  await expect(exportParquetFiles(SAMPLE, out, { engine: 'wasm' })).rejects.toMatchObject({ code: 'NATIVE_UNAVAILABLE' });
});
