/**
 * The population stability index of two count vectors over the same bins:
 * PSI = sum (q - p) * ln(q / p), with p the reference shares and q the new shares.
 *
 * An empty bin's share is replaced by PSI_EPSILON (1e-4, the usual choice, as in Evidently) on
 * either side, so a bin that only one side fills adds a large but finite term instead of infinity.
 * Null when either side has no values.
 */
export const PSI_EPSILON = 1e-4;

export function populationStability(reference: ArrayLike<number>, current: ArrayLike<number>, epsilon = PSI_EPSILON): number | null {
  if (reference.length !== current.length) throw new Error(`PSI needs the same bins on both sides, got ${reference.length} and ${current.length}.`);
  const n = total(reference);
  const m = total(current);
  if (n === 0 || m === 0) return null;
  let psi = 0;
  for (let i = 0; i < reference.length; i++) {
    const p = reference[i] / n || epsilon;
    const q = current[i] / m || epsilon;
    psi += (q - p) * Math.log(q / p);
  }
  return psi;
}

/** Each count as a share of their total (zeros when the total is 0). */
export function shares(counts: ArrayLike<number>): number[] {
  const n = total(counts);
  return Array.from(counts, (c) => (n === 0 ? 0 : c / n));
}

function total(counts: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < counts.length; i++) s += counts[i];
  return s;
}
