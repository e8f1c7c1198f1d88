/**
 * Test helpers: an independent JavaScript reduction of raw outcomes to the sufficient statistics
 * the SQL computes, the sqlite3 CLI as an outside reader, and database snapshots.
 */
import { execFileSync } from 'node:child_process';
import type { ABGroup } from '../../../src/ab-testing/ABTestConfig.js';
import type { OutcomeSums, UserDayCounts, UserDuration, UserHistory, UserSkillCounts, UserSums } from '../../../src/ab-testing/ab-queries.js';
import type { AnalysisInput } from '../../../src/ab-testing/analysis.js';
import type { UserSkillDayCounts } from '../../../src/ab-testing/segment-queries.js';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';

/** One outcome as a test generates it. */
export interface RawOutcome {
  userId: string;
  group: ABGroup;
  /** YYYY-MM-DD */
  day: string;
  completed: boolean;
  durationSeconds: number | null;
  userRating: number | null;
  /** The skill the outcome was recorded for (default 'skill'). */
  skillName?: string;
}

/** What the JS reduction cannot know from outcomes alone: each user's history and the assignment order. */
export interface ReductionExtras {
  history: UserHistory[];
  assignmentSequence: ABGroup[];
}

const sums = () => ({ n: 0, sum: 0, sumSq: 0 });
const add = (s: { n: number; sum: number; sumSq: number }, v: number) => {
  s.n++;
  s.sum += v;
  s.sumSq += v * v;
};

/**
 * Reduces raw outcomes (JS, row by row) to the analysis input the SQL would produce; with
 * `extras`, also the per-user details (skills, durations in the SQL's user-then-outcome order).
 */
export function reduceOutcomes(
  outcomes: readonly RawOutcome[],
  meta: { testId: number; testName: string; status?: string; minSampleSize: number; assignmentRatio: number; assigned: Record<ABGroup, number> },
  extras?: ReductionExtras,
): AnalysisInput {
  const out: Record<ABGroup, OutcomeSums> = {
    control: { n: 0, completed: 0, duration: sums(), rating: sums() },
    treatment: { n: 0, completed: 0, duration: sums(), rating: sums() },
  };
  type U = { group: ABGroup; n: number; k: number; d: number; dn: number; r: number; rn: number };
  const perUser = new Map<string, U>();
  const perUserDay = new Map<string, UserDayCounts>();
  for (const o of outcomes) {
    const g = out[o.group];
    g.n++;
    if (o.completed) g.completed++;
    if (o.durationSeconds !== null) add(g.duration, o.durationSeconds);
    if (o.userRating !== null) add(g.rating, o.userRating);
    const u = perUser.get(o.userId) ?? { group: o.group, n: 0, k: 0, d: 0, dn: 0, r: 0, rn: 0 };
    u.n++;
    if (o.completed) u.k++;
    if (o.durationSeconds !== null) {
      u.d += o.durationSeconds;
      u.dn++;
    }
    if (o.userRating !== null) {
      u.r += o.userRating;
      u.rn++;
    }
    perUser.set(o.userId, u);
    const key = `${o.day}\u0000${o.group}\u0000${o.userId}`;
    const ud = perUserDay.get(key) ?? { group: o.group, userId: o.userId, day: o.day, n: 0, completed: 0, durationN: 0, durationSum: 0, ratingN: 0, ratingSum: 0 };
    ud.n++;
    if (o.completed) ud.completed++;
    if (o.durationSeconds !== null) {
      ud.durationN = (ud.durationN ?? 0) + 1;
      ud.durationSum = (ud.durationSum ?? 0) + o.durationSeconds;
    }
    if (o.userRating !== null) {
      ud.ratingN = (ud.ratingN ?? 0) + 1;
      ud.ratingSum = (ud.ratingSum ?? 0) + o.userRating;
    }
    perUserDay.set(key, ud);
  }
  const users: Record<ABGroup, UserSums> = {
    control: { users: 0, rate: sums(), duration: sums(), rating: sums(), outcomesSq: 0, completedSq: 0, outcomesCompleted: 0 },
    treatment: { users: 0, rate: sums(), duration: sums(), rating: sums(), outcomesSq: 0, completedSq: 0, outcomesCompleted: 0 },
  };
  for (const u of perUser.values()) {
    const g = users[u.group];
    g.users++;
    add(g.rate, u.k / u.n);
    if (u.dn) add(g.duration, u.d / u.dn);
    if (u.rn) add(g.rating, u.r / u.rn);
    g.outcomesSq += u.n * u.n;
    g.completedSq += u.k * u.k;
    g.outcomesCompleted += u.n * u.k;
  }
  const userDays = [...perUserDay.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const input: AnalysisInput = {
    testId: meta.testId,
    testName: meta.testName,
    status: meta.status ?? 'running',
    minSampleSize: meta.minSampleSize,
    assignmentRatio: meta.assignmentRatio,
    assigned: meta.assigned,
    outcomes: out,
    users,
    userDays,
  };
  if (!extras) return input;
  const skills = new Map<string, UserSkillCounts>();
  const durations: UserDuration[] = [];
  const byUser = [...outcomes].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  for (const o of byUser) {
    const skill = o.skillName ?? 'skill';
    const key = `${o.userId}\u0000${skill}`;
    const s = skills.get(key) ?? { group: o.group, userId: o.userId, skill, n: 0, completed: 0 };
    s.n++;
    if (o.completed) s.completed++;
    skills.set(key, s);
    if (o.durationSeconds !== null) durations.push({ group: o.group, userId: o.userId, duration: o.durationSeconds });
  }
  const skillDays = new Map<string, UserSkillDayCounts>();
  for (const o of outcomes) {
    const skill = o.skillName ?? 'skill';
    const key = `${o.day}\u0000${o.userId}\u0000${skill}`;
    const s = skillDays.get(key) ?? { group: o.group, userId: o.userId, skill, day: o.day, n: 0, completed: 0 };
    s.n++;
    if (o.completed) s.completed++;
    skillDays.set(key, s);
  }
  const userSkillDays = [...skillDays.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  // every generated outcome belongs to an assigned user in control or treatment, recorded after assignment, test running
  const zero = { n: 0, users: 0 };
  const health = { unassignedOutcomes: zero, bothGroups: zero, beforeAssignment: zero, assignmentsAfterStop: zero, outcomesAfterStop: zero, unknownGroup: zero, stoppedAt: null };
  return {
    ...input,
    details: {
      userSkills: [...skills.values()],
      history: extras.history,
      durations,
      assignmentSequence: extras.assignmentSequence,
      userSkillDays,
      skillPhases: [],
      sourceFiles: [],
    },
    health,
  };
}

/** Rows of a query through the sqlite3 command-line shell (an outside reader). */
export function sqliteJson<T = Record<string, unknown>>(file: string, sql: string): T[] {
  const text = execFileSync('sqlite3', ['-json', file, sql], { encoding: 'utf8' }).trim();
  return text ? (JSON.parse(text) as T[]) : [];
}

/** Everything a write could touch: schema and the three A/B tables, as one comparable value. */
export function snapshot(engine: AnalyticsEngine): string {
  const { db } = engine.context();
  const parts: unknown[] = [db.all("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex%' ORDER BY type, name")];
  for (const t of ['ab_test_configs', 'ab_test_assignments', 'ab_test_outcomes', 'sqlite_sequence']) {
    parts.push(db.hasTable(t) ? db.all(`SELECT * FROM ${t} ORDER BY 1, 2`) : null);
  }
  return JSON.stringify(parts);
}
