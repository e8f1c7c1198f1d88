/**
 * A generated file where the truth is known, through the SQL path: sample.db plus 400 sessions
 * whose invocations (written before the test starts) come from each session's own completion
 * propensity; the sessions' ids are then the users of a new test whose outcomes follow the same
 * propensity and a per-skill base rate (treatment +5 pp). The history query must count exactly the
 * invocations before each assignment (never the ones after), and the adjustment must use them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ABGroup } from '../../../src/ab-testing/ABTestConfig.js';
import { ABTestFramework } from '../../../src/ab-testing/ABTestFramework.js';
import { selectUserHistory } from '../../../src/ab-testing/ab-queries.js';
import type { ABTestAnalysis } from '../../../src/ab-testing/analysis-types.js';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { openAnalytics } from '../../../src/node/index.js';
import { mulberry32 } from '../../../src/stats/index.js';

const SESSIONS = 400;
const BEFORE = Date.UTC(2026, 11, 1);
const ASSIGNED = Date.UTC(2026, 11, 5);
const SKILLS = ['alpha', 'beta', 'gamma', 'delta'];
const SKILL_BASE = [0, 0.33, 0.67, 1];

describe('CUPED on session history and post-stratification, generated file through SQL', () => {
  let engine: AnalyticsEngine;
  let testId: number;
  let analysis: ABTestAnalysis;
  const expected = new Map<string, { n: number; k: number }>();

  beforeAll(async () => {
    engine = await openAnalytics('test/fixtures/sample.db');
    let now = ASSIGNED;
    const ab = new ABTestFramework(
      () => engine.context(),
      () => new Date(now),
    );
    const rand = mulberry32(1805);
    const { db } = engine.context();
    const propensity = new Map<string, number>();
    db.transaction(() => {
      for (let s = 0; s < SESSIONS; s++) {
        const id = `session-gen-${String(s).padStart(4, '0')}`;
        const a = rand();
        propensity.set(id, a);
        const before = 5 + Math.floor(rand() * 30);
        let k = 0;
        for (let i = 0; i < before; i++) {
          const done = rand() < 0.05 + 0.6 * a + 0.3 * SKILL_BASE[i % 4] ? 1 : 0;
          k += done;
          const at = new Date(BEFORE + i * 3_600_000 + s * 1000).toISOString().replace('Z', '+00:00');
          db.run('INSERT INTO skill_invocation (skill_name, invoked_at, session_id, completed, created_at) VALUES (?, ?, ?, ?, ?)', [SKILLS[i % 4], at, id, done, at]);
        }
        expected.set(id, { n: before, k });
        // invoked after the assignment: must never count
        const after = new Date(ASSIGNED + 86_400_000).toISOString().replace('Z', '+00:00');
        db.run('INSERT INTO skill_invocation (skill_name, invoked_at, session_id, completed, created_at) VALUES (?, ?, ?, ?, ?)', ['alpha', after, id, 1, after]);
      }
    });
    testId = await ab.createTest({ testName: 'session_history', controlStrategy: 'a', treatmentStrategy: 'b', minSampleSize: 100 });
    const ids = [...propensity.keys()];
    const groups = await ab.assignUsersToGroups(testId, ids);
    now = ASSIGNED + 3_600_000;
    const outcomes = ids.flatMap((userId, u) => {
      const g: ABGroup = groups[u];
      return Array.from({ length: 2 + Math.floor(rand() * 8) }, () => {
        const s = Math.floor(rand() * 4);
        return { userId, skillName: SKILLS[s], completed: rand() < 0.05 + 0.6 * (propensity.get(userId) as number) + 0.3 * SKILL_BASE[s] + (g === 'treatment' ? 0.05 : 0) };
      });
    });
    await ab.recordOutcomes(testId, outcomes);
    analysis = await ab.analyzeResults(testId);
  });

  afterAll(async () => {
    await engine?.dispose();
  });

  it('the history query counts exactly the invocations before each assignment', () => {
    const rows = selectUserHistory(engine.context().db, testId);
    expect(rows).toHaveLength(SESSIONS);
    for (const r of rows) {
      expect({ n: r.invocations, k: r.invocationsCompleted }, r.userId).toEqual(expected.get(r.userId));
      expect(r.testOutcomes).toBe(0);
    }
  });

  it('the adjustment uses session history and skill mix, and reduces the variance', () => {
    const v = analysis.varianceReduction;
    console.info('generated file (400 sessions):', {
      varianceReduction: v.varianceReduction,
      ciWidthBefore: v.ciWidthBefore,
      ciWidthAfter: v.ciWidthAfter,
      theta: v.theta,
      difference: v.difference,
    });
    expect(v.adjusted).toBe(true);
    expect(v.historySource).toBe('sessions');
    expect(v.usersWithHistory).toBe(SESSIONS);
    expect(v.covariates).toEqual(['skill_mix_expected_rate', 'prior_completion_rate']);
    expect(v.varianceReduction).toBeGreaterThan(0.15);
    expect(v.ciWidthAfter as number).toBeLessThan(v.ciWidthBefore as number);
    // the true effect (+5 pp) lies in the adjusted CI
    expect(v.difference.ciLow as number).toBeLessThan(0.05);
    expect(v.difference.ciHigh as number).toBeGreaterThan(0.05);
  });
});
