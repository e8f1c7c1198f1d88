/**
 * Native DuckDB (@duckdb/node-api) vs DuckDB-WASM as the engine's warehouse in Node, end to end
 * through the API:
 *   node --expose-gc --import tsx bench/studies/native-vs-wasm.ts [--runs 5] [--sizes 100000,1000000] [--threads 1]
 *   node --expose-gc --max-old-space-size=12000 --import tsx bench/studies/native-vs-wasm.ts --large bench/data/skills-10x1m.db
 *
 * Per file and engine, each round opens the file's bytes (already in memory) in a NEW engine and
 * times: `open()` answering, all rows in the warehouse (the first query waits for the background
 * load), then hourly metrics of every skill over the last 30 days (720 h) through the API. Then,
 * on one open engine per warehouse, the warm queries: hourly 168 h and 720 h, every skill's 7-day
 * trend (getMultiSkillTrends). Rounds alternate which engine goes first. Medians, ratios
 * native / wasm side by side; JSON in bench/out/native-vs-wasm.json.
 *
 * `--large FILE`: a file too big for sql.js is read page by page (src/node/read-large-database.ts),
 * and its columns (not from sql.js) are loaded into a bare native Warehouse; hourly SQL then runs on
 * it. DuckDB-WASM is tried on the same columns and its failure, if any, recorded.
 */
import { readFileSync, statSync } from 'node:fs';
import type { AnalyticsEngine } from '../../src/analytics/AnalyticsEngine.js';
import { Warehouse } from '../../src/engine/Warehouse.js';
import { hourlyMetricsSql } from '../../src/hourly/index.js';
import { nodeHost } from '../../src/node/host.js';
import { openAnalytics } from '../../src/node/index.js';
import { createNativeHost } from '../../src/node/native/native-host.js';
import { readLargeDatabase } from '../../src/node/read-large-database.js';
import { benchDataFile } from '../data-files.js';
import { compareTable, environment, flag, measureInterleaved, ms, saveJson, summarize } from '../harness.js';

const RUNS = Number(flag('runs', '5'));
const THREADS = Number(flag('threads', '0')) || undefined;
const LARGE = flag('large', '');
const sizes = flag('sizes', LARGE ? '' : '100000,1000000')
  .split(',')
  .filter(Boolean)
  .map(Number);
const ENGINES = ['wasm', 'native'] as const;
type Engine = (typeof ENGINES)[number];

const results: Record<string, unknown>[] = [];
const report: string[] = [];

for (const n of sizes) {
  const file = await benchDataFile(n);
  const bytes = new Uint8Array(readFileSync(file));
  const label = `${n.toLocaleString('en')} invocations (${(bytes.byteLength / 1e6).toFixed(0)} MB)`;
  /** One cold open in a new engine: times to answer, to all rows loaded, to the 720 h hourly answer. */
  const coldOpen = async (engine: Engine) => {
    const t0 = performance.now();
    const e = await openAnalytics(bytes, { engine, threads: THREADS });
    const answered = performance.now() - t0;
    await e.context().warehouse.query('SELECT count(*) AS n FROM invocations');
    const loaded = performance.now() - t0;
    const hourly = await e.timeSeries.aggregateHourlyMetrics({ hours: 720 });
    const total = performance.now() - t0;
    await e.dispose();
    return { answered, loaded, total, groups: hourly.length };
  };
  const cold: Record<Engine, { answered: number[]; loaded: number[]; total: number[]; groups: number }> = {
    wasm: { answered: [], loaded: [], total: [], groups: 0 },
    native: { answered: [], loaded: [], total: [], groups: 0 },
  };
  for (const engine of ENGINES) await coldOpen(engine); // warm-up: DuckDB-WASM's module compiled once per process
  for (let round = 0; round < RUNS; round++) {
    for (let k = 0; k < ENGINES.length; k++) {
      const engine = ENGINES[(round + k) % ENGINES.length];
      (globalThis as { gc?: () => void }).gc?.();
      const r = await coldOpen(engine);
      cold[engine].answered.push(r.answered);
      cold[engine].loaded.push(r.loaded);
      cold[engine].total.push(r.total);
      cold[engine].groups = r.groups;
    }
  }
  if (cold.wasm.groups !== cold.native.groups) throw new Error(`different answers: ${cold.wasm.groups} vs ${cold.native.groups} hourly groups`);
  const med = (engine: Engine, k: 'answered' | 'loaded' | 'total') => summarize(cold[engine][k]).median;
  report.push(
    `**${label}: new engine, bytes in memory → (median of ${RUNS})**`,
    '',
    '| step | DuckDB-WASM | native | native / WASM |',
    '|---|---:|---:|---:|',
    ...(['answered', 'loaded', 'total'] as const).map(
      (k) =>
        `| ${{ answered: 'open() answers', loaded: 'all rows in the warehouse', total: '+ hourly, all skills, 720 h' }[k]} | ${ms(med('wasm', k))} ms | ${ms(med('native', k))} ms | ${(med('native', k) / med('wasm', k)).toFixed(2)} |`,
    ),
    '',
  );

  // Warm queries on one open engine each.
  const engines: Record<Engine, AnalyticsEngine> = {
    wasm: await openAnalytics(bytes, { engine: 'wasm' }),
    native: await openAnalytics(bytes, { engine: 'native', threads: THREADS }),
  };
  const warm: Record<string, unknown> = {};
  for (const [name, call] of [
    ['hourly, all skills, 168 h', (e: AnalyticsEngine) => e.timeSeries.aggregateHourlyMetrics({ hours: 168 })],
    ['hourly, all skills, 720 h', (e: AnalyticsEngine) => e.timeSeries.aggregateHourlyMetrics({ hours: 720 })],
    ['every skill’s 7-day trend', (e: AnalyticsEngine) => e.timeSeries.getMultiSkillTrends({})],
  ] as const) {
    const [a, b] = await Promise.all(ENGINES.map((engine) => call(engines[engine])));
    // Multi-threaded native DuckDB adds floating-point partial sums in another order: equal up to ~1e-15 relative.
    const worst = maxRelativeDifference(a, b);
    if (worst > 1e-12) throw new Error(`${name}: native and WASM answers differ (relative ${worst})`);
    const timings = await measureInterleaved(
      ENGINES.map((engine) => [engine, () => call(engines[engine])] as const),
      { runs: RUNS },
    );
    report.push(compareTable(`${label}: ${name} (warm, API)`, timings, 'wasm'), '');
    warm[name] = timings;
  }
  // The bare SQL (what DuckDB itself spends), same window as the API's 720 h.
  const end = ((await engines.wasm.context().warehouse.query<{ m: number }>('SELECT max(invoked_at_us) AS m FROM invocations'))[0].m ?? 0) + 1;
  const sqlTimings = await measureInterleaved(
    ENGINES.map((engine) => [engine, () => engines[engine].context().warehouse.query(hourlyMetricsSql(false), [end - 720 * 3_600_000_000, end])] as const),
    { runs: RUNS },
  );
  report.push(compareTable(`${label}: hourly SQL only, all skills, 720 h (warm)`, sqlTimings, 'wasm'), '');
  warm['hourly SQL only, 720 h'] = sqlTimings;
  for (const engine of ENGINES) await engines[engine].dispose();
  results.push({ file, invocations: n, bytes: bytes.byteLength, cold, warm });
}

if (LARGE) {
  const fileBytes = statSync(LARGE).size;
  const t0 = performance.now();
  const { columns } = await readLargeDatabase(LARGE);
  const readMs = performance.now() - t0;
  const label = `${LARGE} (${(fileBytes / 1e9).toFixed(2)} GB, ${columns.length.toLocaleString('en')} invocations)`;
  const large: Record<string, unknown> = { file: LARGE, fileBytes, invocations: columns.length, readMs };
  const end = maxOf(columns.invokedAt) + 1;
  for (const engine of ['native', 'wasm'] as const) {
    const warehouse = new Warehouse(engine === 'native' ? () => createNativeHost({ threads: THREADS }).openWarehouse() : () => nodeHost.openWarehouse());
    try {
      const l0 = performance.now();
      await warehouse.loadInvocations(columns);
      const loadMs = performance.now() - l0;
      const sql = hourlyMetricsSql(false);
      const timing = await measureInterleaved([[engine, () => warehouse.query(sql, [end - 720 * 3_600_000_000, end])]], { runs: RUNS });
      const groups = (await warehouse.query(sql, [end - 720 * 3_600_000_000, end])).length;
      large[engine] = { loadMs, hourly720: timing[0], groups };
    } catch (e) {
      large[engine] = { error: e instanceof Error ? e.message.slice(0, 300) : String(e) };
    } finally {
      await warehouse.close().catch(() => undefined);
    }
  }
  const cell = (engine: 'native' | 'wasm', k: 'load' | 'hourly') => {
    const r = large[engine] as { loadMs?: number; hourly720?: { median: number }; error?: string };
    if (r.error) return `fails: ${r.error.slice(0, 80)}`;
    return k === 'load' ? `${ms(r.loadMs!)} ms` : `${ms(r.hourly720!.median)} ms`;
  };
  report.push(
    `**${label}: page-by-page read ${ms(readMs)} ms, then into a bare Warehouse**`,
    '',
    '| step | native | DuckDB-WASM |',
    '|---|---:|---:|',
    `| load the columns | ${cell('native', 'load')} | ${cell('wasm', 'load')} |`,
    `| hourly SQL, all skills, 720 h (median of ${RUNS}) | ${cell('native', 'hourly')} | ${cell('wasm', 'hourly')} |`,
    '',
  );
  results.push(large);
}

/** Largest relative difference between two results of the same shape (Infinity when they differ otherwise). */
function maxRelativeDifference(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b) ? 0 : Infinity;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return Infinity;
  let worst = 0;
  for (const k of ka) worst = Math.max(worst, maxRelativeDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  return worst;
}

function maxOf(values: Float64Array): number {
  let m = -Infinity;
  for (const v of values) if (v > m) m = v;
  return m;
}

const env = environment();
console.log(report.join('\n'));
console.log(`\n${JSON.stringify(env)}`);
console.log(await saveJson(LARGE ? 'native-vs-wasm-large' : 'native-vs-wasm', { environment: env, runs: RUNS, threads: THREADS ?? 'default', results }));
