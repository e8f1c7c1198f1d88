/**
 * Report ready on sample.db in Chromium, Firefox and WebKit (test/browsers drivers): a fresh
 * browser per run opens the built report site, and the report's own "report ready in X s" (from
 * the file's fetch to every panel rendered) is read, together with the wall time from navigation
 * to state="ready". Prints medians of RUNS runs per engine and the machine's load average.
 * Needs `npm run build`. Run: `npx tsx bench/report-ready-browsers.bench.ts [RUNS] [engines…]`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { type Engine, ENGINES, launch } from '../test/browsers/driver.js';

const runs = Number(process.argv[2] ?? 5);
const engines = (process.argv.length > 3 ? process.argv.slice(3) : ENGINES) as Engine[];
const PORT = 4390;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const server: ChildProcess = spawn(process.execPath, ['scripts/serve.mjs', 'dist/site', String(PORT)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((ok) => server.stdout!.once('data', ok));
try {
  const rows: string[] = [];
  for (const engine of engines) {
    const reported: number[] = [];
    const wall: number[] = [];
    let version = '';
    for (let i = 0; i < runs; i++) {
      const tab = await launch(engine, { baseURL: `http://127.0.0.1:${PORT}/` });
      version = tab.version;
      try {
        const t0 = Date.now();
        await tab.goto('./');
        await tab.waitFor(() => ['ready', 'error'].includes(document.querySelector('skills-report')?.getAttribute('state') ?? ''), undefined, 240_000);
        wall.push((Date.now() - t0) / 1000);
        const status = await tab.evaluate(() => document.querySelector('skills-report')!.shadowRoot!.querySelector('#status')?.textContent ?? '');
        const m = /report ready in ([\d.]+) s/.exec(status);
        if (!m) throw new Error(`${engine}: no "report ready" in the status: ${status}`);
        reported.push(Number(m[1]));
      } finally {
        await tab.close();
      }
    }
    rows.push(`${version.padEnd(26)} report ready ${median(reported).toFixed(1)} s (runs: ${reported.join(', ')}), navigation to ready ${median(wall).toFixed(1)} s`);
  }
  console.log(
    `load average before/after: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  for (const r of rows) console.log(r);
} finally {
  server.kill();
}
