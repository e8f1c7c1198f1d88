/**
 * The default predictor (`trainModel()` with no model flags: model 'auto') against scikit-learn
 * 1.2's HistGradientBoostingClassifier with the workflow phase and the skill as native categorical
 * features (max_iter 100, no early stopping; same feature matrix, same 80/20 time split), its
 * RandomForestClassifier (100 trees, depth 10, on the 7 features) and the mean of the two, and,
 * on generated files, the true probabilities the outcomes were drawn with. Also: the model 'auto'
 * chose and why, the split-conformal sets' coverage (observed one step back, and expected under the
 * true probabilities for the served sets on rows after the training window), and the time.
 *
 *   npx tsx bench/predictor-vs-sklearn.ts [--files 20000,100000:1,100000:2] [--days 30]
 *
 * 20000 = test/fixtures/train20k.db (its oracle from test/fixtures/train20k.quality.json); a path
 * ending in .db = that file (no true probabilities, e.g. test/fixtures/sample.db); N:S =
 * a file of N invocations over 30 days generated with seed S (bench/generators/generate-skills-db.ts, cached
 * in bench/data). scikit-learn runs as `/usr/bin/python3 bench/predictor_sklearn.py CSV`.
 * Saves JSON to bench/out/predictor-vs-sklearn.json; prints the markdown table.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { openAnalytics } from '../src/node/index.js';
import { setCoverage } from '../src/predictive/evaluation/conformal.js';
import { holdoutMetrics } from '../src/predictive/evaluation/holdout.js';
import { loadFeatureMatrix, sliceMatrix } from '../src/predictive/feature-matrix.js';
import { FEATURE_NAMES } from '../src/predictive/features-sql.js';
import { rawPredictMany } from '../src/predictive/fitted-model.js';
import { modelFromJSON } from '../src/predictive/model-json.js';
import { splitIndex } from '../src/predictive/training.js';
import { DEFAULT_AS_OF, generateSkillsDb } from './generators/generate-skills-db.js';
import { environment, flag, saveJson } from './harness.js';
import { simulateInvocations } from './generators/invocation-process.js';

const files = flag('files', '20000,100000:1,100000:2').split(',');
const days = Number(flag('days', '30'));
const US_PER_DAY = 86_400_000_000;

async function fileOf(spec: string): Promise<{ file: string; truth: Float64Array | null }> {
  if (spec === '20000') return { file: 'test/fixtures/train20k.db', truth: null };
  if (spec.endsWith('.db')) return { file: spec, truth: null };
  const [n, seed] = spec.split(':').map(Number);
  const file = `bench/data/skills-${n / 1000}k-seed${seed}.db`;
  if (!existsSync(file)) {
    mkdirSync('bench/data', { recursive: true });
    writeFileSync(file, await generateSkillsDb({ n, days: 30, seed }));
  }
  return { file, truth: simulateInvocations(n, 30, seed, Date.parse(DEFAULT_AS_OF) * 1000).truth };
}

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(3));
const f4 = (x: number) => x.toFixed(4);
const lines = [
  '| file | rows | ours: default → chosen | ours AUC | ours Brier | sklearn HGB+cat AUC | sklearn Brier | sklearn forest + HGB+cat (mean) AUC / Brier | true-prob AUC | true-prob Brier | validation Brier per candidate | 90 % sets: coverage one step back | expected coverage (truth), served sets on later rows | train s (load) |',
  '|---|---:|---|---:|---:|---:|---:|---|---:|---:|---|---:|---:|---:|',
];
const results: Record<string, unknown>[] = [];
for (const spec of files) {
  const { file, truth } = await fileOf(spec);
  const engine = await openAnalytics(new Uint8Array(await readFile(file)));
  const ctx = engine.context();
  const asOf = ctx.defaultAsOfMicros!;
  const all = await loadFeatureMatrix(ctx.warehouse, { fromMicros: asOf - days * US_PER_DAY + 1, toMicros: asOf });
  // Feature matrix for scikit-learn, in the same row order as trainModel's window.
  mkdirSync('bench/out', { recursive: true });
  const csv = `bench/out/vs-sklearn-${spec.replace(/^.*\//, '').replace(':', '-')}.csv`;
  const rows = [[...FEATURE_NAMES, 'skill', 'completed'].join(',')];
  for (let i = 0; i < all.labels.length; i++) rows.push([...all.X.map((c) => c[i]), JSON.stringify(all.skills[i]), all.labels[i]].join(','));
  writeFileSync(csv, rows.join('\n'));
  const load = loadavg()[0];
  const t0 = performance.now();
  const r = await engine.predictor.trainModel({ days });
  const seconds = (performance.now() - t0) / 1000;
  const sk = JSON.parse(execFileSync('/usr/bin/python3', ['bench/predictor_sklearn.py', csv], { encoding: 'utf8' }));
  const n = all.labels.length;
  const cut = splitIndex(n);
  // Truth of the window's rows: the window is the whole file here (30 days), row order = simulation order.
  const windowTruth = truth && truth.length === n ? truth : null;
  const oracle = windowTruth
    ? holdoutMetrics(all.labels.subarray(cut), windowTruth.subarray(cut))
    : spec === '20000'
      ? JSON.parse(await readFile('test/fixtures/train20k.quality.json', 'utf8')).oracle_true_probability
      : null;
  // Served sets on later rows: train on the first 24 days, score the last 6 with the served model.
  let expected: number | null = null;
  if (truth) {
    const cutTime = asOf - 6 * US_PER_DAY;
    await engine.predictor.trainModel({ days: 24, asOf: new Date(cutTime / 1000).toISOString() });
    const served = modelFromJSON(await engine.predictor.exportModel()).model;
    const later = all.times.findIndex((t) => t > cutTime);
    const m = sliceMatrix(all, later, n);
    expected = setCoverage(served.conformal!, rawPredictMany(served, m), m.labels, truth.subarray(later)).expectedCoverage;
  }
  await engine.dispose();
  const cands = r.selection?.candidates.map((c) => `${c.kind}/${c.features} ${f4(c.metrics.brier)}`).join('; ') ?? '';
  lines.push(
    `| ${file} | ${n} | ${r.options.model} → ${r.model.kind}/${r.model.features} | ${f3(r.evaluation.rocAuc)} | ${f4(r.evaluation.brier)} | ${f3(sk.roc_auc)} | ${f4(sk.brier)} | ${sk.blend ? `${f3(sk.blend.roc_auc)} / ${f4(sk.blend.brier)}` : '–'} | ${f3(oracle?.roc_auc ?? oracle?.rocAuc)} | ${oracle ? f4(oracle.brier) : '–'} | ${cands} | ${(r.conformal.evaluated.coverage * 100).toFixed(1)} % | ${expected === null ? '–' : `${(expected * 100).toFixed(1)} %`} | ${seconds.toFixed(2)} (${load.toFixed(1)}) |`,
  );
  console.error(lines.at(-1));
  results.push({
    spec,
    file,
    rows: n,
    seconds,
    load,
    ours: { evaluation: { ...r.evaluation, calibration: undefined }, model: r.model, selection: r.selection, conformal: r.conformal },
    sklearn: sk,
    oracle,
    expectedCoverage: expected,
  });
}
console.log(lines.join('\n'));
console.error(`saved ${await saveJson('predictor-vs-sklearn', { environment: environment(), results, markdown: lines.join('\n') })}`);
