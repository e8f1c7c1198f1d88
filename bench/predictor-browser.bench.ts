/**
 * End-to-end training in the Chromium worker (features + validation fit + evaluation + holdout fit
 * + evaluation), with 1 and 2 threads side by side (`parallelism` 2: two tree workers started by
 * the analytics worker), runs alternating:
 *   npx tsx bench/predictor-browser.bench.ts [--runs 5] [--threads 1,2]
 * on train20k.db and the generated 100k file (bench/data/skills-100k.db). Needs `npm run build`.
 * Files are served by the static server and page code is passed as text (see data-files.ts).
 * Target: 100k on 2 cores ≤ 6 s.
 */
import { loadavg } from 'node:os';
import { benchDataFile, startBenchSite } from './data-files.js';
import { environment, saveJson, summarize } from './harness.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const runs = Number(flag('runs', '5')) || 5;
const threads = flag('threads', '1,2').split(',').map(Number);
const files: [string, string][] = [
  ['train20k.db (20k)', 'test/fixtures/train20k.db'],
  ['generated 100k', await benchDataFile(100_000)],
];
const site = await startBenchSite(
  files.map(([, f]) => f),
  4631,
);
const rows: Record<string, unknown>[] = [];
try {
  const page = await site.browser.newPage();
  await page.goto(`${site.origin}/harness.html`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  for (let i = 0; i < files.length; i++) {
    const times = new Map<number, number[]>(threads.map((t) => [t, []]));
    const loads = new Map<number, number[]>(threads.map((t) => [t, []]));
    const evaluations = new Map<number, unknown>();
    await page.evaluate(`(async () => { await (await window.analyticsReady).open('bench-files/${i}.db'); })()`);
    for (let r = 0; r < runs + 1; r++) {
      for (const t of threads) {
        const load = loadavg()[0];
        const out = (await page.evaluate(`(async () => {
          const a = await window.analyticsReady;
          const t = performance.now();
          const report = await a.predictor.trainModel({ days: 31, parallelism: ${t} });
          return { ms: performance.now() - t, evaluation: report.evaluation, samples: report.samplesUsed, cores: navigator.hardwareConcurrency };
        })()`)) as { ms: number; evaluation: { rocAuc: number; brier: number }; samples: number; cores: number };
        if (r > 0) {
          // The first round warms up.
          times.get(t)!.push(out.ms);
          loads.get(t)!.push(load);
        }
        evaluations.set(t, { samples: out.samples, rocAuc: out.evaluation.rocAuc, brier: out.evaluation.brier, cores: out.cores });
        console.error(`${files[i][0]}: ${t} thread(s), round ${r}: ${out.ms.toFixed(0)} ms (load ${load.toFixed(2)})`);
      }
    }
    if (new Set([...evaluations.values()].map((e) => JSON.stringify(e))).size !== 1) throw new Error(`${files[i][0]}: the reports differ between thread counts`);
    const baseline = summarize(times.get(threads[0])!).median;
    for (const t of threads) {
      const s = summarize(times.get(t)!);
      rows.push({
        file: files[i][0],
        threads: t,
        ...s,
        vsOneThread: baseline / s.median,
        runs: times.get(t),
        load: summarize(loads.get(t)!).median,
        evaluation: evaluations.get(t),
      });
    }
  }
} finally {
  await site.close();
}
console.log(`\n### Training in the Chromium worker (median of ${runs}, after one warm-up round; thread counts alternate)\n`);
console.log('| file | threads | median s | min s | max s | vs 1 thread | load (1 min) |\n|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows)
  console.log(
    `| ${r.file} | ${r.threads} | ${((r.median as number) / 1000).toFixed(2)} | ${((r.min as number) / 1000).toFixed(2)} | ${((r.max as number) / 1000).toFixed(2)} | ${(r.vsOneThread as number).toFixed(2)}× | ${(r.load as number).toFixed(1)} |`,
  );
console.log(`\nsaved ${await saveJson('predictor-browser', { environment: environment(), threads, rows })}`);
