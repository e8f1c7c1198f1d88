/**
 * Quality and training time of every predictor configuration on the same time split:
 * forest / boosted / auto × seed / seed+skill, raw and calibrated, with 95 % intervals, on
 * test/fixtures/train20k.db and the generated 100k file. Also writes each file's feature matrix
 * (features, skill, label, split) to bench/out/features-<n>.csv for the scikit-learn comparison
 * (test/unit/predictive/references/sklearn_models.py).
 *
 *   npx tsx bench/studies/predictor-quality.ts [--sizes 20000,100000] [--csv]
 *
 * Saves JSON to bench/out/predictor-quality.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { openAnalytics } from '../../src/node/index.js';
import { loadFeatureMatrix } from '../../src/predictive/feature-matrix.js';
import { FEATURE_NAMES } from '../../src/predictive/features-sql.js';
import type { FeatureSet, ModelChoice, TrainingReport } from '../../src/predictive/types.js';
import { benchDataFile } from '../data-files.js';
import { environment, flag, saveJson } from '../harness.js';

const sizes = flag('sizes', '20000,100000').split(',').map(Number);
const writeCsv = process.argv.includes('--csv');
const configs: { model: ModelChoice; features: FeatureSet }[] = [
  { model: 'forest', features: 'seed' },
  { model: 'forest', features: 'seed+skill' },
  { model: 'boosted', features: 'seed' },
  { model: 'boosted', features: 'seed+skill' },
  { model: 'auto', features: 'seed+skill' },
];

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(3));
const f4 = (x: number) => x.toFixed(4);
const ci = (i: [number, number] | null | undefined, d = 3) => (i ? `[${i[0].toFixed(d)}, ${i[1].toFixed(d)}]` : '');

const lines = [
  '| file | model | features | AUC [95 % CI] | Brier [95 % CI] | log loss [95 % CI] | calibrated Brier (64 % fit) | ECE before → after | fits (s) | total s |',
  '|---|---|---|---|---|---|---|---|---|---|',
];
const results: Record<string, unknown>[] = [];
for (const n of sizes) {
  const file = n === 20_000 ? 'test/fixtures/train20k.db' : await benchDataFile(n);
  const engine = await openAnalytics(new Uint8Array(await readFile(file)));
  if (writeCsv) {
    const ctx = engine.context();
    const m = await loadFeatureMatrix(ctx.warehouse, { fromMicros: 0, toMicros: ctx.defaultAsOfMicros! });
    const rows = [[...FEATURE_NAMES, 'skill', 'completed'].join(',')];
    for (let i = 0; i < m.labels.length; i++) rows.push([...m.X.map((c) => c[i]), JSON.stringify(m.skills[i]), m.labels[i]].join(','));
    mkdirSync('bench/out', { recursive: true });
    writeFileSync(`bench/out/features-${n}.csv`, rows.join('\n'));
    console.error(`wrote bench/out/features-${n}.csv`);
  }
  for (const c of configs) {
    const t0 = performance.now();
    // Time of each fit from the progress events (their message names the fit).
    const fitTimes: Record<string, number> = {};
    let current: [string, number] | null = null;
    const r: TrainingReport = await engine.predictor.trainModel({
      days: 60,
      model: c.model,
      features: c.features,
      onProgress: (p) => {
        const label = p.phase === 'training' ? (p.message ?? '').replace(/ on the first \d+ rows/, '') : p.phase;
        if (current?.[0] !== label) {
          const now = performance.now();
          if (current) fitTimes[current[0]] = (fitTimes[current[0]] ?? 0) + (now - current[1]) / 1000;
          current = [label, now];
        }
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    const e = r.evaluation;
    const cal = r.calibration;
    lines.push(
      `| ${file} | ${c.model}${c.model === 'auto' ? ` → ${r.model.kind}` : ''} | ${c.features} | ${f3(e.rocAuc)} ${ci(e.intervals.rocAuc)} | ${f4(e.brier)} ${ci(e.intervals.brier, 4)} | ${f4(e.logLoss)} ${ci(e.intervals.logLoss, 4)} | ${f4(cal.before.metrics.brier)} → ${f4(cal.after.metrics.brier)} ${ci(cal.after.metrics.intervals?.brier, 4)} | ${f3(cal.before.ece)} → ${f3(cal.after.ece)} | ${Object.entries(
        fitTimes,
      )
        .filter(([k]) => k.includes('fit'))
        .map(([k, v]) => `${k} ${v.toFixed(2)}`)
        .join('; ')} | ${seconds.toFixed(2)} |`,
    );
    results.push({
      file,
      ...c,
      seconds,
      fitTimes,
      report: { ...r, calibration: { ...r.calibration, before: { ...r.calibration.before, reliability: undefined }, after: { ...r.calibration.after, reliability: undefined } } },
    });
    console.error(lines.at(-1));
  }
  await engine.dispose();
}
console.log(lines.join('\n'));
console.error(`saved ${await saveJson('predictor-quality', { environment: environment(), results, markdown: lines.join('\n') })}`);
