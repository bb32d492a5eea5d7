/**
 * Builds a Table from plain per-column value lists: for tests, examples and JSON rows sent to a
 * prediction API, where there is no CSV to read. `null` (or '') marks a missing cell.
 */
import { isCoded, MISSING_CODE, type Column, type ColumnType, type Table } from '../data/table';

export type CellValue = string | number | boolean | null;

export interface ColumnInput {
  name: string;
  type: ColumnType;
  values: CellValue[];
}

export function tableFromColumns(inputs: ColumnInput[]): Table {
  const rowCount = inputs[0]?.values.length ?? 0;
  const columns = inputs.map((input): Column => {
    if (input.values.length !== rowCount) {
      throw new Error(`Column "${input.name}" has ${input.values.length} values; the first column has ${rowCount}.`);
    }
    const missing = Uint8Array.from(input.values, (v) => (v === null || v === '' ? 1 : 0));
    const base = { name: input.name, type: input.type, inferredType: input.type, missing };
    if (isCoded(input.type)) {
      const categories: string[] = [];
      const index = new Map<string, number>();
      const codes = Uint32Array.from(input.values, (v, i) => {
        if (missing[i]) return MISSING_CODE;
        const text = String(v);
        let code = index.get(text);
        if (code === undefined) index.set(text, (code = categories.push(text) - 1));
        return code;
      });
      return { ...base, codes, categories };
    }
    const values = Float64Array.from(input.values, (v, i) => (missing[i] ? NaN : toNumber(v, input)));
    return { ...base, values };
  });
  return { rowCount, columns };
}

function toNumber(v: CellValue, input: ColumnInput): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const text = String(v).trim();
  if (input.type === 'boolean' && /^(true|yes|1)$/i.test(text)) return 1;
  if (input.type === 'boolean' && /^(false|no|0)$/i.test(text)) return 0;
  const n = input.type === 'datetime' ? Date.parse(text) : input.type === 'boolean' ? NaN : Number(text);
  if (Number.isNaN(n)) throw new Error(`Column "${input.name}" holds ${JSON.stringify(text)}, which is not a ${input.type} value.`);
  return n;
}
