/**
 * The analysis of one test from its sufficient statistics (no I/O): upstream's verdict for
 * parity, then outcome-level and user-level tests, the always-valid sequential p-value, a
 * Bayesian comparison, secondary metrics with Holm correction, the sample-ratio check, power, and
 * the recommended decision with the basis it rests on.
 */
import type { SourceScope } from '../engine/context.js';
import { requireArgument } from '../engine/errors.js';
import {
  betaBinomialComparison,
  holmBonferroni,
  relativeLift,
  sampleRatioMismatch,
  sequentialSampleRatioTest,
  studentTTest,
  summaryFromProportion,
  summaryFromSums,
  welchTTest,
  type SampleSummary,
  type TwoSampleTTestResult,
} from '../stats/index.js';
import type { ABGroup } from './ABTestConfig.js';
import type { OutcomeSums, Sums, UserDayCounts, UserSums } from './ab-queries.js';
import type { AnalysisDetails } from './analysis-details.js';
import { ABWarnings } from './analysis-warnings.js';
import type { ABTestAnalysis, BayesianAnalysis, GroupMetrics, Interval, RecommendedDecision, SecondaryMetric, TTestSummary } from './analysis-types.js';
import { adjustedConfidenceSequence } from './adjusted-confidence-sequence.js';
import { alwaysValidIntervals, DEFAULT_METRIC_MIXTURE_SD } from './confidence-sequences.js';
import { decisionRule, DEFAULT_GUARDRAIL_MARGINS } from './decision-rule.js';
import { durationQuantiles } from './duration-quantiles.js';
import type { ABMetric, AlwaysValidAnalysis, SequentialSampleRatio, VarianceReductionAnalysis } from './extended-types.js';
import { healthChecks, type HealthCounts } from './health-checks.js';
import { DEFAULT_DURATION_CAP_PERCENTILE, ratioMetrics } from './ratio-metrics.js';
import { segmentAnalysis } from './segments.js';
import { powerAtCurrentSample } from './plan.js';
import { varianceReduction } from './variance-reduction.js';
import { DEFAULT_MIXTURE_SD, sequentialPValue } from './sequential.js';
import { pythonFixed, upstreamVerdict } from './upstream-verdict.js';

/** Options of `analyzeResults`. */
export interface AnalyzeOptions extends SourceScope {
  /** Level of the recommended decision, the CIs and the power (default 0.05; upstream's winner always uses 0.05). */
  alpha?: number;
  /** τ of the mSPRT mixing distribution on the absolute completion-rate scale (default 0.05). Fix it before the test starts. */
  mixtureSd?: number;
  /** Absolute change the reported power is for (default 0.05). */
  plannedEffect?: number;
  /** Power for the reported minimum detectable effect (default 0.8). */
  targetPower?: number;
  /** Metrics the decision is about (default ['completion_rate']); duration and rating not listed are guardrails. */
  goalMetrics?: ABMetric[];
  /** Correction across goal metrics: 'holm' (default, family-wise) or 'bh' (Benjamini-Hochberg, false discovery rate). */
  multipleTesting?: 'holm' | 'bh';
  /** Relative non-inferiority margins of the guardrails (defaults: duration 0.10, rating 0.05). */
  guardrailMargins?: { avg_duration_seconds?: number; avg_user_rating?: number };
  /** τ of the mixtures of duration (seconds, default 5) and rating (stars, default 0.25). */
  mixtureSdDuration?: number;
  mixtureSdRating?: number;
  /** Pooled percentile at which `ratioMetrics.avgDurationSecondsCapped` caps durations (default 0.999). */
  durationCapPercentile?: number;
}

export type { AnalysisDetails };

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
  /** Absent: variance reduction, duration quantiles and the sequential SRM are reported as not available. */
  details?: AnalysisDetails;
  /** Counts of the health checks (absent: `healthChecks.available` false). */
  health?: HealthCounts;
}

/** Concentration c of the Dirichlet prior (α = c·p₀) of the sequential SRM test. */
export const SEQUENTIAL_SRM_CONCENTRATION = 100;

function sequentialSrm(sequence: readonly ABGroup[] | undefined, ratio: number): SequentialSampleRatio {
  const method = `Dirichlet-multinomial Bayes factor (Lindon & Malek 2022), prior α = ${SEQUENTIAL_SRM_CONCENTRATION}·p₀, one look per assignment in assigned_at order; mismatch below p = ${SRM_THRESHOLD}`;
  if (!sequence) return { method, available: false, pValue: null, looks: 0, concentration: SEQUENTIAL_SRM_CONCENTRATION, mismatchAtAssignment: null, mismatch: false };
  const r = sequentialSampleRatioTest(
    sequence.map((g) => (g === 'control' ? 0 : 1)),
    [ratio, 1 - ratio],
    { concentration: SEQUENTIAL_SRM_CONCENTRATION, alpha: SRM_THRESHOLD },
  );
  return {
    method,
    available: true,
    pValue: r.pValue,
    looks: r.looks,
    concentration: SEQUENTIAL_SRM_CONCENTRATION,
    mismatchAtAssignment: r.rejectedAtLook,
    mismatch: r.pValue < SRM_THRESHOLD,
  };
}

function unadjustedOnly(t: TwoSampleTTestResult, lift: Interval, alpha: number): VarianceReductionAnalysis {
  const se = fin(t.standardError);
  const width = fin(t.ci[1] - t.ci[0]);
  return {
    adjusted: false,
    method: 'unadjusted: per-user skills and history were not given (analysis built from sufficient statistics only)',
    covariates: [],
    theta: [],
    usersWithHistory: 0,
    historySource: 'none',
    difference: differenceOf(t, 1 - alpha),
    relativeLift: lift,
    pValue: fin(t.pValue),
    standardErrorBefore: se,
    standardErrorAfter: se,
    varianceReduction: se === null ? null : 0,
    ciWidthBefore: width,
    ciWidthAfter: width,
    skillMixPValue: null,
  };
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

function goalText(rule: ReturnType<typeof decisionRule>): string {
  return rule.goals.map((g) => `${g.metric} p = ${pythonFixed(g.adjustedPValue, 4)} adjusted, ${g.outcome}`).join('; ');
}

/**
 * Builds the analysis of a test.
 * @param input sufficient statistics of the test (see {@link AnalysisInput})
 * @param options alpha, mixtureSd, plannedEffect, targetPower
 * @returns the plain-data analysis
 * @throws AnalyticsError INVALID_ARGUMENT for alpha, targetPower outside (0, 1), a non-positive mixtureSd or plannedEffect
 */
export function buildAnalysis(input: AnalysisInput, options: AnalyzeOptions = {}): ABTestAnalysis {
  const { alpha = 0.05, mixtureSd = DEFAULT_MIXTURE_SD, plannedEffect = 0.05, targetPower = 0.8, goalMetrics = ['completion_rate'], multipleTesting = 'holm' } = options;
  const { mixtureSdDuration = DEFAULT_METRIC_MIXTURE_SD.avg_duration_seconds, mixtureSdRating = DEFAULT_METRIC_MIXTURE_SD.avg_user_rating } = options;
  const margins = { ...DEFAULT_GUARDRAIL_MARGINS, ...(options.guardrailMargins ?? {}) };
  const open = (v: number) => typeof v === 'number' && v > 0 && v < 1;
  requireArgument(open(alpha), `analyzeResults: alpha must lie strictly between 0 and 1 (got ${String(alpha)})`);
  requireArgument(open(targetPower), `analyzeResults: targetPower must lie strictly between 0 and 1 (got ${String(targetPower)})`);
  requireArgument(
    typeof mixtureSd === 'number' && Number.isFinite(mixtureSd) && mixtureSd > 0,
    `analyzeResults: mixtureSd must be a positive number such as 0.05 (got ${String(mixtureSd)})`,
  );
  requireArgument(
    typeof plannedEffect === 'number' && Number.isFinite(plannedEffect) && plannedEffect > 0,
    `analyzeResults: plannedEffect must be a positive absolute change such as 0.05 (got ${String(plannedEffect)})`,
  );
  const known: readonly ABMetric[] = ['completion_rate', 'avg_duration_seconds', 'avg_user_rating'];
  requireArgument(
    Array.isArray(goalMetrics) && goalMetrics.length > 0 && goalMetrics.every((m) => known.includes(m)) && new Set(goalMetrics).size === goalMetrics.length,
    `analyzeResults: goalMetrics must be a non-empty list of distinct metrics among ${known.join(', ')} (got ${JSON.stringify(goalMetrics)})`,
  );
  requireArgument(multipleTesting === 'holm' || multipleTesting === 'bh', `analyzeResults: multipleTesting must be 'holm' or 'bh' (got ${String(multipleTesting)})`);
  for (const [k, v] of Object.entries(margins))
    requireArgument(
      typeof v === 'number' && v > 0 && v < 1,
      `analyzeResults: guardrailMargins.${k} must be a relative margin strictly between 0 and 1 such as 0.05 (got ${String(v)})`,
    );
  const { durationCapPercentile = DEFAULT_DURATION_CAP_PERCENTILE } = options;
  requireArgument(
    typeof durationCapPercentile === 'number' && durationCapPercentile > 0 && durationCapPercentile <= 1,
    `analyzeResults: durationCapPercentile must lie in (0, 1], e.g. 0.999 (got ${String(durationCapPercentile)})`,
  );
  for (const [k, v] of Object.entries({ mixtureSdDuration, mixtureSdRating }))
    requireArgument(typeof v === 'number' && Number.isFinite(v) && v > 0, `analyzeResults: ${k} must be a positive number (got ${String(v)})`);

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
  const alwaysValid = alwaysValidIntervals(input.userDays, { completion_rate: mixtureSd, avg_duration_seconds: mixtureSdDuration, avg_user_rating: mixtureSdRating }, alpha);
  const adjustedAlwaysValid = adjustedConfidenceSequence(input.details?.userSkillDays, input.details?.history ?? [], mixtureSd, alpha);
  // the decision's completion goal rests on the regression-adjusted sequence when it could be built
  const decisionAv: AlwaysValidAnalysis = adjustedAlwaysValid.available
    ? {
        ...alwaysValid,
        metrics: alwaysValid.metrics.map((m) => (m.metric === 'completion_rate' ? { ...m, pValue: adjustedAlwaysValid.pValue, difference: adjustedAlwaysValid.difference } : m)),
      }
    : alwaysValid;
  const rule = decisionRule(decisionAv, { goalMetrics, correction: multipleTesting, margins, alpha });
  const seqSrm = sequentialSrm(input.details?.assignmentSequence, input.assignmentRatio);
  const userLift = liftOf(cUser, tUser, alpha);
  const reduced = input.details ? varianceReduction(input.details, alpha) : unadjustedOnly(userWelch, userLift, alpha);
  const completionOnly = goalMetrics.length === 1 && goalMetrics[0] === 'completion_rate';
  const failed = rule.guardrails.filter((g) => g.status === 'fail');
  const guardText = rule.guardrails.map((g) => `${g.metric} ${g.status}`).join(', ');

  let recommendedDecision: RecommendedDecision;
  let verdictBasis: string;
  const seqText = adjustedAlwaysValid.available
    ? `the always-valid p-value (regression-adjusted mSPRT over ${adjustedAlwaysValid.looks} daily look(s), τ = ${mixtureSd}${adjustedAlwaysValid.adjustedLooks ? `, adjusted at ${adjustedAlwaysValid.adjustedLooks} on ${adjustedAlwaysValid.covariates.join(', ')}` : ', no look adjusted: nothing to adjust on, too few users, or no variance gained'}) is ${pythonFixed(adjustedAlwaysValid.pValue, 4)}`
    : `the always-valid p-value (mSPRT over ${sequential.looks} daily look(s), τ = ${mixtureSd}) is ${pythonFixed(sequential.pValue, 4)}`;
  const decisionDiff = adjustedAlwaysValid.available ? (adjustedAlwaysValid.difference.estimate ?? userDiff) : userDiff;
  if (!minSampleReached) {
    recommendedDecision = 'insufficient_data';
    verdictBasis = `Fewer than min_sample_size = ${input.minSampleSize} outcomes in a group (control ${outcomes.control.n}, treatment ${outcomes.treatment.n}); like session-buddy, no verdict before both groups reach it.`;
  } else if (sampleRatio.mismatch || seqSrm.mismatch) {
    recommendedDecision = 'check_assignment';
    verdictBasis = sampleRatio.mismatch
      ? `Sample ratio mismatch: ${input.assigned.control} control vs ${input.assigned.treatment} treatment users where the ratio is ${input.assignmentRatio} (chi-square p = ${pythonFixed(srm.pValue, 6)} < ${SRM_THRESHOLD}); the assignment or logging is broken, so no effect estimate can be trusted.`
      : `Sample ratio mismatch seen while users were assigned (sequential test p = ${pythonFixed(seqSrm.pValue ?? NaN, 6)} < ${SRM_THRESHOLD} at assignment ${String(seqSrm.mismatchAtAssignment)}); the assignment or logging was broken at some point, so no effect estimate can be trusted.`;
  } else if (rule.goals.some((g) => g.outcome === 'worse')) {
    recommendedDecision = 'keep_control';
    verdictBasis = completionOnly
      ? `User-level analysis: ${seqText} < ${alpha}, and the mean per-user completion rate is ${pythonFixed(-decisionDiff * 100, 1)} pp lower in treatment. Users are the randomisation unit and their outcomes are correlated, so the decision uses each user's completion rate as one observation; the mSPRT p-value stays valid however often the test is analysed.`
      : `User-level analysis of the goals (${goalText(rule)}): at least one is significantly worse in treatment after ${multipleTesting === 'bh' ? 'Benjamini-Hochberg' : 'Holm'} adjustment of the always-valid p-values.`;
  } else if (rule.goals.some((g) => g.outcome === 'better')) {
    const goalsPart = completionOnly
      ? `User-level analysis: ${seqText} < ${alpha}, and the mean per-user completion rate is ${pythonFixed(decisionDiff * 100, 1)} pp higher in treatment. Users are the randomisation unit and their outcomes are correlated, so the decision uses each user's completion rate as one observation; the mSPRT p-value stays valid however often the test is analysed.`
      : `User-level analysis of the goals (${goalText(rule)}): at least one is significantly better in treatment and none worse after ${multipleTesting === 'bh' ? 'Benjamini-Hochberg' : 'Holm'} adjustment of the always-valid p-values.`;
    if (failed.length) {
      recommendedDecision = 'blocked_by_guardrail';
      verdictBasis = `${goalsPart} But a guardrail fails: ${failed.map((g) => `${g.metric} (${g.reason})`).join('; ')}; do not ship as it is.`;
    } else {
      recommendedDecision = 'ship_treatment';
      verdictBasis = guardText ? `${goalsPart} Guardrails (always-valid, relative margins): ${guardText}.` : goalsPart;
    }
  } else {
    recommendedDecision = 'no_significant_difference';
    verdictBasis = completionOnly
      ? `User-level analysis: ${seqText}, not below ${alpha}; no significant difference yet (users are the randomisation unit; the sequential p-value stays valid if you keep collecting and look again).`
      : `User-level analysis of the goals (${goalText(rule)}): none significant after ${multipleTesting === 'bh' ? 'Benjamini-Hochberg' : 'Holm'} adjustment of the always-valid p-values; no significant difference yet.`;
  }

  const health = healthChecks(input.health);
  const warnings = new ABWarnings();
  for (const c of health.checks) if (c.count > 0) warnings.push(c.code, `${c.code}: ${c.message}`);
  for (const g of rule.guardrails)
    if (g.status === 'inconclusive' && recommendedDecision === 'ship_treatment') warnings.push('GUARDRAIL_INCONCLUSIVE', `guardrail ${g.metric} inconclusive: ${g.reason}`);
  if (reduced.skillMixPValue !== null && reduced.skillMixPValue < 0.001)
    warnings.push(
      'SKILL_MIX_DIFFERS',
      `the skill mix differs between groups (p = ${pythonFixed(reduced.skillMixPValue, 6)}): treatment changed which skills were used, so the skill covariate of the variance reduction is suspect`,
    );
  if (seqSrm.mismatch && !sampleRatio.mismatch)
    warnings.push('SAMPLE_RATIO_MISMATCH_DURING_ASSIGNMENT', `sample ratio mismatch during assignment (sequential p = ${pythonFixed(seqSrm.pValue ?? NaN, 6)})`);
  if (sampleRatio.mismatch) warnings.push('SAMPLE_RATIO_MISMATCH', `sample ratio mismatch (p = ${pythonFixed(srm.pValue, 6)}): check how users are assigned and logged`);
  const maxDeff = Math.max(bayes.designEffect.control ?? 1, bayes.designEffect.treatment ?? 1);
  if (maxDeff > 1.2) {
    warnings.push(
      'OUTCOMES_CLUSTER_BY_USER',
      `outcomes cluster by user (design effect ${pythonFixed(maxDeff, 2)}): the outcome-level p-values (pValue, winner, outcomeLevel) overstate the evidence`,
    );
  }
  const upstreamShips = upstream.winner === 'treatment' ? 'ship_treatment' : upstream.winner === 'control' ? 'keep_control' : null;
  if (minSampleReached && !sampleRatio.mismatch && upstreamShips !== null && upstreamShips !== recommendedDecision) {
    warnings.push(
      'UPSTREAM_RULE_UNSUPPORTED',
      `session-buddy's rule (outcome-level Student t) says "${upstream.winner}" but the user-level sequential analysis does not support it`,
    );
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
      relativeLift: userLift,
    },
    sequential,
    bayesian: bayes,
    secondaryMetrics: secondary(users, alpha),
    sampleRatio,
    power: powerAtCurrentSample(userWelch.standardError, alpha, targetPower, plannedEffect),
    varianceReduction: reduced,
    alwaysValid,
    decisionRule: rule,
    durationQuantiles: durationQuantiles(input.details ? input.details.durations : null, alpha),
    sequentialSampleRatio: seqSrm,
    ratioMetrics: ratioMetrics(input.userDays, input.details, durationCapPercentile),
    segments: segmentAnalysis(
      input.details ? { userSkills: input.details.userSkills, skillPhases: input.details.skillPhases ?? [], sourceFiles: input.details.sourceFiles ?? [] } : undefined,
      alpha,
    ),
    adjustedAlwaysValid,
    healthChecks: health,
    recommendedDecision,
    verdictBasis,
    warnings: warnings.messages(),
    warningCodes: warnings.codes(),
  };
}
