/**
 * analyzeResults against session-buddy's own answers (`ab_analyze_results` in the goldens:
 * upstream's result, and scipy's Student / Welch / per-user Welch in `reference`), and the extra
 * analyses on sample.db checked independently. Runs in Node and through the worker in Chromium.
 */
import { readFileSync } from 'node:fs';
import type { ABTestAnalysis, GroupMetrics } from '../../src/ab-testing/analysis-types.js';
import type { EngineUnderTest, OpenEngine, SuiteHost } from './suite-host.js';

interface UpstreamMetrics {
  sample_size: number;
  completion_rate: number;
  avg_duration_seconds: number;
  avg_user_rating: number;
}
interface Golden {
  result: { control_metrics: UpstreamMetrics; treatment_metrics: UpstreamMetrics; statistical_significance: number; winner: string; recommendation: string };
  reference: {
    scipy_ttest_ind_student: { statistic: number; pvalue: number };
    scipy_ttest_ind_welch_equal_var_false: { statistic: number; pvalue: number };
    aux_user_level_welch: { statistic: number; pvalue: number };
  };
}

/** Defines the suite on a host. */
export function abParitySuite({ describe, it, beforeAll, afterAll, expect }: SuiteHost, open: OpenEngine): void {
  const relClose = (actual: number | null, expected: number, rel: number) => {
    expect(actual).not.toBeNull();
    expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
  };

  function expectMetrics(actual: GroupMetrics, expected: UpstreamMetrics) {
    expect(actual.sampleSize).toBe(expected.sample_size);
    relClose(actual.completionRate, expected.completion_rate, 1e-12);
    relClose(actual.avgDurationSeconds, expected.avg_duration_seconds, 1e-12);
    relClose(actual.avgUserRating, expected.avg_user_rating, 1e-12);
  }

  for (const name of ['sample', 'legacy']) {
    describe(`parity with session-buddy on ${name}.db`, () => {
      const goldens = JSON.parse(readFileSync(`test/fixtures/${name}.golden.json`, 'utf8')).ab_analyze_results as Record<string, Golden>;
      let engine: EngineUnderTest;
      beforeAll(async () => {
        engine = await open(`test/fixtures/${name}.db`);
      });
      afterAll(async () => {
        await engine.dispose();
      });

      it('has both fixture tests in the goldens', () => {
        expect(Object.keys(goldens).sort()).toEqual(['1:workflow_aware_vs_semantic', '2:recency_boost_null']);
      });

      for (const [key, golden] of Object.entries(goldens)) {
        const testId = Number(key.split(':')[0]);
        it(`test ${key}: metrics, p-value, winner and recommendation equal upstream's`, async () => {
          const a: ABTestAnalysis = await engine.abTesting.analyzeResults(testId);
          expect(a.testName).toBe(key.split(':')[1]);
          expectMetrics(a.controlMetrics, golden.result.control_metrics);
          expectMetrics(a.treatmentMetrics, golden.result.treatment_metrics);
          relClose(a.pValue, golden.result.statistical_significance, 1e-9);
          expect(a.winner).toBe(golden.result.winner);
          expect(a.recommendation).toBe(golden.result.recommendation);
        });

        it(`test ${key}: Student, Welch and per-user Welch equal scipy's reference`, async () => {
          const a = await engine.abTesting.analyzeResults(testId);
          const ref = golden.reference;
          relClose(a.outcomeLevel.student.statistic, ref.scipy_ttest_ind_student.statistic, 1e-9);
          relClose(a.outcomeLevel.student.pValue, ref.scipy_ttest_ind_student.pvalue, 1e-9);
          relClose(a.outcomeLevel.welch.statistic, ref.scipy_ttest_ind_welch_equal_var_false.statistic, 1e-9);
          relClose(a.outcomeLevel.welch.pValue, ref.scipy_ttest_ind_welch_equal_var_false.pvalue, 1e-9);
          relClose(a.userLevel.welch.statistic, ref.aux_user_level_welch.statistic, 1e-9);
          relClose(a.userLevel.welch.pValue, ref.aux_user_level_welch.pvalue, 1e-9);
        });
      }

      it('returns plain, structured-cloneable data', async () => {
        const a = await engine.abTesting.analyzeResults(1);
        expect(structuredClone(a)).toEqual(a);
        expect(JSON.parse(JSON.stringify(a))).toEqual(a);
      });
    });
  }

  describe('extra analyses on sample.db (values checked independently)', () => {
    let engine: EngineUnderTest;
    beforeAll(async () => {
      engine = await open('test/fixtures/sample.db');
    });
    afterAll(async () => {
      await engine.dispose();
    });

    it('test 1: SRM, difference CI, lift and sequential p', async () => {
      const a = await engine.abTesting.analyzeResults(1);
      // 314 vs 286 users at 0.5: chi2 = 2·14²/300 = 1.306667, p = 0.2530 (python: math.erfc(sqrt(1.306667/2)))
      expect(a.sampleRatio.statistic).toBeCloseTo(1.3066666666666666, 12);
      expect(a.sampleRatio.pValue).toBeCloseTo(0.25299906147468, 9);
      expect(a.sampleRatio.mismatch).toBe(false);
      // difference of completion rates: 1003/1412 − 979/1564 = 0.0843808640588887
      expect(a.outcomeLevel.difference.estimate).toBeCloseTo(1003 / 1412 - 979 / 1564, 14);
      // relative lift (1003/1412)/(979/1564) − 1 = 0.1348025244005127
      expect(a.outcomeLevel.relativeLift.estimate).toBeCloseTo(1003 / 1412 / (979 / 1564) - 1, 14);
      // user-level CI holds the difference of mean per-user rates; the outcome-level CI is narrower (clustering)
      const u = a.userLevel.difference;
      expect((u.ciHigh as number) - (u.ciLow as number)).toBeGreaterThan((a.outcomeLevel.difference.ciHigh as number) - (a.outcomeLevel.difference.ciLow as number));
      expect(a.sequential.looks).toBe(1);
      expect(a.sequential.pValue).toBeLessThan(0.05);
      expect(a.sequential.pValue).toBeGreaterThan(a.userLevel.welch.pValue as number);
      expect(a.recommendedDecision).toBe('ship_treatment');
      expect(a.bayesian.chanceToBeatControl).toBeGreaterThan(0.999);
      // design effect = cluster-robust / binomial variance of the pooled rate, python3 over per-user (n, k):
      // m/(m−1)·Σ(k − p·n)²/N² ÷ p(1−p)/N = 1.54064973579618 (control), 1.44602862707022 (treatment)
      expect(a.bayesian.designEffect.control).toBeCloseTo(1.54064973579618, 10);
      expect(a.bayesian.designEffect.treatment).toBeCloseTo(1.44602862707022, 10);
      expect(a.bayesian.effectiveSampleSize).toEqual({ control: 1015, treatment: 976 });
      expect(a.verdictBasis).toMatch(/^User-level analysis/);
    });

    it('test 2 (no real effect): no decision, chance to win near a coin flip', async () => {
      const a = await engine.abTesting.analyzeResults(2);
      expect(a.recommendedDecision).toBe('no_significant_difference');
      expect(a.sequential.pValue).toBe(1);
      expect(a.bayesian.chanceToBeatControl).toBeGreaterThan(0.3);
      expect(a.bayesian.chanceToBeatControl).toBeLessThan(0.8);
      expect(a.secondaryMetrics.map((m) => m.significant)).toEqual([false, false]);
    });
  });
}
