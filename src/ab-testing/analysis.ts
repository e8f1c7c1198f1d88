/**
 * The analysis of one test from its sufficient statistics (no I/O): upstream's verdict for
 * parity, then outcome-level and user-level tests, the always-valid sequential p-value, a
 * Bayesian comparison, secondary metrics with Holm correction, the sample-ratio check, power, and
 * the recommended decision with the basis it rests on.
 */
import { requireArgument } from '../engine/errors.js';
import {
  betaBinomialComparison,
  holmBonferroni,
  relativeLift,
  sampleRatioMismatch,
  studentTTest,
  summaryFromProportion,
  summaryFromSums,
  welchTTest,
  type SampleSummary,
  type TwoSampleTTestResult,
} from '../stats/index.js';
import type { ABGroup } from './ABTestConfig.js';
import type { OutcomeSums, Sums, UserDayCounts, UserSums } from './ab-queries.js';
import type { ABTestAnalysis, BayesianAnalysis, GroupMetrics, Interval, RecommendedDecision, SecondaryMetric, TTestSummary } from './analysis-types.js';
import { powerAtCurrentSample } from './plan.js';
import { DEFAULT_MIXTURE_SD, sequentialPValue } from './sequential.js';
import { pythonFixed, upstreamVerdict } from './upstream-verdict.js';

/** Options of `analyzeResults`. */
export interface AnalyzeOptions {
  /** Level of the recommended decision, the CIs and the power (default 0.05; upstream's winner always uses 0.05). */
  alpha?: number;
  /** τ of the mSPRT mixing distribution on the absolute completion-rate scale (default 0.05). Fix it before the test starts. */
  mixtureSd?: number;
  /** Absolute change the reported power is for (default 0.05). */
  plannedEffect?: number;
  /** Power for the reported minimum detectable effect (default 0.8). */
  targetPower?: number;
}

/** Everything the analysis needs, as SQL (or a simulation) reduces it. */
export interface AnalysisInput {
  testId: number;
  testName: string;
  status: string;
  minSampleSize: number;
  assignmentRatio: number;
  /** Assigned users per group (for the sample-ratio check). */
  assigned: Record<ABGroup, number>;
  outcomes: Record<ABGroup, OutcomeSums>;
  users: Record<ABGroup, UserSums>;
  /** Per user and day counts ordered by day (for the sequential looks). */
  userDays: readonly UserDayCounts[];
}

/** SRM is flagged below this p-value (the usual industry threshold). */
export const SRM_THRESHOLD = 0.001;

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);
const mean = (s: Sums): number | null => (s.n > 0 ? s.sum / s.n : null);
const summary = (s: Sums): SampleSummary => summaryFromSums(s.n, s.sum, Math.max(0, s.sumSq));

function tTest(t: TwoSampleTTestResult): TTestSummary {
  return { method: t.method, status: t.status, statistic: fin(t.statistic), df: fin(t.df), pValue: fin(t.pValue) };
}

/** treatment − control from a test run as (control, treatment): negate and swap the CI. */
function differenceOf(t: TwoSampleTTestResult, level: number): Interval {
  return { estimate: fin(-t.meanDifference), ciLow: fin(-t.ci[1]), ciHigh: fin(-t.ci[0]), confidenceLevel: level };
}

function liftOf(control: SampleSummary, treatment: SampleSummary, alpha: number): Interval {
  const l = relativeLift(control, treatment, alpha);
  return { estimate: fin(l.lift), ciLow: fin(l.ci[0]), ciHigh: fin(l.ci[1]), confidenceLevel: 1 - alpha };
}

function groupMetrics(o: OutcomeSums): GroupMetrics {
  return { sampleSize: o.n, completionRate: o.n > 0 ? o.completed / o.n : null, avgDurationSeconds: mean(o.duration), avgUserRating: mean(o.rating) };
}

/** Cluster-robust variance of a pooled rate K/N over binomial variance (≥ 1). */
function designEffect(o: OutcomeSums, u: UserSums): number | null {
  const N = o.n;
  const m = u.users;
  if (N === 0 || m < 2) return null;
  const p = o.completed / N;
  const binomial = (p * (1 - p)) / N;
  if (binomial === 0) return 1;
  const residualSq = u.completedSq - 2 * p * u.outcomesCompleted + p * p * u.outcomesSq;
  const robust = ((m / (m - 1)) * Math.max(0, residualSq)) / (N * N);
  return Math.max(1, robust / binomial);
}

function bayesian(outcomes: Record<ABGroup, OutcomeSums>, users: Record<ABGroup, UserSums>): BayesianAnalysis {
  const deff = { control: designEffect(outcomes.control, users.control), treatment: designEffect(outcomes.treatment, users.treatment) };
  const effective = (g: ABGroup) => {
    const d = deff[g] ?? 1;
    const n = Math.round(outcomes[g].n / d);
    return { n, successes: Math.min(n, Math.round(outcomes[g].completed / d)) };
  };
  const c = effective('control');
  const t = effective('treatment');
  if (c.n === 0 || t.n === 0) {
    return { chanceToBeatControl: null, expectedLossShipTreatment: null, expectedLossKeepControl: null, designEffect: deff, effectiveSampleSize: { control: c.n, treatment: t.n } };
  }
  const b = betaBinomialComparison(c, t);
  return {
    chanceToBeatControl: b.probabilityTreatmentBetter,
    expectedLossShipTreatment: b.expectedLossChooseTreatment,
    expectedLossKeepControl: b.expectedLossChooseControl,
    designEffect: deff,
    effectiveSampleSize: { control: c.n, treatment: t.n },
  };
}

function secondary(users: Record<ABGroup, UserSums>, alpha: number): SecondaryMetric[] {
  const defs = [
    { metric: 'avg_duration_seconds' as const, lowerIsBetter: true, key: 'duration' as const },
    { metric: 'avg_user_rating' as const, lowerIsBetter: false, key: 'rating' as const },
  ];
  const tests = defs.map((d) => welchTTest(summary(users.control[d.key]), summary(users.treatment[d.key]), { alpha }));
  const holm = holmBonferroni(tests.map((t) => t.pValue));
  return defs.map((d, i) => ({
    metric: d.metric,
    lowerIsBetter: d.lowerIsBetter,
    controlUsers: users.control[d.key].n,
    treatmentUsers: users.treatment[d.key].n,
    controlMean: mean(users.control[d.key]),
    treatmentMean: mean(users.treatment[d.key]),
    difference: differenceOf(tests[i], 1 - alpha),
    welch: tTest(tests[i]),
    holmPValue: fin(holm[i]),
    significant: holm[i] < alpha,
  }));
}

/**
 * Builds the analysis of a test.
 * @param input sufficient statistics of the test (see {@link AnalysisInput})
 * @param options alpha, mixtureSd, plannedEffect, targetPower
 * @returns the plain-data analysis
 * @throws AnalyticsError INVALID_ARGUMENT for alpha, targetPower outside (0, 1), a non-positive mixtureSd or plannedEffect
 */
export function buildAnalysis(input: AnalysisInput, options: AnalyzeOptions = {}): ABTestAnalysis {
  const { alpha = 0.05, mixtureSd = DEFAULT_MIXTURE_SD, plannedEffect = 0.05, targetPower = 0.8 } = options;
  const open = (v: number) => typeof v === 'number' && v > 0 && v < 1;
  requireArgument(open(alpha), `analyzeResults: alpha must lie strictly between 0 and 1 (got ${String(alpha)})`);
  requireArgument(open(targetPower), `analyzeResults: targetPower must lie strictly between 0 and 1 (got ${String(targetPower)})`);
  requireArgument(typeof mixtureSd === 'number' && Number.isFinite(mixtureSd) && mixtureSd > 0, `analyzeResults: mixtureSd must be a positive number such as 0.05 (got ${String(mixtureSd)})`);
  requireArgument(typeof plannedEffect === 'number' && Number.isFinite(plannedEffect) && plannedEffect > 0, `analyzeResults: plannedEffect must be a positive absolute change such as 0.05 (got ${String(plannedEffect)})`);

  const { outcomes, users } = input;
  const controlMetrics = groupMetrics(outcomes.control);
  const treatmentMetrics = groupMetrics(outcomes.treatment);
  const minSampleReached = outcomes.control.n >= input.minSampleSize && outcomes.treatment.n >= input.minSampleSize;

  const cOut = summaryFromProportion(outcomes.control.n, outcomes.control.completed);
  const tOut = summaryFromProportion(outcomes.treatment.n, outcomes.treatment.completed);
  const student = studentTTest(cOut, tOut, { alpha });
  const welch = welchTTest(cOut, tOut, { alpha });
  const upstream = upstreamVerdict(studentTTest(cOut, tOut), controlMetrics.completionRate ?? NaN, treatmentMetrics.completionRate ?? NaN, minSampleReached, input.minSampleSize);

  const cUser = summary(users.control.rate);
  const tUser = summary(users.treatment.rate);
  const userWelch = welchTTest(cUser, tUser, { alpha });
  const sequential = sequentialPValue(input.userDays, mixtureSd);
  const srm = sampleRatioMismatch(input.assigned.control, input.assigned.treatment, input.assignmentRatio);
  const sampleRatio = {
    controlUsers: input.assigned.control,
    treatmentUsers: input.assigned.treatment,
    expectedControlShare: input.assignmentRatio,
    statistic: fin(srm.statistic),
    pValue: fin(srm.pValue),
    mismatch: srm.pValue < SRM_THRESHOLD,
  };
  const bayes = bayesian(outcomes, users);
  const userDiff = -userWelch.meanDifference;

  let recommendedDecision: RecommendedDecision;
  let verdictBasis: string;
  const seqText = `the always-valid p-value (mSPRT over ${sequential.looks} daily look(s), τ = ${mixtureSd}) is ${pythonFixed(sequential.pValue, 4)}`;
  if (!minSampleReached) {
    recommendedDecision = 'insufficient_data';
    verdictBasis = `Fewer than min_sample_size = ${input.minSampleSize} outcomes in a group (control ${outcomes.control.n}, treatment ${outcomes.treatment.n}); like session-buddy, no verdict before both groups reach it.`;
  } else if (sampleRatio.mismatch) {
    recommendedDecision = 'check_assignment';
    verdictBasis = `Sample ratio mismatch: ${input.assigned.control} control vs ${input.assigned.treatment} treatment users where the ratio is ${input.assignmentRatio} (chi-square p = ${pythonFixed(srm.pValue, 6)} < ${SRM_THRESHOLD}); the assignment or logging is broken, so no effect estimate can be trusted.`;
  } else if (sequential.pValue < alpha && Number.isFinite(userDiff) && userDiff !== 0) {
    recommendedDecision = userDiff > 0 ? 'ship_treatment' : 'keep_control';
    verdictBasis = `User-level analysis: ${seqText} < ${alpha}, and the mean per-user completion rate is ${pythonFixed(userDiff * 100, 1)} pp ${userDiff > 0 ? 'higher' : 'lower'} in treatment. Users are the randomisation unit and their outcomes are correlated, so the decision uses each user's completion rate as one observation; the mSPRT p-value stays valid however often the test is analysed.`;
  } else {
    recommendedDecision = 'no_significant_difference';
    verdictBasis = `User-level analysis: ${seqText}, not below ${alpha}; no significant difference yet (users are the randomisation unit; the sequential p-value stays valid if you keep collecting and look again).`;
  }

  const warnings: string[] = [];
  if (sampleRatio.mismatch) warnings.push(`sample ratio mismatch (p = ${pythonFixed(srm.pValue, 6)}): check how users are assigned and logged`);
  const maxDeff = Math.max(bayes.designEffect.control ?? 1, bayes.designEffect.treatment ?? 1);
  if (maxDeff > 1.2) {
    warnings.push(`outcomes cluster by user (design effect ${pythonFixed(maxDeff, 2)}): the outcome-level p-values (pValue, winner, outcomeLevel) overstate the evidence`);
  }
  const upstreamShips = upstream.winner === 'treatment' ? 'ship_treatment' : upstream.winner === 'control' ? 'keep_control' : null;
  if (minSampleReached && !sampleRatio.mismatch && upstreamShips !== null && upstreamShips !== recommendedDecision) {
    warnings.push(`session-buddy's rule (outcome-level Student t) says "${upstream.winner}" but the user-level sequential analysis does not support it`);
  }

  return {
    testId: input.testId,
    testName: input.testName,
    status: input.status,
    controlMetrics,
    treatmentMetrics,
    pValue: upstream.pValue,
    winner: upstream.winner,
    recommendation: upstream.recommendation,
    minSampleSize: input.minSampleSize,
    minSampleReached,
    outcomeLevel: { student: tTest(student), welch: tTest(welch), difference: differenceOf(welch, 1 - alpha), relativeLift: liftOf(cOut, tOut, alpha) },
    userLevel: {
      controlUsers: users.control.users,
      treatmentUsers: users.treatment.users,
      controlMeanRate: mean(users.control.rate),
      treatmentMeanRate: mean(users.treatment.rate),
      welch: tTest(userWelch),
      difference: differenceOf(userWelch, 1 - alpha),
      relativeLift: liftOf(cUser, tUser, alpha),
    },
    sequential,
    bayesian: bayes,
    secondaryMetrics: secondary(users, alpha),
    sampleRatio,
    power: powerAtCurrentSample(userWelch.standardError, alpha, targetPower, plannedEffect),
    recommendedDecision,
    verdictBasis,
    warnings,
  };
}
