/**
 * Opening files, in Node and in Chromium (through the built site's worker):
 *   npx tsx bench/open.bench.ts [--runs 3] [--sizes 100000,1000000] [--browser-sizes 100000,1000000]
 *     [--skip-node] [--site dist/site] [--port 4399] [--before other/dist/site]
 * Node: a cold open (new engine, DuckDB start included) and a warm reopen (engine reused), with the
 * process's peak RSS. Chromium, a new browser context per run: page load → worker ready → sample.db
 * open() answers → first hourly result (DuckDB started and loaded), in ms from navigation start;
 * then opens of each file in that worker (answer, first result, every row in DuckDB, phases from
 * the progress events) and a reopen of the same file from the worker's cache of opens, with the
 * summed RSS peak of Chromium's processes. Needs `npm run build`
 * (dist/site; `--site` serves another build; `--before DIR` measures a second build, e.g. of an
 * older commit, in the same runs, alternating which goes first; it is served on port + 100).
 * Generated files come from bench/data/ (made with generate-skills-db.ts when missing).
 */
import { execSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { createEngine } from '../src/node/index.js';
import { benchDataFile, startBenchSite } from './data-files.js';
import { environment, flag, saveJson, summarize } from './harness.js';

const RUNS = Number(flag('runs', '3'));
const sizes = flag('sizes', '100000,1000000').split(',').filter(Boolean).map(Number);
const browserSizes = flag('browser-sizes', '100000,1000000').split(',').filter(Boolean).map(Number);
/** The built site to serve (another build, e.g. of an older commit, for before/after runs) and its port. */
const SITE = flag('site', 'dist/site');
const PORT = Number(flag('port', '4399'));
const SKIP_NODE = process.argv.includes('--skip-node');
/** Another build (e.g. `vite build --outDir` of an older commit) measured in the same runs, alternating. */
const BEFORE = flag('before', '');

const files: [string, string][] = [
  ['sample.db (2k)', 'test/fixtures/sample.db'],
  ['train20k.db (20k)', 'test/fixtures/train20k.db'],
  ...(await Promise.all(sizes.map(async (n): Promise<[string, string]> => [`generated ${n}`, await benchDataFile(n)]))),
];

// ---- Node ----
const node: Record<string, unknown>[] = [];
for (const [label, file] of SKIP_NODE ? [] : files) {
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
    warm.push(performance.now() - t0); // the second open of these bytes: from the cache of opens
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
const coldStarts: Record<string, Record<string, number>[]> = {};
const browserFiles = files.filter(([label]) => !label.startsWith('generated') || browserSizes.some((n) => label === `generated ${n}`));
// With --before, every run opens in both builds one after the other, so load changes hit both alike.
const builds = [{ name: 'this build', root: SITE, port: PORT }, ...(BEFORE ? [{ name: 'before', root: BEFORE, port: PORT + 100 }] : [])];
const sites = await Promise.all(
  builds.map(async (b) => ({
    ...b,
    site: await startBenchSite(
      browserFiles.map(([, file]) => file),
      b.port,
      b.root,
    ),
  })),
);
/**
 * Page code (as text: tsx's helpers do not exist in the page) that opens `url` and reports, in ms
 * from `t0` (the page's clock): when open() answered, when each progress phase first arrived and
 * when the warehouse had every row ('done'), then when a first analysis (an hourly aggregate, which
 * needs DuckDB) answered.
 */
const timedOpenInPage = (url: string, fromNavigation: boolean) => `(async () => {
  const a = await window.analyticsReady;
  const t0 = ${fromNavigation ? '0' : 'performance.now()'};
  const first = {};
  let loaded;
  const done = new Promise((r) => (loaded = r));
  const info = await a.open(${JSON.stringify(url)}, { onProgress: (p) => { first[p.phase] ??= performance.now(); if (p.phase === 'done') loaded(); } });
  const answer = performance.now();
  await a.timeSeries.aggregateHourlyMetrics({ hours: 24 });
  const result = performance.now();
  await done;
  return { invocations: info.invocations, answerMs: answer - t0, firstResultMs: result - t0, loadedMs: first.done - t0,
    readingMs: first.validating - (${fromNavigation ? 'first.reading' : 't0'}), validatingMs: first.loading - first.validating, loadingMs: first.done - first.loading };
})()`;
/** Page code that waits (up to 30 s) until the count of entries in the worker's cache of opens has not changed for 1 s. */
const waitForCacheEntries = `(async () => {
  const count = () => new Promise((resolve) => {
    const req = indexedDB.open('session-buddy-analytics-cache');
    req.onupgradeneeded = () => req.transaction.abort(); // only look: never create it here
    req.onerror = () => resolve(0);
    req.onsuccess = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('entries')) { db.close(); return resolve(0); }
      const c = db.transaction('entries').objectStore('entries').count();
      c.onsuccess = () => { db.close(); resolve(c.result); };
    };
  });
  let last = -1;
  let same = 0;
  for (let k = 0; k < 300 && same < 10; k++) {
    const c = await count();
    same = c === last ? same + 1 : 0;
    last = c;
    await new Promise((r) => setTimeout(r, 100));
  }
})()`;
try {
  for (let r = 0; r < RUNS; r++) {
    for (const { name, site } of r % 2 ? [...sites].reverse() : sites) {
      const context = await site.browser.newContext();
      const page = await context.newPage();
      const t0 = Date.now();
      await page.goto(`${site.origin}/harness.html`);
      const pageLoad = Date.now() - t0;
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
      const ready = (await page.evaluate('performance.now()')) as number;
      // Times from navigation start (the page's performance.now()): the first answer and the first result on sample.db.
      const cold = (await page.evaluate(timedOpenInPage('sample.db', true))) as Record<string, number>;
      (coldStarts[name] ??= []).push({ pageLoadMs: pageLoad, workerReadyMs: ready, firstAnswerMs: cold.answerMs, firstResultMs: cold.firstResultMs, loadedMs: cold.loadedMs });
      console.error(name, 'chromium cold start', coldStarts[name].at(-1), os.loadavg()[0]);
      for (let i = 0; i < browserFiles.length; i++) {
        let peak = 0;
        const timer = setInterval(() => (peak = Math.max(peak, chromiumRss())), 100);
        const t = (await page.evaluate(timedOpenInPage(`bench-files/${i}.db`, false))) as Record<string, number>;
        // The same file again once its entry is in the worker's cache of opens (IndexedDB).
        await page.evaluate(waitForCacheEntries);
        const again = (await page.evaluate(timedOpenInPage(`bench-files/${i}.db`, false))) as Record<string, number>;
        Object.assign(t, { reopenAnswerMs: again.answerMs, reopenFirstResultMs: again.firstResultMs });
        clearInterval(timer);
        let row = browserRows.find((x) => x.file === browserFiles[i][0] && x.build === name);
        if (!row) {
          row = { build: name, file: browserFiles[i][0], runs: [] as Record<string, number>[], peakRssMiB: 0 };
          browserRows.push(row);
        }
        (row.runs as Record<string, number>[]).push(t);
        row.peakRssMiB = Math.max(row.peakRssMiB as number, Math.round(peak / 2 ** 20));
        console.error(name, 'chromium', browserFiles[i][0], t);
      }
      await context.close();
    }
  }
} finally {
  // Also after a failure: no server or browser left behind.
  for (const { site } of sites) await site.close();
}
const medians = (runs: Record<string, number>[]) => Object.fromEntries(Object.keys(runs[0]).map((k) => [k, summarize(runs.map((x) => x[k])).median]));
for (const row of browserRows) Object.assign(row, medians(row.runs as Record<string, number>[]));
const coldRows = Object.entries(coldStarts).map(([build, runs]) => ({ build, ...medians(runs) }));

const fmt = (rows: Record<string, unknown>[], cols: string[]) =>
  [
    `| ${cols.join(' | ')} |`,
    `|${cols.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${cols.map((c) => (typeof r[c] === 'number' ? Math.round(r[c] as number) : r[c])).join(' | ')} |`),
  ].join('\n');
console.log(`\n### Open, Node (median of ${RUNS})\n\n${fmt(node, ['file', 'bytes', 'coldMs', 'warmMs', 'peakRssMiB'])}`);
console.log(
  `\n### Chromium cold start, new browser context (median of ${RUNS}; ms from navigation; firstAnswer = sample.db open() answers, firstResult = an hourly aggregate, loaded = every row in DuckDB)\n\n${fmt(coldRows, ['build', 'pageLoadMs', 'workerReadyMs', 'firstAnswerMs', 'firstResultMs', 'loadedMs'])}`,
);
console.log(
  `\n### Open in the Chromium worker, warm (median of ${RUNS}; ms; answer = open() answers, loaded = every row in DuckDB, firstResult = an hourly aggregate after open)\n\n${fmt(browserRows, ['build', 'file', 'invocations', 'answerMs', 'firstResultMs', 'reopenAnswerMs', 'reopenFirstResultMs', 'loadedMs', 'readingMs', 'validatingMs', 'loadingMs', 'peakRssMiB'])}`,
);
const gz = (f: string) => Number(execSync(`gzip -c ${f} | wc -c`).toString());
const assets = readdirSync(`${SITE}/assets`).map((f) => ({ f, bytes: readFileSync(`${SITE}/assets/${f}`).length, gzip: gz(`${SITE}/assets/${f}`) }));
console.log(
  `\n### Bundle (dist/site/assets)\n\n${fmt(
    assets.map((a) => ({ file: a.f, KiB: a.bytes / 1024, gzipKiB: a.gzip / 1024 })),
    ['file', 'KiB', 'gzipKiB'],
  )}`,
);
console.log(`\nsaved ${await saveJson('open', { environment: environment(), site: SITE, node, chromium: { cold: coldRows, coldStarts, opens: browserRows }, assets })}`);
