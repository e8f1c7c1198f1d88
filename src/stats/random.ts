/**
 * Seeded pseudo-random numbers for reproducible simulations and tests.
 */

/**
 * mulberry32 (Tommy Ettinger, 2017; the widely copied 32-bit JavaScript version): a fast
 * generator with a 2³² period, good enough for simulations, not for cryptography.
 * @param seed any number; only its low 32 bits are used
 * @returns a function returning uniform numbers in [0, 1) with 32-bit resolution
 * @throws never
 * @example
 * const next = mulberry32(1);
 * next(); // => 0.6270739405881613
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
