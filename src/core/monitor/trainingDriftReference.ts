/**
 * The drift reference of a trained model: its training rows, with the bundle's own predictions on
 * them (so prediction drift compares like with like, through the same recipe and model code the
 * bundle predicts new data with).
 *
 * The training rows are those of the hold-out fit in trainAndEvaluate, re-derived with the same
 * seeded split; a test checks that both agree. Should they ever not (the row count differs), every
 * row with a target is used instead: a slightly wider picture of the training data, never a crash.
 */
import type { LoadedBundle } from '../bundle/bundleTypes';
import { takeRows, type Table } from '../data/table';
import { encodeTarget } from '../prep/encodeTarget';
import { groupHoldout, rowKeys, timeHoldout, type FoldBy } from '../prep/foldsBy';
import { splitRows } from '../prep/splitRows';
import { buildDriftReference } from './driftReference';
import type { DriftReference } from './driftTypes';

export interface TrainingSplit {
  target: string;
  task: 'classification' | 'regression';
  seed: number;
  /** Default 0.2, as in trainAndEvaluate. */
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
  const fraction = split.testFraction ?? 0.2;
  let positions: Int32Array;
  if (split.foldBy) {
    const keys = rowKeys(table, split.foldBy, encoded.rows);
    positions = (keys.groups ? groupHoldout(keys.groups, fraction, split.seed) : timeHoldout(keys.times!, fraction)).train;
  } else {
    const stratify = encoded.task === 'classification' ? encoded.y : undefined;
    positions = splitRows(encoded.rows.length, { testFraction: fraction, seed: split.seed, stratify }).train;
  }
  return { labelled: encoded.rows, train: Int32Array.from(positions, (i) => encoded.rows[i]) };
}
