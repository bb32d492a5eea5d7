/**
 * derive: a new column from a formula of the studio's formula language (src/core/prep/formula),
 * which parses and type-checks the text against the columns at this point and runs it with its own
 * interpreter; nothing is ever evaluated as JavaScript. The column goes after the last one.
 */
import type { Column, Table } from '../../data/table';
import { compileFormula } from '../formula';
import type { DeriveStep } from '../prepareSteps';
import { stepLabel, type PrepareStepImpl, type SchemaColumn } from './prepareStepImpl';
import { insertColumns } from './tableColumns';

type Compiled = Extract<ReturnType<typeof compileFormula>, { ok: true }>;

/** Compiles the step's formula against the columns, or throws one sentence naming the step, column and position. */
export function compileDerive(step: DeriveStep, columns: readonly SchemaColumn[]): Compiled {
  const compiled = compileFormula(step.formula, columns.map((c) => ({ name: c.name, type: c.type })));
  if (!compiled.ok) {
    const { message, position } = compiled.error;
    throw new Error(`${stepLabel(step)} for "${step.name}" cannot use its formula: ${message.replace(/\.$/, '')} (at character ${position + 1}).`);
  }
  return compiled;
}

function derived(step: DeriveStep, table: Table): Column {
  const compiled = compileDerive(step, table.columns);
  if (step.fitted && compiled.type !== step.fitted.type) {
    throw new Error(`${stepLabel(step)} for "${step.name}" was fitted as ${step.fitted.type} but now gives ${compiled.type}; a column it reads changed type.`);
  }
  const column = compiled.evaluate(table);
  return { ...column, name: step.name };
}

export const derive: PrepareStepImpl<DeriveStep> = {
  fit(step, { table }) {
    const column = derived(step, table);
    const type = column.type === 'boolean' ? 'boolean' : column.type === 'numeric' ? 'numeric' : 'categorical';
    return { fitted: { rows: table.rowCount, type }, table: insertColumns(table, null, [column], stepLabel(step)) };
  },
  apply: (step, table) => insertColumns(table, null, [derived(step, table)], stepLabel(step)),
  schema(step, schema) {
    if (schema.columns.some((c) => c.name === step.name)) {
      throw new Error(`${stepLabel(step)} would add the column "${step.name}", but there is already a column of that name.`);
    }
    // Re-checked by the formula engine whenever the types are known, fitted or not: a recipe is untrusted input.
    const type = schema.untyped ? (step.fitted?.type ?? 'numeric') : compileDerive(step, schema.columns).type;
    if (step.fitted && type !== step.fitted.type) {
      throw new Error(`${stepLabel(step)} for "${step.name}" records the type ${step.fitted.type}, but its formula gives ${type}.`);
    }
    return { ...schema, columns: [...schema.columns, { name: step.name, type }] };
  },
};
