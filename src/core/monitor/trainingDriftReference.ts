/**
 * The drift reference of a trained model: its training rows, with the bundle's own predictions on
 * them (so prediction drift compares like with like, through the same recipe and model code the
 * bundle predicts new data with).
 *
 * The training rows are those of the hold-out fit in trainAndEvaluate, found again with the split
 * it exports (holdoutSplit); a test checks that both agree. Should they ever not (the row count
 * differs, e.g. the table is not the one trained on), every row with a target is used instead: a
 * slightly wider picture of the training data, never a crash.
 */
import type { LoadedBundle } from '../bundle/bundleTypes';
import { takeRows, type Table } from '../data/table';
import { encodeTarget } from '../prep/encodeTarget';
import type { FoldBy } from '../prep/foldsBy';
// holdoutSplit's own file, not trainAndEvaluate: the monitor should not pull in every model.
import { holdoutSplit } from '../models/holdoutSplit';
import { buildDriftReference } from './driftReference';
import type { DriftReference } from './driftTypes';

export interface TrainingSplit {
  target: string;
  task: 'classification' | 'regression';
  seed: number;
  /** Default DEFAULT_TEST_FRACTION, as in trainAndEvaluate. */
  testFraction?: number;
  foldBy?: FoldBy;
  /** TrainResult.trainRows: how many rows the model was fitted on. */
  trainRows: number;
}

export function trainingDriftReference(bundle: LoadedBundle, table: Table, split: TrainingSplit): DriftReference {
  const { labelled, train } = holdoutTrainingRows(table, split);
  const rows = train.length === split.trainRows ? train : labelled;
  const trainTable = takeRows(table, rows);
  return buildDriftReference(trainTable, bundle.meta.inputSchema, bundle.predict(trainTable));
}

/** Table rows of the hold-out fit's training side, and every row with a target. */
export function holdoutTrainingRows(table: Table, split: TrainingSplit): { labelled: Int32Array; train: Int32Array } {
  const encoded = encodeTarget(table, split.target, split.task);
  const { train } = holdoutSplit(table, encoded, split);
  return { labelled: encoded.rows, train: Int32Array.from(train, (i) => encoded.rows[i]) };
}
