import { countMissing, type ColumnType, type Table } from './table';

/** What the UI needs to know about a column: small, serialisable, no data. */
export interface ColumnSummary {
  index: number;
  name: string;
  type: ColumnType;
  inferredType: ColumnType;
  missing: number;
  /** Distinct non-missing values for coded columns; undefined for numbers. */
  distinct?: number;
}

export function summarizeColumns(table: Table): ColumnSummary[] {
  return table.columns.map((column, index) => ({
    index,
    name: column.name,
    type: column.type,
    inferredType: column.inferredType,
    missing: countMissing(column),
    distinct: column.categories ? countUsedCategories(column.codes!, column.categories.length) : undefined,
  }));
}

function countUsedCategories(codes: Uint32Array, size: number): number {
  const seen = new Uint8Array(size);
  let n = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < size && !seen[c]) {
      seen[c] = 1;
      n++;
    }
  }
  return n;
}
