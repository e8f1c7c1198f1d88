/**
 * How long the analytics worker goes without answering a heartbeat while it opens large files in
 * Chromium (the page declares it dead after 8 s of silence: src/client/heartbeat.ts). Pings are
 * comlink GETs posted every 100 ms on the worker, as the heartbeat sends them; the longest wait for
 * an answer is the margin left.
 * Each file is opened with verify 'none' (the default above 4 MiB) and 'quick'.
 *   npx tsx bench/heartbeat-browser.bench.ts [--sizes 100000,1000000]   (needs `npm run build`)
 */
import { benchDataFile, startBenchSite } from './data-files.js';
import { environment, flag, saveJson } from './harness.js';

const sizes = flag('sizes', '100000,1000000').split(',').filter(Boolean).map(Number);
const files = await Promise.all(sizes.map((n) => benchDataFile(n)));
const site = await startBenchSite(files, 4398);
const rows: Record<string, unknown>[] = [];
try {
  const page = await (await site.browser.newContext()).newPage();
  await page.goto(`${site.origin}/harness.html`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  for (let i = 0; i < files.length; i++)
    for (const verify of ['none', 'quick']) {
      // Page code as text: tsx's helpers do not exist in the page.
      const r = (await page.evaluate(`(async () => {
      const a = await window.analyticsReady;
      let longest = 0, pings = 0, n = 0;
      const pending = new Map();
      const onMessage = (e) => { const t = pending.get(e.data && e.data.id); if (t !== undefined) { pending.delete(e.data.id); longest = Math.max(longest, performance.now() - t); } };
      a.worker.addEventListener('message', onMessage);
      const timer = setInterval(() => { const id = 'bench-hb-' + (n++); pending.set(id, performance.now()); pings++; a.worker.postMessage({ id, type: 'GET', path: ['__alive'] }); }, 100);
      const t0 = performance.now();
      const info = await a.open('bench-files/${i}.db', { verify: '${verify}' });
      const openMs = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 300));
      clearInterval(timer);
      for (const t of pending.values()) longest = Math.max(longest, performance.now() - t);
      a.worker.removeEventListener('message', onMessage);
      return { invocations: info.invocations, openMs: Math.round(openMs), pings, longestSilenceMs: Math.round(longest) };
    })()`)) as Record<string, unknown>;
      const row = { file: files[i], verify, ...r };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
} finally {
  await site.close();
}
console.log('saved', await saveJson('heartbeat-browser', { environment: environment(), rows }));
