/** `train --test T.csv`: the best model's scores on a separate labelled file. */
import type { LoadedBundle } from '../core/bundle/bundleTypes';
import { checkInputColumns } from './bundleIO';
import { cellText, columnIndex, takeRows, type Table } from '../core/data/table';
import { classificationMetrics } from '../core/evaluate/classificationMetrics';
import { regressionMetrics } from '../core/evaluate/regressionMetrics';
import { presentRows } from '../core/prep/encodeTarget';
import type { SupervisedTask } from '../core/prep/chooseTask';
import { CliError } from './cliError';

export interface TestScores {
  rows: number;
  /** Rows left out: no target value, or (classification) a class the model never saw. */
  skipped: number;
  metrics: Record<string, number>;
}

export function scoreTestSet(bundle: LoadedBundle, table: Table, file: string, target: string, task: SupervisedTask): TestScores {
  const t = columnIndex(table, target);
  if (t < 0) throw new CliError(`The test file "${file}" has no column "${target}" to score against.`);
  checkInputColumns(bundle.meta, table, file);
  const column = table.columns[t];
  let rows = Array.from(presentRows(column, table.rowCount));
  const classes = bundle.meta.classes ?? [];
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  if (task === 'classification') rows = rows.filter((r) => classIndex.has(cellText(column, r)));
  if (rows.length === 0) throw new CliError(`The test file "${file}" has no rows with a known value of "${target}" to score.`);
  const subset = takeRows(table, rows);
  const predicted = bundle.predict(subset);
  let metrics: Record<string, number>;
  if (task === 'classification') {
    const yTrue = Int32Array.from(rows, (r) => classIndex.get(cellText(column, r))!);
    if (!predicted.proba) throw new Error('The model gave no class probabilities.');
    metrics = { ...classificationMetrics(yTrue, predicted.proba, classes.length) };
  } else {
    const yTrue = Float64Array.from(rows, (r) => (column.values ? column.values[r] : Number(cellText(column, r))));
    if (yTrue.some((v) => !Number.isFinite(v))) throw new CliError(`The test file "${file}" has a non-numeric value in "${target}".`);
    metrics = { ...regressionMetrics(yTrue, Float64Array.from(predicted.prediction as number[])) };
  }
  return { rows: rows.length, skipped: table.rowCount - rows.length, metrics };
}
