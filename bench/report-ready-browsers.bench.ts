/**
 * Report ready on sample.db in Chromium, Firefox and WebKit (test/browsers drivers): a fresh
 * browser per run opens the built report site, and the report's own "report ready in X s" (from
 * the file's fetch to every panel rendered) is read, together with the wall time from navigation
 * to state="ready". Rounds are interleaved (each round runs every engine once, in rotating order),
 * so the ratios share the machine's load. Prints medians of RUNS runs per engine and the 1-minute
 * load average of each round. Needs `npm run build`. Port: E2E_PORT (default 4390).
 * Run: `npx tsx bench/report-ready-browsers.bench.ts [RUNS] [engines…]`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { type Engine, ENGINES, launch } from '../test/browsers/driver.js';

const runs = Number(process.argv[2] ?? 5);
const engines = (process.argv.length > 3 ? process.argv.slice(3) : ENGINES) as Engine[];
const PORT = Number(process.env.E2E_PORT ?? 4390);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const server: ChildProcess = spawn(process.execPath, ['scripts/serve.mjs', 'dist/site', String(PORT)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((ok) => server.stdout!.once('data', ok));
try {
  const reported = new Map<Engine, number[]>(engines.map((e) => [e, []]));
  const wall = new Map<Engine, number[]>(engines.map((e) => [e, []]));
  const version = new Map<Engine, string>();
  const load: number[] = [];
  for (let i = 0; i < runs; i++) {
    load.push(loadavg()[0]);
    for (let k = 0; k < engines.length; k++) {
      const engine = engines[(k + i) % engines.length];
      const tab = await launch(engine, { baseURL: `http://127.0.0.1:${PORT}/` });
      version.set(engine, tab.version);
      try {
        const t0 = Date.now();
        await tab.goto('./');
        await tab.waitFor(() => ['ready', 'error'].includes(document.querySelector('skills-report')?.getAttribute('state') ?? ''), undefined, 240_000);
        wall.get(engine)!.push((Date.now() - t0) / 1000);
        const status = await tab.evaluate(() => document.querySelector('skills-report')!.shadowRoot!.querySelector('#status')?.textContent ?? '');
        const m = /report ready in ([\d.]+) s/.exec(status);
        if (!m) throw new Error(`${engine}: no "report ready" in the status: ${status}`);
        reported.get(engine)!.push(Number(m[1]));
      } finally {
        await tab.close();
      }
    }
  }
  console.log(`load average (1 min) per round: ${load.map((x) => x.toFixed(1)).join(' ')}`);
  for (const engine of engines)
    console.log(
      `${(version.get(engine) ?? engine).padEnd(26)} report ready ${median(reported.get(engine)!).toFixed(1)} s (runs: ${reported.get(engine)!.join(', ')}), navigation to ready ${median(wall.get(engine)!).toFixed(1)} s (runs: ${wall.get(engine)!.join(', ')})`,
    );
} finally {
  server.kill();
}
