/** An estimate with its confidence interval: the shape every A/B result's intervals share (plain data). */

/** An estimate with its two-sided confidence interval. */
export interface Interval {
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** e.g. 0.95 */
  confidenceLevel: number;
}
