/**
 * Speed and quality of src/predictive/forest on the real fixture (a throwaway measurement, not a
 * test). Run: npx tsx bench/studies/forest-speed.ts [--grid] [--cart] [--csv]
 *
 * - train20k.db: the seven point-in-time features of test/fixtures/train20k.quality.json, plain
 *   loops; time split 16,000 / 4,000 by (invoked_at, id); fit time, AUC, Brier, log loss.
 * - 100k rows: the 20k feature rows replicated 5× with jitter on the continuous features (timing
 *   only: copies leak across the split, so its AUC means nothing); fit on 80k and on 100k.
 * - --cart: one depth-8 ml-cart tree with the fast split patched in, on 16k and 80k rows (the
 *   per-node Matrix copies that made us write our own builder).
 * - --grid: a few option sets on train20k. --csv: writes bench/out/train20k-features.csv.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import initSqlJs from 'sql.js';
import { DecisionTreeClassifier } from 'ml-cart';
import { Matrix } from 'ml-matrix';
import { trainForest, type ForestOptions } from '../../src/predictive/forest/index.js';
import { mulberry32 } from '../../src/predictive/forest/random.js';
import { brierScore, logLoss, rocAuc } from '../../src/predictive/evaluation/metrics.js';
import { parseTimestamp } from '../../src/engine/time.js';

const NAMES = ['hour_of_day', 'day_of_week', 'skill_count_24h', 'skill_rate_24h', 'phase_code', 'session_minutes', 'prior_completed_in_session'];
const PHASES: Record<string, number> = { planning: 1, setup: 2, execution: 3, verification: 4 };
const HOUR = 3_600_000_000;

interface Data {
  X: Float64Array[];
  y: Uint8Array;
}

async function loadFeatures(file: URL): Promise<Data> {
  const SQL = await initSqlJs();
  const db = new SQL.Database(readFileSync(file));
  const result = db.exec('SELECT id, skill_name, invoked_at, session_id, workflow_phase, completed FROM skill_invocation');
  db.close();
  const rows = result[0].values.map((r) => ({
    id: Number(r[0]),
    skill: String(r[1]),
    t: parseTimestamp(String(r[2]))!,
    session: String(r[3]),
    phase: r[4] === null ? 0 : (PHASES[String(r[4])] ?? 5),
    completed: Number(r[5]),
  }));
  rows.sort((a, b) => a.t - b.t || a.id - b.id);
  const n = rows.length;
  const X = NAMES.map(() => new Float64Array(n));
  const y = new Uint8Array(n);
  const bySkill = new Map<string, { t: number[]; done: number[]; start: number }>();
  const sessionStart = new Map<string, number>();
  const completedInSession = new Map<string, number>();
  rows.forEach((r, i) => {
    const date = new Date(r.t / 1000);
    const history = bySkill.get(r.skill) ?? { t: [], done: [0], start: 0 };
    bySkill.set(r.skill, history);
    while (history.start < history.t.length && history.t[history.start] < r.t - 24 * HOUR) history.start++;
    let end = history.t.length;
    while (end > history.start && history.t[end - 1] >= r.t) end--;
    const count = end - history.start;
    const key = `${r.session}\u0000${r.skill}`;
    if (!sessionStart.has(r.session)) sessionStart.set(r.session, r.t);
    X[0][i] = date.getUTCHours();
    X[1][i] = (date.getUTCDay() + 6) % 7;
    X[2][i] = count;
    X[3][i] = count === 0 ? 0 : (history.done[end] - history.done[history.start]) / count;
    X[4][i] = r.phase;
    X[5][i] = (r.t - sessionStart.get(r.session)!) / 60e6;
    X[6][i] = completedInSession.get(key) ?? 0;
    y[i] = r.completed;
    history.t.push(r.t);
    history.done.push(history.done[history.done.length - 1] + r.completed);
    completedInSession.set(key, (completedInSession.get(key) ?? 0) + r.completed);
  });
  return { X, y };
}

function slice(data: Data, from: number, to: number): Data {
  return { X: data.X.map((c) => c.slice(from, to)), y: data.y.slice(from, to) };
}

function replicate(data: Data, copies: number): Data {
  const random = mulberry32(7);
  const n = data.y.length;
  const X = data.X.map((c, f) => {
    const out = new Float64Array(n * copies);
    for (let k = 0; k < copies; k++) {
      for (let i = 0; i < n; i++) {
        const jitter = k === 0 ? 0 : f === 5 ? random() - 0.5 : f === 3 ? (random() - 0.5) * 0.02 : 0;
        out[k * n + i] = c[i] + jitter;
      }
    }
    return out;
  });
  const y = new Uint8Array(n * copies);
  for (let k = 0; k < copies; k++) y.set(data.y, k * n);
  return { X, y };
}

async function fitAndScore(train: Data, test: Data, options: ForestOptions): Promise<string> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const forest = await trainForest(train.X, train.y, NAMES, options);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const p = forest.predictMany(test.X);
  const json = JSON.stringify(forest.toJSON()).length;
  return `${JSON.stringify(forest.options)} fit ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s)  AUC ${rocAuc(test.y, p).toFixed(4)}  Brier ${brierScore(test.y, p).toFixed(4)}  logloss ${logLoss(test.y, p).toFixed(4)}  JSON ${(json / 1e6).toFixed(2)} MB`;
}

/** ml-cart's TreeNode.bestSplit replaced by a sorted sweep (same rule), for the --cart timing. */
function patchCartSplit(): void {
  const probe = new DecisionTreeClassifier({ maxDepth: 0 });
  probe.train([[0], [1]], [0, 1]);
  const proto = Object.getPrototypeOf(probe.root) as { bestSplit: unknown };
  proto.bestSplit = (XT: Matrix, labels: number[]) => {
    const n = labels.length;
    const positives = labels.reduce((a, b) => a + b, 0);
    const gini = (m: number, c: number) => (m === 0 ? 0 : 1 - ((m - c) / m) ** 2 - (c / m) ** 2);
    let best = { maxGain: -Infinity, maxColumn: undefined as number | undefined, maxValue: undefined as number | undefined, numberSamples: n };
    for (let f = 0; f < XT.rows; f++) {
      const x = XT.getRow(f);
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b]);
      let left = 0;
      for (let i = 1; i < n; i++) {
        left += labels[order[i - 1]];
        if (x[order[i]] === x[order[i - 1]]) continue;
        const gain = gini(n, positives) - (gini(n - i, positives - left) * (n - i)) / n - (gini(i, left) * i) / n;
        if (gain > best.maxGain) best = { maxGain: gain, maxColumn: f, maxValue: (x[order[i]] + x[order[i - 1]]) / 2, numberSamples: n };
      }
    }
    return best;
  };
}

function timeCartTree(data: Data, rows: number): string {
  const part = slice(data, 0, rows);
  const matrix = new Matrix(Array.from({ length: rows }, (_, i) => part.X.map((c) => c[i])));
  const tree = new DecisionTreeClassifier({ maxDepth: 8, gainThreshold: 0, minNumSamples: 3 });
  const started = performance.now();
  const cpu = process.cpuUsage();
  tree.train(matrix, Array.from(part.y));
  const used = process.cpuUsage(cpu);
  const wall = (performance.now() - started) / 1000;
  return `ml-cart + fast split, one depth-8 tree on ${rows} rows: ${wall.toFixed(2)} s (CPU ${((used.user + used.system) / 1e6).toFixed(2)} s)`;
}

const argv = process.argv.slice(2);
const args = new Set(argv);
const dbArg = argv.includes('--db') ? argv[argv.indexOf('--db') + 1] : undefined;
const data = await loadFeatures(new URL('../../test/fixtures/train20k.db', import.meta.url));
const train = slice(data, 0, 16_000);
const test = slice(data, 16_000, data.y.length);
function writeCsv(d: Data, name: string): void {
  mkdirSync(new URL('../out/', import.meta.url), { recursive: true });
  const lines = [[...NAMES, 'completed'].join(',')];
  for (let i = 0; i < d.y.length; i++) lines.push([...d.X.map((c) => c[i]), d.y[i]].join(','));
  writeFileSync(new URL(`../out/${name}`, import.meta.url), `${lines.join('\n')}\n`);
}
if (args.has('--csv')) writeCsv(data, 'train20k-features.csv');
console.log(`train20k (16000 / ${test.y.length}) defaults: ${await fitAndScore(train, test, {})}`);
if (args.has('--grid')) {
  const grid: ForestOptions[] = [
    { nTrees: 100, maxDepth: 10, minSamplesLeaf: 1, sampleSize: 16_000 },
    { nTrees: 100, maxDepth: 10, minSamplesLeaf: 1, sampleSize: 8_000 },
    { nTrees: 100, maxDepth: 10, minSamplesLeaf: 1, sampleSize: 8_000, maxFeatures: 3 },
    { nTrees: 100, maxDepth: 10, minSamplesLeaf: 5, sampleSize: 8_000 },
    { nTrees: 100, maxDepth: 10, minSamplesLeaf: 5, sampleSize: 8_000, maxFeatures: 3 },
    { nTrees: 100, maxDepth: 8, minSamplesLeaf: 5, sampleSize: 8_000, maxFeatures: 3 },
    { nTrees: 100, maxDepth: 12, minSamplesLeaf: 10, sampleSize: 8_000, maxFeatures: 3 },
    { nTrees: 100, maxDepth: 10, minSamplesLeaf: 20, sampleSize: 8_000, maxFeatures: 3 },
    { nTrees: 60, maxDepth: 10, minSamplesLeaf: 5, sampleSize: 8_000, maxFeatures: 3 },
    { nTrees: 200, maxDepth: 10, minSamplesLeaf: 5, sampleSize: 8_000, maxFeatures: 3 },
  ];
  for (const options of grid) console.log(`  ${await fitAndScore(train, test, options)}`);
}
const bigFile = dbArg ? new URL(dbArg, `file://${process.cwd()}/`) : new URL('../data/skills-100k.db', import.meta.url);
const real = existsSync(bigFile);
const big = real ? await loadFeatures(bigFile) : replicate(data, 5);
if (real && args.has('--csv')) writeCsv(big, 'big-features.csv');
const cut = Math.floor(big.y.length * 0.8);
const label = real ? `${bigFile.pathname.split('/').pop()} (${big.y.length} rows)` : '20k replicated 5x';
console.log(`${label}, fit on ${cut}: ${await fitAndScore(slice(big, 0, cut), slice(big, cut, big.y.length), {})}`);
console.log(`${label}, fit on all: ${await fitAndScore(big, slice(big, cut, big.y.length), {})}`);
if (args.has('--cart')) {
  patchCartSplit();
  console.log(timeCartTree(big, 16_000));
  console.log(timeCartTree(big, 80_000));
}
