/**
 * The classes of a target column, in the order training uses (encodeTarget: numbers ascending,
 * text by code units), with each row's class index, found without building a string per row.
 */
import { cellText, MISSING_CODE, type Column } from '../data/table';
import { compareText } from '../prep/compareText';

export interface TargetClasses {
  classes: string[];
  /** Rows per class. */
  counts: number[];
  /** Each row's index into `classes`; -1 where the target is missing. */
  index: Int32Array;
}

/** A number-valued column with more distinct values than this is not a set of classes. */
export const MAX_TARGET_CLASSES = 1000;

export function targetClasses(column: Column, rows: number): TargetClasses {
  const index = new Int32Array(rows).fill(-1);
  if (column.codes && column.categories) return codedClasses(column, column.codes, column.categories, index);
  const values = column.values ?? new Float64Array(rows).fill(NaN);
  const firstRow = new Map<number, number>();
  for (let i = 0; i < rows; i++) {
    const v = values[i];
    if (column.missing[i] || v !== v) continue;
    // -0 and 0 are one class, as their text is.
    const key = v + 0;
    if (!firstRow.has(key)) {
      if (firstRow.size === MAX_TARGET_CLASSES) {
        throw new Error(`The column "${column.name}" has more than ${MAX_TARGET_CLASSES} distinct values, too many to treat as classes.`);
      }
      firstRow.set(key, i);
    }
  }
  const keys = [...firstRow.keys()].sort((a, b) => a - b);
  const position = new Map(keys.map((k, c) => [k, c]));
  const counts = new Array<number>(keys.length).fill(0);
  for (let i = 0; i < rows; i++) {
    const v = values[i];
    if (column.missing[i] || v !== v) continue;
    const c = position.get(v + 0)!;
    index[i] = c;
    counts[c]++;
  }
  return { classes: keys.map((k) => cellText(column, firstRow.get(k)!)), counts, index };
}

function codedClasses(column: Column, codes: Uint32Array, categories: string[], index: Int32Array): TargetClasses {
  const perCode = new Float64Array(categories.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (column.missing[i] || c === MISSING_CODE || c >= categories.length) continue;
    perCode[c]++;
  }
  const used = [...perCode.keys()].filter((c) => perCode[c] > 0);
  // Two codes never share a text in a well-formed table, but merging them keeps the classes distinct if they do.
  const classes = [...new Set(used.map((c) => categories[c]))].sort(compareText);
  const position = new Map(classes.map((t, k) => [t, k]));
  const classOfCode = new Int32Array(categories.length).fill(-1);
  for (const c of used) classOfCode[c] = position.get(categories[c])!;
  const counts = new Array<number>(classes.length).fill(0);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (column.missing[i] || c === MISSING_CODE || c >= categories.length) continue;
    const k = classOfCode[c];
    index[i] = k;
    counts[k]++;
  }
  return { classes, counts, index };
}
