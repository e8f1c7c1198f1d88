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
import { environment, flag, saveJson, summarize } from './harness.js';

const runs = Number(flag('runs', '5')) || 5;
const PHASES = ['features', 'validation fit', 'validation evaluation', 'holdout fit', 'holdout evaluation'] as const;
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
    const phases = new Map<number, Record<string, number>[]>(threads.map((t) => [t, []]));
    const evaluations = new Map<number, unknown>();
    await page.evaluate(`(async () => { await (await window.analyticsReady).open('bench-files/${i}.db'); })()`);
    for (let r = 0; r < runs + 1; r++) {
      for (const t of threads) {
        const load = loadavg()[0];
        const out = (await page.evaluate(`(async () => {
          const a = await window.analyticsReady;
          const t = performance.now();
          const marks = [];
          let evaluations = 0;
          const report = await a.predictor.trainModel({ days: 31, parallelism: ${t}, onProgress: (p) => {
            if (p.phase === 'evaluating' && p.done === 0) evaluations++;
            const label = p.phase === 'training' ? (evaluations === 0 ? 'validation fit' : 'holdout fit') : p.phase === 'evaluating' ? (evaluations <= 1 ? 'validation evaluation' : 'holdout evaluation') : p.phase;
            if (marks.at(-1)?.[0] !== label) marks.push([label, performance.now()]);
          } });
          const end = performance.now();
          const phases = {};
          marks.forEach(([label, at], i) => { phases[label] = (phases[label] ?? 0) + ((marks[i + 1]?.[1] ?? end) - at); });
          return { ms: end - t, phases, evaluation: report.evaluation, samples: report.samplesUsed, cores: navigator.hardwareConcurrency };
        })()`)) as { ms: number; phases: Record<string, number>; evaluation: { rocAuc: number; brier: number }; samples: number; cores: number };
        if (r > 0) {
          // The first round warms up.
          times.get(t)!.push(out.ms);
          loads.get(t)!.push(load);
          phases.get(t)!.push(out.phases);
        }
        evaluations.set(t, { samples: out.samples, rocAuc: out.evaluation.rocAuc, brier: out.evaluation.brier, cores: out.cores });
        console.error(`${files[i][0]}: ${t} thread(s), round ${r}: ${out.ms.toFixed(0)} ms (load ${load.toFixed(2)})`);
      }
    }
    if (new Set([...evaluations.values()].map((e) => JSON.stringify(e))).size !== 1) throw new Error(`${files[i][0]}: the reports differ between thread counts`);
    const baseline = summarize(times.get(threads[0])!).median;
    for (const t of threads) {
      const s = summarize(times.get(t)!);
      const phase = Object.fromEntries(PHASES.map((p) => [p, summarize(phases.get(t)!.map((x) => x[p] ?? 0)).median]));
      rows.push({
        phases: phase,
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
console.log(
  `| file | threads | median s | min s | max s | vs 1 thread | ${PHASES.join(' | ')} | load (1 min) |\n|---|---:|---:|---:|---:|---:|${PHASES.map(() => '---:|').join('')}---:|`,
);
for (const r of rows)
  console.log(
    `| ${r.file} | ${r.threads} | ${((r.median as number) / 1000).toFixed(2)} | ${((r.min as number) / 1000).toFixed(2)} | ${((r.max as number) / 1000).toFixed(2)} | ${(r.vsOneThread as number).toFixed(2)}× | ${PHASES.map((p) => ((r.phases as Record<string, number>)[p] / 1000).toFixed(2)).join(' | ')} | ${(r.load as number).toFixed(1)} |`,
  );
console.log(`\nsaved ${await saveJson('predictor-browser', { environment: environment(), threads, rows })}`);
