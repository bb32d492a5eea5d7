/**
 * Reads a recipe from untrusted JSON (a bundle, a `--recipe` file, a saved project): checks
 * every field, walks the steps in order to check each refers to a column that exists at that
 * point with the right kind, and returns a clean copy holding only the known fields.
 */
import { COLUMN_TYPES, type ColumnType } from '../data/table';
import {
  expectArray,
  expectFinite,
  expectFiniteArray,
  expectInteger,
  expectObject,
  expectOneOf,
  expectString,
  expectStringArray,
  joinPath,
  JsonShapeError,
  shapeError,
} from '../bundle/jsonShape';
import { parsePrepareSteps } from './parsePrepareSteps';
import { droppedByPrepare, emptySchema, featureSchema, schemaAfterStep } from './preparedSchema';
import { stepColumns, type PrepareStep } from './prepareSteps';
import { hasPrepare, oneHotName, oneHotOtherName, RECIPE_STEP_KINDS, type DroppedColumn, type Recipe, type RecipeStep } from './recipe';

export interface ParseRecipeOptions {
  /** Require fitted parameters on every step and the training types (a bundle's recipe). */
  requireFitted?: boolean;
}

type Kind = 'number' | 'category';

export function parseRecipe(json: unknown, path = 'recipe', options: ParseRecipeOptions = {}): Recipe {
  const o = expectObject(json, path);
  if (o.version !== 1) throw shapeError(joinPath(path, 'version'), o.version, '1');
  const target = expectString(o.target, joinPath(path, 'target'));
  const features = expectStringArray(o.features, joinPath(path, 'features'));
  features.forEach((name, i) => {
    const at = joinPath(joinPath(path, 'features'), i);
    if (features.indexOf(name) !== i) throw new JsonShapeError(at, `"${at}" is ${JSON.stringify(name)}, which is listed twice.`);
    if (name === target) throw new JsonShapeError(at, `"${at}" is the target ${JSON.stringify(name)}; the target cannot be an input.`);
  });
  const recipe: Recipe = { version: 1, target, features: features.slice(), steps: [] };
  if (o.featureTypes !== undefined || options.requireFitted) {
    const typesPath = joinPath(path, 'featureTypes');
    expectArray(o.featureTypes, typesPath, features.length, 'types');
    recipe.featureTypes = (o.featureTypes as unknown[]).map((t, i) => expectOneOf<ColumnType>(t, joinPath(typesPath, i), COLUMN_TYPES));
  }
  if (o.dropped !== undefined) {
    const droppedPath = joinPath(path, 'dropped');
    recipe.dropped = expectArray(o.dropped, droppedPath).map((d, i): DroppedColumn => {
      const at = joinPath(droppedPath, i);
      const obj = expectObject(d, at);
      return { column: expectString(obj.column, joinPath(at, 'column')), reason: expectString(obj.reason, joinPath(at, 'reason')) };
    });
  }
  let encodingInputs = features;
  // Columns an encoding step may name without finding them: those prepare steps drop or name only once fitted.
  let mayBeAbsent = (_name: string) => false;
  if (o.prepare !== undefined) {
    const prepared = parsePrepare(recipe, o.prepare, joinPath(path, 'prepare'), options.requireFitted === true);
    recipe.prepare = prepared.steps;
    if (hasPrepare(recipe)) {
      encodingInputs = prepared.columns;
      mayBeAbsent = prepared.mayBeAbsent;
    }
  }
  const stepsPath = joinPath(path, 'steps');
  const rawSteps = expectArray(o.steps, stepsPath);
  const oneHotColumns = new Set<string>();
  rawSteps.forEach((s, i) => {
    const step = expectObject(s, joinPath(stepsPath, i));
    if ((step.kind === 'oneHot' || step.kind === 'ordinal') && Array.isArray(step.columns)) for (const c of step.columns) oneHotColumns.add(String(c));
  });
  // The columns at each point, in order, with whether they hold numbers or categories.
  let frame: Frame = encodingInputs.map((name) => ({ name, kind: oneHotColumns.has(name) ? 'category' : 'number' }));
  recipe.steps = rawSteps.map((raw, i) => {
    const at = joinPath(stepsPath, i);
    const parsed = parseStep(expectObject(raw, at), at, frame, options.requireFitted === true, mayBeAbsent);
    frame = parsed.frame;
    return parsed.step;
  });
  return recipe;
}

type Frame = Array<{ name: string; kind: Kind }>;

/**
 * The prepare steps, checked field by field and then walked in order over the features' names and
 * types, so each step refers to columns that exist at its point and every formula is re-checked by
 * the formula engine. Returns the columns the encoding starts from.
 */
function parsePrepare(
  recipe: Recipe,
  json: unknown,
  path: string,
  requireFitted: boolean,
): { steps: PrepareStep[]; columns: string[]; mayBeAbsent: (name: string) => boolean } {
  const steps = parsePrepareSteps(json, path, requireFitted);
  steps.forEach((step, i) => {
    if (stepColumns(step).includes(recipe.target) || (step.kind === 'derive' && step.name === recipe.target)) {
      throw new JsonShapeError(joinPath(path, i), `"${joinPath(path, i)}" uses the target ${JSON.stringify(recipe.target)}; prepare steps transform inputs only.`);
    }
  });
  let schema = emptySchema(featureSchema(recipe), recipe.featureTypes === undefined);
  steps.forEach((step, i) => {
    try {
      schema = schemaAfterStep(step, i, schema);
    } catch (error) {
      throw new JsonShapeError(joinPath(path, i), `"${joinPath(path, i)}": ${(error as Error).message}`);
    }
  });
  const dropped = droppedByPrepare(steps);
  const { dynamic, mayDrop } = schema;
  return { steps, columns: schema.columns.map((c) => c.name), mayBeAbsent: (name) => dynamic || mayDrop.has(name) || dropped.has(name) };
}

function parseStep(
  o: Record<string, unknown>,
  at: string,
  frame: Frame,
  requireFitted: boolean,
  mayBeAbsent: (name: string) => boolean,
): { step: RecipeStep; frame: Frame } {
  const kind = expectOneOf(o.kind, joinPath(at, 'kind'), RECIPE_STEP_KINDS);
  const columnsPath = joinPath(at, 'columns');
  const columns = expectStringArray(o.columns, columnsPath);
  const kinds = columns.map((name, c): Kind => {
    const found = frame.find((f) => f.name === name);
    const where = joinPath(columnsPath, c);
    if (columns.indexOf(name) !== c) throw new JsonShapeError(where, `"${where}" is ${JSON.stringify(name)}, which is listed twice.`);
    if (found) return found.kind;
    if (!mayBeAbsent(name)) throw new JsonShapeError(where, `"${where}" is ${JSON.stringify(name)}, which is not a column at this step.`);
    // Dropped by a prepare step: the step skips it, so any kind the step takes is fine.
    return kind === 'standardScale' || kind === 'impute' ? 'number' : 'category';
  });
  const fittedPath = joinPath(at, 'fitted');
  if (o.fitted === undefined && requireFitted) throw shapeError(fittedPath, undefined, 'the fitted parameters');
  const fitted = o.fitted === undefined ? undefined : expectObject(o.fitted, fittedPath);
  const n = columns.length;

  if (kind === 'impute') {
    const step: RecipeStep = { kind, columns };
    if (fitted) {
      const fillPath = joinPath(fittedPath, 'fill');
      const fill = expectArray(fitted.fill, fillPath, n, 'values').map((v, c) => {
        const where = joinPath(fillPath, c);
        if (v === null) return null;
        return kinds[c] === 'number' ? expectFinite(v, where) : expectString(v, where);
      });
      step.fitted = { fill };
    }
    return { step, frame };
  }

  if (kind === 'standardScale') {
    kinds.forEach((k, c) => {
      if (k !== 'number') throw shapeError(joinPath(columnsPath, c), columns[c], 'a numeric column (it holds categories)');
    });
    const step: RecipeStep = { kind, columns };
    if (fitted) {
      const mean = expectFiniteArray(fitted.mean, joinPath(fittedPath, 'mean'), n);
      const stdPath = joinPath(fittedPath, 'std');
      const std = expectFiniteArray(fitted.std, stdPath, n);
      std.forEach((s, c) => {
        if (!(s > 0)) throw shapeError(joinPath(stdPath, c), s, 'a number above 0');
      });
      step.fitted = { mean: mean.slice(), std: std.slice() };
    }
    return { step, frame };
  }

  kinds.forEach((k, c) => {
    if (k !== 'category') throw shapeError(joinPath(columnsPath, c), columns[c], 'a category column');
  });
  if (kind === 'ordinal') {
    const step: RecipeStep = { kind, columns };
    if (fitted) {
      const categoriesPath = joinPath(fittedPath, 'categories');
      const categories = expectArray(fitted.categories, categoriesPath, n, 'lists').map((list, c) => expectStringArray(list, joinPath(categoriesPath, c)).slice());
      step.fitted = { categories };
    }
    const next = frame.map((f) => (columns.includes(f.name) ? { name: f.name, kind: 'number' as const } : f));
    return { step, frame: next };
  }
  const step: RecipeStep = { kind, columns };
  if (o.maxCategories !== undefined) step.maxCategories = expectInteger(o.maxCategories, joinPath(at, 'maxCategories'), 1, 100_000);
  if (!fitted) return { step, frame };
  const categoriesPath = joinPath(fittedPath, 'categories');
  const otherPath = joinPath(fittedPath, 'other');
  const categories = expectArray(fitted.categories, categoriesPath, n, 'lists').map((list, c) => expectStringArray(list, joinPath(categoriesPath, c)).slice());
  const other = expectArray(fitted.other, otherPath, n, 'lists').map((list, c) => expectStringArray(list, joinPath(otherPath, c)).slice());
  step.fitted = { categories, other };
  const next = frame.flatMap((f) => {
    const c = columns.indexOf(f.name);
    if (c < 0) return [f];
    const outs = categories[c].map((cat) => ({ name: oneHotName(f.name, cat), kind: 'number' as const }));
    if (other[c].length > 0) outs.push({ name: oneHotOtherName(f.name), kind: 'number' });
    return outs;
  });
  return { step, frame: next };
}
