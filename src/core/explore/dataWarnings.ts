/**
 * Data-quality warnings in plain words, each about one column (or the whole table): what a
 * person should look at before training. Computed from the profile; the table, when given,
 * adds the checks that need the rows (a feature identical to the target, exact class counts).
 */
import { columnIndex, type Table } from '../data/table';
import { chooseTask } from '../prep/chooseTask';
import type { ColumnProfile, TableProfile } from '../profile/profileTable';
import { classBalance } from './classBalance';
import { sameValues } from './sameValues';

export type DataWarningCode =
  | 'constant'
  | 'identifier'
  | 'high-cardinality'
  | 'missing'
  | 'skewed'
  | 'leakage'
  | 'imbalance'
  | 'duplicates'
  | 'empty-column';

export interface DataWarning {
  code: DataWarningCode;
  severity: 'warning' | 'info';
  /** The column it is about; absent for the whole table (duplicate rows). */
  column?: string;
  /** One plain sentence naming the column, with the number behind the warning. */
  message: string;
}

/** A categorical column is high-cardinality above this many distinct values... */
export const HIGH_CARDINALITY_DISTINCT = 50;
/** ...when they are also more than this share of its rows. */
export const HIGH_CARDINALITY_SHARE = 0.5;
/** More than this share missing is a warning... */
export const MISSING_WARNING_SHARE = 0.3;
/** ...and more than this share (up to the warning level) a note. */
export const MISSING_INFO_SHARE = 0.05;
/** |skewness| above this is worth a transform. */
export const SKEW_LIMIT = 2;
/** |Pearson| of a numeric feature with a numeric target above this suggests leakage. */
export const LEAKAGE_CORRELATION = 0.95;
/** Cramér's V of a categorical feature with a categorical target above this suggests leakage. */
export const LEAKAGE_CRAMERS_V = 0.95;
/** Largest over smallest class above this is a warning. */
export const IMBALANCE_RATIO = 5;
/** An all-distinct column is called an identifier only from this many values on. */
export const IDENTIFIER_MIN_ROWS = 20;
/** Duplicate rows above this share of the rows are a warning, below it a note. */
export const DUPLICATES_WARNING_SHARE = 0.01;

export function dataWarnings(profile: TableProfile, table?: Table, target?: string | null): DataWarning[] {
  const out: DataWarning[] = [];
  const rows = profile.rows;
  const duplicates = profile.overview?.duplicateRows ?? null;
  if (duplicates && duplicates > 0) {
    out.push({
      code: 'duplicates',
      severity: duplicates > DUPLICATES_WARNING_SHARE * rows ? 'warning' : 'info',
      message: `${duplicates} of the ${rows} rows (${percent(duplicates / rows)}) repeat an earlier row exactly.`,
    });
  }
  const targetProfile = target ? profile.columns.find((c) => c.name === target) : undefined;
  if (targetProfile) out.push(...targetWarnings(profile, targetProfile, table));
  for (const c of profile.columns) out.push(...columnWarnings(c, rows));
  return out;
}

function columnWarnings(c: ColumnProfile, rows: number): DataWarning[] {
  const name = quote(c.name);
  if (rows > 0 && c.count === 0) {
    return [{ code: 'empty-column', severity: 'warning', column: c.name, message: `Column ${name} is empty: all ${rows} values are missing.` }];
  }
  const out: DataWarning[] = [];
  const share = rows > 0 ? c.missing / rows : 0;
  if (share > MISSING_INFO_SHARE) {
    out.push({
      code: 'missing',
      severity: share > MISSING_WARNING_SHARE ? 'warning' : 'info',
      column: c.name,
      message: `Column ${name} is missing ${c.missing} of ${rows} values (${percent(share)}).`,
    });
  }
  if (c.unique === 1 && c.count > 1) {
    out.push({ code: 'constant', severity: 'warning', column: c.name, message: `Column ${name} holds one value in all ${c.count} non-missing rows, so it cannot help a model.` });
    return out;
  }
  if (looksLikeIdentifier(c)) {
    out.push({
      code: 'identifier',
      severity: 'warning',
      column: c.name,
      message: `Column ${name} looks like an identifier: each of its ${c.count} values is different, so it carries no pattern to learn.`,
    });
  } else if (c.type === 'categorical' && c.unique > HIGH_CARDINALITY_DISTINCT && c.unique > HIGH_CARDINALITY_SHARE * rows) {
    out.push({
      code: 'high-cardinality',
      severity: 'warning',
      column: c.name,
      message: `Column ${name} has ${c.unique} distinct categories (${percent(c.unique / rows)} of rows); one-hot encoding would add a column for each.`,
    });
  }
  if (c.type === 'numeric' && c.skewness != null && Math.abs(c.skewness) > SKEW_LIMIT) {
    out.push({
      code: 'skewed',
      severity: 'info',
      column: c.name,
      message: `Column ${name} is strongly ${c.skewness > 0 ? 'right' : 'left'}-skewed (skewness ${round(c.skewness)}); a log or rank transform may help linear models.`,
    });
  }
  return out;
}

/** Identifier type, or every value distinct: text and categories always, numbers when they are consecutive integers. */
function looksLikeIdentifier(c: ColumnProfile): boolean {
  if (c.type === 'identifier') return true;
  if (c.count < IDENTIFIER_MIN_ROWS || c.unique !== c.count) return false;
  if (c.type === 'categorical' || c.type === 'text') return true;
  return c.type === 'numeric' && typeof c.min === 'number' && typeof c.max === 'number' &&
    Number.isInteger(c.min) && c.max - c.min === c.count - 1;
}

function targetWarnings(profile: TableProfile, target: ColumnProfile, table?: Table): DataWarning[] {
  const out: DataWarning[] = [];
  const flagged = new Set<string>([target.name]);
  const t = table ? columnIndex(table, target.name) : -1;
  if (table && t >= 0) {
    table.columns.forEach((c, j) => {
      if (j === t || !sameValues(c, table.columns[t], table.rowCount)) return;
      flagged.add(c.name);
      out.push({ code: 'leakage', severity: 'warning', column: c.name, message: `Column ${quote(c.name)} holds the same values as the target ${quote(target.name)} in all ${table.rowCount} rows: it gives the answer away.` });
    });
  }
  const leak = (name: string, what: string, value: number, limit: number): void => {
    if (flagged.has(name) || !(Math.abs(value) > limit)) return;
    flagged.add(name);
    out.push({ code: 'leakage', severity: 'warning', column: name, message: `Column ${quote(name)} is almost the target ${quote(target.name)} (${what} ${round(value)}); check that it is known before the target is.` });
  };
  const corr = profile.correlations;
  const ti = corr.columns.indexOf(target.name);
  if (ti >= 0) corr.columns.forEach((name, j) => leak(name, 'correlation', corr.pearson[ti][j] ?? 0, LEAKAGE_CORRELATION));
  const assoc = profile.associations;
  const ai = assoc ? assoc.columns.indexOf(target.name) : -1;
  if (assoc && ai >= 0) assoc.columns.forEach((name, j) => leak(name, "Cramér's V", assoc.cramersV[ai][j] ?? 0, LEAKAGE_CRAMERS_V));
  const balance = classCounts(target, table, t);
  if (balance && balance.counts.length >= 2) {
    const max = Math.max(...balance.counts);
    const min = Math.min(...balance.counts);
    const ratio = max / min;
    if (ratio > IMBALANCE_RATIO) {
      const big = balance.classes[balance.counts.indexOf(max)];
      const small = balance.classes[balance.counts.indexOf(min)];
      out.push({
        code: 'imbalance',
        severity: 'warning',
        column: target.name,
        message: `The target ${quote(target.name)} is imbalanced: class ${quote(big)} has ${max} rows and class ${quote(small)} only ${min} (ratio ${round(ratio)} to 1).`,
      });
    }
  }
  return out;
}

/** Class counts when the target is a classification target: exact from the table, else from its top values. */
function classCounts(target: ColumnProfile, table: Table | undefined, t: number): { classes: string[]; counts: number[] } | null {
  if (table && t >= 0) {
    if (chooseTask(table.columns[t]) !== 'classification') return null;
    try {
      return classBalance(table, target.name);
    } catch {
      return null;
    }
  }
  if (target.type === 'numeric' || target.type === 'datetime' || !target.top || target.top.length < target.unique) return null;
  return { classes: target.top.map((v) => v.value), counts: target.top.map((v) => v.count) };
}

function quote(text: string): string {
  return `"${text}"`;
}

function percent(share: number): string {
  const p = share * 100;
  return `${p >= 10 || p === 0 ? Math.round(p) : p.toFixed(1)}%`;
}

function round(x: number): string {
  return String(Math.round(x * 100) / 100);
}
