/** Why the default recipe leaves a column out (identifiers, free text, all missing, constant), or null. */
import { countMissing, MISSING_CODE, type Column, type ColumnType } from '../data/table';

/** The reason a column of this type cannot be a model input, or null. */
export function typeDropReason(type: ColumnType): string | null {
  if (type === 'identifier') return 'an identifier: its values are unique per row and do not generalise';
  if (type === 'text') return 'free text: the default recipe does not use it';
  return null;
}

export function dropReason(column: Column, rows: number): string | null {
  const byType = typeDropReason(column.type);
  if (byType) return byType;
  if (countMissing(column) === rows) return 'every value is missing';
  if (isConstant(column)) return 'it holds a single value, so it cannot inform a prediction';
  return null;
}

function isConstant(column: Column): boolean {
  let first: number | undefined;
  for (let r = 0; r < column.missing.length; r++) {
    if (column.missing[r]) continue;
    const v = column.codes ? column.codes[r] : column.values![r];
    if (column.codes && v === MISSING_CODE) continue;
    if (first === undefined) first = v;
    else if (v !== first) return false;
  }
  return true;
}
