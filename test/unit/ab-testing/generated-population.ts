/**
 * A generated A/B population where the truth is known, for the simulations of the variance
 * reduction, the confidence sequences' coverage and the false-positive rates under daily peeking.
 *
 * Each user u has a propensity a_u ~ U(0, 1); each outcome is recorded for one of six skills with
 * base b_s ∈ {0, 0.2, …, 1}, chosen uniformly; P(complete) = 0.05 + 0.6·a_u + 0.3·b_s (+ effect
 * in treatment). So the mean per-user completion rate is 0.5 in control and 0.5 + effect in
 * treatment: true difference = effect, true lift = effect / 0.5. Before assignment 70 % of users
 * have 1–historyMax earlier outcomes from the same propensity (their history, the CUPED covariate).
 * Users arrive over the days (NEW_USERS_PER_DAY a day) and come back on later days.
 */
import type { ABGroup } from '../../../src/ab-testing/ABTestConfig.js';
import type { UserHistory } from '../../../src/ab-testing/ab-queries.js';
import type { AnalysisInput } from '../../../src/ab-testing/analysis.js';
import { mulberry32 } from '../../../src/stats/index.js';
import { reduceOutcomes, type RawOutcome } from './helpers.js';

export const DAYS = 14;
export const NEW_USERS_PER_DAY = 30;
export const SKILL_BASES = [0, 0.2, 0.4, 0.6, 0.8, 1] as const;
export const CONTROL_MEAN_RATE = 0.5;

/** Options of {@link generatePopulation}. */
export interface PopulationOptions {
  effect?: number;
  /** false: every outcome has the same skill base (nothing for post-stratification). */
  skills?: boolean;
  /** false: no user has history. */
  history?: boolean;
  days?: number;
  /** Outcomes per visit are uniform on 1…perVisit (default 3). */
  perVisit?: number;
  /** History sizes are uniform on 1…historyMax (default 10). */
  historyMax?: number;
}

/**
 * The analysis input after each daily look of one seeded test.
 * @param seed mulberry32 seed
 * @param options effect (0), skills (true), history (true), days (14), perVisit (3), historyMax (10)
 * @returns one AnalysisInput per look (each with details), in day order
 */
export function generatePopulation(seed: number, options: PopulationOptions = {}): AnalysisInput[] {
  const { effect = 0, skills = true, history = true, days = DAYS, perVisit = 3, historyMax = 10 } = options;
  const rand = mulberry32(seed);
  const users: { id: string; group: ABGroup; a: number; prior: UserHistory }[] = [];
  const raw: RawOutcome[] = [];
  const looks: AnalysisInput[] = [];
  for (let d = 0; d < days; d++) {
    const day = new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);
    for (let i = 0; i < NEW_USERS_PER_DAY; i++) {
      const id = `g${seed}-u${String(users.length).padStart(5, '0')}`;
      const a = rand();
      const group: ABGroup = rand() < 0.5 ? 'control' : 'treatment';
      const h = history && rand() < 0.7 ? 1 + Math.floor(rand() * historyMax) : 0;
      let k = 0;
      for (let j = 0; j < h; j++) if (rand() < 0.05 + 0.6 * a + 0.3 * SKILL_BASES[Math.floor(rand() * 6)]) k++;
      users.push({ id, group, a, prior: { userId: id, testOutcomes: h, testCompleted: k, invocations: 0, invocationsCompleted: 0 } });
    }
    for (const u of users) {
      if (rand() >= 0.6) continue;
      const n = 1 + Math.floor(rand() * perVisit);
      for (let j = 0; j < n; j++) {
        const s = skills ? Math.floor(rand() * 6) : 2;
        const base = skills ? SKILL_BASES[s] : 0.5;
        const completed = rand() < 0.05 + 0.6 * u.a + 0.3 * base + (u.group === 'treatment' ? effect : 0);
        raw.push({ userId: u.id, group: u.group, day, completed, durationSeconds: null, userRating: null, skillName: `skill-${s}` });
      }
    }
    const assigned = { control: users.filter((u) => u.group === 'control').length, treatment: users.filter((u) => u.group === 'treatment').length };
    const seen = new Set(raw.map((o) => o.userId));
    const extras = { history: users.filter((u) => seen.has(u.id)).map((u) => u.prior), assignmentSequence: users.map((u) => u.group) };
    looks.push(reduceOutcomes(raw, { testId: 1, testName: 'generated', minSampleSize: 100, assignmentRatio: 0.5, assigned }, extras));
  }
  return looks;
}
