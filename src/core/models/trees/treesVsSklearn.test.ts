/**
 * Our tree models against scikit-learn 1.2.1 on the same 5 cross-validation folds of three
 * bundled data sets. Fixture:
 *   /usr/bin/python3 tests/fixtures/trees/make_tree_fixtures.py
 * Every model runs with its defaults (scikit-learn's, which ours copy) on the full 5 folds.
 * Gradient boosting must be within 0.01 accuracy / 0.02 R^2 of HistGradientBoosting or
 * better. The forests are random in both libraries with different generators, and the
 * decision tree is one high-variance tree, so they get wider margins.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getModel } from '../registry';

interface Dataset {
  name: string;
  task: 'classification' | 'regression';
  classes: number | null;
  X: number[][];
  y: number[];
  fold: number[];
  scores: Record<string, { folds: number[]; mean: number }>;
}

const fixture = JSON.parse(readFileSync(new URL('../../../../tests/fixtures/trees/tree_cv.json', import.meta.url), 'utf8')) as {
  folds: number;
  datasets: Dataset[];
};

/** Allowed shortfall against scikit-learn, [accuracy, R^2]. */
const MARGIN: Record<string, [number, number]> = {
  hist_gradient_boosting: [0.01, 0.02],
  random_forest: [0.02, 0.03],
  extra_trees: [0.02, 0.03],
  decision_tree: [0.03, 0.1],
};

async function crossValidate(ds: Dataset, model: string): Promise<number[]> {
  const spec = getModel(model);
  const cols = ds.X[0].length;
  const classification = ds.task === 'classification';
  const scores: number[] = [];
  for (let f = 0; f < fixture.folds; f++) {
    const train = ds.y.map((_, i) => i).filter((i) => ds.fold[i] !== f);
    const test = ds.y.map((_, i) => i).filter((i) => ds.fold[i] === f);
    const X = Float32Array.from(train.flatMap((i) => ds.X[i]));
    const y = classification ? Int32Array.from(train, (i) => ds.y[i]) : Float64Array.from(train, (i) => ds.y[i]);
    const shape = { rows: train.length, cols, classes: classification ? ds.classes! : undefined };
    const fitted = await spec.fit(X, y, shape, spec.defaults, { seed: 0 });
    const pred = fitted.predict(Float32Array.from(test.flatMap((i) => ds.X[i])), test.length, cols);
    const truth = test.map((i) => ds.y[i]);
    if (classification) {
      scores.push(truth.filter((t, i) => t === pred[i]).length / truth.length);
    } else {
      const mean = truth.reduce((a, b) => a + b, 0) / truth.length;
      const residual = truth.reduce((a, t, i) => a + (t - pred[i]) ** 2, 0);
      const total = truth.reduce((a, t) => a + (t - mean) ** 2, 0);
      scores.push(1 - residual / total);
    }
  }
  return scores;
}

describe.each(fixture.datasets)('$name ($task), 5-fold CV against scikit-learn', (ds) => {
  it.each(Object.keys(MARGIN))('%s', async (model) => {
    const ours = await crossValidate(ds, model);
    const mean = ours.reduce((a, b) => a + b, 0) / ours.length;
    const reference = ds.scores[model].mean;
    const margin = MARGIN[model][ds.task === 'classification' ? 0 : 1];
    expect(mean, `${model} on ${ds.name}: ours ${mean.toFixed(4)}, scikit-learn ${reference.toFixed(4)}`).toBeGreaterThanOrEqual(reference - margin);
  });
});
