/**
 * polynomial and interactions: products of the chosen columns, appended after the last of them.
 * polynomial (degree 2) adds `a^2`, `a*b`, `b^2` in scikit-learn's PolynomialFeatures order (the
 * originals stay); interactions adds only the cross products `a*b`. A missing factor gives a
 * missing product. Nothing is learned, so fitting only records the row count.
 */
import type { Table } from '../../data/table';
import type { InteractionsStep, PolynomialStep } from '../prepareSteps';
import { fitThenApply, insertSchema, stepLabel, type PrepareStepImpl } from './prepareStepImpl';
import { findColumn, insertColumns, numberColumn, numbersOf } from './tableColumns';

/** The pairs (i <= j, or i < j for interactions) in sklearn's order, with their output names. */
export function productTerms(columns: string[], squares: boolean): Array<{ a: string; b: string; name: string }> {
  const terms: Array<{ a: string; b: string; name: string }> = [];
  for (let i = 0; i < columns.length; i++) {
    for (let j = squares ? i : i + 1; j < columns.length; j++) {
      terms.push({ a: columns[i], b: columns[j], name: i === j ? `${columns[i]}^2` : `${columns[i]}*${columns[j]}` });
    }
  }
  return terms;
}

function applyProducts(step: PolynomialStep | InteractionsStep, table: Table): Table {
  const label = stepLabel(step);
  const terms = productTerms(step.columns, step.kind === 'polynomial');
  const added = terms.map(({ a, b, name }) => {
    const x = numbersOf(findColumn(table, a, label), label);
    const y = numbersOf(findColumn(table, b, label), label);
    const out = new Float64Array(x.length);
    for (let r = 0; r < x.length; r++) out[r] = x[r] * y[r];
    return numberColumn(name, out);
  });
  return insertColumns(table, lastOf(table, step.columns), added, label);
}

/** The last of the columns in table order, so the new terms sit beside their factors. */
function lastOf(table: Table, columns: string[]): string | null {
  let last: string | null = null;
  for (const c of table.columns) if (columns.includes(c.name)) last = c.name;
  return last;
}

function productSchema(step: PolynomialStep | InteractionsStep, schema: Parameters<PrepareStepImpl<PolynomialStep>['schema']>[1]) {
  let last: string | null = null;
  for (const c of schema.columns) if (step.columns.includes(c.name)) last = c.name;
  const added = productTerms(step.columns, step.kind === 'polynomial').map((t) => ({ name: t.name, type: 'numeric' as const }));
  return insertSchema(schema, last, added);
}

export const polynomial: PrepareStepImpl<PolynomialStep> = {
  fit: (step, input) => fitThenApply(polynomial, step, input, { rows: input.table.rowCount }),
  apply: (step, table) => applyProducts(step, table),
  schema: (step, schema) => productSchema(step, schema),
};

export const interactions: PrepareStepImpl<InteractionsStep> = {
  fit: (step, input) => fitThenApply(interactions, step, input, { rows: input.table.rowCount }),
  apply: (step, table) => applyProducts(step, table),
  schema: (step, schema) => productSchema(step, schema),
};
