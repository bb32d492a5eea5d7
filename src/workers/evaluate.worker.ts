/**
 * On-demand analyses of the current model, which need the data and the fitted model together:
 * permutation importance and partial dependence on the held-out rows, one row's explanation,
 * the learning curve (it refits the model, so it can be stopped), metrics by group, and the
 * cells of chosen rows. One worker per page, handed a copy of the table when the model changes.
 */
import * as Comlink from 'comlink';
import { cellText, columnIndex, MISSING_CODE, takeRows, type Table } from '../core/data/table';
import { encodeTarget } from '../core/prep/encodeTarget';
import { holdoutSplit } from '../core/models/holdoutSplit';
import { getModel } from '../core/models/registry';
import type { ModelJSON } from '../core/models/types';
import type { Recipe } from '../core/prep/recipe';
import { unfittedRecipe } from '../core/prep/unfittedRecipe';
import type { FoldBy } from '../core/prep/foldsBy';
import { explainableModel, explainRow, partialDependence, permutationImportance, type ExplainableModel } from '../core/explain';
import { groupMetrics } from '../core/evaluate/groupMetrics';
import { learningCurve } from '../core/evaluate/learningCurve';
import { argmaxClasses } from '../core/evaluate/confusionMatrix';
import { ensureTfBackend } from '../core/models/tfBackend';
import type { TrainedRun } from './trainOutcome';

export interface EvaluationContext {
  run: TrainedRun;
  target: string;
  task: 'classification' | 'regression';
  seed: number;
  foldBy?: FoldBy;
}

interface Loaded {
  context: EvaluationContext;
  table: Table;
  model: ExplainableModel;
  /** The held-out rows (table rows) and their true values, as the model was scored on. */
  holdout: Table;
  yTrue: Array<string | number | null>;
  training: Table;
}

let loaded: Loaded | null = null;
let learning: AbortController | null = null;

function requireLoaded(): Loaded {
  if (!loaded) throw new Error('No model is ready to analyse; train one first.');
  return loaded;
}

const api = {
  setRun(context: EvaluationContext, table: Table): void {
    learning?.abort();
    const { run, target, task } = context;
    const fitted = getModel(run.modelName).fromJSON(run.model as ModelJSON);
    const model = explainableModel({ recipe: run.recipe as Recipe, model: fitted, task, classes: run.classes });
    const encoded = task === 'classification' ? encodeTarget(table, target, 'classification') : encodeTarget(table, target, 'regression');
    const split = holdoutSplit(table, encoded, { seed: context.seed, foldBy: context.foldBy });
    const rows = Int32Array.from(split.test, (i) => encoded.rows[i]);
    const trainRows = Int32Array.from(split.train, (i) => encoded.rows[i]);
    const yTrue = Array.from(split.test, (i) => (encoded.task === 'classification' ? encoded.classes[encoded.y[i]] : encoded.y[i]));
    loaded = { context, table, model, holdout: takeRows(table, rows), yTrue, training: takeRows(table, trainRows) };
  },

  async importance() {
    const { model, holdout, yTrue, context } = requireLoaded();
    return permutationImportance(model.predict, holdout, yTrue, {
      task: context.task,
      classes: context.run.classes,
      seed: context.seed,
      columns: model.meta.recipe.features,
    });
  },

  async dependence(column: string) {
    const { model, training, context } = requireLoaded();
    return partialDependence(model.predict, training, column, { seed: context.seed, classes: context.run.classes });
  },

  /** Why the model predicted what it did for table row `row` (background: a sample of the training rows). */
  async explain(row: number) {
    const { model, table, training, context } = requireLoaded();
    return explainRow(model, table, row, { background: training, seed: context.seed });
  },

  async learningCurve(onProgress: (done: number, total: number) => void) {
    const { table, context } = requireLoaded();
    learning?.abort();
    const controller = new AbortController();
    learning = controller;
    await ensureTfBackend();
    try {
      return await learningCurve(table, {
        target: context.target,
        task: context.task,
        model: context.run.modelName,
        params: context.run.params,
        recipe: unfittedRecipe(context.run.recipe as Recipe),
        seed: context.seed,
        foldBy: context.foldBy,
        signal: controller.signal,
        onProgress: (p) => void onProgress(p.done, p.total),
      });
    } finally {
      if (learning === controller) learning = null;
    }
  },

  stopLearningCurve(): void {
    learning?.abort();
  },

  /** The main metrics per value of `column`, on the held-out rows. */
  fairness(column: string) {
    const { model, holdout, yTrue, context } = requireLoaded();
    const c = columnIndex(holdout, column);
    if (c < 0) throw new Error(`There is no column "${column}".`);
    const col = holdout.columns[c];
    const categories: string[] = [];
    const index = new Map<string, number>();
    const codes = new Uint32Array(holdout.rowCount);
    for (let r = 0; r < holdout.rowCount; r++) {
      if (col.missing[r]) {
        codes[r] = MISSING_CODE;
        continue;
      }
      const text = cellText(col, r);
      let code = index.get(text);
      if (code === undefined) index.set(text, (code = categories.push(text) - 1));
      codes[r] = code;
    }
    const result = model.predict(holdout);
    if (context.task === 'classification') {
      const classes = context.run.classes ?? [];
      const truth = Int32Array.from(yTrue, (y) => classes.indexOf(String(y)));
      const predicted = result.proba ? argmaxClasses(result.proba, holdout.rowCount, classes.length) : Int32Array.from(result.prediction, (p) => classes.indexOf(String(p)));
      return groupMetrics(truth, predicted, result.proba, { codes, categories });
    }
    return groupMetrics(Float64Array.from(yTrue, Number), Float64Array.from(result.prediction, Number), undefined, { codes, categories });
  },

  /** Display text of table rows, every column: for the error analysis table. */
  cells(rows: number[]): { header: string[]; rows: string[][] } {
    const { table } = requireLoaded();
    return { header: table.columns.map((c) => c.name), rows: rows.map((r) => table.columns.map((c) => cellText(c, r))) };
  },
};

export type EvaluateApi = typeof api;
Comlink.expose(api);
