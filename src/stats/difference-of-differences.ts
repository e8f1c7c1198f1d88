/**
 * Whether an effect differs between a segment and the rest: the difference of two Welch
 * differences, (m_st − m_sc) − (m_rt − m_rc), with the standard error √Σ vᵢ/nᵢ of the four
 * independent means and the Welch-Satterthwaite degrees of freedom (Σ vᵢ/nᵢ)² / Σ (vᵢ/nᵢ)²/(nᵢ − 1)
 * (the heterogeneous-effect test of Statsig's differential impact detection, segment vs rest).
 */
import { studentTTwoSidedPValue } from './distributions.js';
import { requireSampleSummary, type SampleSummary } from './sample-summary.js';

/** Result of {@link differenceOfDifferences}. */
export interface DifferenceOfDifferences {
  readonly status: 'ok' | 'insufficient_data' | 'zero_variance';
  /** (segment treatment − segment control) − (rest treatment − rest control) */
  readonly difference: number;
  readonly standardError: number;
  readonly statistic: number;
  readonly df: number;
  /** Two-sided p on Student t with the Welch-Satterthwaite df. */
  readonly pValue: number;
}

/**
 * Welch test of the difference of two effects.
 * @param segment control and treatment summaries inside the segment
 * @param rest control and treatment summaries outside it
 * @returns the difference of effects, its SE, t, df and p (NaN with a status when a group has < 2 units or no variance)
 * @throws AnalyticsError INVALID_ARGUMENT for malformed summaries
 * @example
 * differenceOfDifferences({ control: { n: 10, mean: 0.5, variance: 0.1 }, treatment: { n: 10, mean: 0.7, variance: 0.1 } },
 *                         { control: { n: 10, mean: 0.5, variance: 0.1 }, treatment: { n: 10, mean: 0.5, variance: 0.1 } })
 * // difference 0.2, standardError 0.2, df 36
 */
export function differenceOfDifferences(
  segment: { control: SampleSummary; treatment: SampleSummary },
  rest: { control: SampleSummary; treatment: SampleSummary },
): DifferenceOfDifferences {
  const parts = [segment.control, segment.treatment, rest.control, rest.treatment];
  parts.forEach((s, i) => requireSampleSummary('differenceOfDifferences', ['segment.control', 'segment.treatment', 'rest.control', 'rest.treatment'][i], s));
  const difference = segment.treatment.mean - segment.control.mean - (rest.treatment.mean - rest.control.mean);
  if (parts.some((s) => s.n < 2)) return { status: 'insufficient_data', difference, standardError: NaN, statistic: NaN, df: NaN, pValue: NaN };
  const w = parts.map((s) => s.variance / s.n);
  const v = w.reduce((a, b) => a + b, 0);
  if (!(v > 0)) return { status: 'zero_variance', difference, standardError: 0, statistic: NaN, df: NaN, pValue: NaN };
  const df = (v * v) / parts.reduce((a, s, i) => a + (w[i] * w[i]) / (s.n - 1), 0);
  const standardError = Math.sqrt(v);
  const statistic = difference / standardError;
  return { status: 'ok', difference, standardError, statistic, df, pValue: studentTTwoSidedPValue(statistic, df) };
}
