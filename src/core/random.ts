/**
 * The engine's only source of randomness: a small seeded generator (mulberry32).
 *
 * Every split, shuffle and initialisation takes an `Rng` made from an explicit seed, so the
 * same seed, data and recipe give the same result in the browser, in a worker and in the CLI.
 * `Math.random` is never used: it cannot be seeded and would make runs unrepeatable.
 */

/** Anything indexable and writable: plain arrays and typed arrays alike. */
export interface MutableArrayLike<T> {
  length: number;
  [index: number]: T;
}

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** Fisher–Yates shuffle in place; returns the same array for chaining. */
  shuffle<A extends MutableArrayLike<unknown>>(array: A): A;
  /** A draw from the standard normal distribution N(0, 1). */
  normal(): number;
}

/**
 * Spreads a user seed over all 32 bits (splitmix32 finaliser), so that nearby seeds such as
 * 0, 1 and 2 start mulberry32 in unrelated states instead of correlated ones.
 */
function mixSeed(seed: number): number {
  let z = (Math.trunc(seed) >>> 0) + 0x9e3779b9;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new Error(`The random seed must be a finite number, got ${seed}.`);
  let state = mixSeed(seed);
  // Box–Muller yields two normals per pair of uniforms; the second is kept for the next call.
  let spare: number | null = null;

  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const int = (n: number): number => {
    if (!(n > 0)) throw new Error(`rng.int needs a positive bound, got ${n}.`);
    return Math.floor(next() * n);
  };

  const shuffle = <A extends MutableArrayLike<unknown>>(array: A): A => {
    for (let i = array.length - 1; i > 0; i--) {
      const j = int(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  };

  const normal = (): number => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    // 1 - next() lies in (0, 1], so the logarithm is always finite.
    const u = 1 - next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };

  return { next, int, shuffle, normal };
}
