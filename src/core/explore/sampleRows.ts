/** Seeded uniform samples of row indices, so plots of a million rows draw a few thousand points. */
import { createRng } from '../random';

/**
 * `m` distinct indices drawn uniformly from 0..n-1 (all of them when n <= m), ascending.
 * Floyd's algorithm: m draws whatever n is, so sampling a million rows costs nothing.
 */
export function sampleRows(n: number, m: number, seed: number): Int32Array {
  const take = Math.max(0, Math.min(n, Math.floor(m)));
  if (take === n) return Int32Array.from({ length: n }, (_, i) => i);
  const rng = createRng(seed);
  const chosen = new Set<number>();
  for (let j = n - take; j < n; j++) {
    const t = rng.int(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return Int32Array.from(chosen).sort();
}

/** A sample of the given candidate rows (ascending in, ascending out). */
export function sampleOf(candidates: Int32Array, m: number, seed: number): Int32Array {
  const picks = sampleRows(candidates.length, m, seed);
  return picks.map((p) => candidates[p]);
}
