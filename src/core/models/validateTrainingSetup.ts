/**
 * Problems that must stop training before it starts, each as one sentence naming the column
 * (and an example value where that helps). Both the web worker and the CLI call this first, so
 * the user sees "the target has one class" instead of a NaN loss or a crash deep in a fit.
 */
import { cellText, columnIndex, type Table } from '../data/table';
import { nonNumericTargetMessage, presentRows } from '../prep/encodeTarget';
import { suggestRecipe } from '../prep/suggestRecipe';

export const MIN_TRAINING_ROWS = 10;
export const MAX_CLASSES = 100;

export function validateTrainingSetup(table: Table, target: string, task: 'classification' | 'regression'): string[] {
  const i = columnIndex(table, target);
  if (i < 0) return [`There is no column "${target}" to predict.`];
  const column = table.columns[i];
  const problems: string[] = [];
  const rows = presentRows(column, table.rowCount);
  if (rows.length < MIN_TRAINING_ROWS) {
    problems.push(
      `Only ${rows.length} rows have a value in "${target}"; training needs at least ${MIN_TRAINING_ROWS}.`,
    );
  }
  if (task === 'classification') {
    const classes = new Set<string>();
    for (const r of rows) {
      classes.add(cellText(column, r));
      if (classes.size > MAX_CLASSES) break;
    }
    if (classes.size === 1) {
      const only = [...classes][0];
      problems.push(`The target "${target}" has only one class (${JSON.stringify(only)}); a classifier needs at least two.`);
    } else if (classes.size > MAX_CLASSES) {
      problems.push(
        `The target "${target}" has more than ${MAX_CLASSES} distinct values; classification supports at most ${MAX_CLASSES} classes (choose regression if it is a number).`,
      );
    }
  } else if (column.codes && column.categories) {
    const bad = rows.find((r) => !Number.isFinite(parseTargetNumber(column.categories![column.codes![r]])));
    if (bad !== undefined) problems.push(nonNumericTargetMessage(target, bad, column.categories[column.codes[bad]]));
  }
  const recipe = suggestRecipe(table, target);
  // Infinity passes every type check but turns the scaler's mean, and then every loss, into NaN.
  for (const name of task === 'regression' ? [target, ...recipe.features] : recipe.features) {
    const c = table.columns[columnIndex(table, name)];
    if (!c.values || c.codes) continue;
    const r = c.values.findIndex((v, row) => !c.missing[row] && (v === Infinity || v === -Infinity));
    if (r >= 0) {
      problems.push(`The column "${name}" holds an infinite value in row ${r + 1}; replace it with a number or leave the cell empty.`);
    }
  }
  if (recipe.features.length === 0) {
    const why = recipe.dropped?.map((d) => `"${d.column}" (${d.reason})`).join('; ');
    problems.push(`No column can be used as an input to predict "${target}"${why ? `: ${why}` : ''}.`);
  }
  return problems;
}

function parseTargetNumber(text: string): number {
  return text.trim() === '' ? NaN : Number(text);
}
