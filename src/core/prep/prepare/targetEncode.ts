/**
 * targetEncode: each category becomes the mean target of its training rows, shrunk towards the
 * overall mean, as scikit-learn 1.3's TargetEncoder computes it (see targetEncoding.ts). Like its
 * fit_transform, the training rows get out-of-fold values (cross-fitting: each row's value is
 * learned from the other folds, so a row never sees its own target), while every other table,
 * prediction included, gets the mapping fitted on all training rows.
 */
import { MISSING_CODE, type Column, type Table } from '../../data/table';
import { compareText } from '../compareText';
import type { TargetEncodeStep } from '../prepareSteps';
import { kFolds, stratifiedFolds } from './crossFitFolds';
import { mapSchema, stepLabel, type Fitted, type PrepareStepImpl, type TargetValues } from './prepareStepImpl';
import { categoriesOf, findColumn, numberColumn, replaceColumn } from './tableColumns';
import { encodeCategories, type EncodingStats } from './targetEncoding';

type FittedPart = NonNullable<TargetEncodeStep['fitted']>;

export function targetEncodeNames(column: string, fitted: FittedPart): string[] {
  return fitted.targetType === 'multiclass' ? fitted.classes!.map((c) => `${column}_${c}`) : [column];
}

export const targetEncode: PrepareStepImpl<TargetEncodeStep> = {
  fit(step, { table, target }) {
    const label = stepLabel(step);
    if (!target) throw new Error(`${label} needs the target's values, which only training has.`);
    const outputs = targetOutputs(target, label);
    const n = table.rowCount;
    if (outputs.labelled < step.folds) throw new Error(`${label} cross-fits with ${step.folds} folds but has ${outputs.labelled} training rows with a target.`);
    const fold = assignFolds(step, outputs);
    const categories: string[][] = [];
    const encodings: number[][][] = [];
    const missing: number[][] = [];
    const columns: Array<{ name: string; replacement: Column[] }> = [];
    for (const name of step.columns) {
      const { codes, categories: dictionary } = categoriesOf(findColumn(table, name, label));
      // Missing is a category of its own, one slot past the dictionary.
      const slots = dictionary.length + 1;
      const slot = Int32Array.from(codes, (c) => (c === MISSING_CODE ? dictionary.length : c));
      const all = outputs.y.map((y) => encodeCategories(slot, y, outputs.has, slots, step.smooth));
      const seen = dictionary.map((_, k) => k).filter((k) => all[0].counts[k] > 0);
      seen.sort((a, b) => compareText(dictionary[a], dictionary[b]));
      categories.push(seen.map((k) => dictionary[k]));
      encodings.push(all.map((stats) => seen.map((k) => stats.encoding[k])));
      missing.push(all.map((stats) => (stats.counts[dictionary.length] > 0 ? stats.encoding[dictionary.length] : stats.mean)));
      const oof = outOfFold(slot, slots, outputs, fold, step);
      const names = outputs.names(name);
      columns.push({ name, replacement: names.map((out, j) => numberColumn(out, oof[j])) });
    }
    let out = table;
    for (const { name, replacement } of columns) out = replaceColumn(out, name, replacement);
    const fitted: FittedPart = {
      rows: n,
      targetType: outputs.type,
      ...(outputs.classes ? { classes: outputs.classes } : {}),
      mean: outputs.y.map((y) => meanOf(y, outputs.has)),
      categories,
      encodings,
      missing,
    };
    return { fitted, table: out };
  },
  apply(step: Fitted<TargetEncodeStep>, table: Table) {
    const label = stepLabel(step);
    let out = table;
    step.columns.forEach((name, c) => {
      const { codes, categories: dictionary } = categoriesOf(findColumn(out, name, label));
      const position = new Map<string, number>();
      step.fitted.categories[c].forEach((cat, k) => position.set(cat, k));
      const index = dictionary.map((cat) => position.get(cat) ?? -1);
      const replacement = targetEncodeNames(name, step.fitted).map((outName, j) => {
        const enc = step.fitted.encodings[c][j];
        const unseen = step.fitted.mean[j];
        const gap = step.fitted.missing[c][j];
        const values = new Float64Array(codes.length);
        for (let r = 0; r < codes.length; r++) {
          const code = codes[r];
          if (code === MISSING_CODE) values[r] = gap;
          else values[r] = index[code] < 0 ? unseen : enc[index[code]];
        }
        return numberColumn(outName, values);
      });
      out = replaceColumn(out, name, replacement);
    });
    return out;
  },
  schema(step, schema) {
    const fitted = step.fitted;
    // Unfitted, the outputs depend on the target (one per class for three or more): named only once fitted.
    if (!fitted) return { ...mapSchema(schema, (c) => (step.columns.includes(c.name) ? [] : [c])), dynamic: true };
    return mapSchema(schema, (c) => (step.columns.includes(c.name) ? targetEncodeNames(c.name, fitted).map((name) => ({ name, type: 'numeric' as const })) : [c]));
  },
};

interface TargetOutputs {
  type: FittedPart['targetType'];
  classes?: string[];
  /** One target vector per output (the target, or 0/1 per class). */
  y: Float64Array[];
  /** 1 where the row has a target. */
  has: Uint8Array;
  labelled: number;
  /** The class of each row for stratified folds (-1: no target). */
  strata?: Int32Array;
  names(column: string): string[];
}

function targetOutputs(target: TargetValues, label: string): TargetOutputs {
  if (target.numbers) {
    const has = Uint8Array.from(target.numbers, (v) => (Number.isNaN(v) ? 0 : 1));
    return { type: 'continuous', y: [target.numbers], has, labelled: count(has), names: (c) => [c] };
  }
  const codes = target.codes!;
  const has = Uint8Array.from(codes, (c) => (c < 0 ? 0 : 1));
  const present = [...new Set(Array.from(codes).filter((c) => c >= 0))].sort((a, b) => a - b);
  const classes = present.map((c) => target.classes![c]);
  if (classes.length < 2) throw new Error(`${label} needs at least two classes of "${target.name}" in the training rows.`);
  const y = present.map((c) => Float64Array.from(codes, (v) => (v === c ? 1 : 0)));
  if (classes.length === 2) {
    // Binary: the share of the second class, as LabelEncoder numbers the classes.
    return { type: 'binary', classes, y: [y[1]], has, labelled: count(has), strata: codes, names: (c) => [c] };
  }
  return { type: 'multiclass', classes, y, has, labelled: count(has), strata: codes, names: (c) => classes.map((k) => `${c}_${k}`) };
}

function assignFolds(step: TargetEncodeStep, outputs: TargetOutputs): Int32Array {
  const labelledRows: number[] = [];
  outputs.has.forEach((h, i) => h && labelledRows.push(i));
  const fold = new Int32Array(outputs.has.length).fill(-1);
  const within = outputs.strata
    ? stratifiedFolds(Int32Array.from(labelledRows, (i) => outputs.strata![i]), step.folds, step.shuffle, step.seed)
    : kFolds(labelledRows.length, step.folds, step.shuffle, step.seed);
  labelledRows.forEach((row, i) => (fold[row] = within[i]));
  return fold;
}

/** Each row's encoding learned on the other folds (rows without a target: on all rows). */
function outOfFold(slot: Int32Array, slots: number, outputs: TargetOutputs, fold: Int32Array, step: TargetEncodeStep): Float64Array[] {
  const n = slot.length;
  const result = outputs.y.map(() => new Float64Array(n));
  for (let f = -1; f < step.folds; f++) {
    const use = Uint8Array.from(outputs.has, (h, i) => (h && fold[i] !== f ? 1 : 0));
    outputs.y.forEach((y, j) => {
      const stats: EncodingStats = encodeCategories(slot, y, use, slots, step.smooth);
      for (let i = 0; i < n; i++) {
        if (fold[i] !== f) continue;
        const s = slot[i];
        result[j][i] = stats.counts[s] > 0 ? stats.encoding[s] : stats.mean;
      }
    });
  }
  return result;
}

function meanOf(y: Float64Array, has: Uint8Array): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < y.length; i++) if (has[i]) [sum, n] = [sum + y[i], n + 1];
  return sum / n;
}

function count(has: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < has.length; i++) n += has[i];
  return n;
}
