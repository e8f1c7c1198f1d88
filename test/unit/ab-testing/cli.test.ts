/**
 * The `ab` and `ab-plan` commands, run as a real process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { openAnalytics } from '../../../src/node/index.js';
import { runCli } from '../cli/run-cli.js';

function cli(...args: string[]) {
  const r = runCli(args);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI: ab and ab-plan', () => {
  let engine: AnalyticsEngine;
  beforeAll(async () => {
    engine = await openAnalytics('test/fixtures/sample.db');
  });
  afterAll(async () => {
    await engine.dispose();
  });

  it('`ab sample.db 1 --json` prints exactly the API result', async () => {
    const r = cli('ab', 'test/fixtures/sample.db', '1', '--json');
    expect(r.code).toBe(0);
    const api = await engine.abTesting.analyzeResults(1);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(api)));
  });

  it('`ab sample.db --json` lists the tests; the text form is a table', async () => {
    const r = cli('ab', 'test/fixtures/sample.db', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(await engine.abTesting.listTests());
    const t = cli('ab', 'test/fixtures/sample.db');
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/workflow_aware_vs_semantic/);
    expect(t.stdout).toMatch(/recency_boost_null/);
  });

  it('`ab sample.db 1` prints the analysis with the decision', () => {
    const r = cli('ab', 'test/fixtures/sample.db', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/decision\s+ship_treatment/);
    expect(r.stdout).toMatch(/user-level sequential \(mSPRT\)/);
  });

  it('`ab sample.db 1` shows variance reduction, confidence sequences, goals, guardrails, quantiles and the sequential SRM', async () => {
    const r = cli('ab', 'test/fixtures/sample.db', '1');
    expect(r.code).toBe(0);
    for (const re of [
      /variance reduction\s+-0\.15% \(skill_mix_expected_rate/,
      /completion_rate\s+0\.0071\s+8\.13 pp \[1\.49 pp, 14\.76 pp\]/,
      /avg_user_rating\s+5\.00%.*pass/,
      /median\s+30\.67\s+29\.95/,
      /sequential SRM: p=0\.5132 over 600 assignments/,
    ]) {
      expect(r.stdout).toMatch(re);
    }
    // options reach the analysis: rating as a second goal with BH, a tighter duration margin
    const j = cli('ab', 'test/fixtures/sample.db', '1', '--goals', 'completion_rate,avg_user_rating', '--correction', 'bh', '--duration-margin', '0.2', '--json');
    expect(j.code).toBe(0);
    const api = await engine.abTesting.analyzeResults(1, {
      goalMetrics: ['completion_rate', 'avg_user_rating'],
      multipleTesting: 'bh',
      guardrailMargins: { avg_duration_seconds: 0.2 },
    });
    expect(JSON.parse(j.stdout)).toEqual(JSON.parse(JSON.stringify(api)));
    expect(api.decisionRule.guardrails.map((g) => [g.metric, g.status])).toEqual([['avg_duration_seconds', 'pass']]);
    expect(api.decisionRule.goals.map((g) => g.outcome)).toEqual(['better', 'none']);
  });

  it('`ab-replay sample.db 2 --simulations 20 --json` equals the API; bad options exit 2', async () => {
    const r = cli('ab-replay', 'test/fixtures/sample.db', '2', '--simulations', '20', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(await engine.abTesting.replay(2, { simulations: 20 }))));
    const t = cli('ab-replay', 'test/fixtures/sample.db', '2', '--simulations', '20');
    expect(t.stdout).toMatch(/mSPRT always-valid p/);
    for (const args of [
      ['ab-replay', 'test/fixtures/sample.db'],
      ['ab-replay', 'test/fixtures/sample.db', '2', '--simulations', '5'],
      ['ab', 'test/fixtures/sample.db', '1', '--goals', 'speed'],
      ['ab', 'test/fixtures/sample.db', '1', '--correction', 'bonferroni'],
      ['ab', 'test/fixtures/sample.db', '1', '--rating-margin', '2'],
    ]) {
      expect(cli(...args).code, args.join(' ')).toBe(2);
    }
  });

  it('`ab-plan` prints a plan (3397 users per group for 0.72 → 0.75, python: 3396.08 rounded up)', () => {
    const r = cli('ab-plan', '--baseline', '0.72', '--mde', '0.03', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ controlUsers: 3397, treatmentUsers: 3397, totalUsers: 6794 });
    const t = cli('ab-plan', '--baseline', '0.72', '--mde', '0.03');
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/totalUsers\s+6794/);
  });

  it('bad arguments exit 2; an unknown test exits 1 with a typed error', () => {
    for (const args of [
      ['ab'],
      ['ab', 'test/fixtures/sample.db', 'one'],
      ['ab', 'test/fixtures/sample.db', '1', '2'],
      ['ab', 'test/fixtures/sample.db', '--alpha', '0.1'],
      ['ab-plan', '--mde', '0.03'],
      ['ab-plan', '--baseline', '0.72'],
      ['ab-plan', '--baseline', 'x', '--mde', '0.03'],
      ['ab-plan', '--baseline', '0.72', '--mde', '0.03', '--ratio', '1.5'],
      ['ab-plan', 'test/fixtures/sample.db', '--baseline', '0.72', '--mde', '0.03'],
    ]) {
      expect(cli(...args).code, args.join(' ')).toBe(2);
    }
    const r = cli('ab', 'test/fixtures/sample.db', '99', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error.code).toBe('TEST_NOT_FOUND');
  });
});
