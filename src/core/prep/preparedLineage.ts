/**
 * Which input columns each model input is made from, through the prepare steps and the encoding,
 * worked out from a fitted recipe without data: for explanations that sum a model input's share back
 * to the columns a person knows (a derived column counts for every column its formula reads; a
 * one-hot column for its source).
 */
import { compileDerive } from './prepare/derive';
import { emptySchema, featureSchema, schemaAfterStep } from './preparedSchema';
import { stepColumns } from './prepareSteps';
import { recipeFeatureNames, type Recipe } from './recipe';

/** For each prepared column (the encoding's inputs), the indexes in `recipe.features` it is made from. */
export function preparedLineage(recipe: Recipe): Map<string, number[]> {
  const lineage = new Map<string, number[]>(recipe.features.map((name, i) => [name, [i]]));
  let schema = emptySchema(featureSchema(recipe));
  (recipe.prepare ?? []).forEach((step, s) => {
    if (!step.enabled) return;
    const read = step.kind === 'derive' ? compileDerive(step, schema.columns).columns : stepColumns(step);
    const before = new Set(schema.columns.map((c) => c.name));
    schema = schemaAfterStep(step, s, schema);
    for (const column of schema.columns) {
      if (before.has(column.name) && lineage.has(column.name)) continue;
      // A new column: from the read column its name starts with (Age_missing, city=x, day_year), else from all read.
      const own = read.find((name) => column.name.startsWith(`${name}=`) || column.name.startsWith(`${name}_`));
      const sources = own ? [own] : read;
      lineage.set(column.name, [...new Set(sources.flatMap((name) => lineage.get(name) ?? []))].sort((a, b) => a - b));
    }
  });
  return lineage;
}

/** For each model input (recipeFeatureNames order), the indexes in `recipe.features` it is made from. */
export function recipeFeatureSources(recipe: Recipe): number[][] {
  const lineage = preparedLineage(recipe);
  return recipeFeatureNames(recipe).map((name) => {
    const direct = lineage.get(name);
    if (direct) return direct;
    // An encoding one-hot output "column=category": its column's sources.
    const at = name.lastIndexOf('=');
    for (let i = at; i > 0; i = name.lastIndexOf('=', i - 1)) {
      const source = lineage.get(name.slice(0, i));
      if (source) return source;
    }
    return [];
  });
}
