/**
 * The drift reference of a model's training data: per input column its row and missing counts,
 * decile bins for PSI and a distribution sketch for the KS test (numbers, datetimes, booleans) or
 * the counts of its 200 most frequent categories (categories, text); plus the same summary of the
 * model's predictions on those rows. It is stored in bundle.json as "drift" and read back with
 * parseDriftReference.
 *
 * Size: the KS sketch keeps up to 1,000 points per column, fewer when there are more than 30
 * columns (30,000 points in all, at least 100 per column), and category texts are capped at
 * 300,000 characters in all (at least 2,000 per column), so 100 columns take a few hundred KB.
 */
import type { BundlePrediction, InputField } from '../bundle/bundleTypes';
import { columnIndex, type Table } from '../data/table';
import { DRIFT_REFERENCE_VERSION, PREDICTION_NAME, type ColumnReference, type DriftReference } from './driftTypes';
import { predictionColumn } from './predictionColumn';
import { MAX_CATEGORIES, summariseColumn, type SummaryLimits } from './summariseColumn';

export const MAX_POINTS = 1000;
export const MIN_POINTS = 100;
const POINT_BUDGET = 30_000;
const CATEGORY_TEXT_BUDGET = 300_000;
const MIN_CATEGORY_TEXT = 2_000;

export function buildDriftReference(table: Table, inputSchema: InputField[], predictions?: BundlePrediction): DriftReference {
  const limits = summaryLimits(inputSchema.length + (predictions ? 1 : 0));
  const columns = inputSchema.map((field): ColumnReference => {
    const i = columnIndex(table, field.name);
    if (i < 0) throw new Error(`The training data has no column "${field.name}" to summarise for drift checks.`);
    return summariseColumn(field.name, table.columns[i], table.rowCount, field.type, limits);
  });
  const reference: DriftReference = { version: DRIFT_REFERENCE_VERSION, rows: table.rowCount, columns };
  if (predictions) {
    if (predictions.prediction.length !== table.rowCount) {
      throw new Error(`There are ${predictions.prediction.length} predictions for ${table.rowCount} training rows.`);
    }
    const { column, type } = predictionColumn(predictions);
    const summary = summariseColumn(PREDICTION_NAME, column, table.rowCount, type, limits);
    // Classes never predicted on the training rows are still listed, so a new one is not "unseen".
    if (summary.kind === 'categorical') {
      for (const name of predictions.classes ?? []) {
        if (summary.categories.length < MAX_CATEGORIES && !summary.categories.includes(name)) {
          summary.categories.push(name);
          summary.counts.push(0);
        }
      }
    }
    reference.prediction = summary;
  }
  return reference;
}

function summaryLimits(columns: number): SummaryLimits {
  const n = Math.max(1, columns);
  return {
    points: Math.min(MAX_POINTS, Math.max(MIN_POINTS, Math.floor(POINT_BUDGET / n))),
    categoryText: Math.max(MIN_CATEGORY_TEXT, Math.floor(CATEGORY_TEXT_BUDGET / n)),
  };
}
