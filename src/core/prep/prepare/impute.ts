/**
 * impute (prepare): fills missing values with the training mean, median or most frequent value, or
 * a constant, as scikit-learn's SimpleImputer (most frequent ties go to the smallest value). With
 * `indicator`, `<column>_missing` (1 where the value was missing) is added after each column first,
 * whether or not training had gaps, so the columns never depend on the data.
 */
import type { Column } from '../../data/table';
import { compareText } from '../compareText';
import type { PrepImputeStep } from '../prepareSteps';
import { countMissingValues, median, moments } from './columnStats';
import { insertSchema, fitThenApply, stepLabel, type PrepareStepImpl, type Schema } from './prepareStepImpl';
import { codedColumn, findColumn, insertColumns, numberColumn, numbersOf, replaceColumn } from './tableColumns';

export function indicatorName(column: string): string {
  return `${column}_missing`;
}

export const impute: PrepareStepImpl<PrepImputeStep> = {
  fit(step, input) {
    const label = stepLabel(step);
    const fill: Array<number | string | null> = [];
    const missing: number[] = [];
    for (const name of step.columns) {
      const column = findColumn(input.table, name, label);
      let gaps = 0;
      for (let i = 0; i < column.missing.length; i++) gaps += column.missing[i];
      missing.push(gaps);
      fill.push(learnFill(step, column, label));
    }
    return fitThenApply(impute, step, input, { rows: input.table.rowCount, fill, missing });
  },
  apply(step, table) {
    const label = stepLabel(step);
    let out = table;
    step.columns.forEach((name, c) => {
      const column = findColumn(out, name, label);
      if (step.indicator) {
        const flags = new Float64Array(column.missing.length);
        for (let i = 0; i < flags.length; i++) flags[i] = column.missing[i];
        out = insertColumns(out, name, [numberColumn(indicatorName(name), flags)], label);
      }
      const fill = step.fitted.fill[c];
      if (fill !== null) out = replaceColumn(out, name, [filled(column, fill, label)]);
    });
    return out;
  },
  schema(step, schema) {
    let out: Schema = schema;
    if (step.indicator) for (const name of step.columns) out = insertSchema(out, name, [{ name: indicatorName(name), type: 'numeric' }]);
    return out;
  },
};

function learnFill(step: PrepImputeStep, column: Column, label: string): number | string | null {
  if (step.strategy === 'constant') {
    if (step.value === undefined) throw new Error(`${label} fills "${column.name}" with a constant but gives no value.`);
    if (!column.values) return String(step.value);
    // A form may hand the number over as text ("0").
    const value = typeof step.value === 'number' ? step.value : step.value.trim() === '' ? NaN : Number(step.value);
    if (!Number.isFinite(value)) throw new Error(`${label} fills the numeric column "${column.name}" with ${JSON.stringify(step.value)}, which is not a number.`);
    return value;
  }
  if (step.strategy === 'mostFrequent') return column.values ? mostFrequentNumber(column.values) : mostFrequentText(column);
  const values = numbersOf(column, label);
  const v = step.strategy === 'mean' ? moments(values).mean : median(values);
  return Number.isNaN(v) ? null : v;
}

function mostFrequentNumber(values: Float64Array): number | null {
  if (countMissingValues(values) === values.length) return null;
  const counts = new Map<number, number>();
  for (const v of values) if (!Number.isNaN(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = NaN;
  let bestCount = 0;
  for (const [v, n] of counts) if (n > bestCount || (n === bestCount && v < best)) [best, bestCount] = [v, n];
  return best;
}

function mostFrequentText(column: Column): string | null {
  const categories = column.categories!;
  const counts = new Float64Array(categories.length);
  const codes = column.codes!;
  for (let i = 0; i < codes.length; i++) if (!column.missing[i]) counts[codes[i]]++;
  let best: string | null = null;
  let bestCount = 0;
  categories.forEach((cat, k) => {
    const n = counts[k];
    if (n > bestCount || (n === bestCount && n > 0 && best !== null && compareText(cat, best) < 0)) [best, bestCount] = [cat, n];
  });
  return best;
}

function filled(column: Column, fill: number | string, label: string): Column {
  if (column.values) {
    if (typeof fill !== 'number') throw new Error(`${label} has a text fill value for the numeric column "${column.name}".`);
    const values = Float64Array.from(column.values);
    for (let i = 0; i < values.length; i++) if (column.missing[i]) values[i] = fill;
    return { ...numberColumn(column.name, values, column.type), inferredType: column.inferredType };
  }
  const text = String(fill);
  let categories = column.categories!;
  let code = categories.indexOf(text);
  if (code < 0) {
    // The table's dictionary is shared; extend a copy.
    categories = [...categories, text];
    code = categories.length - 1;
  }
  const codes = Uint32Array.from(column.codes!);
  for (let i = 0; i < codes.length; i++) if (column.missing[i]) codes[i] = code;
  return codedColumn(column.name, codes, categories, column.type);
}
