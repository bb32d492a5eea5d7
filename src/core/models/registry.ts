/**
 * The model registry: every model kind, looked up by name. Adding a model means adding it to
 * this list; nothing else in the studio switches on model names.
 */
import { linearRegression } from './linearRegression';
import { logisticRegression } from './logisticRegression';
import { categoricalNaiveBayes } from './categoricalNaiveBayes';
import { elasticNetRegression } from './elasticNetRegression';
import { gaussianNaiveBayes } from './gaussianNaiveBayes';
import { kMeans } from './kMeans';
import { kNearestNeighbors } from './kNearestNeighbors';
import { lassoRegression } from './lassoRegression';
import { linearSvm } from './linearSvm';
import { neuralNetwork } from './neuralNetwork';
import { decisionTree } from './trees/decisionTree';
import { extraTrees } from './trees/extraTrees';
import { histGradientBoosting } from './trees/histGradientBoosting';
import { ridgeRegression } from './ridgeRegression';
import { randomForest } from './trees/randomForest';
import type { ModelParams, ModelSpec, Task } from './types';

// The first model listed for a task is its default, so the linear models stay first. AutoML trains
// them in this order and breaks ties in it.
const MODELS: readonly ModelSpec[] = [
  logisticRegression,
  linearRegression,
  ridgeRegression,
  lassoRegression,
  elasticNetRegression,
  histGradientBoosting,
  randomForest,
  extraTrees,
  decisionTree,
  kNearestNeighbors,
  gaussianNaiveBayes,
  categoricalNaiveBayes,
  linearSvm,
  neuralNetwork,
  kMeans,
];

/** The model named `name`, or undefined (for callers that word their own message). */
export function findModel(name: string): ModelSpec<ModelParams> | undefined {
  return MODELS.find((m) => m.name === name);
}

export function getModel(name: string): ModelSpec<ModelParams> {
  const spec = findModel(name);
  if (!spec) throw new Error(`There is no model named "${name}"; known models: ${modelNames().join(', ')}.`);
  return spec;
}

/** Models for a task, in the order they are offered (the first is the default). */
export function listModels(task: Task): ModelSpec<ModelParams>[] {
  return MODELS.filter((m) => m.tasks.includes(task));
}

export function modelNames(): string[] {
  return MODELS.map((m) => m.name);
}

/**
 * The order AutoML trains in: quick, strong models first, so that a time budget that runs out
 * leaves the best of them on the leaderboard; TensorFlow.js models, slowest on a CPU, last.
 */
const AUTO_ORDER = [
  'hist_gradient_boosting',
  'random_forest',
  'extra_trees',
  'decision_tree',
  'gaussian_naive_bayes',
  'categorical_naive_bayes',
  'ridge',
  'lasso',
  'elastic_net',
  'k_nearest_neighbors',
  'linear_svm',
  'logistic_regression',
  'linear_regression',
  'neural_network',
  'k_means',
];

/** The models AutoML trains for a task on `rows` rows, in AutoML's order, and those it leaves out with the reason. */
export function modelsForAutoML(task: Task, rows: number): { models: ModelSpec<ModelParams>[]; leftOut: { name: string; label: string; reason: string }[] } {
  const models: ModelSpec<ModelParams>[] = [];
  const leftOut: { name: string; label: string; reason: string }[] = [];
  const rank = (spec: ModelSpec<ModelParams>) => {
    const i = AUTO_ORDER.indexOf(spec.name);
    return i < 0 ? AUTO_ORDER.length : i;
  };
  for (const spec of [...listModels(task)].sort((a, b) => rank(a) - rank(b))) {
    if (spec.notInAutoML) {
      leftOut.push({ name: spec.name, label: spec.label, reason: spec.notInAutoML });
    } else if (spec.autoMaxRows !== undefined && rows > spec.autoMaxRows) {
      leftOut.push({ name: spec.name, label: spec.label, reason: `it is too slow above ${spec.autoMaxRows} rows` });
    } else models.push(spec);
  }
  return { models, leftOut };
}
