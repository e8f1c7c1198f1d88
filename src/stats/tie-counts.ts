/**
 * Sizes of the groups of tied values, as used by the tie corrections of Kendall-type variances.
 */

/**
 * Sizes of the groups of equal values that have more than one member.
 * @param values numbers (not modified)
 * @returns one size (≥ 2) per tied group, in ascending order of the tied value
 * @throws never
 * @example
 * tieGroupSizes([3, 1, 3, 2, 3, 1]); // => [2, 3]
 */
export function tieGroupSizes(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const sizes: number[] = [];
  let run = 1;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]) run++;
    else {
      if (run > 1) sizes.push(run);
      run = 1;
    }
  }
  return sizes;
}

/**
 * Σ t(t − 1)(2t + 5) over tie groups: the tie correction of Var(S) = [n(n − 1)(2n + 5) − Σ…]/18.
 * @param sizes tie group sizes from {@link tieGroupSizes}
 * @returns the correction term
 * @throws never
 * @example
 * kendallTieCorrection([2, 3]); // => 84 (2·1·9 + 3·2·11)
 */
export function kendallTieCorrection(sizes: readonly number[]): number {
  let total = 0;
  for (const t of sizes) total += t * (t - 1) * (2 * t + 5);
  return total;
}
