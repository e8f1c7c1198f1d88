/**
 * A skills.db with an A/B test spread over days, written through the library's own A/B API (so
 * the rows are what session-buddy's framework writes), for replays of the always-valid decisions:
 *
 *   npx tsx bench/ab-generated-file.ts --out bench/data/ab-predictive.db [--seed 1] [--users 600] [--days 14] [--predictive true]
 *
 * Starts from test/fixtures/sample.db. `users` sessions arrive uniformly over `days` days and are
 * assigned on arrival; each has a completion propensity a ~ U(0, 1) and 5-30 skill invocations
 * (its session id = its user id) before the test starts, completed with probability
 * 0.05 + 0.6a + 0.3b_s (b_s ∈ {0, 1/3, 2/3, 1} per skill). Each day after arrival a user comes
 * back with probability 0.6 and records 1-3 outcomes with the same probabilities (no effect:
 * replays inject their own). With `--predictive false` every propensity is 0.5 and every skill's
 * base 0.5: the covariates then predict nothing. Durations are lognormal (median 30 s, σ = 1).
 */
import { writeFileSync } from 'node:fs';
import { ABTestFramework } from '../src/ab-testing/ABTestFramework.js';
import { openAnalytics } from '../src/node/index.js';
import { mulberry32 } from '../src/stats/index.js';
import { flag } from './harness.js';

/** Options of {@link generateAbFile}. */
export interface AbFileOptions {
  seed?: number;
  users?: number;
  days?: number;
  /** false: propensities and skill bases all 0.5 (covariates predict nothing). */
  predictive?: boolean;
}

const SKILLS = ['alpha-skill', 'beta-skill', 'gamma-skill', 'delta-skill'];
const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 2);

/**
 * Builds the file.
 * @param options seed (1), users (600), days (14), predictive (true)
 * @returns the file's bytes and the new test's id
 */
export async function generateAbFile(options: AbFileOptions = {}): Promise<{ bytes: Uint8Array; testId: number }> {
  const { seed = 1, users = 600, days = 14, predictive = true } = options;
  const rand = mulberry32(seed);
  const base = predictive ? [0, 1 / 3, 2 / 3, 1] : [0.5, 0.5, 0.5, 0.5];
  const engine = await openAnalytics('test/fixtures/sample.db');
  try {
    let now = START - DAY;
    const ab = new ABTestFramework(
      () => engine.context(),
      () => new Date(now),
    );
    const { db } = engine.context();
    const people = Array.from({ length: users }, (_, i) => ({
      id: `abgen-${seed}-${String(i).padStart(5, '0')}`,
      a: predictive ? rand() : 0.5,
      arrives: Math.floor(rand() * days),
    }));
    const p = (a: number, s: number) => 0.05 + 0.6 * a + 0.3 * base[s];
    db.transaction(() => {
      for (const [i, u] of people.entries()) {
        const before = 5 + Math.floor(rand() * 26);
        for (let j = 0; j < before; j++) {
          const s = Math.floor(rand() * 4);
          const at = new Date(START - 3 * DAY + j * 60_000 + i * 1000).toISOString().replace('Z', '+00:00');
          db.run('INSERT INTO skill_invocation (skill_name, invoked_at, session_id, completed, created_at) VALUES (?, ?, ?, ?, ?)', [
            SKILLS[s],
            at,
            u.id,
            rand() < p(u.a, s) ? 1 : 0,
            at,
          ]);
        }
      }
    });
    const testId = await ab.createTest({
      testName: `ab_generated_${seed}_${predictive ? 'predictive' : 'flat'}`,
      controlStrategy: 'a',
      treatmentStrategy: 'b',
      minSampleSize: 100,
    });
    for (let d = 0; d < days; d++) {
      now = START + d * DAY + 3_600_000;
      const arriving = people.filter((u) => u.arrives === d).map((u) => u.id);
      if (arriving.length) await ab.assignUsersToGroups(testId, arriving);
      now = START + d * DAY + 12 * 3_600_000;
      const outcomes = people
        .filter((u) => u.arrives <= d && (u.arrives === d || rand() < 0.6))
        .flatMap((u) =>
          Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
            const s = Math.floor(rand() * 4);
            const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
            return { userId: u.id, skillName: SKILLS[s], completed: rand() < p(u.a, s), durationSeconds: Math.round(30 * Math.exp(z) * 1000) / 1000 };
          }),
        );
      if (outcomes.length) await ab.recordOutcomes(testId, outcomes);
    }
    return { bytes: await engine.exportDatabase(), testId };
  } finally {
    await engine.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = flag('out');
  if (!out) throw new Error('usage: npx tsx bench/ab-generated-file.ts --out FILE.db [--seed 1] [--users 600] [--days 14] [--predictive true|false]');
  const r = await generateAbFile({
    seed: Number(flag('seed') ?? 1),
    users: Number(flag('users') ?? 600),
    days: Number(flag('days') ?? 14),
    predictive: flag('predictive') !== 'false',
  });
  writeFileSync(out, r.bytes);
  console.log(`${out}: test ${r.testId}`);
}
