/**
 * End-to-end training in the Chromium worker (features + holdout fit + evaluation + refit):
 *   npx tsx bench/predictor-browser.bench.ts [--runs 3]
 * on train20k.db and the generated 100k file (bench/data/skills-100k.db). Needs `npm run build`.
 * Files are served by the static server (links in dist/site/bench-files); page code is passed as
 * text (tsx adds helpers that do not exist in the page).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { generateSkillsDb } from './generate-skills-db.js';
import { environment, saveJson, summarize } from './harness.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 3) || 3;
if (!existsSync('bench/data/skills-100k.db')) {
  mkdirSync('bench/data', { recursive: true });
  writeFileSync('bench/data/skills-100k.db', await generateSkillsDb({ n: 100_000, days: 30, seed: 1 }));
}
const files: [string, string][] = [
  ['train20k.db (20k)', 'test/fixtures/train20k.db'],
  ['generated 100k', 'bench/data/skills-100k.db'],
];
rmSync('dist/site/bench-files', { recursive: true, force: true });
mkdirSync('dist/site/bench-files');
files.forEach(([, f], i) => symlinkSync(resolve(f), `dist/site/bench-files/${i}.db`));
const port = 4397;
const server = spawn(process.execPath, ['scripts/serve.mjs', 'dist/site', String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({ executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'] });
const rows: Record<string, unknown>[] = [];
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/harness.html`);
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
  await browser.close();
  server.kill();
  rmSync('dist/site/bench-files', { recursive: true, force: true });
}
console.log(`\n### Training in the Chromium worker (median of ${runs}, after one warm-up)\n`);
console.log('| file | median s | min s | max s |\n|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.file} | ${((r.median as number) / 1000).toFixed(1)} | ${((r.min as number) / 1000).toFixed(1)} | ${((r.max as number) / 1000).toFixed(1)} |`);
console.log(`\nsaved ${await saveJson('predictor-browser', { environment: environment(), rows })}`);
