/**
 * session-buddy's own verdict, reproduced for parity: below `min_sample_size` outcomes in either
 * group the test is inconclusive with p = 1.0; otherwise Student's t-test on per-outcome 0/1
 * completion, p < 0.05 names the group with the higher completion rate, and the recommendation
 * text is upstream's f-strings (`{p:.4f}`, `{pp:.1f}`) with Python's rounding.
 */
import type { TwoSampleTTestResult } from '../stats/index.js';
import type { ABGroup } from './ABTestConfig.js';

/** Upstream's winner, recommendation and `statistical_significance`. */
export interface UpstreamVerdict {
  /** null where upstream gets NaN (both groups constant and equal: scipy returns nan). */
  pValue: number | null;
  winner: ABGroup | 'inconclusive';
  recommendation: string;
}

/**
 * `format(x, '.{digits}f')` as Python prints it: correctly rounded from the double's exact value,
 * exact ties to even (JavaScript's toFixed sends ties up), `nan` for NaN.
 * @param x the number
 * @param digits fraction digits
 * @returns the text
 * @example pythonFixed(0.03125, 4) // '0.0312' (toFixed gives '0.0313')
 */
export function pythonFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const text = x.toFixed(digits);
  // A tie is a dyadic number whose exact expansion ends in 5 right after the last kept digit.
  const long = Math.abs(x).toFixed(Math.min(100, digits + 30));
  const tail = long.slice(long.indexOf('.') + 1 + digits);
  if (!/^50*$/.test(tail)) return text;
  const last = Number(text[text.length - 1]);
  if (last % 2 === 0) return text;
  // toFixed rounded the tie away from zero onto an odd digit: step back toward zero.
  const down = (Math.abs(x) - 5 * 10 ** -(digits + 1)).toFixed(digits);
  return x < 0 ? `-${down}` : down;
}

/**
 * Upstream's decision.
 * @param student Student t-test of control vs treatment on 0/1 completion
 * @param controlRate control completion rate
 * @param treatmentRate treatment completion rate
 * @param minSampleReached both groups have at least `minSampleSize` outcomes
 * @param minSampleSize the configured minimum
 * @returns p-value, winner and recommendation as session-buddy reports them
 * @example
 * upstreamVerdict(student, 0.626, 0.710, true, 100)
 * // { pValue: 1.05e-6, winner: 'treatment', recommendation: 'Ship treatment strategy (p=0.0000). Treatment improves completion rate by 8.4pp.' }
 */
export function upstreamVerdict(student: TwoSampleTTestResult, controlRate: number, treatmentRate: number, minSampleReached: boolean, minSampleSize: number): UpstreamVerdict {
  if (!minSampleReached) {
    return { pValue: 1, winner: 'inconclusive', recommendation: `Insufficient data (need ${minSampleSize} per group)` };
  }
  // scipy answers NaN when both groups are constant and equal (and when a group has < 2 values).
  const p = student.status === 'insufficient_data' || (student.status === 'zero_variance' && student.meanDifference === 0) ? NaN : student.pValue;
  if (p < 0.05) {
    if (treatmentRate > controlRate) {
      return {
        pValue: p,
        winner: 'treatment',
        recommendation: `Ship treatment strategy (p=${pythonFixed(p, 4)}). Treatment improves completion rate by ${pythonFixed((treatmentRate - controlRate) * 100, 1)}pp.`,
      };
    }
    return { pValue: p, winner: 'control', recommendation: `Keep control strategy (p=${pythonFixed(p, 4)}). Treatment does not improve over control.` };
  }
  return {
    pValue: Number.isNaN(p) ? null : p,
    winner: 'inconclusive',
    recommendation: `No statistically significant difference (p=${pythonFixed(p, 4)}). Continue testing or increase sample size.`,
  };
}
