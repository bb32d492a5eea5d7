/**
 * The hold-out split trainAndEvaluate fits the kept model on. It lives in its own small file so
 * code that needs the same rows again (the drift reference of the training rows) shares the one
 * rule instead of copying it, without importing every model.
 */
import type { Table } from '../data/table';
import type { ClassificationTarget, RegressionTarget } from '../prep/encodeTarget';
import { groupHoldout, rowKeys, timeHoldout, type FoldBy } from '../prep/foldsBy';
import { splitRows, type RowSplit } from '../prep/splitRows';

export const DEFAULT_TEST_FRACTION = 0.2;

export interface HoldoutOptions {
  seed: number;
  /** Default DEFAULT_TEST_FRACTION. */
  testFraction?: number;
  foldBy?: FoldBy;
}

/**
 * Positions into `encoded.rows` (the rows with a target): shuffled with the seed and stratified
 * for classification, or whole groups, or the latest rows held out.
 */
export function holdoutSplit(table: Table, encoded: ClassificationTarget | RegressionTarget, options: HoldoutOptions): RowSplit {
  const fraction = options.testFraction ?? DEFAULT_TEST_FRACTION;
  const by = options.foldBy;
  if (!by) {
    const stratify = encoded.task === 'classification' ? encoded.y : undefined;
    return splitRows(encoded.rows.length, { testFraction: fraction, seed: options.seed, stratify });
  }
  const keys = rowKeys(table, by, encoded.rows);
  return keys.groups ? groupHoldout(keys.groups, fraction, options.seed) : timeHoldout(keys.times!, fraction);
}
