/**
 * Time `skillTables.materialize` (write-back into skill_time_series, skill_metrics_cache,
 * skill_anomalies in one transaction) on a generated 100k-invocation skills.db (30 days, 40 skills).
 *
 *   npx tsx bench/materialize.bench.ts [--n 100000] [--hours 24,168,720] [--runs 3]
 *
 * Each run opens the file afresh (so the first call inserts every row), then times: the first call,
 * the same call again (idempotent: reads, compares, writes nothing), `getSkillSnapshot`, and
 * `exportDatabase`. Prints a markdown table; saves JSON to bench/out/materialize.json.
 */
import { readFile } from 'node:fs/promises';
import { openAnalytics } from '../src/node/index.js';
import { benchDataFile } from './data-files.js';
import { environment, flag, ms, saveJson, summarize } from './harness.js';

const n = Number(flag('n', '100000'));
const windows = flag('hours', '24,168,720').split(',').map(Number);
const runs = Number(flag('runs', '3'));

async function loadFile(): Promise<Uint8Array> {
  return new Uint8Array(await readFile(await benchDataFile(n)));
}

const timed = async <T>(fn: () => Promise<T> | T): Promise<[number, T]> => {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
};

const bytes = await loadFile();
const results: Record<string, unknown>[] = [];
const lines = ['| hours | rows time series / cache / anomalies | open ms | 1st materialize ms | 2nd (no-op) ms | snapshot ms | export ms |', '|---:|---|---:|---:|---:|---:|---:|'];
for (const hours of windows) {
  const t = { open: [] as number[], first: [] as number[], second: [] as number[], snapshot: [] as number[], export: [] as number[] };
  let rows = '';
  for (let r = 0; r < runs; r++) {
    const [open, engine] = await timed(() => openAnalytics(bytes));
    try {
      const [first, summary] = await timed(() => engine.skillTables.materialize({ hours }));
      const [second, again] = await timed(() => engine.skillTables.materialize({ hours }));
      if (again.skillTimeSeries.inserted + again.skillTimeSeries.updated + again.skillAnomalies.inserted + again.skillMetricsCache.updated !== 0)
        throw new Error('second call wrote rows');
      const [snapshot] = await timed(() => engine.skillTables.getSkillSnapshot());
      const [exported] = await timed(() => engine.exportDatabase());
      Object.entries({ open, first, second, snapshot, export: exported }).forEach(([k, v]) => t[k as keyof typeof t].push(v));
      rows = `${summary.skillTimeSeries.rows} / ${summary.skillMetricsCache.rows} / ${summary.skillAnomalies.rows}`;
    } finally {
      await engine.dispose();
    }
  }
  const med = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, summarize(v)]));
  results.push({ hours, rows, runs: t, summary: med });
  lines.push(
    `| ${hours} | ${rows} | ${ms(med.open.median)} | ${ms(med.first.median)} (${ms(med.first.min)}–${ms(med.first.max)}) | ${ms(med.second.median)} | ${ms(med.snapshot.median)} | ${ms(med.export.median)} |`,
  );
}
console.log(`**materialize on ${n} invocations (median of ${runs}; min–max)**\n\n${lines.join('\n')}`);
console.log(`\nsaved ${await saveJson('materialize', { n, environment: environment(), results })}`);
