/**
 * Before/after of the default training on one file, two source trees interleaved run by run:
 * each run is a fresh process (`npx tsx`) that trains once to warm its tree workers, then times
 * `runs-per-process` more trainings — `trainModel({ days: 60, parallelism })`, the default 'auto'
 * — with wall time, CPU seconds of the whole process (every thread: tree workers included) and
 * the 1-minute load average. The two trees alternate so that both see the same load; the table
 * gives medians, and a hash of each report (without `seconds`) shows whether the code change
 * left the model and every figure as they were.
 *
 *   npx tsx bench/predictor-ab.ts --base /path/to/old/checkout [--file bench/data/skills-100k.db]
 *     [--rounds 3] [--runs-per-process 2] [--parallelism 2]
 *
 * The old checkout: e.g. `git archive <commit> | tar -x -C /tmp/base` with a `node_modules`
 * symlink. Saves JSON to bench/out/predictor-ab.json.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { environment, flag, saveJson, summarize } from './harness.js';

interface Run {
  tree: string;
  wall: number;
  cpu: number;
  load: number;
  chosen: string;
  auc: number | null;
  brier: number;
  hash: string;
}

const file = resolve(flag('file', 'bench/data/skills-100k.db'));
const parallelism = Number(flag('parallelism', '2'));
const child = process.env.PREDICTOR_AB_ROOT;

if (child) {
  // One process of one tree: a warm-up training, then the timed ones, one JSON line each.
  const { openAnalytics } = await import(`${child}/src/node/index.js`);
  const engine = await openAnalytics(new Uint8Array(await readFile(file)));
  await engine.predictor.trainModel({ days: 60, parallelism });
  for (let i = 0; i < Number(flag('runs-per-process', '2')); i++) {
    const load = loadavg()[0];
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await engine.predictor.trainModel({ days: 60, parallelism });
    const c = process.cpuUsage(c0);
    const { seconds: _seconds, ...rest } = r;
    const run: Run = {
      tree: child,
      wall: (performance.now() - t0) / 1000,
      cpu: (c.user + c.system) / 1e6,
      load,
      chosen: `${r.model.kind}/${r.model.features}`,
      auc: r.evaluation.rocAuc,
      brier: r.evaluation.brier,
      hash: createHash('sha1').update(JSON.stringify(rest)).digest('hex').slice(0, 12),
    };
    console.log(JSON.stringify(run));
  }
  await engine.dispose();
} else {
  const base = resolve(flag('base', ''));
  const trees = [base, resolve('.')];
  const runs: Run[] = [];
  for (let round = 0; round < Number(flag('rounds', '3')); round++) {
    for (const tree of trees) {
      const out = execFileSync('npx', ['tsx', 'bench/predictor-ab.ts', ...process.argv.slice(2)], { env: { ...process.env, PREDICTOR_AB_ROOT: tree }, encoding: 'utf8' });
      for (const line of out.split('\n').filter((l) => l.startsWith('{'))) runs.push(JSON.parse(line) as Run);
      console.error(`round ${round + 1}: ${tree} done`);
    }
  }
  const lines = ['| code | chose | AUC / Brier | report hash | wall s, median (runs) | CPU s, median (runs) | load (1 min) |', '|---|---|---|---|---|---|---|'];
  for (const [k, tree] of trees.entries()) {
    const rs = runs.filter((r) => r.tree === tree);
    const list = (xs: number[], d: number) => xs.map((x) => x.toFixed(d)).join(', ');
    lines.push(
      `| ${k === 0 ? 'before' : 'after'} (${tree}) | ${[...new Set(rs.map((r) => r.chosen))].join(', ')} | ${rs[0].auc?.toFixed(4)} / ${rs[0].brier.toFixed(4)} | ${[...new Set(rs.map((r) => r.hash))].join(', ')} | **${summarize(rs.map((r) => r.wall)).median.toFixed(2)}** (${list(
        rs.map((r) => r.wall),
        1,
      )}) | **${summarize(rs.map((r) => r.cpu)).median.toFixed(2)}** (${list(
        rs.map((r) => r.cpu),
        2,
      )}) | ${list(
        rs.map((r) => r.load),
        1,
      )} |`,
    );
  }
  console.log(lines.join('\n'));
  const saved = await saveJson('predictor-ab', { environment: environment(), file, parallelism, runs, markdown: lines.join('\n') });
  console.error(`saved ${saved}`);
}
