// References:
// - test/fixtures/sample.golden.json `ab_analyze_results[*].reference`: scipy.stats.ttest_ind on the
//   0/1 completion vectors of the two A/B tests in sample.db (Student and Welch), loaded, not retyped.
// - df and 95 % CI of test 1: scipy 1.17.1, `res = ttest_ind(c, t, equal_var=...)`,
//   `res.df`, `res.confidence_interval(0.95)`, with c = 979 ones + 585 zeros, t = 1003 ones + 409 zeros.
// - R 4.2.2, the `sleep` data of R's ?t.test example: `t.test(extra[group==1], extra[group==2])`
//   (Welch) and `var.equal = TRUE` (Student), printed with options(digits = 17).
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { studentTTest, summaryFromProportion, summaryFromSums, summaryFromValues, welchTTest } from '../../../src/stats/index.js';
import { expectClose } from './close.js';

interface AbReference {
  result: { control_metrics: { sample_size: number; completion_rate: number }; treatment_metrics: { sample_size: number; completion_rate: number } };
  reference: {
    scipy_ttest_ind_student: { statistic: number; pvalue: number };
    scipy_ttest_ind_welch_equal_var_false: { statistic: number; pvalue: number };
  };
}
const golden = JSON.parse(readFileSync(new URL('../../fixtures/sample.golden.json', import.meta.url), 'utf8')) as {
  ab_analyze_results: Record<string, AbReference>;
};

const sleep1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const sleep2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('two-sample t-tests against scipy.stats.ttest_ind (golden A/B fixtures)', () => {
  for (const [name, test] of Object.entries(golden.ab_analyze_results)) {
    it(`reproduces scipy for ${name}`, () => {
      const { control_metrics: c, treatment_metrics: t } = test.result;
      const control = summaryFromProportion(c.sample_size, Math.round(c.sample_size * c.completion_rate));
      const treatment = summaryFromProportion(t.sample_size, Math.round(t.sample_size * t.completion_rate));
      const student = studentTTest(control, treatment);
      const welch = welchTTest(control, treatment);
      expectClose(student.statistic, test.reference.scipy_ttest_ind_student.statistic, 1e-12);
      expectClose(student.pValue, test.reference.scipy_ttest_ind_student.pvalue, 1e-9);
      expectClose(welch.statistic, test.reference.scipy_ttest_ind_welch_equal_var_false.statistic, 1e-12);
      expectClose(welch.pValue, test.reference.scipy_ttest_ind_welch_equal_var_false.pvalue, 1e-9);
      expect(student.status).toBe('ok');
    });
  }

  it('df and confidence interval of A/B test 1 (979/1564 vs 1003/1412)', () => {
    const control = summaryFromProportion(1564, 979);
    const treatment = summaryFromProportion(1412, 1003);
    const student = studentTTest(control, treatment);
    expect(student.df).toBe(2974);
    expectClose(student.ci[0], -0.11820476042527875, 1e-10);
    expectClose(student.ci[1], -0.0505569676924986, 1e-10);
    const welch = welchTTest(control, treatment);
    expectClose(welch.df, 2969.7758090817397, 1e-12);
    expectClose(welch.ci[0], -0.11809354035275835, 1e-10);
    expectClose(welch.ci[1], -0.050668187765019, 1e-10);
    expectClose(welch.meanDifference, 979 / 1564 - 1003 / 1412, 1e-15);
  });
});

describe('two-sample t-tests against R t.test (sleep data)', () => {
  it('Welch', () => {
    const r = welchTTest(summaryFromValues(sleep1), summaryFromValues(sleep2));
    expectClose(r.statistic, -1.860813467486853057, 1e-12);
    expectClose(r.df, 17.776473516178498357, 1e-12);
    expectClose(r.pValue, 0.079394140187358173, 1e-10);
    expectClose(r.standardError, 0.849091017238762014, 1e-12);
    expectClose(r.ci[0], -3.365483230711710405, 1e-11);
    expectClose(r.ci[1], 0.20548323071171018, 1e-10);
  });

  it('Student, also from (n, sum, sum of squares) and at 90 %', () => {
    const sums = (v: number[]) =>
      summaryFromSums(
        v.length,
        v.reduce((a, b) => a + b, 0),
        v.reduce((a, b) => a + b * b, 0),
      );
    const r = studentTTest(sums(sleep1), sums(sleep2));
    expectClose(r.statistic, -1.860813467486852835, 1e-12);
    expect(r.df).toBe(18);
    expectClose(r.pValue, 0.079186714215938175, 1e-10);
    expectClose(r.ci[0], -3.363874032287598403, 1e-11);
    const r90 = studentTTest(summaryFromValues(sleep1), summaryFromValues(sleep2), { alpha: 0.1 });
    expectClose(r90.ci[0], -3.05237783169960242, 1e-11);
    expectClose(r90.ci[1], -0.10762216830039782, 1e-10);
    expect(r90.confidenceLevel).toBeCloseTo(0.9, 15);
  });
});

describe('thin data and misuse', () => {
  it('n < 2 in a group is insufficient_data with NaN numbers, never a throw', () => {
    const r = welchTTest({ n: 1, mean: 3, variance: NaN }, summaryFromValues([1, 2, 3]));
    expect(r.status).toBe('insufficient_data');
    expect(r.pValue).toBeNaN();
    expect(studentTTest({ n: 0, mean: NaN, variance: NaN }, { n: 0, mean: NaN, variance: NaN }).status).toBe('insufficient_data');
  });

  it('constant groups: zero_variance, p = 0 when means differ (as scipy), p = 1 when equal', () => {
    const ones = summaryFromProportion(5, 5);
    const zeros = summaryFromProportion(4, 0);
    const differ = studentTTest(zeros, ones);
    expect(differ).toMatchObject({ status: 'zero_variance', statistic: -Infinity, pValue: 0, df: 7 });
    const same = welchTTest(ones, summaryFromProportion(3, 3));
    expect(same).toMatchObject({ status: 'zero_variance', statistic: 0, pValue: 1 });
  });

  it('throws INVALID_ARGUMENT for negative n or variance, or alpha outside (0, 1)', () => {
    expect(() => welchTTest({ n: -1, mean: 0, variance: 1 }, { n: 3, mean: 0, variance: 1 })).toThrow(/welchTTest: a.n must be a whole number/);
    expect(() => studentTTest({ n: 3, mean: 0, variance: -1 }, { n: 3, mean: 0, variance: 1 })).toThrow(/variance/);
    expect(() => studentTTest({ n: 3, mean: 0, variance: 1 }, { n: 3, mean: 0, variance: 1 }, { alpha: 1 })).toThrow(/alpha/);
    let caught: unknown;
    try {
      welchTTest({ n: 2.5, mean: 0, variance: 1 }, { n: 3, mean: 0, variance: 1 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ name: 'AnalyticsError', code: 'INVALID_ARGUMENT' });
  });
});
