/**
 * The standalone predictor: load a model bundle and predict for plain row objects, in a web page
 * or in Node, without the studio. Loading validates the whole bundle (readBundle); predicting
 * checks every row against the bundle's input schema (rowsToTable) before the fitted recipe and
 * the model run. Neither step needs TensorFlow.js: neural networks are scored with plain loops.
 */
import type { BundleMeta, InputField } from '../core/bundle/bundleTypes';
import { conformTable, findUnfillableCell, RowValidationError, rowsToTable } from '../core/bundle/conformTable';
import { readBundle } from '../core/bundle/readBundle';
import { bundleFiles, type BundleSource } from './bundleSource';

export interface LoadOptions {
  /** How the .zip is named in error messages (default "bundle.zip"). */
  fileName?: string;
}

export interface Prediction {
  /** The class name (classification), the value (regression) or the cluster number (clustering). */
  prediction: string | number;
  /** Classifiers that give probabilities: one per class, in the order of `classes`. */
  probabilities?: number[];
}

export interface Predictor {
  /** bundle.json, validated: target, task, classes, recipe, model kind, params and metrics. */
  meta: BundleMeta;
  /** The fields each row may have (name, type and, for categories, the known values). */
  inputSchema: InputField[];
  /** Classifiers: the class names, in the order of each prediction's `probabilities`. */
  classes?: string[];
  /**
   * One prediction per row, in order. A field left out or null is missing (filled in as the
   * recipe was fitted to); a value of the wrong type throws a RowValidationError naming the row
   * and the field. Categories the model never saw are treated as unknown.
   */
  predict(rows: ReadonlyArray<Readonly<Record<string, unknown>>>): Prediction[];
}

export function loadBundle(source: BundleSource, options: LoadOptions = {}): Predictor {
  const bundle = readBundle(bundleFiles(source, options.fileName ?? 'bundle.zip'));
  const { meta } = bundle;
  const predict = (rows: ReadonlyArray<Readonly<Record<string, unknown>>>): Prediction[] => {
    const { table } = conformTable(meta, rowsToTable(meta, rows), { rowLabel: (row) => `rows[${row}]`, source: 'the rows' });
    const unfillable = findUnfillableCell(meta, table);
    if (unfillable) {
      const { row, column } = unfillable;
      throw new RowValidationError(`rows[${row}] has no value for ${JSON.stringify(column)}, which the model cannot fill in.`, row, column);
    }
    const out = bundle.predict(table);
    const k = out.proba && out.classes ? out.classes.length : 0;
    return out.prediction.map((prediction, r) =>
      k > 0 ? { prediction, probabilities: Array.from(out.proba!.subarray(r * k, (r + 1) * k)) } : { prediction },
    );
  };
  return {
    meta,
    inputSchema: meta.inputSchema.map((field) => ({ ...field, ...(field.categories ? { categories: field.categories.slice() } : {}) })),
    ...(meta.classes ? { classes: meta.classes.slice() } : {}),
    predict,
  };
}
