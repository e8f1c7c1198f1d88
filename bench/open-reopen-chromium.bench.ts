/**
 * First open and reopen from the browser's cache of opens (IndexedDB, worker/browser-open-cache.ts)
 * in Debian's Chromium, in the real worker, through the public API of the built site's
 * harness.html (`window.createAnalytics`). Per round, in a fresh browser context (empty storage):
 * page 1 opens the file by URL (fetch included) and asks the first hourly answer (all skills, 30
 * days = 720 h); once the entry is saved, page 2 of the same context does the same (a reopen
 * answered from the entry and its saved cube). Medians of RUNS rounds per file, with the load
 * average at each round. Python's read-all of the same file: bench/studies/open-python-read-all.ts.
 * Needs `npm run build:web`. Port 4601 (override with --port).
 * Run: `npx tsx bench/open-reopen-chromium.bench.ts [--runs 3] [--files 100k,1m]`
 */
import { loadavg } from 'node:os';
import { benchDataFile, startBenchSite } from './data-files.js';
import { flag } from './harness.js';

const runs = Number(flag('runs', '3'));
const port = Number(flag('port', '4601'));
const names = flag('files', '100k,1m').split(',');
const files = await Promise.all(names.map((f) => (f === '100k' ? benchDataFile(100_000) : f === '1m' ? benchDataFile(1_000_000) : Promise.resolve(f))));

// Page code as text (tsx's helpers do not exist in the page).
const OPEN = `async (url) => {
  const a = await window.analyticsReady;
  const t0 = performance.now();
  const info = await a.open(url);
  const t1 = performance.now();
  const rows = await a.timeSeries.aggregateHourlyMetrics({ hours: 720 });
  const t2 = performance.now();
  return { open: t1 - t0, hourly: t2 - t1, total: t2 - t0, invocations: info.invocations, rows: rows.length };
}`;
// Entries in the cache's IndexedDB store (the save runs behind the answers).
const ENTRIES = `() => new Promise((resolve) => {
  const req = indexedDB.open('session-buddy-analytics-cache');
  req.onerror = () => resolve(0);
  req.onsuccess = () => {
    const db = req.result;
    if (!db.objectStoreNames.contains('entries')) { db.close(); resolve(0); return; }
    const count = db.transaction('entries').objectStore('entries').count();
    count.onsuccess = () => { db.close(); resolve(count.result); };
    count.onerror = () => { db.close(); resolve(0); };
  };
})`;

interface Timed {
  open: number;
  hourly: number;
  total: number;
  invocations: number;
  rows: number;
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const site = await startBenchSite(files, port);
const version = site.browser.version();
const lines: string[] = [];
try {
  for (let f = 0; f < files.length; f++) {
    const first: Timed[] = [];
    const again: Timed[] = [];
    const load: number[] = [];
    for (let r = 0; r < runs; r++) {
      load.push(loadavg()[0]);
      const context = await site.browser.newContext();
      try {
        const p1 = await context.newPage();
        await p1.goto(`${site.origin}/harness.html`);
        first.push((await p1.evaluate(`(${OPEN})('bench-files/${f}.db')`)) as Timed);
        for (let i = 0; i < 1200 && !((await p1.evaluate(`(${ENTRIES})()`)) as number); i++) await new Promise((ok) => setTimeout(ok, 250));
        if (!((await p1.evaluate(`(${ENTRIES})()`)) as number)) throw new Error(`${files[f]}: no cache entry saved`);
        await p1.close();
        const p2 = await context.newPage();
        await p2.goto(`${site.origin}/harness.html`);
        again.push((await p2.evaluate(`(${OPEN})('bench-files/${f}.db')`)) as Timed);
        await p2.close();
      } finally {
        await context.close();
      }
    }
    const m = (xs: Timed[], k: keyof Timed) => median(xs.map((x) => x[k]));
    const ms = (x: number) => `${x.toFixed(0)} ms`;
    lines.push(
      `| ${files[f]} (${first[0].invocations.toLocaleString('en-US')}) | ${ms(m(first, 'open'))} | ${ms(m(first, 'hourly'))} | ${ms(m(first, 'total'))} | ${ms(m(again, 'open'))} | ${ms(m(again, 'hourly'))} | ${ms(m(again, 'total'))} | ${(m(again, 'total') / m(first, 'total')).toFixed(2)}× | ${load.map((x) => x.toFixed(1)).join(' ')} |`,
    );
    console.error(files[f], JSON.stringify({ first, again, load }));
  }
} finally {
  await site.close();
}
console.log(`Chromium (${version}), real worker, first open vs reopen from the IndexedDB cache; hourly = all skills, 720 h; median of ${runs}\n`);
console.log('| file (invocations) | first open | first hourly | open + hourly | reopen | hourly after reopen | reopen + hourly | reopen ÷ first | load average per round |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
for (const l of lines) console.log(l);
