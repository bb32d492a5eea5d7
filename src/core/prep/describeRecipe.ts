/**
 * The recipe as a plain-language list, one entry per step (prepare steps, then the model's
 * encoding), each with one or more sentences: what the UI shows as "Recipe" and what the model
 * card and the exported script's header repeat.
 */
import type { ColumnType } from '../data/table';
import { describePrepareStep, formatNumber, listNames } from './describePrepareStep';
import { droppedByPrepare, preparedColumns } from './preparedSchema';
import { hasPrepare, type Recipe, type RecipeStep } from './recipe';

export interface StepDescription {
  part: 'prepare' | 'encoding';
  /** The step's position in its list. */
  index: number;
  /** The prepare step's id (encoding steps have none). */
  id?: string;
  kind: string;
  sentences: string[];
}

export interface DescribeOptions {
  /** How many training rows the recipe was fitted on, for the encoding steps ("fitted on 712 training rows"). */
  trainRows?: number;
}

export function describeRecipe(recipe: Recipe, options: DescribeOptions = {}): StepDescription[] {
  const out: StepDescription[] = [];
  (recipe.prepare ?? []).forEach((step, index) => out.push({ part: 'prepare', index, id: step.id, kind: step.kind, sentences: describePrepareStep(step) }));
  const context: EncodingContext = { rows: encodingRows(recipe, options.trainRows), skipped: droppedByPrepare(recipe.prepare), types: inputTypes(recipe) };
  recipe.steps.forEach((step, index) => out.push({ part: 'encoding', index, kind: step.kind, sentences: describeEncodingStep(step, context) }));
  return out;
}

/** Every sentence in order, for a text export. */
export function describeRecipeText(recipe: Recipe, options: DescribeOptions = {}): string[] {
  return describeRecipe(recipe, options).flatMap((d) => d.sentences);
}

/** The training rows the encoding saw: the option, less what row-removing prepare steps removed. */
function encodingRows(recipe: Recipe, trainRows: number | undefined): number | undefined {
  let rows = trainRows;
  for (const step of recipe.prepare ?? []) {
    if (!step.enabled || !step.fitted) continue;
    rows = step.fitted.rows;
    if ('removed' in step.fitted) rows -= step.fitted.removed;
  }
  return rows;
}

interface EncodingContext {
  rows: number | undefined;
  /** Columns a prepare step dropped: the encoding skipped them, so they are not described. */
  skipped: Set<string>;
  /** The types of the encoding's input columns, where known (dates are shown as dates). */
  types: Map<string, ColumnType>;
}

function inputTypes(recipe: Recipe): Map<string, ColumnType> {
  try {
    const columns = hasPrepare(recipe) ? preparedColumns(recipe) : recipe.features.map((name, i) => ({ name, type: recipe.featureTypes?.[i] ?? 'numeric' }));
    return new Map(columns.map((c) => [c.name, c.type]));
  } catch {
    // An unfitted recipe: its prepared columns are not known yet.
    return new Map();
  }
}

/** A learned value as it reads for its column: dates as dates. */
function valueText(v: number, name: string, context: EncodingContext): string {
  if (context.types.get(name) === 'datetime') {
    const iso = new Date(v).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  return formatNumber(v);
}

function spreadText(v: number, name: string, context: EncodingContext): string {
  return context.types.get(name) === 'datetime' ? `${formatNumber(v / 86_400_000)} days` : formatNumber(v);
}

function describeEncodingStep(step: RecipeStep, context: EncodingContext): string[] {
  const { rows } = context;
  const fittedOn = rows === undefined ? '' : ` fitted on ${rows.toLocaleString('en-US')} training ${rows === 1 ? 'row' : 'rows'}`;
  const shown = (name: string) => !context.skipped.has(name);
  switch (step.kind) {
    case 'impute':
      if (!step.fitted) return [`Fills missing values of ${listNames(step.columns)} with the training median (numbers) or most frequent value (categories).`];
      return step.columns.flatMap((name, c) => {
        const fill = step.fitted!.fill[c];
        if (fill === null || !shown(name)) return [];
        return [typeof fill === 'number' ? `Imputed ${name} with the median ${valueText(fill, name, context)}${fittedOn}.` : `Imputed ${name} with the most frequent value ${JSON.stringify(fill)}${fittedOn}.`];
      });
    case 'oneHot':
      if (!step.fitted) return [`One-hot encodes ${listNames(step.columns)} for the model.`];
      return step.columns.flatMap((name, c) => {
        const kept = step.fitted!.categories[c];
        if (kept.length === 0) return [];
        const rare = step.fitted!.other[c].length;
        return [`One-hot encoded ${name} for the model into ${kept.length + (rare > 0 ? 1 : 0)} columns (${listNames(kept)})${rare > 0 ? `, ${rare} rarer categories as ${name}=(other)` : ''}.`];
      });
    case 'ordinal':
      if (!step.fitted) return [`Numbers the categories of ${listNames(step.columns)} for the model.`];
      return step.columns.flatMap((name, c) => (step.fitted!.categories[c].length === 0 ? [] : [`Encoded ${name} for the model as its position among ${step.fitted!.categories[c].length} sorted categories.`]));
    case 'standardScale':
      if (!step.fitted) return [`Standardises ${listNames(step.columns)} for the model.`];
      return step.columns.flatMap((name, c) =>
        shown(name) ? [`Standardised ${name} for the model with mean ${valueText(step.fitted!.mean[c], name, context)} and standard deviation ${spreadText(step.fitted!.std[c], name, context)}${fittedOn}.`] : [],
      );
  }
}
