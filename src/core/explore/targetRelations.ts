/**
 * Every usable column against the chosen target: box plots and class-conditional histograms of
 * numbers by class, category-by-class counts, scatter samples against a numeric target, and box
 * plots of the target by category. Pure and deterministic (the point samples are seeded).
 */
import { columnIndex, type Column, type ColumnType, type Table } from '../data/table';
import type { BoxStats } from '../profile/boxStats';
import { pearsonMatrix } from '../profile/pearson';
import { categoryIndex, topCategories } from './categoryIndex';
import { groupBoxes, groupValues, sharedHistogram } from './groupedValues';
import { sampleOf } from './sampleRows';
import { targetClasses } from './targetClasses';

export type TargetTask = 'classification' | 'regression';

export interface TargetRelationsOptions {
  /** Points per scatter against a numeric target (default 2000). */
  maxPoints?: number;
  /** Seed of the point sample (default 0). */
  seed?: number;
  /** Bins of the class-conditional histograms (default 20). */
  bins?: number;
}

/** Classification target, numeric or datetime feature (datetimes as epoch milliseconds). */
export interface NumericByClass {
  kind: 'numeric-by-class';
  column: string;
  type: ColumnType;
  /** Per class (TargetRelations.classes): rows where both are present. */
  counts: number[];
  boxes: (BoxStats | null)[];
  /** Shared edges; counts[class][bin]. */
  histogram: { edges: number[]; counts: number[][] };
}

/** Classification target, categorical or boolean feature. */
export interface CategoryByClass {
  kind: 'category-by-class';
  column: string;
  type: ColumnType;
  /** The most frequent categories (at most TOP_CATEGORIES), most frequent first. */
  categories: string[];
  /** counts[category][class]. */
  counts: number[][];
  /** Per class, the rows of all other categories; null when there are none. */
  other: number[] | null;
}

/** Regression target, numeric or datetime feature. */
export interface NumericVsTarget {
  kind: 'numeric-vs-target';
  column: string;
  type: ColumnType;
  /** A seeded sample of the rows where both are present: row index, feature x, target y. */
  rows: number[];
  x: number[];
  y: number[];
  /** Over all rows where both are present, not just the sample. */
  pearson: number | null;
  count: number;
}

/** Regression target, categorical or boolean feature: the target's box per category. */
export interface TargetByCategory {
  kind: 'target-by-category';
  column: string;
  type: ColumnType;
  categories: string[];
  counts: number[];
  boxes: (BoxStats | null)[];
  /** The target over all other categories; null when there are none. */
  other: { count: number; box: BoxStats | null } | null;
}

export type TargetRelation = NumericByClass | CategoryByClass | NumericVsTarget | TargetByCategory;

export interface TargetRelations {
  target: string;
  task: TargetTask;
  /** Classification: the classes, in training order; regression: null. */
  classes: string[] | null;
  relations: TargetRelation[];
  /** Columns left out (text, identifiers), with the reason in words. */
  skipped: { column: string; reason: string }[];
}

export const TOP_CATEGORIES = 20;
/** More classes than this make unreadable class-by-class plots. */
export const MAX_PLOT_CLASSES = 50;
/** Outliers drawn per box: boxes by class multiply, so fewer than the profile's. */
const GROUP_OUTLIERS = 50;

export function targetRelations(
  table: Table,
  target: string,
  task: TargetTask,
  options: TargetRelationsOptions = {},
): TargetRelations {
  const t = columnIndex(table, target);
  if (t < 0) throw new Error(`There is no column "${target}".`);
  const targetColumn = table.columns[t];
  const bins = Math.max(1, Math.floor(options.bins ?? 20));
  const relations: TargetRelation[] = [];
  const skipped: { column: string; reason: string }[] = [];
  const usable = table.columns.filter((c, j) => {
    if (j === t) return false;
    if (c.type === 'text' || c.type === 'identifier') skipped.push({ column: c.name, reason: `it holds ${c.type === 'text' ? 'free text' : 'identifiers'}` });
    return c.type !== 'text' && c.type !== 'identifier';
  });
  if (task === 'classification') {
    const { classes, index } = targetClasses(targetColumn, table.rowCount);
    if (classes.length > MAX_PLOT_CLASSES) {
      throw new Error(`The target "${target}" has ${classes.length} classes; plots by class need at most ${MAX_PLOT_CLASSES}.`);
    }
    for (const c of usable) relations.push(isNumberLike(c) ? numericByClass(c, index, classes.length, bins) : categoryByClass(c, index, classes.length, table.rowCount));
    return { target, task, classes, relations, skipped };
  }
  if (!targetColumn.values || targetColumn.type === 'boolean') {
    throw new Error(`The target "${target}" must be numeric for regression plots.`);
  }
  const y = targetColumn.values;
  const present = new Int32Array(table.rowCount).fill(-1);
  const candidates: number[] = [];
  for (let i = 0; i < table.rowCount; i++) {
    if (!targetColumn.missing[i] && Number.isFinite(y[i])) {
      present[i] = 0;
      candidates.push(i);
    }
  }
  const sample = sampleOf(Int32Array.from(candidates), options.maxPoints ?? 2000, options.seed ?? 0);
  for (const c of usable) {
    relations.push(isNumberLike(c) ? numericVsTarget(c, targetColumn, sample) : targetByCategory(c, y, present, table.rowCount));
  }
  return { target, task, classes: null, relations, skipped };
}

function isNumberLike(c: Column): boolean {
  return (c.type === 'numeric' || c.type === 'datetime') && c.values !== undefined;
}

function numericByClass(c: Column, classIndex: Int32Array, k: number, bins: number): NumericByClass {
  const grouped = groupValues(c.values!, c.missing, classIndex, k);
  const counts = Array.from({ length: k }, (_, g) => grouped.offsets[g + 1] - grouped.offsets[g]);
  return { kind: 'numeric-by-class', column: c.name, type: c.type, counts, boxes: groupBoxes(grouped, GROUP_OUTLIERS), histogram: sharedHistogram(grouped, bins) };
}

function categoryByClass(c: Column, classIndex: Int32Array, k: number, rows: number): CategoryByClass {
  const cats = categoryIndex(c, rows);
  const { top, slot, others } = topCategories(cats, classIndex, TOP_CATEGORIES);
  const counts = top.map(() => new Array<number>(k).fill(0));
  const other = new Array<number>(k).fill(0);
  for (let i = 0; i < rows; i++) {
    const s = slot[i];
    if (s < 0) continue;
    if (s === top.length) other[classIndex[i]]++;
    else counts[s][classIndex[i]]++;
  }
  return { kind: 'category-by-class', column: c.name, type: c.type, categories: top.map((j) => cats.labels[j]), counts, other: others > 0 ? other : null };
}

function numericVsTarget(c: Column, target: Column, sample: Int32Array): NumericVsTarget {
  const values = c.values!;
  const rows: number[] = [];
  const x: number[] = [];
  const y: number[] = [];
  for (const r of sample) {
    const v = values[r];
    if (c.missing[r] || !Number.isFinite(v)) continue;
    rows.push(r);
    x.push(v);
    y.push(target.values![r]);
  }
  const [[, r]] = pearsonMatrix([
    { values, missing: c.missing },
    { values: target.values!, missing: target.missing },
  ]);
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (!c.missing[i] && !target.missing[i] && values[i] === values[i] && target.values![i] === target.values![i]) count++;
  }
  return { kind: 'numeric-vs-target', column: c.name, type: c.type, rows, x, y, pearson: r, count };
}

function targetByCategory(c: Column, y: Float64Array, present: Int32Array, rows: number): TargetByCategory {
  const cats = categoryIndex(c, rows);
  const { top, counts, slot, others } = topCategories(cats, present, TOP_CATEGORIES);
  const grouped = groupValues(y, new Uint8Array(rows), slot, top.length + 1);
  const boxes = groupBoxes(grouped, GROUP_OUTLIERS);
  return {
    kind: 'target-by-category',
    column: c.name,
    type: c.type,
    categories: top.map((j) => cats.labels[j]),
    counts,
    boxes: boxes.slice(0, top.length),
    other: others > 0 ? { count: others, box: boxes[top.length] } : null,
  };
}
