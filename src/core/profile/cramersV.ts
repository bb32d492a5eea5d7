/**
 * Cramér's V between categorical columns, bias-uncorrected, as
 * `scipy.stats.contingency.association(crosstab, method='cramer')` on the rows where both are
 * present: sqrt(chi2 / n / (min(r, c) - 1)), r and c counting only categories seen in those rows.
 */
import { MISSING_CODE, type Column, type Table } from '../data/table';

export interface Associations {
  /** Categorical and boolean columns with at most MAX_ASSOCIATION_CATEGORIES values, in table order. */
  columns: string[];
  /** Cramér's V in [0, 1]; null where a pair has fewer than two categories on a side. */
  cramersV: (number | null)[][];
}

export const MAX_ASSOCIATION_CATEGORIES = 100;
/** The cost grows with the square of the column count, and a wider heatmap is unreadable. */
export const MAX_ASSOCIATION_COLUMNS = 30;

const ABSENT = 255;

/** `unique[j]` is column j's distinct present values (from its profile). */
export function associations(table: Table, unique: readonly number[]): Associations {
  const chosen: number[] = [];
  table.columns.forEach((c, j) => {
    const kind = c.type === 'categorical' || c.type === 'boolean';
    if (kind && unique[j] <= MAX_ASSOCIATION_CATEGORIES && chosen.length < MAX_ASSOCIATION_COLUMNS) chosen.push(j);
  });
  const dense = chosen.map((j) => denseCodes(table.columns[j], table.rowCount));
  const k = chosen.length;
  const cramersV: (number | null)[][] = chosen.map(() => new Array<number | null>(k).fill(null));
  for (let a = 0; a < k; a++) {
    cramersV[a][a] = dense[a].levels >= 2 ? 1 : null;
    for (let b = a + 1; b < k; b++) {
      const v = cramersVOf(dense[a].codes, dense[a].levels, dense[b].codes, dense[b].levels);
      cramersV[a][b] = v;
      cramersV[b][a] = v;
    }
  }
  return { columns: chosen.map((j) => table.columns[j].name), cramersV };
}

/** Codes 0..levels-1 over the categories present in the column (ABSENT where missing). */
export function denseCodes(column: Column, rows: number): { codes: Uint8Array; levels: number } {
  const out = new Uint8Array(rows).fill(ABSENT);
  const { codes, values, missing } = column;
  if (codes) {
    const map = new Int32Array(column.categories?.length ?? 0).fill(-1);
    let levels = 0;
    for (let i = 0; i < rows; i++) {
      const c = codes[i];
      if (missing[i] || c === MISSING_CODE || c >= map.length) continue;
      if (map[c] < 0) map[c] = levels++;
      out[i] = map[c];
    }
    return { codes: out, levels };
  }
  const seen = [-1, -1];
  let levels = 0;
  for (let i = 0; values && i < rows; i++) {
    const v = values[i];
    if (missing[i] || v !== v) continue;
    const b = v ? 1 : 0;
    if (seen[b] < 0) seen[b] = levels++;
    out[i] = seen[b];
  }
  return { codes: out, levels };
}

export function cramersVOf(a: Uint8Array, ka: number, b: Uint8Array, kb: number): number | null {
  const counts = new Float64Array(ka * kb);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    // Levels are below 128, so only an ABSENT code sets bit 7 of the pair.
    if ((x | y) < 128) counts[x * kb + y]++;
  }
  const rowSum = new Float64Array(ka);
  const colSum = new Float64Array(kb);
  let n = 0;
  for (let x = 0; x < ka; x++) {
    for (let y = 0; y < kb; y++) {
      const c = counts[x * kb + y];
      rowSum[x] += c;
      colSum[y] += c;
      n += c;
    }
  }
  const r = rowSum.filter((s) => s > 0).length;
  const c = colSum.filter((s) => s > 0).length;
  if (n === 0 || Math.min(r, c) < 2) return null;
  let chi2 = 0;
  for (let x = 0; x < ka; x++) {
    if (rowSum[x] === 0) continue;
    for (let y = 0; y < kb; y++) {
      if (colSum[y] === 0) continue;
      const expected = (rowSum[x] * colSum[y]) / n;
      const d = counts[x * kb + y] - expected;
      chi2 += (d * d) / expected;
    }
  }
  const v = Math.sqrt(chi2 / n / (Math.min(r, c) - 1));
  return Number.isFinite(v) ? Math.min(1, v) : null;
}
