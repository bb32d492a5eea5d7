/**
 * A categorical or boolean feature as one category index per row, and its most frequent
 * categories: the rows of a bar chart against the target, with the rest pooled as "other".
 */
import { MISSING_CODE, type Column } from '../data/table';

export interface CategoryIndex {
  labels: string[];
  /** Each row's index into `labels`; -1 where missing. */
  index: Int32Array;
}

export function categoryIndex(column: Column, rows: number): CategoryIndex {
  const index = new Int32Array(rows).fill(-1);
  const { missing, codes, categories, values } = column;
  if (codes && categories) {
    for (let i = 0; i < rows; i++) {
      const c = codes[i];
      if (!missing[i] && c !== MISSING_CODE && c < categories.length) index[i] = c;
    }
    return { labels: categories, index };
  }
  for (let i = 0; i < rows; i++) {
    const v = values ? values[i] : NaN;
    if (!missing[i] && v === v) index[i] = v ? 1 : 0;
  }
  return { labels: ['false', 'true'], index };
}

/**
 * The `limit` categories with most rows where `keep` is >= 0 (count descending, ties by label
 * index), and each row's position among them: 0..limit-1, `limit` for the others, -1 where either
 * side is missing.
 */
export function topCategories(
  cats: CategoryIndex,
  keep: Int32Array,
  limit: number,
): { top: number[]; counts: number[]; slot: Int32Array; others: number } {
  const counts = new Float64Array(cats.labels.length);
  for (let i = 0; i < keep.length; i++) if (keep[i] >= 0 && cats.index[i] >= 0) counts[cats.index[i]]++;
  const used = [...counts.keys()].filter((c) => counts[c] > 0);
  const top = used.sort((a, b) => counts[b] - counts[a] || a - b).slice(0, limit);
  const slotOf = new Int32Array(cats.labels.length).fill(top.length);
  top.forEach((c, k) => (slotOf[c] = k));
  const slot = new Int32Array(keep.length).fill(-1);
  let others = 0;
  for (let i = 0; i < keep.length; i++) {
    if (keep[i] < 0 || cats.index[i] < 0) continue;
    slot[i] = slotOf[cats.index[i]];
    if (slot[i] === top.length) others++;
  }
  return { top, counts: top.map((c) => counts[c]), slot, others };
}
