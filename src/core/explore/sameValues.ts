/**
 * Whether two columns hold the same value in every row (missing where the other is missing):
 * a feature that copies the target. Stops at the first difference, so unrelated columns cost
 * a few rows; mixed types compare the cells' text, so "1" equals 1.
 */
import { cellText, type Column } from '../data/table';

export function sameValues(a: Column, b: Column, rows: number): boolean {
  if (a.codes && b.codes && a.categories && b.categories) {
    // Map a's codes to b's by text once, then compare codes.
    const index = new Map(b.categories.map((t, k) => [t, k]));
    const map = a.categories.map((t) => index.get(t) ?? -1);
    for (let i = 0; i < rows; i++) {
      const ma = a.missing[i] === 1;
      if (ma !== (b.missing[i] === 1)) return false;
      if (!ma && map[a.codes[i]] !== b.codes[i]) return false;
    }
    return rows > 0;
  }
  if (a.values && b.values && a.type === b.type) {
    for (let i = 0; i < rows; i++) {
      const ma = a.missing[i] === 1 || a.values[i] !== a.values[i];
      const mb = b.missing[i] === 1 || b.values[i] !== b.values[i];
      if (ma !== mb || (!ma && a.values[i] !== b.values[i])) return false;
    }
    return rows > 0;
  }
  for (let i = 0; i < rows; i++) if (cellText(a, i) !== cellText(b, i)) return false;
  return rows > 0;
}
