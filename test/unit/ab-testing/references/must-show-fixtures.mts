// The "Must show" tables of issue 18 on the fixtures: run from the repository root with
// `npx tsx test/unit/ab-testing/references/must-show-fixtures.mts`; output in must-show-fixtures.md.
import { openAnalytics } from '../../../../src/node/index.js';
const pct = (x: number | null, d = 2) => (x === null ? '-' : `${(x * 100).toFixed(d)}`);
console.log(
  '| file | test | covariates | users w/ history | variance reduction % | CI width before → after (pp) | adjusted diff (95% CI) pp | CS diff (pp) | always-valid p | median Δ s [CI] | p90 Δ s [CI] | seq. SRM p | decision |',
);
const replays: string[] = [];
for (const f of ['sample', 'legacy', 'train20k']) {
  const e = await openAnalytics(`test/fixtures/${f}.db`);
  for (const id of [1, 2]) {
    const a = await e.abTesting.analyzeResults(id);
    const v = a.varianceReduction;
    const cs = a.alwaysValid.metrics[0];
    const q = a.durationQuantiles.quantiles;
    const qi = (i: number) => `${q[i].difference.estimate!.toFixed(2)} [${q[i].difference.ciLow!.toFixed(2)}, ${q[i].difference.ciHigh!.toFixed(2)}]`;
    console.log(
      `| ${f} | ${id} | ${v.covariates.join(', ') || 'none'} | ${v.usersWithHistory} | ${pct(v.varianceReduction)} | ${pct(v.ciWidthBefore)} → ${pct(v.ciWidthAfter)} | ${pct(v.difference.estimate)} [${pct(v.difference.ciLow)}, ${pct(v.difference.ciHigh)}] | ${pct(cs.difference.estimate)} [${pct(cs.difference.ciLow)}, ${pct(cs.difference.ciHigh)}] | ${cs.pValue.toFixed(4)} | ${qi(0)} | ${qi(1)} | ${a.sequentialSampleRatio.pValue!.toFixed(3)} | ${a.recommendedDecision} |`,
    );
    const r = await e.abTesting.replay(id, { simulations: 200 });
    replays.push(`| ${f} | ${id} | ${r.methods.map((m) => `${pct(m.falsePositiveRate, 1)} / ${pct(m.power, 1)}`).join(' | ')} |`);
    if (f === 'sample' && id === 1) replays.unshift(`| file | test | ${r.methods.map((m) => m.method).join(' | ')} |`);
  }
  await e.dispose();
}
console.log('\nReplay (200 A/A re-splits; FPR % / power % at +5 pp):');
for (const l of replays) console.log(l);
