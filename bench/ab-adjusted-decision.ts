/**
 * The regression-adjusted always-valid decision against the unadjusted one, by replay on each
 * file's own users (A/A re-splits under fresh test ids, and the same with +δ injected):
 * false-positive rate under daily peeking, power, and daily looks to a decision.
 *
 *   npx tsx bench/ab-adjusted-decision.ts [--simulations 200] [--effect 0.05] [--out bench/out/ab-adjusted-decision.json] FILE.db:TEST_ID ...
 *
 * Prints a markdown table and writes the JSON (with os.loadavg()).
 * Files with outcomes on several days come from bench/ab-generated-file.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { openAnalytics } from '../src/node/index.js';
import { flag } from './harness.js';

const simulations = Number(flag('simulations', '200'));
const plannedEffect = Number(flag('effect', '0.05'));
const targets = process.argv.slice(2).filter((a, i, all) => a.includes(':') && !all[i - 1]?.startsWith('--'));
const SHOWN = [
  'user-level Welch t (fixed horizon)',
  'mSPRT always-valid p',
  'confidence sequence excludes 0',
  'regression-adjusted confidence sequence excludes 0',
  'recommended decision',
];
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const results: unknown[] = [];
console.log(
  `| file | test | looks | users | method | FPR (A/A, daily peeking) | power at +${plannedEffect * 100} pp | looks to decision (decided) | looks (censored at looks + 1) |`,
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const t of targets) {
  const cut = t.lastIndexOf(':');
  const file = t.slice(0, cut);
  const testId = Number(t.slice(cut + 1));
  const engine = await openAnalytics(file);
  const started = performance.now();
  const r = await engine.abTesting.replay(testId, { simulations, plannedEffect });
  const seconds = (performance.now() - started) / 1000;
  const a = await engine.abTesting.analyzeResults(testId);
  await engine.dispose();
  results.push({ file, testId, seconds, loadavg: loadavg(), varianceReduction: a.varianceReduction.varianceReduction, covariates: a.varianceReduction.covariates, replay: r });
  for (const m of r.methods.filter((x) => SHOWN.includes(x.method))) {
    console.log(
      `| ${file.split('/').pop()} | ${testId} | ${r.looks} | ${r.users} | ${m.method} | ${pct(m.falsePositiveRate)} | ${pct(m.power)} | ${m.meanLooksToDecision === null ? '-' : m.meanLooksToDecision.toFixed(2)} | ${m.meanLooksToDecisionCensored.toFixed(2)} |`,
    );
  }
  console.error(
    `${file}:${testId}: ${simulations} replays in ${seconds.toFixed(1)} s (load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}); variance reduction ${a.varianceReduction.varianceReduction}`,
  );
}
mkdirSync('bench/out', { recursive: true });
writeFileSync(flag('out', 'bench/out/ab-adjusted-decision.json'), JSON.stringify({ simulations, plannedEffect, results }, null, 1));
