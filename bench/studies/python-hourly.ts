/**
 * session-buddy's own path for the hourly aggregate over the whole span (all skills, ~30 days):
 * Python's sqlite3 (`/usr/bin/python3`) running session-buddy's SQL (session-buddy-sql.ts) and
 * fetching every row, beside ours and the engines under it, in one run:
 * - our API: `timeSeries.aggregateHourlyMetrics` (row objects) and `aggregateHourlyMetricsColumns`
 *   (typed arrays), end to end — answered from the hourly cube (src/hourly/cube.ts);
 * - the path before the cube: the warehouse's SQL and rows built from its columns, as
 *   `readHourlyMetrics` did (same rows, checked equal);
 * - the bare DuckDB-WASM query (`warehouse.query` of the engine's SQL, rows as objects);
 * - native DuckDB (@duckdb/node-api, 1 thread and all cores) on the same rows with the same SQL;
 * - sql.js running session-buddy's SQL (what a browser port of session-buddy would do).
 * Python runs in its own process each round (its time is measured inside, around execute+fetchall);
 * the others run in rotating order each round. Medians of `--runs` (default 5); load average printed.
 *   npx tsx bench/studies/python-hourly.ts [--size 100000] [--runs 5]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import initSqlJs from 'sql.js';
import { MICROS_PER_HOUR } from '../../src/engine/time.js';
import { hourlyMetricsFromColumns } from '../../src/hourly/hours.js';
import { hourlyMetricsSql } from '../../src/hourly/sql.js';
import { secondWindow } from '../../src/hourly/window.js';
import { createEngine } from '../../src/node/index.js';
import { benchDataFile } from '../data-files.js';
import { environment, flag, measureInterleaved, saveJson, summarize } from '../harness.js';
import { openNativeWarehouse } from '../native-duckdb.js';
import { sqliteHourlySql, sqliteWindowParams } from '../session-buddy-sql.js';

const runs = Number(flag('runs', '5'));
const file = await benchDataFile(Number(flag('size', '100000')));
const bytes = new Uint8Array(readFileSync(file));
const engine = createEngine();
const info = await engine.open(bytes, { cache: false }); // never writes to ~/.cache
const ctx = engine.context();
const asOf = ctx.defaultAsOfMicros!;
const hours = Math.ceil((asOf - Date.parse(info.firstInvocation!) * 1000) / 3.6e9) + 1;
const w = secondWindow(asOf, hours * MICROS_PER_HOUR);
const [a, b] = sqliteWindowParams(asOf, `-${hours} hours`);
const { columns } = ctx.db.readInvocations();
const native1 = await openNativeWarehouse(columns, 1);
const native = await openNativeWarehouse(columns);
const SQL = await initSqlJs();
const sqlite = new SQL.Database(bytes);
const sqljs = () => {
  const stmt = sqlite.prepare(sqliteHourlySql(), [a, b]);
  const rows: unknown[] = [];
  while (stmt.step()) rows.push(stmt.get());
  stmt.free();
  return rows;
};
const duckSql = hourlyMetricsSql(false);
const params = [w.startMicros, w.endMicros];
// Older builds (before/after runs) may not have the columnar call.
const ts = engine.timeSeries as typeof engine.timeSeries & { aggregateHourlyMetricsColumns?: (o: object) => Promise<{ skillNames: string[] }> };
const contestants: [string, () => Promise<number> | number][] = [
  ['our API, rows (aggregateHourlyMetrics)', async () => (await engine.timeSeries.aggregateHourlyMetrics({ hours, asOf: info.asOf! })).length],
  ...(ts.aggregateHourlyMetricsColumns
    ? [
        ['our API, columns (aggregateHourlyMetricsColumns)', async () => (await ts.aggregateHourlyMetricsColumns!({ hours, asOf: info.asOf! })).skillNames.length] as [
          string,
          () => Promise<number>,
        ],
      ]
    : []),
  ['before the cube: warehouse SQL → rows (DuckDB-WASM)', async () => hourlyMetricsFromColumns(await ctx.warehouse.columns(duckSql, params)).length],
  ['bare DuckDB-WASM query (rows)', async () => (await ctx.warehouse.query(duckSql, params)).length],
  ['native DuckDB, 1 thread', async () => (await native1.query(duckSql, params)).length],
  ['native DuckDB, all cores', async () => (await native.query(duckSql, params)).length],
  ['sql.js, session-buddy SQL', () => sqljs().length],
];
const counts = await Promise.all(contestants.map(async ([, f]) => f()));
// The cube's rows are the SQL's rows, value for value.
const viaCube = await engine.timeSeries.aggregateHourlyMetrics({ hours, asOf: info.asOf! });
const viaSql = hourlyMetricsFromColumns(await ctx.warehouse.columns(duckSql, params));
if (JSON.stringify(viaCube) !== JSON.stringify(viaSql)) throw new Error('the cube and the SQL disagree');
const script = `import sqlite3, time, sys
c = sqlite3.connect(sys.argv[1])
t = time.perf_counter()
rows = c.execute(sys.argv[2], (sys.argv[3], sys.argv[4])).fetchall()
print((time.perf_counter() - t) * 1000, len(rows))`;
const python: number[] = [];
let pyRows = 0;
const load: number[] = [];
const timings = await measureInterleaved(
  [
    ...contestants,
    [
      'Python sqlite3, session-buddy SQL (execute + fetchall)',
      () => {
        const [ms, n] = execFileSync('/usr/bin/python3', ['-c', script, file, sqliteHourlySql(), a, b]).toString().trim().split(' ').map(Number);
        python.push(ms);
        pyRows = n;
        load.push(os.loadavg()[0]);
      },
    ],
  ],
  { runs },
);
// Python's own clock (inside its process) replaces the wall time that includes starting Python.
const py = summarize(python);
timings[timings.length - 1] = { ...timings[timings.length - 1], runs: python, ...py, cpuMedian: undefined };
if (new Set([...counts, pyRows]).size !== 1) throw new Error(`row counts differ: ${JSON.stringify([...counts, pyRows])}`);
native.close();
native1.close();
sqlite.close();
await engine.dispose();
console.log(`\n### Hourly aggregate, all skills, whole span: ${file} (${hours} h, ${pyRows} rows), median of ${runs}, load average ${summarize(load).median.toFixed(1)} (1 min)\n`);
console.log('| contestant | median ms | min | max | Python ÷ this | this ÷ bare DuckDB-WASM |\n|---|---:|---:|---:|---:|---:|');
const bare = timings.find((t) => t.name.startsWith('bare'))!.median;
for (const t of timings)
  console.log(`| ${t.name} | ${t.median.toFixed(1)} | ${t.min.toFixed(1)} | ${t.max.toFixed(1)} | ${(py.median / t.median).toFixed(2)}× | ${(t.median / bare).toFixed(2)} |`);
console.log(`\nsaved ${await saveJson('python-hourly', { environment: environment(), file, hours, rows: pyRows, runs, timings })}`);
