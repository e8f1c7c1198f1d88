/**
 * Numenta Anomaly Benchmark (https://github.com/numenta/NAB) run of our anomaly scores, scored by
 * the benchmark's own code. Usage:
 *   npx tsx bench/real-world/nab.ts <NAB checkout> [--detector name] [--method score|zscore24h|zscore7d]
 *     [--config '{"refractory":0}'] [--no-timestamps] [--no-score]
 * score: anomalyScores (settings overridable for ablations); zscore24h / zscore7d: session-buddy's rule
 * run causally, z of each value against the values of the trailing 24 h / 7 days up to it (mean,
 * population SD), score Φ(|z|) (NAB needs [0, 1]).
 * Writes <checkout>/results/<name>/<category>/<name>_<file>.csv (timestamp,value,anomaly_score,label),
 * then runs `python3 run.py -d <name> --optimize --score --normalize` in the checkout, which adds the
 * name to config/thresholds.json and results/final_results.json there.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { ANOMALY_SCORE_DEFAULTS, anomalyScoresWith } from '../../src/stats/anomaly-scores.js';
import { normalCdf } from '../../src/stats/index.js';

const args = process.argv.slice(2);
const root = args[0];
if (!root) throw new Error('usage: nab.ts <NAB checkout> [--detector name] [--config json] [--no-score]');
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i > 0 ? args[i + 1] : undefined;
};
const name = opt('detector') ?? 'sbAnomalyScores';
const cfg = { ...ANOMALY_SCORE_DEFAULTS, ...(opt('config') ? JSON.parse(opt('config') as string) : {}) };

const method = opt('method') ?? 'score';

/** session-buddy's z against the trailing `spanMs` (incl. the value), causal. */
function trailingZ(values: number[], times: number[], spanMs: number): number[] {
  const out: number[] = [];
  let start = 0;
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    sq += values[i] * values[i];
    while (times[i] - times[start] >= spanMs) {
      sum -= values[start];
      sq -= values[start] * values[start];
      start++;
    }
    const n = i - start + 1;
    const mean = sum / n;
    const sd = Math.sqrt(Math.max(sq / n - mean * mean, 0));
    out.push(n > 1 && sd > 1e-12 * (Math.abs(mean) + 1) ? normalCdf(Math.abs(values[i] - mean) / sd) : 0);
  }
  return out;
}

const windows = JSON.parse(readFileSync(join(root, 'labels', 'combined_windows.json'), 'utf8')) as Record<string, [string, string][]>;
const parseTime = (s: string): number => Date.parse(`${s.replace(' ', 'T')}Z`);

let points = 0;
let seconds = 0;
for (const rel of Object.keys(windows).sort()) {
  const lines = readFileSync(join(root, 'data', rel), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1);
  const stamps = lines.map((l) => l.slice(0, l.indexOf(',')));
  const values = lines.map((l) => Number(l.slice(l.indexOf(',') + 1)));
  const t0 = performance.now();
  const times = stamps.map(parseTime);
  // One file (machine_temperature_system_failure) steps back an hour once: scored as a repeat of the previous time.
  const ordered = times.slice();
  for (let i = 1; i < ordered.length; i++) ordered[i] = Math.max(ordered[i], ordered[i - 1]);
  const scores =
    method === 'zscore24h'
      ? trailingZ(values, ordered, 86_400_000)
      : method === 'zscore7d'
        ? trailingZ(values, ordered, 7 * 86_400_000)
        : anomalyScoresWith(values, cfg, args.includes('--no-timestamps') ? undefined : ordered);
  seconds += (performance.now() - t0) / 1000;
  points += values.length;
  const wins = windows[rel].map(([a, b]) => [parseTime(a), parseTime(b)]);
  const out = ['timestamp,value,anomaly_score,label'];
  for (let i = 0; i < values.length; i++) {
    const t = times[i];
    const label = wins.some(([a, b]) => t >= a && t <= b) ? 1 : 0;
    out.push(`${stamps[i]},${lines[i].slice(lines[i].indexOf(',') + 1)},${scores[i]},${label}`);
  }
  const file = join(root, 'results', name, dirname(rel), `${name}_${rel.split('/')[1]}`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${out.join('\n')}\n`);
}
console.log(
  `${name}: ${points} points scored in ${seconds.toFixed(2)} s (load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')})`,
);
if (!args.includes('--no-score')) {
  const log = execFileSync('/usr/bin/python3', ['run.py', '-d', name, '--optimize', '--score', '--normalize', '--skipConfirmation', '-n', '1'], { cwd: root, encoding: 'utf8' });
  for (const line of log.split('\n')) if (line.startsWith('Final score')) console.log(line);
}
