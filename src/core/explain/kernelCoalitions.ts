/**
 * The coalitions Kernel SHAP evaluates and their Shapley-kernel weights
 * pi(s) = (M - 1) / (C(M, s) s (M - s)) for a coalition of s of the M players.
 *
 * All 2^M - 2 coalitions when they fit the budget, which makes the weighted regression give
 * the exact Shapley values. Otherwise, as the shap package does: whole sizes are enumerated
 * from the outside in (size s with its complement size M - s, where the kernel puts most
 * weight) while they fit, and the rest of the budget is drawn at random, each draw paired with
 * its complement, sharing the kernel mass of the sizes not enumerated.
 */
import type { Rng } from '../random';

export interface Coalitions {
  /** One 0/1 mask over the players per coalition; never empty or full. */
  masks: Uint8Array[];
  weights: Float64Array;
  /** Every coalition is present, so the result is exact. */
  exact: boolean;
}

/** The budget shap's KernelExplainer uses by default. */
export function defaultCoalitionBudget(players: number): number {
  return 2 * players + 2048;
}

export function kernelCoalitions(players: number, budget: number, rng: Rng): Coalitions {
  const M = players;
  if (M < 2) return { masks: [], weights: new Float64Array(0), exact: true };
  const masks: Uint8Array[] = [];
  const weights: number[] = [];
  const kernel = (s: number) => (M - 1) / (binomial(M, s) * s * (M - s));

  if (M <= 30 && 2 ** M - 2 <= budget) {
    for (let bits = 1; bits < 2 ** M - 1; bits++) {
      const mask = new Uint8Array(M);
      let s = 0;
      for (let i = 0; i < M; i++) s += mask[i] = (bits >>> i) & 1;
      masks.push(mask);
      weights.push(kernel(s));
    }
    return { masks, weights: Float64Array.from(weights), exact: true };
  }

  let left = budget;
  let s = 1;
  for (; s <= Math.floor(M / 2); s++) {
    const count = binomial(M, s) * (s === M - s ? 1 : 2);
    if (count > left) break;
    for (const subset of combinations(M, s)) {
      masks.push(maskOf(M, subset, false));
      weights.push(kernel(s));
      if (s !== M - s) {
        masks.push(maskOf(M, subset, true));
        weights.push(kernel(s));
      }
    }
    left -= count;
  }
  // Sizes s..M-s remain: each size's total kernel mass is (M - 1) / (s (M - s)).
  const sizes: number[] = [];
  const mass: number[] = [];
  for (let size = s; size <= M - s; size++) {
    sizes.push(size);
    mass.push((M - 1) / (size * (M - size)));
  }
  const totalMass = mass.reduce((a, b) => a + b, 0);
  const pairs = Math.floor(left / 2);
  if (pairs === 0 || sizes.length === 0) return { masks, weights: Float64Array.from(weights), exact: false };
  const drawn = new Map<string, { mask: Uint8Array; weight: number }>();
  const each = totalMass / (2 * pairs);
  const order = Int32Array.from({ length: M }, (_, i) => i);
  for (let p = 0; p < pairs; p++) {
    const size = sizes[pick(mass, totalMass, rng)];
    // A partial Fisher–Yates shuffle: the first `size` players form the coalition.
    for (let i = 0; i < size; i++) {
      const j = i + rng.int(M - i);
      const tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    const subset = Array.from(order.subarray(0, size));
    for (const complement of [false, true]) {
      const mask = maskOf(M, subset, complement);
      const key = mask.join('');
      const entry = drawn.get(key);
      if (entry) entry.weight += each;
      else drawn.set(key, { mask, weight: each });
    }
  }
  for (const { mask, weight } of drawn.values()) {
    masks.push(mask);
    weights.push(weight);
  }
  return { masks, weights: Float64Array.from(weights), exact: false };
}

function maskOf(M: number, subset: readonly number[], complement: boolean): Uint8Array {
  const mask = new Uint8Array(M).fill(complement ? 1 : 0);
  for (const i of subset) mask[i] = complement ? 0 : 1;
  return mask;
}

/** Index i with probability weights[i] / total. */
function pick(weights: readonly number[], total: number, rng: Rng): number {
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}

export function binomial(n: number, k: number): number {
  let out = 1;
  for (let i = 1; i <= k; i++) out = (out * (n - k + i)) / i;
  return Math.round(out);
}

/** Every k-subset of 0..n-1 in lexicographic order. */
function* combinations(n: number, k: number): Generator<number[]> {
  const idx = Array.from({ length: k }, (_, i) => i);
  while (true) {
    yield idx.slice();
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) return;
    idx[i]++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
  }
}
