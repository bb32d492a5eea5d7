/**
 * How much memory a training worker needs, estimated before a run so the studio can warn (and
 * train fewer models at once) instead of letting the tab crash. Deliberately simple and on the
 * high side: the table copy each worker holds, the model-ready matrices of the hold-out split, and
 * the binned copy the tree models make.
 */
import type { ColumnType } from '../data/table';
import { DEFAULT_MAX_CATEGORIES } from '../prep/recipe';
import { CV_MAX_ROWS } from './cvMaxRows';

export interface ColumnShape {
  type: ColumnType;
  /** Distinct values of a coded column (its one-hot width). */
  distinct?: number;
}


/** Bytes one training worker needs for `rows` rows of these columns. */
export function trainingBytesPerWorker(rows: number, columns: readonly ColumnShape[]): number {
  let tableBytesPerRow = 0;
  let features = 0;
  for (const c of columns) {
    const coded = c.type === 'categorical' || c.type === 'text' || c.type === 'identifier' || c.type === 'boolean';
    // Float64 values or Uint32 codes, plus the one-byte missing mask.
    tableBytesPerRow += coded ? 5 : 9;
    if (c.type === 'categorical' || c.type === 'boolean') features += Math.min(c.distinct ?? 2, DEFAULT_MAX_CATEGORIES + 1);
    else if (c.type === 'numeric' || c.type === 'datetime') features += 1;
  }
  // Float32 matrices of the training and test rows (all rows), the tree models' bins (one byte
  // each) and their gradients; cross-validation works on at most CV_MAX_ROWS rows at a time.
  const matrixBytes = rows * features * 4 + rows * features + rows * 16;
  const foldBytes = Math.min(rows, CV_MAX_ROWS) * features * 4 * 2;
  return rows * tableBytesPerRow + matrixBytes + foldBytes;
}

export interface MemoryPlan {
  /** Workers that fit (at least 1). */
  workers: number;
  bytesPerWorker: number;
  /** A sentence for the person when the plan is tight, else null. */
  warning: string | null;
}

/**
 * Fits the pool into `availableBytes`: as many workers as cores allow and memory permits; one
 * when even one does not fit, with a warning that the run may fail.
 */
export function planTrainingMemory(rows: number, columns: readonly ColumnShape[], cores: number, availableBytes: number): MemoryPlan {
  const bytesPerWorker = trainingBytesPerWorker(rows, columns);
  const fit = Math.floor(availableBytes / bytesPerWorker);
  const workers = Math.max(1, Math.min(cores, fit));
  const gb = (bytes: number) => (bytes / 1024 ** 3).toFixed(1);
  if (fit < 1) {
    return {
      workers,
      bytesPerWorker,
      warning:
        `Training on ${rows} rows needs about ${gb(bytesPerWorker)} GB, more than this browser can likely spare (about ${gb(availableBytes)} GB): ` +
        'the studio trains one model at a time, but the tab may still run out of memory. A sample of the rows would be safer.',
    };
  }
  if (workers < cores) {
    return {
      workers,
      bytesPerWorker,
      warning: `Training on ${rows} rows needs about ${gb(bytesPerWorker)} GB per model, so the studio trains ${workers === 1 ? 'one model' : `${workers} models`} at a time instead of ${cores} to stay within memory.`,
    };
  }
  return { workers, bytesPerWorker, warning: null };
}
