import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableFromColumns, type CellValue } from '../prep/tableFromColumns';
import { createRng } from '../random';
import { getModel, listModels, modelsForAutoML } from './registry';
import { ensureTfBackend } from './tfBackend';
import { trainAndEvaluate, validateTrainingSetup } from './trainAndEvaluate';

beforeAll(async () => {
  await ensureTfBackend();
});

/** 300 rows: a numeric and a categorical input drive a class label and a price. */
function shop(seed = 1) {
  const rng = createRng(seed);
  const size: CellValue[] = [];
  const color: CellValue[] = [];
  const label: CellValue[] = [];
  const price: CellValue[] = [];
  const id: CellValue[] = [];
  for (let i = 0; i < 300; i++) {
    const s = rng.normal() * 2 + 5;
    const c = ['red', 'green', 'blue'][rng.int(3)];
    const bump = c === 'red' ? 2 : c === 'green' ? -2 : 0;
    size.push(i % 37 === 0 ? null : s);
    color.push(c);
    label.push(s + bump > 5 ? 'big' : 'small');
    price.push(10 * s + 5 * bump + rng.normal() * 0.1);
    id.push(`row-${i}`);
  }
  label[7] = null;
  return tableFromColumns([
    { name: 'id', type: 'identifier', values: id },
    { name: 'size', type: 'numeric', values: size },
    { name: 'color', type: 'categorical', values: color },
    { name: 'label', type: 'categorical', values: label },
    { name: 'price', type: 'numeric', values: price },
  ]);
}

describe('registry', () => {
  it('lists models by task and finds them by name', () => {
    const trees = ['hist_gradient_boosting', 'random_forest', 'extra_trees', 'decision_tree'];
    expect(listModels('classification').map((m) => m.name)).toEqual([
      'logistic_regression',
      ...trees,
      'k_nearest_neighbors',
      'gaussian_naive_bayes',
      'categorical_naive_bayes',
      'linear_svm',
      'neural_network',
    ]);
    expect(listModels('regression').map((m) => m.name)).toEqual(['linear_regression', 'ridge', 'lasso', 'elastic_net', ...trees, 'k_nearest_neighbors', 'neural_network']);
    expect(getModel('linear_regression').label).toBe('Linear regression');
    expect(() => getModel('evil')).toThrow(/^There is no model named "evil"; known models: logistic_regression, linear_regression, ridge, /);
  });

  it('leaves the models that are too slow for the data out of AutoML, with the reason', () => {
    expect(modelsForAutoML('classification', 1000).leftOut.map((m) => m.name)).toEqual(['neural_network']);
    const big = modelsForAutoML('classification', 1_000_000);
    expect(big.leftOut.map((m) => m.name)).toEqual(['k_nearest_neighbors', 'neural_network']);
    expect(big.leftOut[0]).toEqual({ name: 'k_nearest_neighbors', label: 'k-nearest neighbours', reason: 'it is too slow above 100000 rows' });
    expect(big.models.map((m) => m.name)).not.toContain('k_nearest_neighbors');
  });
});

describe('trainAndEvaluate', () => {
  it('classification: drops the missing target, splits 80/20 and scores the test rows', async () => {
    const before = tf.memory().numTensors;
    const result = await trainAndEvaluate(shop(), { target: 'label', task: 'classification', seed: 3 });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.trainRows + result.testRows).toBe(299);
    expect(result.testRows).toBe(60);
    expect(result.classes).toEqual(['big', 'small']);
    expect(result.featureNames).toEqual(['size', 'color=blue', 'color=green', 'color=red', 'price']);
    expect(result.metrics.accuracy).toBeGreaterThan(0.9);
    expect(Object.keys(result.metrics).sort()).toEqual(
      ['accuracy', 'balanced_accuracy', 'f1_macro', 'log_loss', 'precision_macro', 'recall_macro', 'roc_auc'],
    );
    expect(result.curve.length).toBeGreaterThan(0);
    expect(result.recipe.steps.every((s) => s.fitted)).toBe(true);
    expect(result.modelName).toBe('logistic_regression');
  });

  it('regression with a user recipe; the same seed gives the same metrics', async () => {
    const options = {
      target: 'price',
      task: 'regression' as const,
      seed: 5,
      recipe: {
        version: 1 as const,
        target: 'price',
        features: ['size', 'color'],
        steps: [
          { kind: 'impute' as const, columns: ['size', 'color'] },
          { kind: 'oneHot' as const, columns: ['color'] },
        ],
      },
    };
    const a = await trainAndEvaluate(shop(), options);
    const b = await trainAndEvaluate(shop(), options);
    expect(a.metrics).toEqual(b.metrics);
    expect(a.metrics.r2).toBeGreaterThan(0.9);
    expect(a.classes).toBeUndefined();
    expect(a.featureNames).toEqual(['size', 'color=blue', 'color=green', 'color=red']);
  });

  it('refuses a bad setup with the validation sentences, and stops on abort', async () => {
    await expect(trainAndEvaluate(shop(), { target: 'color', task: 'regression', seed: 1 })).rejects.toThrow(
      'The target "color" must be numeric for regression, but row 1 holds',
    );
    const controller = new AbortController();
    controller.abort();
    await expect(trainAndEvaluate(shop(), { target: 'label', task: 'classification', seed: 1, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('validateTrainingSetup', () => {
  const col = (name: string, type: 'numeric' | 'categorical' | 'identifier', values: CellValue[]) => ({ name, type, values });
  const xs = Array.from({ length: 12 }, (_, i) => i);

  it('passes a sound setup', () => {
    expect(validateTrainingSetup(shop(), 'label', 'classification')).toEqual([]);
    expect(validateTrainingSetup(shop(), 'price', 'regression')).toEqual([]);
  });

  it('names each problem in one sentence', () => {
    const one = tableFromColumns([col('x', 'numeric', xs), col('y', 'categorical', xs.map(() => 'yes'))]);
    expect(validateTrainingSetup(one, 'y', 'classification')).toEqual([
      'The target "y" has only one class ("yes"); a classifier needs at least two.',
    ]);
    const many = tableFromColumns([col('x', 'numeric', Array.from({ length: 150 }, (_, i) => i)), col('y', 'numeric', Array.from({ length: 150 }, (_, i) => i / 7))]);
    expect(validateTrainingSetup(many, 'y', 'classification')[0]).toMatch(/has more than 100 distinct values/);
    const few = tableFromColumns([col('x', 'numeric', [1, 2, 3]), col('y', 'categorical', ['a', 'b', null])]);
    expect(validateTrainingSetup(few, 'y', 'classification')).toEqual(['Only 2 rows have a value in "y"; training needs at least 10.']);
    const text = tableFromColumns([col('x', 'numeric', xs), col('y', 'categorical', xs.map((i) => (i === 4 ? 'n/a?' : String(i))))]);
    expect(validateTrainingSetup(text, 'y', 'regression')).toEqual(['The target "y" must be numeric for regression, but row 5 holds "n/a?".']);
    const noInputs = tableFromColumns([col('id', 'identifier', xs.map((i) => `r${i}`)), col('y', 'numeric', xs)]);
    expect(validateTrainingSetup(noInputs, 'y', 'regression')).toEqual([
      'No column can be used as an input to predict "y": "id" (an identifier: its values are unique per row and do not generalise).',
    ]);
    expect(validateTrainingSetup(noInputs, 'nope', 'regression')).toEqual(['There is no column "nope" to predict.']);
    const infinite = tableFromColumns([col('x', 'numeric', xs.map((i) => (i === 3 ? Infinity : i))), col('y', 'numeric', xs.map((i) => (i === 6 ? -Infinity : i)))]);
    expect(validateTrainingSetup(infinite, 'y', 'regression')).toEqual([
      'The column "y" holds an infinite value in row 7; replace it with a number or leave the cell empty.',
      'The column "x" holds an infinite value in row 4; replace it with a number or leave the cell empty.',
    ]);
  });
});
