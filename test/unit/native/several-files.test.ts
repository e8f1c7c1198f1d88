/**
 * Several files in Node: `openAnalytics([a, b])` names each file by its file name, gives the same
 * answers on native DuckDB and DuckDB-WASM, and `exportParquetFiles([a, b])` writes one dataset
 * whose `source` column tells the files apart and whose hourly SQL answers as the API's warehouse.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { hourlyMetricsSql } from '../../../src/hourly/index.js';
import { inlineParams } from '../../../src/engine/sql-literals.js';
import { exportParquetFiles, openAnalytics } from '../../../src/node/index.js';
import { nativeConnection } from '../../../src/node/native/native-connection.js';
import { loadNodeApi } from '../../../src/node/native/native-host.js';
import { openSqlJs, rowsOf } from '../../suites/sqlite-read.js';

const FILES = ['test/fixtures/sample.db', 'test/fixtures/legacy.db'];
const AS_OF = '2026-11-24T17:00:52.968772Z';

it('opens several paths as one dataset, with the same answers on both warehouses', async () => {
  const [wasm, native] = await Promise.all([openAnalytics(FILES, { engine: 'wasm' }), openAnalytics(FILES, { engine: 'native' })]);
  try {
    const info = await native.info();
    expect(info.sources?.map((s) => [s.name, s.invocations])).toEqual([
      ['sample.db', 2000],
      ['legacy.db', 2000],
    ]);
    expect(info.invocations).toBe(4000);
    for (const call of [
      (e: typeof wasm) => e.timeSeries.aggregateHourlyMetrics({ hours: 168, asOf: AS_OF }),
      (e: typeof wasm) => e.timeSeries.aggregateHourlyMetrics({ hours: 168, asOf: AS_OF, source: 'legacy.db' }),
      (e: typeof wasm) => e.timeSeries.getMultiSkillTrends({ asOf: AS_OF }),
    ]) {
      const [a, b] = await Promise.all([call(wasm), call(native)]);
      expect(b).toEqual(a);
      expect(b).not.toEqual([]);
    }
    const bySource = await native.context().warehouse.query('SELECT source, count(*) AS n FROM invocations GROUP BY source ORDER BY source');
    expect(bySource).toEqual([
      { source: 'legacy.db', n: 2000 },
      { source: 'sample.db', n: 2000 },
    ]);
  } finally {
    await wasm.dispose();
    await native.dispose();
  }
});

it('two files with one name are named by their paths', async () => {
  const engine = await openAnalytics([FILES[0], `./${FILES[0]}`], { engine: 'native' });
  try {
    expect((await engine.info()).sources?.map((s) => s.name)).toEqual([FILES[0], `./${FILES[0]}`]);
  } finally {
    await engine.dispose();
  }
});

it('exports several files as one Parquet dataset with source', async () => {
  const out = mkdtempSync(path.join(tmpdir(), 'sba-parquet-many-'));
  const reader = await nativeConnection(await loadNodeApi(), { allowedDirectories: [out] });
  const engine = await openAnalytics(FILES, { engine: 'wasm' });
  try {
    const result = await exportParquetFiles(FILES, out);
    const sqlite = await Promise.all(FILES.map(async (f) => openSqlJs(readFileSync(f))));
    const count = (t: string) => sqlite.reduce((n, db) => n + rowsOf<{ n: number }>(db, `SELECT count(*) AS n FROM ${t}`)[0].n, 0);
    expect(result.files.map((f) => [f.table, f.rows])).toEqual([
      ['invocations', 4000],
      ['ab_test_configs', count('ab_test_configs')],
      ['ab_test_assignments', count('ab_test_assignments')],
      ['ab_test_outcomes', count('ab_test_outcomes')],
    ]);
    for (const db of sqlite) db.close();
    const file = (t: string) => `'${path.join(out, `${t}.parquet`)}'`;
    await reader.query(`CREATE VIEW invocations AS SELECT * FROM read_parquet(${file('invocations')})`);
    const end = Date.parse('2026-11-24T17:00:53Z') * 1000;
    const params = [end - 168 * 3_600_000_000, end];
    expect(await reader.query(inlineParams(hourlyMetricsSql(false), params))).toEqual(await engine.context().warehouse.query(hourlyMetricsSql(false), params));
    const perFile = await reader.query(`SELECT source, count(*) AS n FROM read_parquet(${file('ab_test_configs')}) GROUP BY source ORDER BY source`);
    expect(perFile.map((r) => r.source)).toEqual(['legacy.db', 'sample.db']);
  } finally {
    await engine.dispose();
    await reader.close();
    rmSync(out, { recursive: true, force: true });
  }
});
