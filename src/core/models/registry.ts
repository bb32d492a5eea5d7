/**
 * The model registry: every model kind, looked up by name. Adding a model means adding it to
 * this list; nothing else in the studio switches on model names.
 */
import { linearRegression } from './linearRegression';
import { logisticRegression } from './logisticRegression';
import { decisionTree } from './trees/decisionTree';
import { extraTrees } from './trees/extraTrees';
import { histGradientBoosting } from './trees/histGradientBoosting';
import { randomForest } from './trees/randomForest';
import type { ModelParams, ModelSpec, Task } from './types';

// The first model listed for a task is its default, so the linear models stay first.
const MODELS: readonly ModelSpec[] = [logisticRegression, linearRegression, histGradientBoosting, randomForest, extraTrees, decisionTree];

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
