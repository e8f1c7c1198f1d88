/**
 * CLI commands of the A/B capability: `ab` (list tests, or analyse one) and `ab-plan` (users
 * needed, no database). `--json` prints the API result unchanged; otherwise readable text.
 */
import { isAnalyticsError } from '../../engine/errors.js';
import type { ABTestAnalysis } from '../../ab-testing/analysis-types.js';
import { planTest } from '../../ab-testing/plan.js';
import { allowFlags, flagNumber, formatRecord, formatTable, positional, UsageError, type Command } from '../cli-args.js';
import { withEngine } from './with-engine.js';

const fixed = (v: number | null, digits = 4): string => (v === null ? '-' : v.toFixed(digits));
const pct = (v: number | null): string => (v === null ? '-' : `${(v * 100).toFixed(2)}%`);
const pp = (v: number | null): string => (v === null ? '-' : `${(v * 100).toFixed(2)} pp`);
const pv = (v: number | null): string => (v === null ? '-' : v < 1e-4 ? v.toExponential(2) : v.toFixed(4));

function analysisText(a: ABTestAnalysis): string {
  const groups = formatTable(
    [
      { group: 'control', outcomes: a.controlMetrics.sampleSize, users: a.userLevel.controlUsers, completion: pct(a.controlMetrics.completionRate), 'user mean rate': pct(a.userLevel.controlMeanRate), 'avg duration s': fixed(a.controlMetrics.avgDurationSeconds, 2), 'avg rating': fixed(a.controlMetrics.avgUserRating, 3) },
      { group: 'treatment', outcomes: a.treatmentMetrics.sampleSize, users: a.userLevel.treatmentUsers, completion: pct(a.treatmentMetrics.completionRate), 'user mean rate': pct(a.userLevel.treatmentMeanRate), 'avg duration s': fixed(a.treatmentMetrics.avgDurationSeconds, 2), 'avg rating': fixed(a.treatmentMetrics.avgUserRating, 3) },
    ],
  );
  const ci = (i: { estimate: number | null; ciLow: number | null; ciHigh: number | null }, f: (v: number | null) => string) => `${f(i.estimate)} [${f(i.ciLow)}, ${f(i.ciHigh)}]`;
  const tests = formatTable([
    { analysis: 'outcome-level Student (session-buddy)', p: pv(a.outcomeLevel.student.pValue), 'difference (95% CI)': ci(a.outcomeLevel.difference, pp), 'lift (95% CI)': ci(a.outcomeLevel.relativeLift, pct) },
    { analysis: 'outcome-level Welch', p: pv(a.outcomeLevel.welch.pValue), 'difference (95% CI)': '', 'lift (95% CI)': '' },
    { analysis: 'user-level Welch', p: pv(a.userLevel.welch.pValue), 'difference (95% CI)': ci(a.userLevel.difference, pp), 'lift (95% CI)': ci(a.userLevel.relativeLift, pct) },
    { analysis: 'user-level sequential (mSPRT)', p: pv(a.sequential.pValue), 'difference (95% CI)': `${a.sequential.looks} look(s)`, 'lift (95% CI)': '' },
  ]);
  const secondary = formatTable(a.secondaryMetrics.map((m) => ({ metric: m.metric, control: fixed(m.controlMean, 3), treatment: fixed(m.treatmentMean, 3), 'p (Welch, users)': pv(m.welch.pValue), 'Holm p': pv(m.holmPValue) })));
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
  return [facts, '', groups, '', tests, '', secondary, '', `basis: ${a.verdictBasis}`, ...a.warnings.map((w) => `warning: ${w}`)].join('\n');
}

function testIdArg(text: string): number {
  const id = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(id) || id < 1) throw new UsageError(`TEST_ID must be a positive whole number (got "${text}")`);
  return id;
}

export const abTestingCommands: Record<string, Command> = {
  ab: {
    usage: 'ab <db> [TEST_ID] [--json]',
    async run(args) {
      allowFlags(args, []);
      const db = positional(args, 0, '<db>');
      if (args.positionals.length > 2) throw new UsageError(`unexpected argument "${args.positionals[2]}"`);
      const idText = args.positionals[1];
      if (idText === undefined) {
        const tests = await withEngine(db, (e) => e.abTesting.listTests());
        const text = formatTable(tests.map((t) => ({ id: t.testId, name: t.testName, control: t.controlStrategy, treatment: t.treatmentStrategy, ratio: t.assignmentRatio, status: t.status, start: t.startDate })));
        return { json: tests, text };
      }
      const testId = testIdArg(idText);
      const analysis = await withEngine(db, (e) => e.abTesting.analyzeResults(testId));
      return { json: analysis, text: analysisText(analysis) };
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
      let plan;
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
