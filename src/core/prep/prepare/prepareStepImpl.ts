/**
 * What each prepare step kind implements: how it learns from training rows (`fit`), how it
 * transforms any table with what it learned (`apply`), and which columns it leaves, worked out from
 * names and types alone (`schema`), so a recipe can be checked and an encoding suggested without data.
 */
import type { ColumnType, Table } from '../../data/table';
import type { PrepareStep } from '../prepareSteps';

/** The target of the training rows, aligned with the rows of the table being fitted. */
export interface TargetValues {
  name: string;
  /** A numeric target (regression): its values, NaN where missing. */
  numbers?: Float64Array;
  /** A class target: the class index per row (-1 where missing) into `classes` (sorted). */
  codes?: Int32Array;
  classes?: string[];
}

export interface FitInput {
  /** The training rows as the steps before this one left them. */
  table: Table;
  target?: TargetValues;
}

export interface FitOutput<S extends PrepareStep> {
  fitted: NonNullable<S['fitted']>;
  /** The training rows transformed, as the next step sees them. */
  table: Table;
  /** For row-removing steps: 1 for each row of the input table that stays. */
  keep?: Uint8Array;
}

export type Fitted<S extends PrepareStep> = S & { fitted: NonNullable<S['fitted']> };

/** A column as the schema knows it; `dynamic` stands for columns whose names only fitting decides. */
export interface SchemaColumn {
  name: string;
  type: ColumnType;
}

export interface Schema {
  columns: SchemaColumn[];
  /** Set once a step makes columns whose names depend on the data (an unfitted oneHot, a multiclass target encoding). */
  dynamic: boolean;
  /** Columns a data-driven step may remove when it is fitted (unfitted selection steps). */
  mayDrop: Set<string>;
  /** The input types are unknown (an unfitted recipe file): types are not checked and formulas are checked at fitting. */
  untyped?: boolean;
}

export interface PrepareStepImpl<S extends PrepareStep> {
  fit(step: S, input: FitInput): FitOutput<S>;
  apply(step: Fitted<S>, table: Table): Table;
  /** The columns after the step; unfitted steps whose output depends on data mark the schema dynamic. */
  schema(step: S, schema: Schema): Schema;
}

/** The label that starts every message about a step: "The scale step (step 3)". */
export function stepLabel(step: PrepareStep, index?: number): string {
  return index === undefined ? `The ${step.kind} step` : `The ${step.kind} step (step ${index + 1})`;
}

/** A schema with some columns replaced: `map` returns the columns each one becomes. */
export function mapSchema(schema: Schema, map: (c: SchemaColumn) => SchemaColumn[]): Schema {
  return { ...schema, columns: schema.columns.flatMap(map) };
}

export function insertSchema(schema: Schema, after: string | null, added: SchemaColumn[]): Schema {
  if (after === null) return { ...schema, columns: [...schema.columns, ...added] };
  return mapSchema(schema, (c) => (c.name === after ? [c, ...added] : [c]));
}

export function dropSchema(schema: Schema, names: ReadonlySet<string>): Schema {
  return { ...schema, columns: schema.columns.filter((c) => !names.has(c.name)) };
}

/** Fit by learning parameters, then transforming the training rows the way any table is transformed. */
export function fitThenApply<S extends PrepareStep>(
  impl: Pick<PrepareStepImpl<S>, 'apply'>,
  step: S,
  input: FitInput,
  fitted: NonNullable<S['fitted']>,
): FitOutput<S> {
  const done = { ...step, fitted } as Fitted<S>;
  return { fitted, table: impl.apply(done, input.table) };
}
