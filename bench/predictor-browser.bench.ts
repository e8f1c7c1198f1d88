/**
 * End-to-end training in the Chromium worker (features + holdout fit + evaluation + refit):
 *   npx tsx bench/predictor-browser.bench.ts [--runs 3]
 * on train20k.db and the generated 100k file (bench/data/skills-100k.db). Needs `npm run build`.
 * Files are served by the static server and page code is passed as text (see data-files.ts).
 */
import { benchDataFile, startBenchSite } from './data-files.js';
import { environment, saveJson, summarize } from './harness.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 3) || 3;
const files: [string, string][] = [
  ['train20k.db (20k)', 'test/fixtures/train20k.db'],
  ['generated 100k', await benchDataFile(100_000)],
];
const site = await startBenchSite(
  files.map(([, f]) => f),
  4397,
);
const rows: Record<string, unknown>[] = [];
try {
  const page = await site.browser.newPage();
  await page.goto(`${site.origin}/harness.html`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  for (let i = 0; i < files.length; i++) {
    const times: number[] = [];
    let evaluation: unknown = null;
    await page.evaluate(`(async () => { await (await window.analyticsReady).open('bench-files/${i}.db'); })()`);
    for (let r = 0; r < runs + 1; r++) {
      const out = (await page.evaluate(`(async () => {
        const a = await window.analyticsReady;
        const t = performance.now();
        const report = await a.predictor.trainModel({ days: 31 });
        return { ms: performance.now() - t, evaluation: report.evaluation, samples: report.samplesUsed };
      })()`)) as { ms: number; evaluation: { rocAuc: number; brier: number }; samples: number };
      if (r > 0) times.push(out.ms); // the first run warms up
      evaluation = { samples: out.samples, rocAuc: out.evaluation.rocAuc, brier: out.evaluation.brier };
    }
    rows.push({ file: files[i][0], ...summarize(times), runs: times, evaluation });
    console.error(rows.at(-1));
  }
} finally {
  await site.close();
}
console.log(`\n### Training in the Chromium worker (median of ${runs}, after one warm-up)\n`);
console.log('| file | median s | min s | max s |\n|---|---:|---:|---:|');
for (const r of rows)
  console.log(`| ${r.file} | ${((r.median as number) / 1000).toFixed(1)} | ${((r.min as number) / 1000).toFixed(1)} | ${((r.max as number) / 1000).toFixed(1)} |`);
console.log(`\nsaved ${await saveJson('predictor-browser', { environment: environment(), rows })}`);
