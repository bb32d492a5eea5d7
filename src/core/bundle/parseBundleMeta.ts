/**
 * Validates bundle.json field by field and returns a clean copy. Nothing in it is ever
 * evaluated: model kinds are looked up in the registry, steps in a fixed list.
 */
import { COLUMN_TYPES, type ColumnType } from '../data/table';
import { modelNames } from '../models/registry';
import type { ModelParams } from '../models/types';
import { parseRecipe } from '../prep/parseRecipe';
import { parseDriftReference } from '../monitor/parseDriftReference';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleData, type BundleMeta, type InputField } from './bundleTypes';
import {
  expectArray,
  expectFinite,
  expectInteger,
  expectObject,
  expectOneOf,
  expectString,
  expectStringArray,
  joinPath,
  JsonShapeError,
  shapeError,
} from './jsonShape';

const TASKS = ['classification', 'regression', 'clustering'] as const;

export function parseBundleMeta(json: unknown): BundleMeta {
  const o = expectObject(json, '');
  if (o.format !== BUNDLE_FORMAT) throw shapeError('format', o.format, `"${BUNDLE_FORMAT}"`);
  if (o.version !== BUNDLE_VERSION) throw shapeError('version', o.version, `${BUNDLE_VERSION}`);
  const createdAt = expectString(o.createdAt, 'createdAt');
  const target = expectString(o.target, 'target');
  const task = expectOneOf(o.task, 'task', TASKS);

  let classes: string[] | undefined;
  if (task === 'classification') {
    classes = expectStringArray(o.classes, 'classes').slice();
    if (classes.length < 2) throw new JsonShapeError('classes', `"classes" has ${classes.length} entries, expected at least 2.`);
    classes.forEach((c, i) => {
      if (classes!.indexOf(c) !== i) throw new JsonShapeError(`classes[${i}]`, `"classes[${i}]" is ${JSON.stringify(c)}, which is listed twice.`);
    });
  } else if (o.classes !== undefined) {
    throw shapeError('classes', o.classes, `no classes for a ${task} model`);
  }

  const inputSchema = expectArray(o.inputSchema, 'inputSchema').map((raw, i): InputField => {
    const at = joinPath('inputSchema', i);
    const field = expectObject(raw, at);
    const out: InputField = {
      name: expectString(field.name, joinPath(at, 'name')),
      type: expectOneOf<ColumnType>(field.type, joinPath(at, 'type'), COLUMN_TYPES),
    };
    if (field.categories !== undefined) out.categories = expectStringArray(field.categories, joinPath(at, 'categories')).slice();
    return out;
  });

  const recipe = parseRecipe(o.recipe, 'recipe', { requireFitted: true });
  if (recipe.target !== target) throw shapeError('recipe.target', recipe.target, `${JSON.stringify(target)} (the bundle's target)`);
  for (const name of recipe.features) {
    if (!inputSchema.some((f) => f.name === name)) {
      throw new JsonShapeError('inputSchema', `"inputSchema" has no entry for the recipe's input ${JSON.stringify(name)}.`);
    }
  }

  const model = expectObject(o.model, 'model');
  const kind = expectOneOf(model.kind, 'model.kind', modelNames());
  const params: ModelParams = {};
  for (const [key, value] of Object.entries(expectObject(model.params, 'model.params'))) {
    const at = joinPath('model.params', key);
    if (typeof value === 'number') params[key] = expectFinite(value, at);
    else if (typeof value === 'string' || typeof value === 'boolean') params[key] = value;
    else throw shapeError(at, value, 'a number, a string or true/false');
  }
  const metrics: Record<string, number | null> = {};
  for (const [key, value] of Object.entries(expectObject(model.metrics, 'model.metrics'))) {
    metrics[key] = value === null ? null : expectFinite(value, joinPath('model.metrics', key));
  }

  const meta: BundleMeta = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    createdAt,
    target,
    task,
    inputSchema,
    recipe,
    model: { kind, params, metrics },
  };
  if (classes) meta.classes = classes;
  if (o.seed !== undefined) meta.seed = expectInteger(o.seed, 'seed', 0);
  if (o.data !== undefined) meta.data = parseData(o.data);
  if (o.profiles !== undefined) meta.profiles = o.profiles;
  if (o.drift !== undefined) meta.drift = parseDriftReference(o.drift, 'drift');
  return meta;
}

function parseData(json: unknown): BundleData {
  const o = expectObject(json, 'data');
  const data: BundleData = {};
  if (o.name !== undefined) data.name = expectString(o.name, 'data.name');
  for (const key of ['rows', 'trainRows', 'testRows'] as const) {
    if (o[key] !== undefined) data[key] = expectInteger(o[key], joinPath('data', key), 0);
  }
  return data;
}
