import { MISSING_CODE } from '../data/table';

export interface ValueCount {
  value: string;
  count: number;
}

export const TOP_VALUES = 10;

/**
 * Counts of a dictionary-encoded column: the number of distinct present values and the `limit`
 * most frequent, by count descending, ties in order of first appearance in the column.
 */
export function codedTop(
  codes: Uint32Array,
  missing: Uint8Array,
  categories: readonly string[],
  limit = TOP_VALUES,
): { count: number; unique: number; top: ValueCount[] } {
  const k = categories.length;
  const counts = new Float64Array(k);
  const firstSeen = new Float64Array(k).fill(Infinity);
  let count = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (missing[i] || c === MISSING_CODE || c >= k) continue;
    if (counts[c] === 0) firstSeen[c] = i;
    counts[c]++;
    count++;
  }
  // Keep the best `limit` codes in a small sorted buffer: one pass, no sort of every category.
  const before = (a: number, b: number) => counts[a] > counts[b] || (counts[a] === counts[b] && firstSeen[a] < firstSeen[b]);
  const best: number[] = [];
  let unique = 0;
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) continue;
    unique++;
    if (best.length === limit && !before(c, best[limit - 1])) continue;
    let at = best.length < limit ? best.length : limit - 1;
    while (at > 0 && before(c, best[at - 1])) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = c;
  }
  const top = best.map((c) => ({ value: categories[c], count: counts[c] }));
  return { count, unique, top };
}

/** Counts of a boolean column (values 0/1, NaN where missing), as "true"/"false" top values. */
export function booleanTop(values: Float64Array, missing: Uint8Array): { count: number; unique: number; top: ValueCount[] } {
  let trues = 0;
  let falses = 0;
  let firstTrue = Infinity;
  let firstFalse = Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (missing[i] || v !== v) continue;
    if (v) {
      if (trues === 0) firstTrue = i;
      trues++;
    } else {
      if (falses === 0) firstFalse = i;
      falses++;
    }
  }
  const entries = [
    { value: 'true', count: trues, first: firstTrue },
    { value: 'false', count: falses, first: firstFalse },
  ]
    .filter((e) => e.count > 0)
    .sort((a, b) => b.count - a.count || a.first - b.first);
  return {
    count: trues + falses,
    unique: entries.length,
    top: entries.map(({ value, count }) => ({ value, count })),
  };
}
