/**
 * The oracle on a generated file: the completion probability each invocation was drawn with,
 * recomputed by re-running the simulation of bench/generators/invocation-process.ts (it keeps each row's
 * probability; same PRNG, same draws) for the file's seed, size and asOf, then scored on the
 * predictor's holdout (the last 20 % by time) — the best any model can do on that file.
 *
 *   npx tsx bench/studies/predictor-oracle.ts [--sizes 100000]
 *
 * Checks first that the re-run reproduces the file's outcomes row for row.
 */
import { readFile } from 'node:fs/promises';
import { openAnalytics } from '../../src/node/index.js';
import { holdoutIntervals } from '../../src/predictive/evaluation/intervals.js';
import { holdoutMetrics } from '../../src/predictive/evaluation/holdout.js';
import { loadFeatureMatrix } from '../../src/predictive/feature-matrix.js';
import { splitIndex } from '../../src/predictive/training.js';
import { benchDataFile } from '../data-files.js';
import { DEFAULT_AS_OF } from '../generators/generate-skills-db.js';
import { simulateInvocations } from '../generators/invocation-process.js';

const sizesFlag = process.argv.indexOf('--sizes');
const sizes = (sizesFlag > 0 ? process.argv[sizesFlag + 1] : '100000').split(',').map(Number);
for (const n of sizes) {
  const file = await benchDataFile(n);
  const sim = simulateInvocations(n, 30, 1, Date.parse(DEFAULT_AS_OF) * 1000);
  const engine = await openAnalytics(new Uint8Array(await readFile(file)));
  const ctx = engine.context();
  const m = await loadFeatureMatrix(ctx.warehouse, { fromMicros: 0, toMicros: ctx.defaultAsOfMicros! });
  await engine.dispose();
  let mismatches = 0;
  for (let i = 0; i < n; i++) if (m.labels[i] !== sim.completed[i]) mismatches++;
  if (m.labels.length !== n || mismatches > 0) throw new Error(`the re-run does not reproduce ${file}: ${mismatches} outcomes differ`);
  const cut = splitIndex(n);
  const y = m.labels.subarray(cut);
  const p = sim.truth.subarray(cut);
  const metrics = { ...holdoutMetrics(y, p), intervals: holdoutIntervals(y, p, {}).model };
  console.log(JSON.stringify({ file, rows: n, holdout: n - cut, oracle: metrics }));
}
