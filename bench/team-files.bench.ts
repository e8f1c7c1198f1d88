/**
 * A team's files as one dataset in Node: the ten per-person 1M-invocation copies made by
 * bench/generators/tile-skills-db.ts (bench/data/team/skills-1m-person-NN.db, 10M invocations, 4 GB in all)
 * opened with `openAnalytics([...])` on native DuckDB and on DuckDB-WASM. Over 1 GiB of paths, every
 * file but the one written to is read page by page (src/node/open-node.ts).
 *   node --import tsx bench/team-files.bench.ts [--runs 3] [--files 10] [--engines native,wasm]
 *
 * One process per run (a run holds ~4 GB). Per run: `open()` answering, every row in the warehouse,
 * the hourly metrics of every skill over 30 days (720 h, cold, then warm), every skill's 7-day
 * trend, and the process's peak RSS. A failed run (DuckDB-WASM out of memory) is recorded as such.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { environment, flag, ms, saveJson, summarize } from './harness.js';

const DIR = 'bench/data/team';
const files = readdirSync(DIR)
  .filter((f) => /^skills-1m-person-\d+\.db$/.test(f))
  .sort()
  .slice(0, Number(flag('files', '10')))
  .map((f) => path.join(DIR, f));

if (process.argv.includes('--child')) {
  const { openAnalytics } = await import('../src/node/index.js');
  const engine = flag('engine', 'native') as 'native' | 'wasm';
  const t0 = performance.now();
  const out: Record<string, unknown> = { engine };
  try {
    const e = await openAnalytics(files, { engine });
    out.answered = performance.now() - t0;
    const info = await e.info();
    out.invocations = info.invocations;
    await e.context().warehouse.query('SELECT count(*) AS n FROM invocations');
    out.loaded = performance.now() - t0;
    let t = performance.now();
    out.groups = (await e.timeSeries.aggregateHourlyMetrics({ hours: 720 })).length;
    out.hourlyCold = performance.now() - t;
    t = performance.now();
    await e.timeSeries.aggregateHourlyMetrics({ hours: 720 });
    out.hourlyWarm = performance.now() - t;
    t = performance.now();
    out.trends = (await e.timeSeries.getMultiSkillTrends({ windowDays: 7 })).length;
    out.trendsWarm = performance.now() - t;
    await e.dispose();
  } catch (err) {
    out.error = `${(err as { code?: string }).code ?? ''} ${(err as Error).message}`.slice(0, 300);
  }
  out.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
}

if (files.length === 0) throw new Error(`no team files in ${DIR}: run npx tsx bench/generators/tile-skills-db.ts first`);
const RUNS = Number(flag('runs', '3'));
const engines = flag('engines', 'native,wasm').split(',');
const runs: Record<string, Record<string, unknown>[]> = {};
for (let r = 0; r < RUNS; r++) {
  for (const engine of r % 2 ? [...engines].reverse() : engines) {
    const text = execFileSync(
      process.execPath,
      ['--max-old-space-size=16000', '--import', 'tsx', 'bench/team-files.bench.ts', '--child', '--engine', engine, '--files', String(files.length)],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      },
    );
    const result = JSON.parse(text.trim().split('\n').pop()!);
    (runs[engine] ??= []).push(result);
    console.log(`run ${r + 1} ${engine}: ${JSON.stringify(result)}`);
  }
}
const keys = ['answered', 'loaded', 'hourlyCold', 'hourlyWarm', 'trendsWarm', 'peakRssMB'] as const;
console.log(`\n${files.length} files, ${RUNS} runs each (medians; min-max)`);
console.log(`| | ${engines.join(' | ')} |\n|---|${engines.map(() => '---:').join('|')}|`);
for (const k of keys) {
  const cells = engines.map((engine) => {
    const ok = runs[engine].filter((x) => !x.error);
    if (ok.length === 0) return `failed: ${String(runs[engine][0].error).slice(0, 60)}`;
    const s = summarize(ok.map((x) => Number(x[k])));
    return k === 'peakRssMB' ? `${s.median} MB` : `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;
  });
  console.log(`| ${k} | ${cells.join(' | ')} |`);
}
console.log(await saveJson('team-files', { environment: environment(), files, runs }));
