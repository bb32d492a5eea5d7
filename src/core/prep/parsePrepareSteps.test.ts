import { describe, expect, it } from 'vitest';
import { JsonShapeError } from '../bundle/jsonShape';
import { fitRecipe } from './fitRecipe';
import { parseRecipe } from './parseRecipe';
import { newPrepareStep } from './prepareStepDefaults';
import type { Recipe } from './recipe';
import { suggestRecipe } from './suggestRecipe';
import { tableFromColumns } from './tableFromColumns';
import { unfittedRecipe } from './unfittedRecipe';

const table = tableFromColumns([
  { name: 'Fare', type: 'numeric', values: [7.25, 71.3, 8.05, null, 53.1, 8.46, 30, 13] },
  { name: 'SibSp', type: 'numeric', values: [1, 1, 0, 0, 1, 0, 2, 0] },
  { name: 'Embarked', type: 'categorical', values: ['S', 'C', 'S', 'Q', 'S', null, 'C', 'S'] },
  { name: 'Survived', type: 'categorical', values: ['no', 'yes', 'yes', 'no', 'yes', 'no', 'yes', 'no'] },
]);
const rows = Int32Array.from({ length: 8 }, (_, i) => i);
const prepare = () => [
  newPrepareStep('derive', { id: 'd', name: 'fare_per_person', formula: 'Fare / (SibSp + 1)' }),
  newPrepareStep('impute', { id: 'i', columns: ['Fare'], strategy: 'median', indicator: true }),
  newPrepareStep('targetEncode', { id: 't', columns: ['Embarked'], folds: 2 }),
  newPrepareStep('dropCorrelated', { id: 'c', threshold: 0.5 }),
  newPrepareStep('scale', { id: 's', enabled: false, columns: ['Fare'] }),
];
const fitted = (): Recipe => fitRecipe(suggestRecipe(table, 'Survived', { prepare: prepare() }), table, rows);
const asJson = (recipe: Recipe): Record<string, unknown> => JSON.parse(JSON.stringify(recipe));

/** The recipe's JSON with prepare step `i` changed by `edit`. */
function withStep(recipe: Recipe, i: number, edit: (step: Record<string, unknown>) => void): Record<string, unknown> {
  const json = asJson(recipe);
  edit((json.prepare as Array<Record<string, unknown>>)[i]);
  return json;
}

function problem(json: unknown, requireFitted = true): string {
  try {
    parseRecipe(json, 'recipe', { requireFitted });
  } catch (error) {
    expect(error).toBeInstanceOf(JsonShapeError);
    return (error as Error).message;
  }
  throw new Error('the recipe was accepted');
}

describe('parseRecipe with prepare steps', () => {
  it('reads back a fitted recipe exactly, and its unfitted definition', () => {
    const recipe = fitted();
    expect(recipe.prepare!.map((s) => s.kind)).toEqual(['derive', 'impute', 'targetEncode', 'dropCorrelated', 'scale']);
    expect(parseRecipe(asJson(recipe), 'recipe', { requireFitted: true })).toEqual(recipe);
    const definition = unfittedRecipe(recipe);
    expect(definition.prepare!.every((s) => s.fitted === undefined)).toBe(true);
    expect(parseRecipe(asJson(definition))).toEqual(definition);
  });

  it('accepts encoding steps naming a column a selection step dropped while fitting', () => {
    const recipe = fitted();
    const dropped = (recipe.prepare![3].fitted as { dropped: Array<{ column: string }> }).dropped.map((d) => d.column);
    expect(dropped.length).toBeGreaterThan(0);
    expect(recipe.steps[0].columns).toEqual(expect.arrayContaining(dropped));
  });

  it('refuses prototype keys, unknown keys and unknown kinds', () => {
    const recipe = fitted();
    expect(problem(JSON.parse(JSON.stringify(asJson(recipe)).replace('"kind":"derive"', '"kind":"derive","__proto__":{"polluted":true}')))).toMatch(/forbidden key "__proto__"/);
    expect(problem(withStep(recipe, 0, (s) => (s.code = 'process.exit()')))).toBe('"recipe.prepare[0]" has the key "code", which a derive step does not take.');
    expect(problem(withStep(recipe, 0, (s) => (s.kind = 'eval')))).toMatch(/^"recipe\.prepare\[0\]\.kind" is "eval", expected one of dropColumns, /);
  });

  it('re-checks every formula with the formula engine and never runs it', () => {
    const recipe = fitted();
    const bad = problem(withStep(recipe, 0, (s) => (s.formula = 'constructor.constructor("return process")()')));
    expect(bad).toMatch(/^"recipe\.prepare\[0\]": The derive step \(step 1\) for "fare_per_person" cannot use its formula: /);
    expect(problem(withStep(recipe, 0, (s) => (s.formula = 'Fare / (SibSp + '.padEnd(2001, ' '))))).toMatch(/^"recipe\.prepare\[0\]\.formula" is "Fare .*, expected text of 1 to 2000 characters\.$/);
    expect(problem(withStep(recipe, 0, (s) => (s.formula = 'Fare > 1')))).toMatch(/records the type numeric, but its formula gives boolean\.$/);
  });

  it('checks each step against the columns at its point, and keeps the target out of the steps', () => {
    const definition = unfittedRecipe(fitted());
    expect(problem(withStep(definition, 1, (s) => (s.columns = ['Fare', 'Age'])), false)).toBe(
      '"recipe.prepare[1]": The impute step (step 2) needs the column "Age", which is not among the columns at that point.',
    );
    expect(problem(withStep(definition, 1, (s) => (s.columns = ['Survived'])), false)).toBe('"recipe.prepare[1]" uses the target "Survived"; prepare steps transform inputs only.');
  });

  it('bounds and checks options and fitted numbers', () => {
    const recipe = fitted();
    expect(problem(withStep(recipe, 2, (s) => (s.folds = 1000)))).toBe('"recipe.prepare[2].folds" is 1000, expected an integer from 2 to 20.');
    expect(problem(withStep(recipe, 1, (s) => ((s.fitted as { fill: unknown[] }).fill = [null, 3])))).toBe('"recipe.prepare[1].fitted.fill" has 2 values, expected 1.');
    expect(problem(withStep(recipe, 1, (s) => ((s.fitted as { fill: unknown[] }).fill = ['1e999'])))).toMatch(/"recipe\.prepare\[1\]\.fitted\.fill\[0\]" is "1e999", expected a finite number\./);
    expect(problem(withStep(recipe, 1, (s) => delete s.fitted))).toBe('"recipe.prepare[1].fitted" is missing, expected the fitted parameters.');
    expect(problem(withStep(recipe, 4, (s) => (s.fitted = { rows: 1, center: [0], scale: [1] })))).toBe('"recipe.prepare[4].fitted" is an object, expected no fitted parameters on a disabled step.');
    const many = asJson(unfittedRecipe(recipe));
    many.prepare = Array.from({ length: 201 }, (_, i) => ({ ...newPrepareStep('log', { columns: ['Fare'] }), id: `l${i}` }));
    expect(problem(many, false)).toBe('"recipe.prepare" has 201 steps, at most 200.');
    expect(problem(withStep(recipe, 1, (s) => (s.id = 'd')))).toBe('"recipe.prepare[1].id" is "d", which another step uses.');
  });
});
