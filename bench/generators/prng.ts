/**
 * The draws the benchmark data generator needs, on the project's seeded mulberry32
 * (src/stats/random.ts): deterministic across platforms for a given seed.
 */
import { mulberry32 } from '../../src/stats/random.js';

/** Uniform random numbers in [0, 1) plus the few draws the generator needs. */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box-Muller, one value per two uniforms). */
  normal(): number;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
  /** Bernoulli: true with probability p. */
  chance(p: number): boolean;
}

/**
 * A Prng seeded with a 32-bit integer.
 * @param seed any integer (taken modulo 2^32)
 * @returns a Prng whose sequence depends only on `seed`
 * @example
 * const r = seededPrng(1);
 * r.next(); // 0.6270739405881613
 */
export function seededPrng(seed: number): Prng {
  const next = mulberry32(seed);
  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      const u = 1 - next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    exponential: (mean) => -mean * Math.log(1 - next()),
    chance: (p) => next() < p,
  };
}
