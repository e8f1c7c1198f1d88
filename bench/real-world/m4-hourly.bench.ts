/**
 * Forecasts on the M4 competition's 414 hourly series (48 hours ahead, seasonality 24), scored with
 * the competition's sMAPE and MASE (m4-data.ts), 80 % / 95 % interval coverage, beside the
 * published results ("Evaluation and Ranks.xlsx" in github.com/Mcompetitions/M4-methods, sheet
 * "Point Forecasts-Frequency", column Hourly; interval results from "Prediction Intervals-Frequency").
 *
 *   git clone https://github.com/Mcompetitions/M4-methods && npx tsx bench/real-world/m4-hourly.bench.ts <path to M4-methods>
 *
 * Prints markdown and saves bench/out/m4-hourly.json.
 */
import { forecast, type SeriesForecastOptions } from '../../src/stats/forecast.js';
import { environment, saveJson } from '../harness.js';
import { loadM4Hourly, M4_HOURLY_HORIZON as H, M4_HOURLY_SEASONALITY as M, mase, seasonalNaive, smape } from './m4-data.js';

const root = process.argv[2] ?? process.env.M4_DIR;
if (!root) {
  console.error('usage: npx tsx bench/real-world/m4-hourly.bench.ts <M4-methods checkout> (github.com/Mcompetitions/M4-methods)');
  process.exit(2);
}

/** Published hourly results (sMAPE %, MASE): the M4 benchmarks and the top submissions. */
const PUBLISHED: [string, number, number][] = [
  ['Naive', 43.003, 11.608],
  ['sNaive (seasonal naive)', 13.912, 1.193],
  ['Naive2', 18.383, 2.395],
  ['SES', 18.094, 2.385],
  ['Holt', 29.249, 9.356],
  ['Damped', 19.265, 2.956],
  ['Theta', 18.138, 2.455],
  ['Comb (SES, Holt, Damped)', 22.053, 4.582],
  ['MLP', 13.842, 2.607],
  ['RNN', 14.698, 3.048],
  ['#1 Smyl (hybrid ES-RNN, the winner)', 9.328, 0.893],
  ['#2 Montero-Manso et al. (FFORMA)', 11.506, 0.819],
  ['#3 Pawlikowski et al.', 9.611, 0.873],
];

type Forecaster = (x: number[]) => {
  mean: number[];
  lower80?: number[];
  upper80?: number[];
  lower95?: number[];
  upper95?: number[];
  method?: string;
  seasonalPeriod?: number | null;
};
const ours =
  (o: Partial<SeriesForecastOptions>): Forecaster =>
  (x) =>
    forecast(x, { horizon: H, ...o });
const contestants: [string, Forecaster][] = [
  ['seasonal naive, ours (checks the metrics)', (x) => ({ mean: seasonalNaive(x, M, H) })],
  ['**forecast, periods [24, 168] (default options)**', ours({ seasonalPeriods: [24, 168] })],
  ['forecast, periods detected', ours({})],
  ['forecast, periods [24, 168], no log', ours({ seasonalPeriods: [24, 168], transform: 'none' })],
  ['before: robust MSTL + SES, no log', ours({ seasonalPeriods: [24, 168], transform: 'none', method: 'ses', robust: true })],
  ['MSTL + SES, log', ours({ seasonalPeriods: [24, 168], method: 'ses' })],
  ['MSTL + damped trend, log', ours({ seasonalPeriods: [24, 168], method: 'damped' })],
];

const series = loadM4Hourly(root);
const lines = [`${series.length} series, horizon ${H}.`, '', '| method | sMAPE | MASE | 80 % coverage | 95 % coverage | models chosen |', '|---|---:|---:|---:|---:|---|'];
const results: Record<string, unknown> = {};
for (const [name, f] of contestants) {
  let s = 0;
  let m = 0;
  let n = 0;
  let in80 = 0;
  let in95 = 0;
  const chosen: Record<string, number> = {};
  for (const x of series) {
    const r = f(x.train);
    s += smape(x.test, r.mean);
    m += mase(x.train, x.test, r.mean, M);
    if (r.method) {
      const k = r.method + (r.seasonalPeriod ? ` ${r.seasonalPeriod}` : '');
      chosen[k] = (chosen[k] ?? 0) + 1;
    }
    if (!r.lower95) continue;
    x.test.forEach((y, i) => {
      n++;
      if (y >= r.lower80![i] && y <= r.upper80![i]) in80++;
      if (y >= r.lower95![i] && y <= r.upper95![i]) in95++;
    });
  }
  const row = { smape: s / series.length, mase: m / series.length, coverage80: n ? in80 / n : null, coverage95: n ? in95 / n : null, chosen };
  results[name] = row;
  const pct = (v: number | null) => (v === null ? '–' : `${(100 * v).toFixed(1)} %`);
  lines.push(
    `| ${name} | ${row.smape.toFixed(3)} | ${row.mase.toFixed(3)} | ${pct(row.coverage80)} | ${pct(row.coverage95)} | ${Object.entries(chosen)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')} |`,
  );
}
for (const [name, s, m] of PUBLISHED) lines.push(`| published: ${name} | ${s.toFixed(3)} | ${m.toFixed(3)} | | | |`);
lines.push('', 'Published 95 % intervals, hourly (MSIS / absolute coverage difference): ETS 17.487 / 0.001, ARIMA 7.538 / 0.001, Naive 71.245 / 0.011, winner 7.928 / 0.040.');
console.log(lines.join('\n'));
await saveJson('m4-hourly', { environment: environment(), results });
