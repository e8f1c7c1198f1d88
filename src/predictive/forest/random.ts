/**
 * Seeded randomness for the forest: one small, fast, reproducible generator and the two draws the
 * trainer needs (rows without replacement, a random order of features).
 */

/** A function returning uniform floats in [0, 1). */
export type RandomSource = () => number;

/** mulberry32, the project's one seeded generator (src/stats/random.ts). */
export { mulberry32 } from '../../stats/random.js';

/**
 * A uniform integer in [0, n).
 * @param random - the generator.
 * @param n - exclusive upper bound (a positive integer).
 * @returns an integer between 0 and n - 1.
 * @example
 * randomInt(mulberry32(1), 10); // 6
 */
export function randomInt(random: RandomSource, n: number): number {
  return Math.floor(random() * n);
}

/**
 * Moves a uniform random sample of `k` distinct entries of `pool` to its front (partial
 * Fisher-Yates), in place. Repeated calls on the same pool keep drawing uniform samples, so the
 * trainer allocates the pool once and reshuffles its front for every tree.
 * @param pool - the values to draw from (reordered in place).
 * @param k - how many to draw; clamped to the pool's length.
 * @param random - the generator.
 * @returns the drawn count (`min(k, pool.length)`); the sample is `pool.subarray(0, count)`.
 * @example
 * const pool = Int32Array.from([0, 1, 2, 3, 4]);
 * drawWithoutReplacement(pool, 2, mulberry32(7)); // 2; pool now starts with two distinct values
 */
export function drawWithoutReplacement(pool: Int32Array, k: number, random: RandomSource): number {
  const n = pool.length;
  const count = Math.min(Math.max(0, Math.floor(k)), n);
  for (let i = 0; i < count; i++) {
    const j = i + randomInt(random, n - i);
    const tmp = pool[i];
    pool[i] = pool[j];
    pool[j] = tmp;
  }
  return count;
}

/**
 * The seed of tree `index` of a forest seeded with `seed`: murmur3's 32-bit finaliser over the
 * seed mixed with the index times the golden ratio. Each tree draws its rows and split features
 * from its own generator, so a tree depends only on (seed, index, data), not on which thread grew
 * it or in what order: the forest is the same for any number of threads.
 * @param seed - the forest's seed (low 32 bits used).
 * @param index - the tree's position in the forest (0-based).
 * @returns an unsigned 32-bit seed for {@link mulberry32}.
 * @example
 * treeSeed(42, 0) === treeSeed(42, 0); // true
 * treeSeed(42, 0) !== treeSeed(42, 1); // true
 */
export function treeSeed(seed: number, index: number): number {
  let h = ((seed >>> 0) ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
