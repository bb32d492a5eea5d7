/**
 * Compares new data (and the model's predictions on it) with the drift reference of the training
 * data: per input column PSI, a KS test (numbers, datetimes, booleans) or chi-square test
 * (categories), the change in missing share and unseen categories, each judged stable, warning or
 * drift by DRIFT_THRESHOLDS; then the same for the predictions and an overall verdict.
 */
import type { BundlePrediction } from '../bundle/bundleTypes';
import { columnIndex, type Table } from '../data/table';
import { absentColumn, compareColumn } from './compareColumn';
import { DRIFT_THRESHOLDS } from './driftThresholds';
import {
  DRIFT_REPORT_FORMAT,
  DRIFT_REPORT_VERSION,
  type ColumnDrift,
  type ColumnReference,
  type DriftReference,
  type DriftReport,
} from './driftTypes';
import { judgeColumn } from './judgeColumn';
import { predictionColumn } from './predictionColumn';
import { summariseDrift } from './summariseDrift';

export function compareDrift(reference: DriftReference, table: Table, predictions?: BundlePrediction): DriftReport {
  if (table.rowCount === 0) throw new Error('The new data has no rows to compare with the training data.');
  const thresholds = { ...DRIFT_THRESHOLDS };
  const columns = reference.columns.map((ref): ColumnDrift => {
    const i = columnIndex(table, ref.name);
    const measured = i < 0 ? absentColumn(ref) : compareColumn(ref, table.columns[i], table.rowCount);
    return judgeColumn(measured, thresholds, { unseenCounts: listsEveryCategory(ref) });
  });
  let prediction: ColumnDrift | null = null;
  if (predictions && reference.prediction) {
    if (predictions.prediction.length !== table.rowCount) {
      throw new Error(`There are ${predictions.prediction.length} predictions for ${table.rowCount} rows of new data.`);
    }
    const { column } = predictionColumn(predictions);
    // A class the model never predicted in training is not "unseen" data, so that rule is off here.
    prediction = judgeColumn(compareColumn(reference.prediction, column, table.rowCount), thresholds, { unseenCounts: false });
  }
  return {
    format: DRIFT_REPORT_FORMAT,
    version: DRIFT_REPORT_VERSION,
    reference: { rows: reference.rows },
    current: { rows: table.rowCount },
    thresholds,
    summary: summariseDrift(columns, prediction),
    columns,
    prediction,
  };
}

/** With an "other" count, a category missing from the list may just have been rare, not new. */
function listsEveryCategory(ref: ColumnReference): boolean {
  return ref.kind === 'categorical' && ref.other === 0;
}
