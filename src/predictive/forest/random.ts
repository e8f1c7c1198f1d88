/**
 * Seeded randomness for the forest: one small, fast, reproducible generator and the two draws the
 * trainer needs (rows without replacement, a random order of features).
 */

/** A function returning uniform floats in [0, 1). */
export type RandomSource = () => number;

/**
 * mulberry32: a 32-bit seeded generator (Tommy Ettinger's public-domain algorithm). Not
 * cryptographic; period 2^32, plenty for shuffling a few hundred thousand rows reproducibly.
 * @param seed - any number; it is truncated to an unsigned 32-bit integer.
 * @returns a generator of floats in [0, 1) that gives the same sequence for the same seed.
 * @example
 * const next = mulberry32(42);
 * next(); // 0.6011037519201636
 */
export function mulberry32(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
export function drawWithoutReplacement(
  pool: Int32Array,
  k: number,
  random: RandomSource,
): number {
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
