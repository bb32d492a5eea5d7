import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../bundle/readBundle';
import { writeBundle } from '../bundle/writeBundle';
import { readCsv } from '../data/readCsv';
import type { Table } from '../data/table';
import { getModel } from '../models/registry';
import { ensureTfBackend } from '../models/tfBackend';
import { trainAndEvaluate } from '../models/trainAndEvaluate';
import { fitRecipe } from '../prep/fitRecipe';
import type { FoldBy } from '../prep/foldsBy';
import { suggestRecipe } from '../prep/suggestRecipe';
import { holdoutTrainingRows, trainingDriftReference } from './trainingDriftReference';

function example(name: string): Table {
  const bytes = new Uint8Array(readFileSync(new URL(`../../../public/examples/${name}.csv`, import.meta.url)));
  return readCsv(bytes, { fileName: `${name}.csv` }).table;
}

beforeAll(() => ensureTfBackend());

const cases: { name: string; data: string; target: string; task: 'classification' | 'regression'; foldBy?: FoldBy }[] = [
  { name: 'stratified classification, rows without a target dropped', data: 'penguins', target: 'Sex', task: 'classification' },
  { name: 'regression', data: 'cars', target: 'Horsepower', task: 'regression' },
  { name: 'hold-out by group', data: 'cars', target: 'Horsepower', task: 'regression', foldBy: { kind: 'group', column: 'Origin' } },
  { name: 'hold-out in time order', data: 'cars', target: 'Horsepower', task: 'regression', foldBy: { kind: 'time', column: 'Year' } },
];

describe('holdoutTrainingRows finds the rows trainAndEvaluate fitted the kept model on', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const table = example(c.data);
      const spec = getModel(c.task === 'classification' ? 'gaussian_naive_bayes' : 'linear_regression');
      const result = await trainAndEvaluate(table, { target: c.target, task: c.task, model: spec.name, seed: 7, foldBy: c.foldBy });
      const split = { target: c.target, task: c.task, seed: 7, foldBy: c.foldBy, trainRows: result.trainRows };
      const { train } = holdoutTrainingRows(table, split);
      expect(train.length).toBe(result.trainRows);
      // The same rows fit the same recipe: means, scales and categories all agree.
      expect(fitRecipe(suggestRecipe(table, c.target, { categories: spec.categoricalEncoding }), table, train)).toEqual(result.recipe);

      const bundle = readBundle(
        writeBundle({ createdAt: '2024-01-01T00:00:00Z', target: c.target, task: c.task, classes: result.classes, recipe: result.recipe, model: result.model, params: result.params, metrics: result.metrics }),
      );
      const reference = trainingDriftReference(bundle, table, split);
      expect(reference.rows).toBe(result.trainRows);
      expect(reference.columns.map((col) => col.name)).toEqual(bundle.meta.inputSchema.map((f) => f.name));
      expect(reference.prediction!.count).toBe(result.trainRows);
    });
  }
});
