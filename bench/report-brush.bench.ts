/**
 * Brush latency of the report in Chromium: the built site opens a file, the hourly chart's brush is
 * set to the last day (its keyboard control), then moved one hour at a time RUNS times; each move
 * is timed from the key to `report-selection` (every panel redrawn for the new hours: at a glance,
 * hourly, trends, A/B, and the predictor's scores when `--train` trained it first). Prints the
 * median, min and max per file with the load average.
 * Needs `npm run build`. Run: `npx tsx bench/report-brush.bench.ts [RUNS] [--train] [files…]`
 * (files: paths, or 100k / 1m for bench/data's generated files; default test/fixtures/sample.db).
 */
import { loadavg } from 'node:os';
import { benchDataFile, startBenchSite } from './data-files.js';
import { CLICK, openReport, PRESS, type Pressed, SHADOW, until } from './report-brush-page.js';

const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 20);
const train = args.includes('--train');
const named = args.filter((a) => !/^\d+$/.test(a) && a !== '--train');
const files = await Promise.all(
  (named.length ? named : ['test/fixtures/sample.db']).map((f) => (f === '100k' ? benchDataFile(100_000) : f === '1m' ? benchDataFile(1_000_000) : Promise.resolve(f))),
);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median, min: s[0], max: s[s.length - 1] };
};

const site = await startBenchSite(files, 4391);
const rows: string[] = [];
try {
  for (let f = 0; f < files.length; f++) {
    const page = await site.browser.newPage();
    const opened = Date.now();
    await openReport(page, site.origin, f);
    const ready = (Date.now() - opened) / 1000;
    if (train) {
      await page.evaluate(`${SHADOW}.getElementById('train-days').value = '7'`);
      await page.evaluate(`${SHADOW}.getElementById('train').click()`);
      await until(page, `['trained', 'error'].includes(${SHADOW}.getElementById('predictor').getAttribute('data-state'))`);
    }
    await page.evaluate(`(${CLICK})()`);
    const millis: number[] = [];
    const wall: number[] = [];
    const panels = new Map<string, number[]>();
    const before = load();
    for (let i = 0; i < runs; i++) {
      const r = (await page.evaluate(`(${PRESS})('ArrowLeft')`)) as Pressed;
      millis.push(r.millis);
      wall.push(r.wall);
      for (const [id, ms] of Object.entries(r.panels)) panels.set(id, [...(panels.get(id) ?? []), ms]);
    }
    const m = stats(millis);
    const w = stats(wall);
    const scored = train ? await page.evaluate(`${SHADOW}.querySelector('[data-field="predictor-selection"]')?.dataset.n ?? 'none'`) : null;
    rows.push(
      `| ${files[f]} | ${ready.toFixed(1)} s | ${m.median.toFixed(0)} ms (${m.min.toFixed(0)}–${m.max.toFixed(0)}) | ${w.median.toFixed(0)} ms | ${[...panels]
        .map(([id, xs]) => `${id} ${stats(xs).median.toFixed(0)}`)
        .join(', ')} | ${scored === null ? 'not trained' : `${scored} scored`} | ${before} → ${load()} |`,
    );
    await page.close();
  }
} finally {
  await site.close();
}
console.log(`Brush moved one hour (24-hour selection), ${runs} times; Chromium\n`);
console.log('| file | report ready | redraw, median (min–max) | key → redrawn | each panel done (ms, median) | predictor | load average |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
