/**
 * Pearson's chi-square test that two count vectors over the same categories come from one
 * distribution: the 2 x k contingency table of reference and new counts, without Yates' correction
 * (scipy.stats.chi2_contingency(table, correction=False)). Categories empty on both sides are left
 * out, as they have no expected count; with fewer than two left the statistic is 0 and p is 1.
 */
import { chiSquareSf } from './chiSquareSf';

export interface ChiSquareResult {
  statistic: number;
  pValue: number;
  dof: number;
}

export function chiSquareHomogeneity(reference: readonly number[], current: readonly number[]): ChiSquareResult | null {
  const n = reference.reduce((s, c) => s + c, 0);
  const m = current.reduce((s, c) => s + c, 0);
  if (n === 0 || m === 0) return null;
  const total = n + m;
  let statistic = 0;
  let used = 0;
  for (let k = 0; k < reference.length; k++) {
    const column = reference[k] + current[k];
    if (column === 0) continue;
    used++;
    const expectedRef = (n * column) / total;
    const expectedCur = (m * column) / total;
    statistic += (reference[k] - expectedRef) ** 2 / expectedRef + (current[k] - expectedCur) ** 2 / expectedCur;
  }
  const dof = used - 1;
  if (dof < 1) return { statistic: 0, pValue: 1, dof: 0 };
  return { statistic, pValue: chiSquareSf(statistic, dof), dof };
}

/** Half the summed absolute difference of the two share vectors: the share of rows that moved. */
export function totalVariation(reference: readonly number[], current: readonly number[]): number {
  const n = reference.reduce((s, c) => s + c, 0);
  const m = current.reduce((s, c) => s + c, 0);
  if (n === 0 || m === 0) return 0;
  let sum = 0;
  for (let k = 0; k < reference.length; k++) sum += Math.abs(reference[k] / n - current[k] / m);
  return sum / 2;
}
