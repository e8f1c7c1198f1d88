/**
 * The hourly cube (src/hourly/cube.ts): what it costs and what it buys, on generated files
 * (bench/data, seed 1, 30 days), in one run per size:
 * - build: `new HourlyCube(columns)` + the whole dataset's cells, ms, and the bytes it holds;
 * - open + first hourly answer (all skills, 30 days): a new engine each round, `open(bytes)` then
 *   `aggregateHourlyMetrics` — answered from the cube (after), or through the warehouse SQL
 *   (before: waits for DuckDB to start and load every row), beside Python's sqlite3 reading every
 *   row of skill_invocation (execute + fetchall, timed inside Python);
 * - hourly 30 days, all skills on an open engine: cube vs warehouse SQL (both to result rows).
 * Medians of `--runs` (5); the 1-minute load average is printed beside each table.
 *   npx tsx bench/studies/hourly-cube.ts [--sizes 100000,1000000] [--runs 5]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { AnalyticsEngine } from '../../src/analytics/AnalyticsEngine.js';
import { MICROS_PER_HOUR } from '../../src/engine/time.js';
import { HourlyCube } from '../../src/hourly/cube.js';
import { hourlyMetricsFromColumns } from '../../src/hourly/hours.js';
import { hourlyMetricsSql } from '../../src/hourly/sql.js';
import { secondWindow } from '../../src/hourly/window.js';
import { createEngine } from '../../src/node/index.js';
import { benchDataFile } from '../data-files.js';
import { environment, flag, saveJson, summarize } from '../harness.js';

const runs = Number(flag('runs', '5'));
const sizes = flag('sizes', '100000,1000000').split(',').map(Number);
const HOURS = 720;
const load = () => os.loadavg()[0];
const med = (xs: number[]) => summarize(xs).median;

/** The hourly answer through the warehouse's SQL (the path before the cube). */
async function viaSql(engine: AnalyticsEngine, asOf: number): Promise<number> {
  const w = secondWindow(asOf, HOURS * MICROS_PER_HOUR);
  return hourlyMetricsFromColumns(await engine.context().warehouse.columns(hourlyMetricsSql(false), [w.startMicros, w.endMicros])).length;
}

const report: Record<string, unknown>[] = [];
for (const n of sizes) {
  const file = await benchDataFile(n);
  const bytes = new Uint8Array(readFileSync(file));
  const select = 'SELECT id, skill_name, invoked_at, session_id, completed, duration_seconds, workflow_phase FROM skill_invocation ORDER BY id';
  const script = `import sqlite3, time\nc = sqlite3.connect(${JSON.stringify(file)})\nt = time.perf_counter()\nrows = c.execute(${JSON.stringify(select)}).fetchall()\nprint((time.perf_counter() - t) * 1000)`;
  const t: Record<string, number[]> = { build: [], openAfter: [], openBefore: [], answerAfter: [], answerBefore: [], python: [], warmCube: [], warmSql: [], load: [] };
  let bytesHeld = 0,
    cells = 0,
    groups = 0;
  const warm = createEngine();
  await warm.open(bytes, { cache: false });
  const asOf = warm.context().defaultAsOfMicros!;
  const columns = warm.context().db.readInvocations().columns;
  const files = [{ name: 'skills.db', idOffset: 0 }];
  for (let r = 0; r <= runs; r++) {
    const order = r % 2 === 0 ? ['after', 'before'] : ['before', 'after'];
    t.load.push(load());
    // Build alone (the columns already read).
    let t0 = performance.now();
    const cube = new HourlyCube(columns, files);
    const scope = cube.scope(['skills.db']);
    const buildMs = performance.now() - t0;
    bytesHeld = cube.byteSize();
    cells = scope.hours.length + scope.days.length;
    for (const which of order) {
      const engine = createEngine();
      t0 = performance.now();
      await engine.open(bytes, { cache: false }); // a first open: never answered from the cache of opens
      const opened = performance.now() - t0;
      const rows = which === 'after' ? (await engine.timeSeries.aggregateHourlyMetrics({ hours: HOURS, asOf: asOf / 1000 })).length : await viaSql(engine, asOf);
      const total = performance.now() - t0;
      groups = rows;
      if (r > 0) {
        t[which === 'after' ? 'openAfter' : 'openBefore'].push(total);
        t[which === 'after' ? 'answerAfter' : 'answerBefore'].push(total - opened);
      }
      await engine.dispose();
    }
    const py = Number(execFileSync('/usr/bin/python3', ['-c', script]).toString().trim());
    t0 = performance.now();
    await warm.timeSeries.aggregateHourlyMetrics({ hours: HOURS, asOf: asOf / 1000 });
    const warmCube = performance.now() - t0;
    t0 = performance.now();
    await viaSql(warm, asOf);
    const warmSql = performance.now() - t0;
    if (r > 0) {
      t.build.push(buildMs);
      t.python.push(py);
      t.warmCube.push(warmCube);
      t.warmSql.push(warmSql);
    }
  }
  await warm.dispose();
  const row = {
    file,
    invocations: n,
    groups,
    cubeBuildMs: med(t.build),
    cubeBytes: bytesHeld,
    cubeCells: cells,
    openFirstAfterMs: med(t.openAfter),
    openFirstBeforeMs: med(t.openBefore),
    firstAnswerAfterOpenMs: med(t.answerAfter),
    firstAnswerAfterOpenBeforeMs: med(t.answerBefore),
    pythonReadAllMs: med(t.python),
    warmCubeMs: med(t.warmCube),
    warmSqlMs: med(t.warmSql),
    load: med(t.load),
  };
  report.push(row);
  const f = (x: number) => x.toFixed(1);
  console.log(`\n### ${file}: ${n} invocations, ${groups} skill-hours in 720 h; median of ${runs}, load average ${row.load.toFixed(1)}\n`);
  console.log('| | after (cube) | before (warehouse SQL) |\n|---|---:|---:|');
  console.log(`| open + first hourly answer (new engine) | ${f(row.openFirstAfterMs)} ms | ${f(row.openFirstBeforeMs)} ms |`);
  console.log(`| of which: first answer after open() returned | ${f(row.firstAnswerAfterOpenMs)} ms | ${f(row.firstAnswerAfterOpenBeforeMs)} ms |`);
  console.log(
    `| ÷ Python read-all (${f(row.pythonReadAllMs)} ms) | ${(row.openFirstAfterMs / row.pythonReadAllMs).toFixed(2)}× | ${(row.openFirstBeforeMs / row.pythonReadAllMs).toFixed(2)}× |`,
  );
  console.log(`| hourly 720 h, all skills, engine open | ${f(row.warmCubeMs)} ms | ${f(row.warmSqlMs)} ms |`);
  console.log(`| cube build (codes, time order, cells) | ${f(row.cubeBuildMs)} ms | |`);
  console.log(`| cube memory (typed arrays) | ${(row.cubeBytes / 2 ** 20).toFixed(1)} MiB, ${cells} cells | |`);
}
console.log(`\nsaved ${await saveJson('hourly-cube', { environment: environment(), runs, report })}`);
