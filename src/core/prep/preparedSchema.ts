/**
 * The columns the prepare steps leave, worked out from names and types alone: for checking an
 * untrusted recipe before any data is read, for suggesting the encoding of a prepared table, and
 * for naming a fitted recipe's model inputs without data. Each step's `schema` says what it does;
 * this walks them in order and checks that each refers to columns that exist at its point, with a
 * type it can use.
 */
import { isCoded, type ColumnType } from '../data/table';
import { withStepNumber } from './fitPrepare';
import { prepareImpl } from './prepare/prepareImpls';
import { stepLabel, type Schema, type SchemaColumn } from './prepare/prepareStepImpl';
import { stepColumns, type PrepareStep, type PrepareStepKind } from './prepareSteps';
import type { Recipe } from './recipe';

const NEEDS_NUMBERS: ReadonlySet<PrepareStepKind> = new Set(['outliers', 'scale', 'log', 'yeoJohnson', 'bin', 'polynomial', 'interactions']);

export function emptySchema(columns: SchemaColumn[], untyped = false): Schema {
  return { columns, dynamic: false, mayDrop: new Set(), untyped };
}

/** Walks the enabled steps from `input`; throws a sentence naming the step and column for a bad reference. */
export function walkPrepareSchema(steps: readonly PrepareStep[], input: SchemaColumn[], upTo = steps.length, untyped = false): Schema {
  let schema = emptySchema(input, untyped);
  for (let s = 0; s < upTo; s++) schema = schemaAfterStep(steps[s], s, schema);
  return schema;
}

/** The schema after one step (unchanged for a disabled one); `s` numbers the step in messages. */
export function schemaAfterStep(step: PrepareStep, s: number, schema: Schema): Schema {
  if (!step.enabled) return schema;
  return withStepNumber(s, () => {
    checkReferences(step, schema);
    return prepareImpl(step).schema(step, schema);
  });
}

function checkReferences(step: PrepareStep, schema: Schema): void {
  const label = stepLabel(step);
  // dropColumns may name a column the data lacks; it asks nothing of prediction files.
  if (step.kind === 'dropColumns') return;
  for (const name of stepColumns(step)) {
    const column = schema.columns.find((c) => c.name === name);
    if (!column) {
      // Columns made by an unfitted oneHot or target encoding are only named once fitted.
      if (schema.dynamic) continue;
      throw new Error(`${label} needs the column "${name}", which is not among the columns at that point.`);
    }
    if (schema.untyped) continue;
    if (NEEDS_NUMBERS.has(step.kind) && isCoded(column.type)) {
      throw new Error(`${label} needs numbers in "${name}", which holds ${column.type} values; parse it with parseNumbers first.`);
    }
    if (step.kind === 'dateParts' && column.type !== 'datetime') {
      throw new Error(`${label} needs a datetime column, but "${name}" holds ${column.type} values; parse it with parseDates first.`);
    }
  }
}

/** The recipe's input columns with their types (numeric where the recipe does not record them). */
export function featureSchema(recipe: Pick<Recipe, 'features' | 'featureTypes'>): SchemaColumn[] {
  return recipe.features.map((name, i): SchemaColumn => ({ name, type: recipe.featureTypes?.[i] ?? ('numeric' as ColumnType) }));
}

/** The columns a fitted recipe's prepare steps leave, in order (the features when it has none). */
export function preparedColumns(recipe: Pick<Recipe, 'features' | 'featureTypes' | 'prepare'>): SchemaColumn[] {
  const steps = recipe.prepare ?? [];
  steps.forEach((step, s) => {
    if (step.enabled && !step.fitted) throw new Error(`The recipe is not fitted yet (the ${step.kind} step, step ${s + 1}), so its output columns are unknown.`);
  });
  return walkPrepareSchema(steps, featureSchema(recipe)).columns;
}

/** Every column a fitted prepare step dropped: the encoding steps skip these. */
export function droppedByPrepare(steps: readonly PrepareStep[] | undefined): Set<string> {
  const out = new Set<string>();
  for (const step of steps ?? []) {
    if (!step.enabled || !step.fitted) continue;
    if (step.kind === 'dropColumns' || step.kind === 'dropNearConstant' || step.kind === 'dropCorrelated' || step.kind === 'selectKBest') {
      for (const d of step.fitted.dropped) out.add(d.column);
    }
  }
  return out;
}
