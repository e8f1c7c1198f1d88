/**
 * Time-series aggregation on three engines in one run, on generated skills.db files:
 * - DuckDB-WASM through our Warehouse (the engine's own SQL from src/time-series/sql.ts),
 * - native DuckDB (@duckdb/node-api; same SQL, same rows; all cores and 1 thread),
 * - sql.js on the same file with session-buddy's SQLite SQL (strftime / DATE buckets),
 * plus the engine API end to end (query + result rows / trend statistics).
 *
 *   npx tsx bench/time-series.bench.ts [--sizes 100000,1000000] [--runs 5]
 *   node --expose-gc --import tsx bench/time-series.bench.ts   (collects garbage before each timed run)
 *
 * Files come from bench/data/skills-100k.db, skills-1m.db, ... (generated with seed 1, 30 days when missing).
 * Prints markdown tables and saves JSON to bench/out/time-series.json.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import initSqlJs from 'sql.js';
import { formatIso, MICROS_PER_DAY, MICROS_PER_HOUR } from '../src/engine/time.js';
import { openAnalytics } from '../src/node/index.js';
import { dailySeriesSql, hourlyMetricsSql } from '../src/hourly/sql.js';
import { secondWindow } from '../src/hourly/window.js';
import { generateSkillsDb } from './generators/generate-skills-db.js';
import { compareTable, environment, flag, measureInterleaved, ms, saveJson } from './harness.js';
import { openNativeWarehouse } from './native-duckdb.js';
import { sqliteDailySql, sqliteHourlySql, sqliteWindowParams } from './session-buddy-sql.js';

const MIN_INVOCATIONS = 10;

const sizes = flag('sizes', '100000,1000000').split(',').map(Number);
const runs = Number(flag('runs', '5'));

/** 100000 → '100k', 1000000 → '1m' (the names bench/README.md uses). */
function sizeLabel(n: number): string {
  return n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}m` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n);
}

async function loadFile(n: number): Promise<{ file: string; bytes: Uint8Array; generatedMs: number | null }> {
  const file = `bench/data/skills-${sizeLabel(n)}.db`;
  if (existsSync(file)) return { file, bytes: new Uint8Array(await readFile(file)), generatedMs: null };
  const t0 = performance.now();
  const bytes = await generateSkillsDb({ n, days: 30, seed: 1 });
  const generatedMs = performance.now() - t0;
  await mkdir('bench/data', { recursive: true });
  await writeFile(file, bytes);
  return { file, bytes, generatedMs };
}

/** Group count and total invocations: every contestant of a query must agree on both. */
function fingerprint(rows: Record<string, unknown>[]): string {
  return `${rows.length} groups, ${rows.reduce((a, r) => a + Number(r.invocation_count), 0)} invocations`;
}

interface QueryCase {
  id: string;
  what: string;
  duckSql: string;
  duckParams: unknown[];
  sqliteSql: string;
  sqliteParams: (string | number)[];
  api: () => Promise<unknown>;
}

const results: Record<string, unknown>[] = [];
const markdown: string[] = [];
const targets: string[] = [];
const SQL = await initSqlJs();

for (const n of sizes) {
  const { file, bytes, generatedMs } = await loadFile(n);
  const label = sizeLabel(n).toUpperCase();
  console.error(`${label}: ${file} (${(bytes.byteLength / 1e6).toFixed(0)} MB)${generatedMs ? `, generated in ${ms(generatedMs)} ms` : ''}`);
  let t0 = performance.now();
  const engine = await openAnalytics(bytes);
  const openMs = performance.now() - t0;
  const ctx = engine.context();
  t0 = performance.now();
  const sqlite = new SQL.Database(bytes);
  const sqliteOpenMs = performance.now() - t0;
  const { columns } = ctx.db.readInvocations();
  t0 = performance.now();
  const native = await openNativeWarehouse(columns);
  const nativeLoadMs = performance.now() - t0;
  const native1 = await openNativeWarehouse(columns, 1);
  const asOf = ctx.defaultAsOfMicros!;
  const spanHours = Math.ceil((asOf - Date.parse(ctx.info.firstInvocation!) * 1000) / MICROS_PER_HOUR) + 1;
  const w168 = secondWindow(asOf, 168 * MICROS_PER_HOUR);
  const wSpan = secondWindow(asOf, spanHours * MICROS_PER_HOUR);
  const w7d = secondWindow(asOf, 7 * MICROS_PER_DAY);
  const cases: QueryCase[] = [
    {
      id: 'hourly-168h',
      what: 'hourly aggregation, all skills, last 168 h',
      duckSql: hourlyMetricsSql(false),
      duckParams: [w168.startMicros, w168.endMicros],
      sqliteSql: sqliteHourlySql(),
      sqliteParams: sqliteWindowParams(asOf, `-168 hours`),
      api: () => engine.timeSeries.aggregateHourlyMetrics({ hours: 168 }),
    },
    {
      id: 'hourly-span',
      what: `hourly aggregation, all skills, whole span (${spanHours} h)`,
      duckSql: hourlyMetricsSql(false),
      duckParams: [wSpan.startMicros, wSpan.endMicros],
      sqliteSql: sqliteHourlySql(),
      sqliteParams: sqliteWindowParams(asOf, `-${spanHours} hours`),
      api: () => engine.timeSeries.aggregateHourlyMetrics({ hours: spanHours }),
    },
    {
      id: 'daily-7d',
      what: `7-day daily aggregates, all skills with ≥ ${MIN_INVOCATIONS} invocations (trend inputs)`,
      duckSql: dailySeriesSql('qualifying'),
      duckParams: [w7d.startMicros, w7d.endMicros, MIN_INVOCATIONS],
      sqliteSql: sqliteDailySql(),
      sqliteParams: [...sqliteWindowParams(asOf, '-7 days'), MIN_INVOCATIONS],
      api: () => engine.timeSeries.getMultiSkillTrends({ windowDays: 7, minInvocations: MIN_INVOCATIONS }),
    },
  ];
  const sqliteAll = (sql: string, params: (string | number)[]) => {
    const stmt = sqlite.prepare(sql, params);
    const rows: Record<string, unknown>[] = [];
    while (stmt.step()) rows.push(stmt.getAsObject());
    stmt.free();
    return rows;
  };
  for (const q of cases) {
    const queries: [string, () => Promise<Record<string, unknown>[]> | Record<string, unknown>[]][] = [
      ['DuckDB-WASM (Warehouse)', () => ctx.warehouse.query(q.duckSql, q.duckParams)],
      ['native DuckDB', () => native.query(q.duckSql, q.duckParams)],
      ['native DuckDB, 1 thread', () => native1.query(q.duckSql, q.duckParams)],
      ['sql.js (session-buddy SQL)', () => sqliteAll(q.sqliteSql, q.sqliteParams)],
    ];
    const prints = await Promise.all(queries.map(async ([name, fn]) => [name, fingerprint(await fn())]));
    if (new Set(prints.map((p) => p[1])).size !== 1) throw new Error(`${label} ${q.id}: engines disagree: ${JSON.stringify(prints)}`);
    const timings = await measureInterleaved([...queries, ['engine API end to end (DuckDB-WASM)', q.api]], { runs });
    const title = `${label} invocations: ${q.what} — ${prints[0][1]}`;
    markdown.push(compareTable(title, timings, 'DuckDB-WASM (Warehouse)'));
    console.log(`${markdown[markdown.length - 1]}\n`);
    // The same aggregation reduced to one row inside each engine: engine time without moving rows to JS.
    const reduced = (sql: string) => `SELECT count(*) AS invocation_count, sum(invocation_count) AS c, sum(completion_rate) AS r,
      sum(avg_duration_seconds) AS d, sum(unique_sessions) AS s FROM (${sql}) AS t`;
    const engineOnly = await measureInterleaved(
      [
        ['DuckDB-WASM', () => ctx.warehouse.query(reduced(q.duckSql), q.duckParams)],
        ['native DuckDB', () => native.query(reduced(q.duckSql), q.duckParams)],
        ['native DuckDB, 1 thread', () => native1.query(reduced(q.duckSql), q.duckParams)],
        ['sql.js', () => sqliteAll(reduced(q.sqliteSql), q.sqliteParams)],
      ],
      { runs },
    );
    markdown.push(compareTable(`${title} — reduced to one row in the engine (no result rows to JS)`, engineOnly, 'DuckDB-WASM'));
    console.log(`${markdown[markdown.length - 1]}\n`);
    results.push({ size: n, query: q.id, what: q.what, check: prints[0][1], timings, engineOnly });
    if (n === Math.max(...sizes)) {
      const [wasm, nat, , sqljs, api] = timings;
      const [wasmOnly, natOnly] = engineOnly;
      targets.push(
        `${label} ${q.id}: WASM/native ${(wasm.median / nat.median).toFixed(2)}× with rows, ${(wasmOnly.median / natOnly.median).toFixed(2)}× engine only (target ≤ 2.5: ${Math.max(wasm.median / nat.median, wasmOnly.median / natOnly.median) <= 2.5 ? 'met' : 'MISSED'}), ` +
          `sql.js/WASM ${(sqljs.median / wasm.median).toFixed(1)}× (target ≥ 10: ${sqljs.median / wasm.median >= 10 ? 'met' : 'MISSED'})` +
          (q.id.startsWith('hourly') ? `, hourly query ${ms(wasm.median)} ms / API ${ms(api.median)} ms (target < 300: ${api.median < 300 ? 'met' : 'MISSED'})` : ''),
      );
    }
  }
  results.push({ size: n, setup: { file, bytes: bytes.byteLength, generatedMs, openAnalyticsMs: openMs, sqliteOpenMs, nativeLoadMs, asOf: formatIso(asOf), spanHours } });
  console.error(`${label}: openAnalytics ${ms(openMs)} ms, sql.js open ${ms(sqliteOpenMs)} ms, native load ${ms(nativeLoadMs)} ms`);
  native.close();
  native1.close();
  sqlite.close();
  await engine.dispose();
}

console.log(`**Targets**\n\n${targets.map((t) => `- ${t}`).join('\n')}`);
const saved = await saveJson('time-series', {
  environment: environment(),
  runs,
  gcBetweenRuns: typeof (globalThis as { gc?: unknown }).gc === 'function',
  results,
  targets,
  markdown,
});
console.error(`saved ${saved}`);
