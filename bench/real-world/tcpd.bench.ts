/**
 * Changepoints on the Turing Change Point Dataset (van den Burg & Williams 2020): F1 (margin 5)
 * and segmentation cover against every annotator, as TCPDBench scores them (tcpd-metrics.ts),
 * averaged over the univariate real series shipped in the TCPD repository (the 5 quality-control
 * series are left out; series that need a download script are named and skipped).
 *
 *   git clone https://github.com/alan-turing-institute/TCPD && npx tsx bench/real-world/tcpd.bench.ts <path to TCPD>
 *
 * Locations are submitted as TCPDBench's R wrappers submit R's `changepoint` results: the last
 * index before the change (our `index` − 1); the table also gives our `index` as is, and the level
 * model alone (`model: 'level'`, the default before the piecewise-linear model). Published
 * numbers: TCPDBench's default experiment (analysis/output/scores/default_*_scores.json), averaged
 * over the same 25 series. Prints markdown and saves bench/out/tcpd.json.
 */
import { changepoints } from '../../src/stats/changepoints.js';
import { differenceSigma, peltMeanShift } from '../../src/stats/pelt.js';
import { environment, saveJson } from '../harness.js';
import { datasetFolders, isQualityControl, loadTcpd, type TcpdSeries } from './tcpd-data.js';
import { coverScore, f1Score } from './tcpd-metrics.js';

const root = process.argv[2] ?? process.env.TCPD_DIR;
if (!root || datasetFolders(root).length === 0) {
  console.error('usage: npx tsx bench/real-world/tcpd.bench.ts <TCPD checkout> (github.com/alan-turing-institute/TCPD)');
  process.exit(2);
}

/** TCPDBench's default-experiment means over the 25 series used here (F1, cover), as given in issue 25. */
const PUBLISHED: [string, number, number][] = [
  ['zero (no change)', 0.65, 0.56],
  ['R changepoint PELT, MBIC, mean, SD-scaled', 0.68, 0.66],
  ['R changepoint BinSeg, MBIC, Q = 5', 0.69, 0.66],
];

type Method = (x: number[]) => number[];
const sd = (x: number[]) => {
  const m = x.reduce((a, b) => a + b, 0) / x.length;
  return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
};
const mbic = (n: number) => 3 * Math.log(n);
const methods: [string, Method][] = [
  ['zero (no change), ours', () => []],
  ['PELT, σ = successive differences (before)', (x) => peltMeanShift(x, { sigma: differenceSigma(x), penalty: mbic(x.length), minSegment: 3 }).changes.map((c) => c.index - 1)],
  ['PELT, σ = SD (R default, reproduced)', (x) => peltMeanShift(x, { sigma: sd(x), penalty: mbic(x.length), minSegment: 2 }).changes.map((c) => c.index - 1)],
  ["changepoints, `model: 'level'` (before the trend model)", (x) => changepoints(x, { model: 'level' }).changes.map((c) => c.index - 1)],
  ['**changepoints (default)**', (x) => changepoints(x).changes.map((c) => c.index - 1)],
  ['changepoints (default), `index` as is', (x) => changepoints(x).changes.map((c) => c.index)],
];

function score(series: TcpdSeries[], method: Method) {
  const per = series.map((s) => {
    const cp = method(s.values);
    return { name: s.name, changes: cp.length, model: changepoints(s.values).model, f1: f1Score(s.annotations, cp).f1, cover: coverScore(s.annotations, cp, s.values.length) };
  });
  const mean = (k: 'f1' | 'cover') => per.reduce((a, p) => a + p[k], 0) / per.length;
  return { f1: mean('f1'), cover: mean('cover'), per };
}

const { series, missing, multivariate } = loadTcpd(root);
const complete = series.filter((s) => !isQualityControl(s.name) && s.values.every(Number.isFinite));
const gaps = series.filter((s) => !isQualityControl(s.name) && !s.values.every(Number.isFinite)).map((s) => s.name);
const lines = [
  `${complete.length} univariate series: ${complete.map((s) => s.name).join(', ')}.`,
  `Skipped: no JSON in the repository (download script) ${missing.join(', ') || '-'}; multivariate ${multivariate.join(', ') || '-'}; missing values ${gaps.join(', ') || '-'}; quality control ${series.filter((s) => isQualityControl(s.name)).length}.`,
  '',
  '| method | F1 | cover |',
  '|---|---:|---:|',
];
const results: Record<string, ReturnType<typeof score>> = {};
for (const [name, m] of methods) {
  const r = score(complete, m);
  results[name] = r;
  lines.push(`| ${name} | ${r.f1.toFixed(3)} | ${r.cover.toFixed(3)} |`);
}
for (const [name, f1, cover] of PUBLISHED) lines.push(`| published: ${name} | ${f1.toFixed(2)} | ${cover.toFixed(2)} |`);
const ours = results['**changepoints (default)**'];
const level = results["changepoints, `model: 'level'` (before the trend model)"];
lines.push(
  '',
  '| series | n | model | changes | F1 | cover | level model: changes, F1 / cover |',
  '|---|---:|---|---:|---:|---:|---|',
  ...ours.per.map((p, i) => {
    const l = level.per[i];
    return `| ${p.name} | ${complete[i].values.length} | ${p.model} | ${p.changes} | ${p.f1.toFixed(2)} | ${p.cover.toFixed(2)} | ${l.changes}, ${l.f1.toFixed(2)} / ${l.cover.toFixed(2)} |`;
  }),
);
console.log(lines.join('\n'));
await saveJson('tcpd', { environment: environment(), series: complete.map((s) => s.name), results });
