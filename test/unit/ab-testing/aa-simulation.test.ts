/**
 * 200 seeded A/A tests (no real effect) analysed every day for 14 days through the library's
 * analysis path (`buildAnalysis`, the function analyzeResults runs after its SQL). To stay fast
 * the outcomes are reduced to sufficient statistics in JavaScript (`reduceOutcomes`, checked
 * equal to the SQL reduction in round-trip.test.ts) instead of being written to a database.
 *
 * Users arrive over the days, each with their own completion probability (outcomes cluster by
 * user), and come back on later days. Stopping at the first day any test says p < 0.05:
 * - session-buddy's outcome-level Student t (`pValue`, `winner`) and a naive daily user-level
 *   Welch t both exceed 5 % false positives;
 * - the always-valid sequential p (mSPRT) and the recommended decision that rests on it stay ≤ 5 %.
 * And the sequential p is not blind: with a real effect it detects it in most simulations.
 */
import { describe, expect, it } from 'vitest';
import type { ABGroup } from '../../../src/ab-testing/ABTestConfig.js';
import { buildAnalysis } from '../../../src/ab-testing/analysis.js';
import { mulberry32 } from '../../../src/stats/index.js';
import { reduceOutcomes, type RawOutcome } from './helpers.js';

const SIMULATIONS = 200;
const DAYS = 14;
const NEW_USERS_PER_DAY = 30;

interface SimUser {
  id: string;
  group: ABGroup;
  p: number;
}

function simulate(seed: number, effect = 0) {
  const rand = mulberry32(seed);
  const users: SimUser[] = [];
  const raw: RawOutcome[] = [];
  const assigned = { control: 0, treatment: 0 };
  const firstHit = { student: false, userWelch: false, sequential: false, decision: false };
  for (let d = 0; d < DAYS; d++) {
    const day = new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);
    for (let i = 0; i < NEW_USERS_PER_DAY; i++) {
      const group: ABGroup = rand() < 0.5 ? 'control' : 'treatment';
      assigned[group]++;
      // effect 0: the same distribution of user propensities in both groups (an A/A test)
      users.push({ id: `s${seed}-u${users.length}`, group, p: 0.3 + 0.6 * rand() + (group === 'treatment' ? effect : 0) });
    }
    for (const u of users) {
      if (rand() >= 0.6) continue;
      const outcomes = 1 + Math.floor(rand() * 3);
      for (let k = 0; k < outcomes; k++) {
        const completed = rand() < u.p;
        raw.push({
          userId: u.id,
          group: u.group,
          day,
          completed,
          durationSeconds: completed ? 10 + 50 * rand() : null,
          userRating: rand() < 0.3 ? 1 + Math.floor(rand() * 5) : null,
        });
      }
    }
    const a = buildAnalysis(reduceOutcomes(raw, { testId: 1, testName: 'aa', minSampleSize: 100, assignmentRatio: 0.5, assigned: { ...assigned } }));
    if (a.pValue !== null && a.pValue < 0.05) firstHit.student = true;
    if (a.minSampleReached && a.userLevel.welch.pValue !== null && a.userLevel.welch.pValue < 0.05) firstHit.userWelch = true;
    if (a.sequential.pValue < 0.05) firstHit.sequential = true;
    if (a.recommendedDecision === 'ship_treatment' || a.recommendedDecision === 'keep_control') firstHit.decision = true;
  }
  return firstHit;
}

describe('A/A simulations with daily peeking', () => {
  it('sequential p and the recommended decision stay ≤ 5 % false positives; daily fixed-horizon tests do not', () => {
    const counts = { student: 0, userWelch: 0, sequential: 0, decision: 0 };
    for (let s = 0; s < SIMULATIONS; s++) {
      const hit = simulate(9000 + s);
      for (const k of Object.keys(counts) as (keyof typeof counts)[]) if (hit[k]) counts[k]++;
    }
    const rate = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v / SIMULATIONS]));
    console.info('A/A false-positive rates with daily peeking over 14 days', rate);
    expect(rate.sequential).toBeLessThanOrEqual(0.05);
    expect(rate.decision).toBeLessThanOrEqual(0.05);
    expect(rate.student).toBeGreaterThan(0.05);
    expect(rate.userWelch).toBeGreaterThan(0.05);
  });

  it('is not blind: with a real +10 pp effect the sequential p detects it in most of 50 simulations', () => {
    let detected = 0;
    for (let s = 0; s < 50; s++) if (simulate(7000 + s, 0.1).sequential) detected++;
    console.info('A/B (+10 pp) detection rate of the sequential p', detected / 50);
    expect(detected / 50).toBeGreaterThan(0.6);
  });
});
