/**
 * Fits the prepare steps in order on the training rows: each step learns from the training rows as
 * the steps before it left them, then transforms them for the next. Nothing outside `trainRows` is
 * read, so validation and test rows cannot leak into any fitted number. Row-removing steps
 * (dropDuplicates, dropMissingRows, outliers with remove) shrink the training rows here and only here.
 */
import { cellText, columnIndex, type Table } from '../data/table';
import { compareText } from './compareText';
import { prepareImpl } from './prepare/prepareImpls';
import type { TargetValues } from './prepare/prepareStepImpl';
import { pickRows } from './prepare/tableColumns';
import type { PrepareStep } from './prepareSteps';

export interface FitPrepareOptions {
  /** The target column: left out of the transformed table, its values given to supervised steps. */
  target?: string;
}

export interface FitPrepareResult {
  /** Copies of the steps with `fitted` filled in (disabled steps copied unchanged). */
  steps: PrepareStep[];
  /** The kept training rows transformed; row i is table row keptTrainRows[i]. */
  table: Table;
  /** The table rows that survived the row-removing steps, in trainRows order. */
  keptTrainRows: Int32Array;
}

export function fitPrepare(steps: readonly PrepareStep[], table: Table, trainRows: ArrayLike<number>, options: FitPrepareOptions = {}): FitPrepareResult {
  if (trainRows.length === 0) throw new Error('The prepare steps cannot be fitted on zero training rows.');
  const targetIndex = options.target === undefined ? -1 : columnIndex(table, options.target);
  const inputs: Table = { rowCount: table.rowCount, columns: table.columns.filter((_, i) => i !== targetIndex) };
  let current = pickRows(inputs, trainRows);
  let kept = Int32Array.from(trainRows);
  let target = targetIndex < 0 ? undefined : targetValues(table, targetIndex, kept);
  const fitted = steps.map((step, s): PrepareStep => {
    // A copy, so the caller's unfitted steps stay as they were (the UI may still be editing them).
    const copy = JSON.parse(JSON.stringify(step)) as PrepareStep;
    if (!copy.enabled) return { ...copy, fitted: undefined } as PrepareStep;
    const result = withStepNumber(s, () => prepareImpl(copy).fit(copy, { table: current, target }));
    current = result.table;
    if (result.keep) {
      const keep = result.keep;
      kept = kept.filter((_, i) => keep[i] === 1);
      if (target) target = targetValues(table, targetIndex, kept);
      if (kept.length === 0) throw new Error(`The ${copy.kind} step (step ${s + 1}) removed every training row.`);
    }
    return { ...copy, fitted: result.fitted } as PrepareStep;
  });
  return { steps: fitted, table: current, keptTrainRows: kept };
}

/** Runs `work`, numbering the step in its message ("The scale step" -> "The scale step (step 3)"). */
export function withStepNumber<T>(s: number, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof Error) {
      error.message = error.message.replace(/^The (\w+) step(?! \(step)/, `The $1 step (step ${s + 1})`);
    }
    throw error;
  }
}

/** The target of `rows`: numbers for a numeric column, else class indexes into its sorted texts. */
export function targetValues(table: Table, index: number, rows: ArrayLike<number>): TargetValues {
  const column = table.columns[index];
  if (column.type === 'numeric') {
    const numbers = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) numbers[i] = column.missing[rows[i]] ? NaN : column.values![rows[i]];
    return { name: column.name, numbers };
  }
  const texts = Array.from({ length: rows.length }, (_, i) => (column.missing[rows[i]] ? null : cellText(column, rows[i])));
  const classes = [...new Set(texts.filter((t): t is string => t !== null))].sort(compareText);
  const position = new Map(classes.map((c, k) => [c, k]));
  const codes = Int32Array.from(texts, (t) => (t === null ? -1 : position.get(t)!));
  return { name: column.name, codes, classes };
}
