/**
 * CLI commands of the A/B capability: `ab` (list tests, or analyse one), `ab-replay` (A/A
 * re-splits of a test's users: false-positive rate and power of each method) and `ab-plan` (users
 * needed, no database). `--json` prints the API result unchanged; otherwise readable text.
 */
import { isAnalyticsError } from '../../engine/errors.js';
import type { AnalyzeOptions } from '../../ab-testing/analysis.js';
import type { ABTestAnalysis } from '../../ab-testing/analysis-types.js';
import type { ABMetric } from '../../ab-testing/extended-types.js';
import { planTest, type TestPlan } from '../../ab-testing/plan.js';
import type { ReplayResult } from '../../ab-testing/replay.js';
import { allowFlags, flagNumber, flagString, formatRecord, formatTable, positional, UsageError, type Command } from '../cli-args.js';
import { withEngine } from './with-engine.js';

const fixed = (v: number | null, digits = 4): string => (v === null ? '-' : v.toFixed(digits));
const pct = (v: number | null): string => (v === null ? '-' : `${(v * 100).toFixed(2)}%`);
const pp = (v: number | null): string => (v === null ? '-' : `${(v * 100).toFixed(2)} pp`);
const pv = (v: number | null): string => (v === null ? '-' : v < 1e-4 ? v.toExponential(2) : v.toFixed(4));

function analysisText(a: ABTestAnalysis): string {
  const groups = formatTable([
    {
      group: 'control',
      outcomes: a.controlMetrics.sampleSize,
      users: a.userLevel.controlUsers,
      completion: pct(a.controlMetrics.completionRate),
      'user mean rate': pct(a.userLevel.controlMeanRate),
      'avg duration s': fixed(a.controlMetrics.avgDurationSeconds, 2),
      'avg rating': fixed(a.controlMetrics.avgUserRating, 3),
    },
    {
      group: 'treatment',
      outcomes: a.treatmentMetrics.sampleSize,
      users: a.userLevel.treatmentUsers,
      completion: pct(a.treatmentMetrics.completionRate),
      'user mean rate': pct(a.userLevel.treatmentMeanRate),
      'avg duration s': fixed(a.treatmentMetrics.avgDurationSeconds, 2),
      'avg rating': fixed(a.treatmentMetrics.avgUserRating, 3),
    },
  ]);
  const ci = (i: { estimate: number | null; ciLow: number | null; ciHigh: number | null }, f: (v: number | null) => string) => `${f(i.estimate)} [${f(i.ciLow)}, ${f(i.ciHigh)}]`;
  const tests = formatTable([
    {
      analysis: 'outcome-level Student (session-buddy)',
      p: pv(a.outcomeLevel.student.pValue),
      'difference (95% CI)': ci(a.outcomeLevel.difference, pp),
      'lift (95% CI)': ci(a.outcomeLevel.relativeLift, pct),
    },
    { analysis: 'outcome-level Welch', p: pv(a.outcomeLevel.welch.pValue), 'difference (95% CI)': '', 'lift (95% CI)': '' },
    { analysis: 'user-level Welch', p: pv(a.userLevel.welch.pValue), 'difference (95% CI)': ci(a.userLevel.difference, pp), 'lift (95% CI)': ci(a.userLevel.relativeLift, pct) },
    { analysis: 'user-level sequential (mSPRT)', p: pv(a.sequential.pValue), 'difference (95% CI)': `${a.sequential.looks} look(s)`, 'lift (95% CI)': '' },
  ]);
  const secondary = formatTable(
    a.secondaryMetrics.map((m) => ({
      metric: m.metric,
      control: fixed(m.controlMean, 3),
      treatment: fixed(m.treatmentMean, 3),
      'p (Welch, users)': pv(m.welch.pValue),
      'Holm p': pv(m.holmPValue),
    })),
  );
  const facts = formatRecord({
    test: `${a.testId} ${a.testName} (${a.status})`,
    'session-buddy winner': a.winner,
    'session-buddy says': a.recommendation,
    'chance to beat control': pct(a.bayesian.chanceToBeatControl),
    'expected loss if shipped': pp(a.bayesian.expectedLossShipTreatment),
    'sample ratio': `${a.sampleRatio.controlUsers}/${a.sampleRatio.treatmentUsers} users, p=${pv(a.sampleRatio.pValue)}${a.sampleRatio.mismatch ? ' MISMATCH' : ''}`,
    'MDE now (80% power)': pp(a.power.minimumDetectableEffect),
    [`power for ${(a.power.plannedEffect * 100).toFixed(1)} pp`]: pct(a.power.powerReached),
    decision: a.recommendedDecision,
  });
  return [facts, '', groups, '', tests, '', secondary, '', extendedText(a), '', `basis: ${a.verdictBasis}`, ...a.warnings.map((w) => `warning: ${w}`)].join('\n');
}

function extendedText(a: ABTestAnalysis): string {
  type I = { estimate: number | null; ciLow: number | null; ciHigh: number | null };
  const ci = (i: I, f: (v: number | null) => string) => `${f(i.estimate)} [${f(i.ciLow)}, ${f(i.ciHigh)}]`;
  const v = a.varianceReduction;
  const vr = formatRecord({
    'variance reduction': v.adjusted ? `${pct(v.varianceReduction)} (${v.covariates.join(', ')}; history: ${v.historySource}, ${v.usersWithHistory} users)` : v.method,
    'adjusted difference (95% CI)': ci(v.difference, pp),
    'adjusted lift (95% CI)': ci(v.relativeLift, pct),
    'CI width before → after': `${pp(v.ciWidthBefore)} → ${pp(v.ciWidthAfter)}`,
  });
  const nums = (m: ABTestAnalysis['alwaysValid']['metrics'][number], x: number | null) => (x === null ? '-' : m.metric === 'completion_rate' ? pp(x) : fixed(x, 3));
  const av = formatTable(
    a.alwaysValid.metrics.map((m) => ({
      metric: m.metric,
      'always-valid p': pv(m.pValue),
      'difference (confidence sequence)': `${nums(m, m.difference.estimate)} [${nums(m, m.difference.ciLow)}, ${nums(m, m.difference.ciHigh)}]`,
      'lift (confidence sequence)': ci(m.relativeLift, pct),
    })),
  );
  const rule = a.decisionRule;
  const goals = formatTable(
    rule.goals.map((g) => ({ goal: g.metric, p: pv(g.pValue), [`${rule.correction === 'bh' ? 'BH' : 'Holm'} p`]: pv(g.adjustedPValue), outcome: g.outcome })),
  );
  const guards = rule.guardrails.length
    ? formatTable(rule.guardrails.map((g) => ({ guardrail: g.metric, margin: pct(g.margin), 'relative change (CS)': ci(g.relativeChange, pct), status: g.status })))
    : 'guardrails: none (every metric is a goal)';
  const q = a.durationQuantiles.available
    ? formatTable(
        a.durationQuantiles.quantiles.map((x) => ({
          duration: x.q === 0.5 ? 'median' : `p${Math.round(x.q * 100)}`,
          control: fixed(x.controlSeconds, 2),
          treatment: fixed(x.treatmentSeconds, 2),
          'difference s (95% bootstrap CI)': ci(x.difference, (y) => fixed(y, 2)),
          'relative (95% CI)': ci(x.relativeDifference, pct),
        })),
      )
    : 'duration quantiles: not available';
  const s = a.sequentialSampleRatio;
  const srm = `sequential SRM: ${s.available ? `p=${pv(s.pValue)} over ${s.looks} assignments${s.mismatch ? ` MISMATCH at assignment ${String(s.mismatchAtAssignment)}` : ''}` : 'not available'}`;
  const adj = a.adjustedAlwaysValid;
  const adjusted = adj.available
    ? `regression-adjusted confidence sequence (the decision's): p=${pv(adj.pValue)}, ${ci(adj.difference, pp)} over ${adj.looks} look(s), adjusted at ${adj.adjustedLooks}${adj.adjustedLooks ? ` (${adj.covariates.join(', ')})` : ''}`
    : 'regression-adjusted confidence sequence: not available (the decision uses the unadjusted one)';
  const r = a.ratioMetrics;
  const pair = (x: [number | null, number | null], f: (v: number | null) => string) => `[${f(x[0])}, ${f(x[1])}]`;
  const secs = (v: number | null) => fixed(v, 2);
  const ratioRow = (name: string, m: typeof r.completionRate, f: (v: number | null) => string, level = f) => ({
    'ratio metric (users as units)': name,
    control: level(m.control),
    treatment: level(m.treatment),
    'difference (95% CI)': `${f(m.difference)} ${pair(m.ci95, f)}`,
    p: pv(m.pValue),
    'lift (Fieller 95% CI)': `${pct(m.relativeLift)} ${pair(m.relativeLiftCi95, pct)}`,
    'CUPED difference (95% CI)': m.adjusted ? `${f(m.adjusted.difference)} ${pair(m.adjusted.ci95, f)}` : '-',
  });
  const ratios = formatTable([
    ratioRow('completion rate', r.completionRate, pp, pct),
    ratioRow('mean duration s', r.avgDurationSeconds, secs),
    ...(r.avgDurationSecondsCapped ? [ratioRow(`mean duration s, capped at ${secs(r.durationCap?.capSeconds ?? null)} s`, r.avgDurationSecondsCapped, secs)] : []),
  ]);
  const cap = r.durationCap
    ? `duration cap: pooled ${r.durationCap.percentile * 100}th percentile (type 7) = ${secs(r.durationCap.capSeconds)} s; ${r.durationCap.cappedOutcomes} of ${r.durationCap.outcomesWithDuration} outcomes capped`
    : 'duration cap: not available';
  const h = a.healthChecks;
  const health = h.available
    ? `health checks: ${
        h.failing.length
          ? h.checks
              .filter((c) => c.count > 0)
              .map((c) => `${c.code} ${c.count}`)
              .join(', ')
          : 'all clear'
      }`
    : 'health checks: not available';
  const seg = a.segments;
  const segs = `segments: ${seg.tested} tested (Holm), ${seg.flagged.length ? `flagged: ${seg.flagged.join(', ')}` : 'none flagged'}${seg.tested ? ' (ab … --segments for the table)' : ''}`;
  return [vr, '', adjusted, '', av, '', goals, '', guards, '', ratios, cap, '', q, '', srm, health, segs].join('\n');
}

function segmentsText(a: ABTestAnalysis): string {
  const s = a.segments;
  const rows = s.dimensions.flatMap((d) =>
    d.segments.map((x) => ({
      dimension: d.dimension,
      segment: x.segment,
      users: `${x.controlUsers}/${x.treatmentUsers}`,
      outcomes: `${x.controlOutcomes}/${x.treatmentOutcomes}`,
      'effect (95% CI)': `${pp(x.effect.estimate)} [${pp(x.effect.ciLow)}, ${pp(x.effect.ciHigh)}]`,
      'rest effect': pp(x.restEffect.estimate),
      'vs rest': pp(x.differenceFromRest),
      'Welch p': x.tested ? pv(x.pValue) : 'not tested',
      'Holm p': pv(x.adjustedPValue),
      flag: x.flagged ? 'DIFFERENT' : '',
    })),
  );
  const missing = s.dimensions.filter((d) => !d.available).map((d) => `${d.dimension}: ${d.reason}`);
  return [
    `segments of test ${a.testId} ${a.testName}: each vs the rest, ${s.tested} tested, Holm at alpha ${s.alpha}`,
    '',
    rows.length ? formatTable(rows) : 'no segments',
    '',
    ...missing.map((m) => `not available: ${m}`),
    '',
    s.method,
  ].join('\n');
}

const METRIC_NAMES: readonly ABMetric[] = ['completion_rate', 'avg_duration_seconds', 'avg_user_rating'];

function analyzeOptions(args: Parameters<Command['run']>[0]): AnalyzeOptions {
  const options: AnalyzeOptions = {};
  const goals = flagString(args, 'goals');
  if (goals !== undefined) {
    const list = goals.split(',').map((g) => g.trim());
    for (const g of list) if (!METRIC_NAMES.includes(g as ABMetric)) throw new UsageError(`--goals: unknown metric "${g}" (use ${METRIC_NAMES.join(', ')})`);
    options.goalMetrics = list as ABMetric[];
  }
  const correction = flagString(args, 'correction');
  if (correction !== undefined) {
    if (correction !== 'holm' && correction !== 'bh') throw new UsageError(`--correction must be holm or bh (got "${correction}")`);
    options.multipleTesting = correction;
  }
  const cap = flagNumber(args, 'duration-cap');
  if (cap !== undefined) options.durationCapPercentile = cap;
  const durationMargin = flagNumber(args, 'duration-margin');
  const ratingMargin = flagNumber(args, 'rating-margin');
  if (durationMargin !== undefined || ratingMargin !== undefined) {
    options.guardrailMargins = {
      ...(durationMargin !== undefined ? { avg_duration_seconds: durationMargin } : {}),
      ...(ratingMargin !== undefined ? { avg_user_rating: ratingMargin } : {}),
    };
  }
  return options;
}

function replayText(r: ReplayResult): string {
  const facts = formatRecord({
    test: r.testId,
    users: r.users,
    outcomes: r.outcomes,
    'daily looks': r.looks,
    replays: r.simulations,
    'planned effect': pp(r.plannedEffect),
    'Monte Carlo SE near alpha': pct(r.monteCarloStandardError),
  });
  const table = formatTable(
    r.methods.map((m) => ({
      method: m.method,
      'false positives (A/A)': pct(m.falsePositiveRate),
      [`power at +${(r.plannedEffect * 100).toFixed(1)} pp`]: pct(m.power),
      'looks to decision': m.meanLooksToDecision === null ? '-' : m.meanLooksToDecision.toFixed(2),
      [`looks, none = ${r.looks + 1}`]: m.meanLooksToDecisionCensored.toFixed(2),
    })),
  );
  return `${facts}\n\n${table}\n\n${r.method}`;
}

function testIdArg(text: string): number {
  const id = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(id) || id < 1) throw new UsageError(`TEST_ID must be a positive whole number (got "${text}")`);
  return id;
}

export const abTestingCommands: Record<string, Command> = {
  ab: {
    usage:
      'ab <db> [TEST_ID] [--goals completion_rate,avg_duration_seconds] [--correction holm|bh] [--duration-margin 0.1] [--rating-margin 0.05] [--duration-cap 0.999] [--segments] [--json]',
    async run(args) {
      allowFlags(args, ['goals', 'correction', 'duration-margin', 'rating-margin', 'duration-cap', 'segments']);
      const db = positional(args, 0, '<db>');
      if (args.positionals.length > 2) throw new UsageError(`unexpected argument "${args.positionals[2]}"`);
      const idText = args.positionals[1];
      if (idText === undefined) {
        const tests = await withEngine(db, (e) => e.abTesting.listTests());
        const text = formatTable(
          tests.map((t) => ({
            id: t.testId,
            name: t.testName,
            control: t.controlStrategy,
            treatment: t.treatmentStrategy,
            ratio: t.assignmentRatio,
            status: t.status,
            start: t.startDate,
          })),
        );
        return { json: tests, text };
      }
      const testId = testIdArg(idText);
      const options = analyzeOptions(args);
      let analysis: ABTestAnalysis;
      try {
        analysis = await withEngine(db, (e) => e.abTesting.analyzeResults(testId, options));
      } catch (e) {
        if (isAnalyticsError(e) && e.code === 'INVALID_ARGUMENT') throw new UsageError(e.message);
        throw e;
      }
      return { json: analysis, text: args.flags.has('segments') ? segmentsText(analysis) : analysisText(analysis) };
    },
  },
  'ab-replay': {
    usage: 'ab-replay <db> TEST_ID [--simulations 200] [--effect 0.05] [--seed 1] [--json]',
    async run(args) {
      allowFlags(args, ['simulations', 'effect', 'seed']);
      const db = positional(args, 0, '<db>');
      const testId = testIdArg(positional(args, 1, 'TEST_ID'));
      if (args.positionals.length > 2) throw new UsageError(`unexpected argument "${args.positionals[2]}"`);
      let result: ReplayResult;
      try {
        result = await withEngine(db, (e) =>
          e.abTesting.replay(testId, { simulations: flagNumber(args, 'simulations'), plannedEffect: flagNumber(args, 'effect'), seed: flagNumber(args, 'seed') }),
        );
      } catch (e) {
        if (isAnalyticsError(e) && e.code === 'INVALID_ARGUMENT') throw new UsageError(e.message);
        throw e;
      }
      return { json: result, text: replayText(result) };
    },
  },
  'ab-plan': {
    usage: 'ab-plan --baseline 0.72 --mde 0.03 [--alpha 0.05] [--power 0.8] [--ratio 0.5] [--json]',
    async run(args) {
      allowFlags(args, ['baseline', 'mde', 'alpha', 'power', 'ratio']);
      if (args.positionals.length) throw new UsageError(`ab-plan takes no positional arguments (got "${args.positionals[0]}")`);
      const baselineRate = flagNumber(args, 'baseline');
      const mde = flagNumber(args, 'mde');
      if (baselineRate === undefined) throw new UsageError('missing --baseline (the control completion rate, e.g. 0.72)');
      if (mde === undefined) throw new UsageError('missing --mde (the absolute change to detect, e.g. 0.03)');
      let plan: TestPlan;
      try {
        plan = planTest({ baselineRate, mde, alpha: flagNumber(args, 'alpha'), power: flagNumber(args, 'power'), ratio: flagNumber(args, 'ratio') });
      } catch (e) {
        if (isAnalyticsError(e) && e.code === 'INVALID_ARGUMENT') throw new UsageError(e.message);
        throw e;
      }
      const { method, ...numbers } = plan;
      return { json: plan, text: `${formatRecord(numbers)}\n\n${method}` };
    },
  },
};
