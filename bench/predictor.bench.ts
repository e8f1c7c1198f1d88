/**
 * End-to-end training of the success predictor in Node: point-in-time features (one DuckDB-WASM
 * query) + validation fit (64 %) + calibration + holdout fit (80 %) + evaluation with intervals,
 * i.e. `predictor.trainModel()` with its defaults (forest, 7 features), on
 * test/fixtures/train20k.db (20k) and a generated 100k-invocation file. Target: 100k in ≤ 15 s.
 *
 *   npx tsx bench/predictor.bench.ts [--sizes 20000,100000] [--runs 3] [--warmup 1]
 *
 * 20000 = test/fixtures/train20k.db; other sizes = bench/data/skills-<n>.db (seed 1, 30 days,
 * generated when missing). Each timed run is a full trainModel({ days: 60 }) (the whole file); the
 * table splits it by phase from the progress callbacks. Saves JSON to bench/out/predictor.json.
 */
import { readFile } from 'node:fs/promises';
import type { Progress } from '../src/engine/types.js';
import { openAnalytics } from '../src/node/index.js';
import type { TrainingReport } from '../src/predictive/types.js';
import { benchDataFile } from './data-files.js';
import { environment, ms, saveJson, summarize } from './harness.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const sizes = flag('sizes', '20000,100000').split(',').map(Number);
const runs = Number(flag('runs', '3'));
const warmup = Number(flag('warmup', '1'));
const TARGET_100K_MS = 15_000;

async function loadFile(n: number): Promise<{ file: string; bytes: Uint8Array }> {
  if (n === 20_000) return { file: 'test/fixtures/train20k.db', bytes: new Uint8Array(await readFile('test/fixtures/train20k.db')) };
  const file = await benchDataFile(n);
  return { file, bytes: new Uint8Array(await readFile(file)) };
}

interface Run {
  totalMs: number;
  cpuMs: number;
  phases: Record<string, number>;
  report: TrainingReport;
}

/** One trainModel call, timed per phase from its progress events. */
async function timedTraining(train: (onProgress: (p: Progress) => void) => Promise<TrainingReport>): Promise<Run> {
  const marks: [string, number][] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const report = await train((p) => {
    const label = p.phase === 'training' ? (p.done <= p.total / 2 ? 'validation fit' : 'holdout fit') : p.phase;
    if (marks.at(-1)?.[0] !== label) marks.push([label, performance.now()]);
  });
  const end = performance.now();
  const dc = process.cpuUsage(cpu0);
  const phases: Record<string, number> = {};
  marks.forEach(([label, at], i) => {
    const next = i + 1 < marks.length ? marks[i + 1][1] : end;
    phases[label] = (phases[label] ?? 0) + (next - at);
  });
  return { totalMs: end - t0, cpuMs: (dc.user + dc.system) / 1000, phases, report };
}

const results: Record<string, unknown>[] = [];
const lines: string[] = [
  '| invocations | file | median s (min–max) | CPU s | features | validation fit | evaluating | holdout fit | AUC | Brier | log loss | per-skill AUC |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
];
for (const n of sizes) {
  const { file, bytes } = await loadFile(n);
  const engine = await openAnalytics(bytes);
  const train = (onProgress: (p: Progress) => void) => engine.predictor.trainModel({ days: 60, onProgress });
  for (let i = 0; i < warmup; i++) await timedTraining(train);
  const timed: Run[] = [];
  for (let i = 0; i < runs; i++) {
    timed.push(await timedTraining(train));
    console.error(`${file}: run ${i + 1}/${runs} ${ms(timed.at(-1)!.totalMs)} ms`);
  }
  await engine.dispose();
  const total = summarize(timed.map((r) => r.totalMs));
  const phase = (name: string) => (summarize(timed.map((r) => r.phases[name] ?? 0)).median / 1000).toFixed(2);
  const r = timed[0].report;
  lines.push(
    `| ${r.samplesUsed} | ${file} | ${(total.median / 1000).toFixed(2)} (${(total.min / 1000).toFixed(2)}–${(total.max / 1000).toFixed(2)}) | ${(summarize(timed.map((t) => t.cpuMs)).median / 1000).toFixed(2)} | ${phase('features')} | ${phase('validation fit')} | ${phase('evaluating')} | ${phase('holdout fit')} | ${r.evaluation.rocAuc?.toFixed(4)} | ${r.evaluation.brier.toFixed(4)} | ${r.evaluation.logLoss.toFixed(4)} | ${r.baselines.perSkillPrior.rocAuc?.toFixed(4)} |`,
  );
  results.push({
    size: n,
    file,
    samples: r.samplesUsed,
    runsMs: timed.map((t) => t.totalMs),
    ...total,
    phases: timed.map((t) => t.phases),
    cpuMs: timed.map((t) => t.cpuMs),
    evaluation: { ...r.evaluation, calibration: undefined },
    baselines: r.baselines,
    forest: r.options.forest,
  });
  if (r.samplesUsed >= 100_000) {
    console.error(
      `target: 100k end-to-end ≤ ${TARGET_100K_MS / 1000} s in Node: ${total.median <= TARGET_100K_MS ? 'met' : 'MISSED'} (median ${(total.median / 1000).toFixed(2)} s)`,
    );
  }
}
console.log(lines.join('\n'));
const saved = await saveJson('predictor', { environment: environment(), runs, warmup, results, markdown: lines.join('\n') });
console.error(`saved ${saved}`);
