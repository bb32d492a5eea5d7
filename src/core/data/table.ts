/**
 * The columnar Table: the one in-memory shape of a dataset everywhere in the engine.
 *
 * Rows are never objects keyed by header names (`__proto__`, `constructor` are real
 * column names in real files); a column is found by its index in `columns`.
 */

/** What a column holds, as inferred from its values or chosen by the user. */
export type ColumnType = 'numeric' | 'categorical' | 'boolean' | 'datetime' | 'text' | 'identifier';

export const COLUMN_TYPES: readonly ColumnType[] = [
  'numeric',
  'categorical',
  'boolean',
  'datetime',
  'text',
  'identifier',
];

/**
 * A column stored once, in the representation that suits its type:
 * - numeric, datetime (epoch milliseconds, UTC), boolean (0/1): `values`, NaN where missing;
 * - categorical, text, identifier: `codes` into `categories`, code 0xFFFFFFFF where missing.
 * `missing[i] === 1` marks a missing cell for every type.
 */
export interface Column {
  name: string;
  type: ColumnType;
  /** The type the reader inferred, kept so a user override can be undone. */
  inferredType: ColumnType;
  values?: Float64Array;
  codes?: Uint32Array;
  categories?: string[];
  missing: Uint8Array;
}

export interface Table {
  rowCount: number;
  columns: Column[];
}

export const MISSING_CODE = 0xffffffff;

/** Dictionary-encoded types carry codes; the others carry numbers. */
export function isCoded(type: ColumnType): boolean {
  return type === 'categorical' || type === 'text' || type === 'identifier';
}

export function columnIndex(table: Table, name: string): number {
  return table.columns.findIndex((c) => c.name === name);
}

export function countMissing(column: Column): number {
  let n = 0;
  for (let i = 0; i < column.missing.length; i++) n += column.missing[i];
  return n;
}

/** A cell as display text ('' for missing). Datetimes are shown as ISO strings in UTC. */
export function cellText(column: Column, row: number): string {
  if (column.missing[row]) return '';
  if (column.codes && column.categories) return column.categories[column.codes[row]] ?? '';
  const v = column.values ? column.values[row] : NaN;
  if (column.type === 'boolean') return v ? 'true' : 'false';
  if (column.type === 'datetime') return formatDate(v);
  return formatNumber(v);
}

export function formatNumber(v: number): string {
  return String(v);
}

function formatDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
}

/** Every typed array a table owns, for transferring it between threads without a copy. */
export function tableBuffers(table: Table): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const c of table.columns) {
    for (const arr of [c.values, c.codes, c.missing]) {
      if (arr && arr.buffer instanceof ArrayBuffer && !out.includes(arr.buffer)) out.push(arr.buffer);
    }
  }
  return out;
}

/** The rows `rows` of a table as a new table (used for splits and samples). */
export function takeRows(table: Table, rows: ArrayLike<number>): Table {
  const n = rows.length;
  const columns = table.columns.map((c): Column => {
    const missing = new Uint8Array(n);
    for (let i = 0; i < n; i++) missing[i] = c.missing[rows[i]];
    const out: Column = { ...c, missing };
    if (c.values) {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = c.values[rows[i]];
      out.values = values;
    }
    if (c.codes) {
      const codes = new Uint32Array(n);
      for (let i = 0; i < n; i++) codes[i] = c.codes[rows[i]];
      out.codes = codes;
    }
    return out;
  });
  return { rowCount: n, columns };
}
