/**
 * Opening files, in Node and in Chromium (through the built site's worker):
 *   npx tsx bench/open.bench.ts [--runs 3] [--sizes 100000,1000000] [--browser-sizes 100000,1000000]
 * Node: a cold open (new engine, DuckDB start included) and a warm reopen (engine reused), with the
 * process's peak RSS. Chromium: page load → worker ready → first answer, then opens of each file
 * with the summed RSS peak of Chromium's processes. Needs `npm run build` (dist/site).
 * Generated files come from bench/data/ (made with generate-skills-db.ts when missing).
 */
import { execSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createEngine } from '../src/node/index.js';
import { benchDataFile, startBenchSite } from './data-files.js';
import { environment, saveJson, summarize } from './harness.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', '3'));
const sizes = arg('sizes', '100000,1000000').split(',').filter(Boolean).map(Number);
const browserSizes = arg('browser-sizes', '100000,1000000').split(',').filter(Boolean).map(Number);

const files: [string, string][] = [
  ['sample.db (2k)', 'test/fixtures/sample.db'],
  ['train20k.db (20k)', 'test/fixtures/train20k.db'],
  ...(await Promise.all(sizes.map(async (n): Promise<[string, string]> => [`generated ${n}`, await benchDataFile(n)]))),
];

// ---- Node ----
const node: Record<string, unknown>[] = [];
for (const [label, file] of files) {
  const bytes = new Uint8Array(readFileSync(file));
  const cold: number[] = [];
  const warm: number[] = [];
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  for (let r = 0; r < RUNS; r++) {
    const engine = createEngine();
    let t0 = performance.now();
    await engine.open(bytes.slice());
    cold.push(performance.now() - t0);
    t0 = performance.now();
    await engine.open(bytes.slice());
    warm.push(performance.now() - t0);
    await engine.dispose();
  }
  clearInterval(timer);
  node.push({ file: label, bytes: bytes.length, coldMs: summarize(cold).median, warmMs: summarize(warm).median, peakRssMiB: Math.round(peak / 2 ** 20) });
  console.error('node', label, node.at(-1));
}

// ---- Chromium ----
const chromiumRss = () => {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chromium') && !cmd.includes('chrome')) continue;
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      /* process ended */
    }
  }
  return total;
};
const browserRows: Record<string, unknown>[] = [];
const coldStarts: { pageLoadMs: number; workerReadyMs: number; firstAnswerMs: number }[] = [];
const browserFiles = files.filter(([label]) => !label.startsWith('generated') || browserSizes.some((n) => label === `generated ${n}`));
const site = await startBenchSite(
  browserFiles.map(([, file]) => file),
  4399,
);
for (let r = 0; r < RUNS; r++) {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(`${site.origin}/harness.html`);
  const pageLoad = Date.now() - t0;
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  const ready = Date.now() - t0;
  await page.evaluate(`(async () => (await window.analyticsReady).open('sample.db'))()`);
  coldStarts.push({ pageLoadMs: pageLoad, workerReadyMs: ready, firstAnswerMs: Date.now() - t0 });
  for (let i = 0; i < browserFiles.length; i++) {
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, chromiumRss())), 100);
    const ms = (await page.evaluate(`(async () => {
      const a = await window.analyticsReady;
      const t = performance.now();
      await a.open('bench-files/${i}.db');
      return performance.now() - t;
    })()`)) as number;
    clearInterval(timer);
    let row = browserRows.find((x) => x.file === browserFiles[i][0]);
    if (!row) {
      row = { file: browserFiles[i][0], runs: [] as number[], peakRssMiB: 0 };
      browserRows.push(row);
    }
    (row.runs as number[]).push(ms);
    row.peakRssMiB = Math.max(row.peakRssMiB as number, Math.round(peak / 2 ** 20));
  }
  await context.close();
}
await site.close();
for (const row of browserRows) row.openMs = summarize(row.runs as number[]).median;
const cold = {
  pageLoadMs: summarize(coldStarts.map((c) => c.pageLoadMs)).median,
  workerReadyMs: summarize(coldStarts.map((c) => c.workerReadyMs)).median,
  firstAnswerMs: summarize(coldStarts.map((c) => c.firstAnswerMs)).median,
};

const fmt = (rows: Record<string, unknown>[], cols: string[]) =>
  [
    `| ${cols.join(' | ')} |`,
    `|${cols.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${cols.map((c) => (typeof r[c] === 'number' ? Math.round(r[c] as number) : r[c])).join(' | ')} |`),
  ].join('\n');
console.log(`\n### Open, Node (median of ${RUNS})\n\n${fmt(node, ['file', 'bytes', 'coldMs', 'warmMs', 'peakRssMiB'])}`);
console.log(
  `\n### Chromium cold start (median of ${RUNS}): page load ${cold.pageLoadMs} ms → worker ready ${cold.workerReadyMs} ms → first answer (sample.db info) ${cold.firstAnswerMs} ms`,
);
console.log(`\n### Open in the Chromium worker, warm (median of ${RUNS})\n\n${fmt(browserRows, ['file', 'openMs', 'peakRssMiB'])}`);
const gz = (f: string) => Number(execSync(`gzip -c ${f} | wc -c`).toString());
const assets = readdirSync('dist/site/assets').map((f) => ({ f, bytes: readFileSync(`dist/site/assets/${f}`).length, gzip: gz(`dist/site/assets/${f}`) }));
console.log(
  `\n### Bundle (dist/site/assets)\n\n${fmt(
    assets.map((a) => ({ file: a.f, KiB: a.bytes / 1024, gzipKiB: a.gzip / 1024 })),
    ['file', 'KiB', 'gzipKiB'],
  )}`,
);
console.log(`\nsaved ${await saveJson('open', { environment: environment(), node, chromium: { cold, opens: browserRows }, assets })}`);
