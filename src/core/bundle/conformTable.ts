/**
 * Makes a table that someone wants predictions for fit a bundle's input schema: exactly the
 * model's input columns, in schema order, each in the type the model was trained on. Ordinary
 * bad data never throws here; each problem becomes one note saying what was done about it, and
 * the notes are worded from what the recipe really does (see missingPolicy), so they stay true.
 */
import { columnCellsFromStrings } from '../data/columnCells';
import { convertColumnType } from '../data/convertColumnType';
import { isMissingToken, parseIsoDate } from '../data/parseCell';
import { cellText, columnIndex, isCoded, MISSING_CODE, type Column, type Table } from '../data/table';
import type { BundleMeta, InputField } from './bundleTypes';

export interface ColumnNote {
  column: string;
  kind: 'missing-column' | 'extra-column' | 'unseen-categories' | 'wrong-type';
  message: string;
  rows?: number;
}

export interface ConformOptions {
  /** How a row is named in notes, from its 0-based index: "row 5" (default) for files, "rows[4]" for JSON. */
  rowLabel?: (row: number) => string;
  /** Where the rows came from, for "missing from ..." notes (default "the file"). */
  source?: string;
}

export function conformTable(meta: BundleMeta, table: Table, options: ConformOptions = {}): { table: Table; notes: ColumnNote[] } {
  const tally = new ConformTally(meta, options.source);
  const conformed = tally.conform(table, options.rowLabel);
  return { table: conformed, notes: tally.notes() };
}

/**
 * What happens to a missing value of an input: the recipe imputes it, encodes it as an unknown
 * category (oneHot: all zeros, ordinal: -1), the model does not read the column, or nothing
 * fills it and applyRecipe refuses the row.
 */
export type MissingPolicy = 'imputed' | 'unknown' | 'unused' | 'fails';

export function missingPolicy(meta: BundleMeta, name: string): MissingPolicy {
  const { recipe } = meta;
  if (!recipe.features.includes(name)) return 'unused';
  let imputedAt = -1;
  let encodedAt = -1;
  recipe.steps.forEach((step, s) => {
    const c = step.columns.indexOf(name);
    if (c < 0) return;
    if (step.kind === 'impute' && imputedAt < 0 && step.fitted && step.fitted.fill[c] !== null) imputedAt = s;
    if ((step.kind === 'oneHot' || step.kind === 'ordinal') && encodedAt < 0) encodedAt = s;
  });
  // A category column is imputed only if the impute step runs before the encoding step.
  if (imputedAt >= 0 && (encodedAt < 0 || imputedAt < encodedAt)) return 'imputed';
  return encodedAt >= 0 ? 'unknown' : 'fails';
}

/** The first missing cell of a conformed table that the recipe cannot fill, or null when every row can be predicted. */
export function findUnfillableCell(meta: BundleMeta, conformed: Table): { column: string; row: number } | null {
  for (const field of meta.inputSchema) {
    if (missingPolicy(meta, field.name) !== 'fails') continue;
    const column = conformed.columns.find((c) => c.name === field.name);
    const row = column ? column.missing.indexOf(1) : -1;
    if (row >= 0) return { column: field.name, row };
  }
  return null;
}

interface RowTally {
  rows: number;
  /** Label and value of the first such row. */
  first: string;
  /** Up to three distinct values, and whether there were more. */
  examples: string[];
  more: boolean;
}

/**
 * Conforms a table, or a file's tables one chunk after another, and adds up the problems so the
 * notes describe all rows once rather than repeating for every chunk.
 */
export class ConformTally {
  private readonly absent = new Set<string>();
  private readonly extra = new Set<string>();
  private readonly wrongType = new Map<string, RowTally>();
  private readonly unseen = new Map<string, RowTally>();
  private readonly known = new Map<string, Set<string>>();
  private rowCount = 0;

  constructor(
    private readonly meta: BundleMeta,
    private readonly source = 'the file',
  ) {
    for (const field of meta.inputSchema) if (field.categories) this.known.set(field.name, new Set(field.categories));
  }

  /** The input columns that no table so far had at all. */
  get missingColumns(): string[] {
    return [...this.absent];
  }

  conform(table: Table, rowLabel: (row: number) => string = (row) => `row ${row + 1}`): Table {
    const { meta } = this;
    this.rowCount += table.rowCount;
    const schemaNames = new Set(meta.inputSchema.map((f) => f.name));
    const columns = meta.inputSchema.map((field): Column => {
      const i = columnIndex(table, field.name);
      if (i < 0) {
        this.absent.add(field.name);
        return emptyColumn(field, table.rowCount);
      }
      const column = this.convert(field, table.columns[i], rowLabel);
      this.countUnseen(field, column, rowLabel);
      return column;
    });
    for (const c of table.columns) if (!schemaNames.has(c.name) && c.name !== meta.target) this.extra.add(c.name);
    return { rowCount: table.rowCount, columns };
  }

  notes(): ColumnNote[] {
    const notes: ColumnNote[] = [];
    for (const field of this.meta.inputSchema) {
      const name = field.name;
      const policy = missingPolicy(this.meta, name);
      if (this.absent.has(name)) {
        notes.push({
          column: name,
          kind: 'missing-column',
          rows: this.rowCount,
          message: `Column ${q(name)} is missing from ${this.source}; every row is treated as missing there (${policyText(policy, 'it', 'no row can be predicted')}).`,
        });
      }
      const bad = this.wrongType.get(name);
      if (bad) {
        const one = bad.rows === 1;
        const what = one ? NOT_A[field.type] : NOT_PLURAL[field.type];
        notes.push({
          column: name,
          kind: 'wrong-type',
          rows: bad.rows,
          message: `Column ${q(name)} should be ${field.type} but ${bad.rows} ${one ? 'row' : 'rows'} ${what} (${one ? '' : 'first at '}${bad.first}); ${one ? 'it is' : 'they are'} treated as missing (${policyText(policy, one ? 'it' : 'them', one ? 'that row cannot be predicted' : 'those rows cannot be predicted')}).`,
        });
      }
      const odd = this.unseen.get(name);
      if (odd) {
        const one = odd.rows === 1;
        const list = odd.examples.map(q).join(', ') + (odd.more ? ', ...' : '');
        notes.push({
          column: name,
          kind: 'unseen-categories',
          rows: odd.rows,
          message: `Column ${q(name)} has ${odd.rows} ${one ? 'row with a category' : 'rows with categories'} the model never saw (${list}); ${one ? 'it is' : 'they are'} encoded as unknown.`,
        });
      }
    }
    if (this.extra.size > 0) {
      const names = [...this.extra];
      const shown = names.slice(0, 5).map(q).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
      notes.push({
        column: names[0],
        kind: 'extra-column',
        message: names.length === 1 ? `Column ${shown} is not a model input and is ignored.` : `Columns ${shown} are not model inputs and are ignored.`,
      });
    }
    return notes;
  }

  /** `source` in the field's type; cells that cannot be read in it become missing and are tallied. */
  private convert(field: InputField, source: Column, rowLabel: (row: number) => string): Column {
    const base = { name: field.name, type: field.type, inferredType: source.inferredType, missing: source.missing };
    if (isCoded(field.type)) {
      if (source.codes && source.categories) return { ...base, codes: source.codes, categories: source.categories };
      return { ...base, ...textCodes(source) };
    }
    if (source.values && source.type === field.type) return { ...base, values: source.values };
    // Any other type is read back from its text, as the CSV reader would read the chosen type.
    const { codes, categories } = source.codes && source.categories ? { codes: source.codes, categories: source.categories } : textCodes(source);
    const parsed = convertColumnType(columnCellsFromStrings(categories), { fileName: '', index: 0, name: field.name }, field.type).column;
    const parsedValues = parsed.values!;
    const n = source.missing.length;
    const values = new Float64Array(n);
    const missing = new Uint8Array(n);
    for (let r = 0; r < n; r++) {
      const code = codes[r];
      const v = source.missing[r] || code === MISSING_CODE ? NaN : parsedValues[code];
      values[r] = v;
      if (!Number.isNaN(v)) continue;
      missing[r] = 1;
      if (source.missing[r] || code === MISSING_CODE || isMissingText(categories[code])) continue;
      tallyRow(this.wrongType, field.name, rowLabel(r), categories[code]);
    }
    return { ...base, missing, values };
  }

  private countUnseen(field: InputField, column: Column, rowLabel: (row: number) => string): void {
    const known = this.known.get(field.name);
    if (!known) return;
    const dictionary = column.codes && column.categories ? column.categories.map((c) => known.has(c)) : null;
    for (let r = 0; r < column.missing.length; r++) {
      if (column.missing[r]) continue;
      if (dictionary && column.codes) {
        if (dictionary[column.codes[r]]) continue;
      } else if (known.has(cellText(column, r))) {
        continue;
      }
      tallyRow(this.unseen, field.name, rowLabel(r), cellText(column, r));
    }
  }
}

const NOT_A: Record<string, string> = { numeric: 'is not a number', boolean: 'is not true or false', datetime: 'is not a date' };
const NOT_PLURAL: Record<string, string> = { numeric: 'are not numbers', boolean: 'are not true or false', datetime: 'are not dates' };

/** What happens next to missing cells, for the end of a note; `outcome` says which rows then cannot be predicted. */
function policyText(policy: MissingPolicy, it: 'it' | 'them', outcome: string): string {
  switch (policy) {
    case 'imputed':
      return `the recipe imputes ${it}`;
    case 'unknown':
      return `the recipe encodes ${it} as unknown`;
    case 'unused':
      return 'the model does not use this column';
    case 'fails':
      return `the recipe cannot fill ${it} in, so ${outcome}`;
  }
}

function tallyRow(tallies: Map<string, RowTally>, column: string, label: string, value: string): void {
  let t = tallies.get(column);
  if (!t) tallies.set(column, (t = { rows: 0, first: `${label}: ${q(value)}`, examples: [], more: false }));
  t.rows++;
  if (t.examples.includes(value)) return;
  if (t.examples.length < 3) t.examples.push(value);
  else t.more = true;
}

/** A column's cells as a dictionary of their display text (how the recipe sees numbers it must treat as categories). */
function textCodes(column: Column): { codes: Uint32Array; categories: string[] } {
  const n = column.missing.length;
  const codes = new Uint32Array(n);
  const categories: string[] = [];
  const lookup = new Map<string, number>();
  for (let r = 0; r < n; r++) {
    if (column.missing[r]) {
      codes[r] = MISSING_CODE;
      continue;
    }
    const text = cellText(column, r);
    let code = lookup.get(text);
    if (code === undefined) lookup.set(text, (code = categories.push(text) - 1));
    codes[r] = code;
  }
  return { codes, categories };
}

function emptyColumn(field: InputField, rows: number): Column {
  const base = { name: field.name, type: field.type, inferredType: field.type, missing: new Uint8Array(rows).fill(1) };
  return isCoded(field.type) ? { ...base, codes: new Uint32Array(rows).fill(MISSING_CODE), categories: [] } : { ...base, values: new Float64Array(rows).fill(NaN) };
}

/** Blank or a token such as "NA": what the CSV reader reads as missing. */
export function isMissingText(text: string): boolean {
  const t = text.trim();
  return isMissingToken(t, 0, t.length);
}

function q(text: string): string {
  const cut = text.length > 40 ? text.slice(0, 39) + '…' : text;
  return JSON.stringify(cut);
}

// ---------------------------------------------------------------------------------------------
// JSON rows (the REST API): validated strictly, since a client can fix its request.

/** A request row that does not fit the schema; the message names the row index and the field. */
export class RowValidationError extends Error {
  constructor(
    message: string,
    readonly row?: number,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'RowValidationError';
  }
}

/**
 * A table from JSON row objects, one column per input the rows mention. Values must have the
 * input's JSON type (number, boolean, ISO date string, string for categories) or be null or
 * left out, which means missing; a category string that is blank or a token such as "NA" is
 * missing too, as in a CSV file. Categories the model never saw are allowed (conformTable
 * notes them) and unknown fields are ignored. Fields are read as own properties only, so a
 * "__proto__" key is just a field name.
 */
export function rowsToTable(meta: BundleMeta, rows: unknown): Table {
  if (!Array.isArray(rows)) throw new RowValidationError(`The rows must be a JSON array of objects, got ${describeJson(rows)}.`);
  rows.forEach((row, i) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new RowValidationError(`rows[${i}] must be an object with the model's input fields, got ${describeJson(row)}.`, i);
    }
  });
  const objects = rows as object[];
  const columns: Column[] = [];
  for (const field of meta.inputSchema) {
    const cells = objects.map((row) => Object.getOwnPropertyDescriptor(row, field.name));
    // A field no row mentions is left out, so conformTable says it is missing.
    if (objects.length > 0 && cells.every((d) => d === undefined)) continue;
    columns.push(jsonColumn(field, cells.map((d) => (d ? (d.value as unknown) : null))));
  }
  return { rowCount: objects.length, columns };
}

function jsonColumn(field: InputField, cells: unknown[]): Column {
  const n = cells.length;
  const missing = new Uint8Array(n);
  const base = { name: field.name, type: field.type, inferredType: field.type, missing };
  // Typed as never-returning so the checks below narrow `v`.
  const fail: (i: number, expected: string) => never = (i, expected) => {
    throw new RowValidationError(`rows[${i}]${fieldPath(field.name)} must be ${expected} or null, got ${describeJson(cells[i])}.`, i, field.name);
  };
  if (isCoded(field.type)) {
    const codes = new Uint32Array(n);
    const categories: string[] = [];
    const lookup = new Map<string, number>();
    cells.forEach((v, i) => {
      if (v !== null && v !== undefined && typeof v !== 'string') fail(i, 'a string');
      if (v === null || v === undefined || isMissingText(v)) {
        missing[i] = 1;
        codes[i] = MISSING_CODE;
        return;
      }
      let code = lookup.get(v);
      if (code === undefined) lookup.set(v, (code = categories.push(v) - 1));
      codes[i] = code;
    });
    return { ...base, codes, categories };
  }
  const values = new Float64Array(n);
  cells.forEach((v, i) => {
    let x = NaN;
    if (v === null || v === undefined) missing[i] = 1;
    else if (field.type === 'numeric') x = typeof v === 'number' && Number.isFinite(v) ? v : fail(i, 'a number');
    else if (field.type === 'boolean') x = typeof v === 'boolean' ? Number(v) : fail(i, 'true, false');
    else x = typeof v === 'string' ? parseDate(v) : NaN;
    if (field.type === 'datetime' && !missing[i] && Number.isNaN(x)) fail(i, 'a date string such as "2024-05-01"');
    values[i] = x;
  });
  return { ...base, values };
}

function parseDate(text: string): number {
  const t = text.trim();
  return parseIsoDate(t, 0, t.length);
}

function fieldPath(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

function describeJson(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? text.slice(0, 39) + '…' : text;
}
