/**
 * Replay of a test on the file's own data, offline: the test's real users are re-split by
 * session-buddy's assignment hash under fresh test ids (ids above every test in the file), which
 * gives A/A tests on real users, real outcome counts and real days. Every method is run at every
 * daily look of each replay: the share of replays in which a method ever signals is its empirical
 * false-positive rate under daily peeking on this file. Injecting the planned effect into the
 * re-split treatment group (failures turned into completions with probability δ / (1 − p̄), which
 * raises the mean completion by δ) gives each method's power at that effect.
 */
import type { SourceScope } from '../engine/context.js';
import { mulberry32 } from '../stats/index.js';
import type { ABGroup } from './ABTestConfig.js';
import type { OutcomeRow, OutcomeSums, Sums, UserDayCounts, UserHistory, UserSkillCounts, UserSums } from './ab-queries.js';
import { buildAnalysis, type AnalysisInput, type AnalyzeOptions } from './analysis.js';
import type { ABTestAnalysis } from './analysis-types.js';
import { assignmentBucket, groupForBucket } from './assignment-hash.js';
import type { UserSkillDayCounts } from './segment-queries.js';

/** Options of a replay. */
export interface ReplayOptions extends SourceScope {
  /** Number of re-splits (default 200, at most 2000). */
  simulations?: number;
  /** Absolute completion-rate change injected for the power (default 0.05). */
  plannedEffect?: number;
  /** Seed of the effect injection (default 1). */
  seed?: number;
  /** Level (default 0.05). */
  alpha?: number;
}

/** One method's empirical rates over the replays. */
export interface ReplayMethod {
  method: string;
  /** Share of A/A replays in which the method signalled at some daily look. */
  falsePositiveRate: number;
  /** Share of replays with the injected effect in which it signalled an improvement at some look. */
  power: number;
  /** Mean number of daily looks until the first signal of an improvement, over the replays with the effect where it signalled (null: never). */
  meanLooksToDecision: number | null;
  /** Mean looks until a decision over all replays with the effect, counting a replay without one as the number of looks + 1 (a censored, lower-bound comparison). */
  meanLooksToDecisionCensored: number;
}

/** Result of a replay. */
export interface ReplayResult {
  testId: number;
  simulations: number;
  /** Fresh test ids used for the re-splits: firstFreshTestId … firstFreshTestId + simulations − 1. */
  firstFreshTestId: number;
  users: number;
  outcomes: number;
  /** Daily looks per replay. */
  looks: number;
  assignmentRatio: number;
  plannedEffect: number;
  alpha: number;
  /** Monte Carlo standard error of a rate near alpha with this many replays. */
  monteCarloStandardError: number;
  methods: ReplayMethod[];
  method: string;
}

const METHODS: readonly { method: string; signal: (a: ABTestAnalysis, alpha: number) => 0 | 1 | -1 }[] = [
  { method: 'session-buddy rule (outcome-level Student t, min sample)', signal: (a) => (a.winner === 'treatment' ? 1 : a.winner === 'control' ? -1 : 0) },
  { method: 'outcome-level Welch t', signal: (a, al) => sig(a.minSampleReached ? a.outcomeLevel.welch.pValue : null, a.outcomeLevel.difference.estimate, al) },
  { method: 'user-level Welch t (fixed horizon)', signal: (a, al) => sig(a.userLevel.welch.pValue, a.userLevel.difference.estimate, al) },
  { method: 'variance-reduced user-level Welch t (fixed horizon)', signal: (a, al) => sig(a.varianceReduction.pValue, a.varianceReduction.difference.estimate, al) },
  { method: 'mSPRT always-valid p', signal: (a, al) => sig(a.sequential.pValue, a.userLevel.difference.estimate, al) },
  {
    method: 'confidence sequence excludes 0',
    signal: (a) => {
      const d = a.alwaysValid.metrics[0].difference;
      return d.ciLow !== null && d.ciLow > 0 ? 1 : d.ciHigh !== null && d.ciHigh < 0 ? -1 : 0;
    },
  },
  {
    method: 'regression-adjusted confidence sequence excludes 0',
    signal: (a) => {
      const d = a.adjustedAlwaysValid.difference;
      return d.ciLow !== null && d.ciLow > 0 ? 1 : d.ciHigh !== null && d.ciHigh < 0 ? -1 : 0;
    },
  },
  {
    method: 'recommended decision',
    signal: (a) => (a.recommendedDecision === 'ship_treatment' || a.recommendedDecision === 'blocked_by_guardrail' ? 1 : a.recommendedDecision === 'keep_control' ? -1 : 0),
  },
];

function sig(p: number | null, estimate: number | null, alpha: number): 0 | 1 | -1 {
  if (p === null || estimate === null || !(p < alpha)) return 0;
  return estimate > 0 ? 1 : estimate < 0 ? -1 : 0;
}

const sums = (): Sums => ({ n: 0, sum: 0, sumSq: 0 });
const byDay = (a: { day: string }, b: { day: string }): number => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0);
const add = (s: Sums, v: number): void => {
  s.n++;
  s.sum += v;
  s.sumSq += v * v;
};

/** Reduces outcome rows of users with known groups (up to and including `lastDay`) to an analysis input. */
function reduce(
  rows: readonly OutcomeRow[],
  completed: readonly number[],
  groups: ReadonlyMap<string, ABGroup>,
  lastDay: string,
  base: Omit<AnalysisInput, 'outcomes' | 'users' | 'userDays' | 'details'>,
  history: readonly UserHistory[],
): AnalysisInput {
  const outcomes: Record<ABGroup, OutcomeSums> = {
    control: { n: 0, completed: 0, duration: sums(), rating: sums() },
    treatment: { n: 0, completed: 0, duration: sums(), rating: sums() },
  };
  type U = { g: ABGroup; n: number; k: number; d: number; dn: number; r: number; rn: number };
  const perUser = new Map<string, U>();
  const perDay = new Map<string, UserDayCounts>();
  const perSkill = new Map<string, UserSkillCounts>();
  const perSkillDay = new Map<string, UserSkillDayCounts>();
  rows.forEach((o, i) => {
    if (o.day > lastDay) return;
    const g = groups.get(o.userId) as ABGroup;
    const c = completed[i];
    const out = outcomes[g];
    out.n++;
    out.completed += c;
    if (o.duration !== null) add(out.duration, o.duration);
    if (o.rating !== null) add(out.rating, o.rating);
    const u = perUser.get(o.userId) ?? { g, n: 0, k: 0, d: 0, dn: 0, r: 0, rn: 0 };
    u.n++;
    u.k += c;
    if (o.duration !== null) {
      u.d += o.duration;
      u.dn++;
    }
    if (o.rating !== null) {
      u.r += o.rating;
      u.rn++;
    }
    perUser.set(o.userId, u);
    const dk = `${o.day}\u0000${o.userId}`;
    const ud = perDay.get(dk) ?? { group: g, userId: o.userId, day: o.day, n: 0, completed: 0, durationN: 0, durationSum: 0, ratingN: 0, ratingSum: 0 };
    ud.n++;
    ud.completed += c;
    if (o.duration !== null) {
      ud.durationN = (ud.durationN ?? 0) + 1;
      ud.durationSum = (ud.durationSum ?? 0) + o.duration;
    }
    if (o.rating !== null) {
      ud.ratingN = (ud.ratingN ?? 0) + 1;
      ud.ratingSum = (ud.ratingSum ?? 0) + o.rating;
    }
    perDay.set(dk, ud);
    const sk = `${o.userId}\u0000${o.skill}`;
    const s = perSkill.get(sk) ?? { group: g, userId: o.userId, skill: o.skill, n: 0, completed: 0 };
    s.n++;
    s.completed += c;
    perSkill.set(sk, s);
    const sdk = `${o.day}\u0000${sk}`;
    const sd = perSkillDay.get(sdk) ?? { group: g, userId: o.userId, skill: o.skill, day: o.day, n: 0, completed: 0 };
    sd.n++;
    sd.completed += c;
    perSkillDay.set(sdk, sd);
  });
  const users: Record<ABGroup, UserSums> = {
    control: { users: 0, rate: sums(), duration: sums(), rating: sums(), outcomesSq: 0, completedSq: 0, outcomesCompleted: 0 },
    treatment: { users: 0, rate: sums(), duration: sums(), rating: sums(), outcomesSq: 0, completedSq: 0, outcomesCompleted: 0 },
  };
  for (const u of perUser.values()) {
    const s = users[u.g];
    s.users++;
    add(s.rate, u.k / u.n);
    if (u.dn) add(s.duration, u.d / u.dn);
    if (u.rn) add(s.rating, u.r / u.rn);
    s.outcomesSq += u.n * u.n;
    s.completedSq += u.k * u.k;
    s.outcomesCompleted += u.n * u.k;
  }
  const userDays = [...perDay.values()].sort(byDay);
  // durations and the assignment order are left out: the quantile bootstrap and the SRM are not among the replayed methods
  return {
    ...base,
    outcomes,
    users,
    userDays,
    details: { userSkills: [...perSkill.values()], history, durations: [], assignmentSequence: [], userSkillDays: [...perSkillDay.values()].sort(byDay) },
  };
}

/** What the replay needs from the file. */
export interface ReplayInput {
  testId: number;
  minSampleSize: number;
  assignmentRatio: number;
  firstFreshTestId: number;
  rows: readonly OutcomeRow[];
  history: readonly UserHistory[];
}

/**
 * Replays a test: A/A re-splits of its users under fresh test ids, and the same with the planned
 * effect injected.
 * @param input the test's outcome rows, users' history, ratio, min sample, first fresh test id
 * @param options simulations (200), plannedEffect (0.05), seed (1), alpha (0.05)
 * @returns per method the empirical false-positive rate under daily peeking and the power
 * @throws AnalyticsError INVALID_ARGUMENT for bad options (from buildAnalysis or the checks in the caller)
 * @example
 * (await replayOutcomes(input, { simulations: 200 })).methods[0] // { method: 'session-buddy rule …', falsePositiveRate: 0.06, power: 0.71 }
 */
export async function replayOutcomes(input: ReplayInput, options: ReplayOptions = {}): Promise<ReplayResult> {
  const { simulations = 200, plannedEffect = 0.05, seed = 1, alpha = 0.05 } = options;
  const userIds = [...new Set(input.rows.map((r) => r.userId))];
  const days = [...new Set(input.rows.map((r) => r.day))].sort();
  const base = { testId: input.testId, testName: `replay of test ${input.testId}`, status: 'replay', minSampleSize: input.minSampleSize, assignmentRatio: input.assignmentRatio };
  const analyzeOptions: AnalyzeOptions = { alpha, plannedEffect };
  const completedAll = input.rows.map((r) => r.completed);
  const pBar = completedAll.reduce((a, b) => a + b, 0) / Math.max(1, completedAll.length);
  const flip = pBar < 1 ? Math.min(1, plannedEffect / (1 - pBar)) : 0;
  const fp = METHODS.map(() => 0);
  const power = METHODS.map(() => 0);
  const looksSum = METHODS.map(() => 0);
  const censoredSum = METHODS.map(() => 0);
  const rand = mulberry32(seed);
  for (let s = 0; s < simulations; s++) {
    const freshId = input.firstFreshTestId + s;
    const groups = new Map<string, ABGroup>();
    for (const u of userIds) groups.set(u, groupForBucket(await assignmentBucket(freshId, u), input.assignmentRatio));
    const assigned = { control: 0, treatment: 0 };
    for (const g of groups.values()) assigned[g]++;
    const withEffect = input.rows.map((r) => (groups.get(r.userId) === 'treatment' && r.completed === 0 && rand() < flip ? 1 : r.completed));
    const hitA = METHODS.map(() => false);
    const hitB = METHODS.map(() => false);
    const firstB = METHODS.map(() => 0);
    for (const [look, day] of days.entries()) {
      const a = buildAnalysis(reduce(input.rows, completedAll, groups, day, { ...base, assigned }, input.history), analyzeOptions);
      const b = buildAnalysis(reduce(input.rows, withEffect, groups, day, { ...base, assigned }, input.history), analyzeOptions);
      METHODS.forEach((m, i) => {
        if (m.signal(a, alpha) !== 0) hitA[i] = true;
        if (m.signal(b, alpha) === 1 && !hitB[i]) {
          hitB[i] = true;
          firstB[i] = look + 1;
        }
      });
    }
    hitA.forEach((h, i) => (fp[i] += h ? 1 : 0));
    hitB.forEach((h, i) => {
      power[i] += h ? 1 : 0;
      looksSum[i] += h ? firstB[i] : 0;
      censoredSum[i] += h ? firstB[i] : days.length + 1;
    });
  }
  return {
    testId: input.testId,
    simulations,
    firstFreshTestId: input.firstFreshTestId,
    users: userIds.length,
    outcomes: input.rows.length,
    looks: days.length,
    assignmentRatio: input.assignmentRatio,
    plannedEffect,
    alpha,
    monteCarloStandardError: Math.sqrt((alpha * (1 - alpha)) / Math.max(1, simulations)),
    methods: METHODS.map((m, i) => ({
      method: m.method,
      falsePositiveRate: fp[i] / simulations,
      power: power[i] / simulations,
      meanLooksToDecision: power[i] > 0 ? looksSum[i] / power[i] : null,
      meanLooksToDecisionCensored: censoredSum[i] / simulations,
    })),
    method:
      `A/A: the test's ${userIds.length} users re-split by session-buddy's hash under fresh test ids ${input.firstFreshTestId}…${input.firstFreshTestId + simulations - 1}, ` +
      `every method run at each of ${days.length} daily look(s); power: failures of the re-split treatment turned into completions with probability ${flip.toFixed(4)} (= δ / (1 − p̄), p̄ = ${pBar.toFixed(4)}), seed ${seed}`,
  };
}
