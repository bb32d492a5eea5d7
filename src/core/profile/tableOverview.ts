/** The overview line of a profile: size, memory, duplicates, missing cells and column types. */
import { COLUMN_TYPES, type ColumnType, type Table } from '../data/table';

export interface TableOverview {
  rows: number;
  columns: number;
  /** Bytes of the typed arrays plus 2 bytes per character of the category strings (UTF-16). */
  memoryBytes: number;
  /** Rows equal to an earlier row in every cell (pandas' duplicated().sum()); null when not computed. */
  duplicateRows: number | null;
  missingCells: number;
  /** How many columns have each type; every type is present, 0 when unused. */
  typeCounts: Record<ColumnType, number>;
}

export function tableOverview(table: Table, missingPerColumn: readonly number[], duplicateRows: number | null): TableOverview {
  const typeCounts = Object.fromEntries(COLUMN_TYPES.map((t) => [t, 0])) as Record<ColumnType, number>;
  let memoryBytes = 0;
  for (const c of table.columns) {
    typeCounts[c.type]++;
    memoryBytes += (c.values?.byteLength ?? 0) + (c.codes?.byteLength ?? 0) + c.missing.byteLength;
    for (const text of c.categories ?? []) memoryBytes += 2 * text.length;
  }
  return {
    rows: table.rowCount,
    columns: table.columns.length,
    memoryBytes,
    duplicateRows,
    missingCells: missingPerColumn.reduce((a, b) => a + b, 0),
    typeCounts,
  };
}
