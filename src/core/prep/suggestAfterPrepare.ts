/**
 * The default recipe around a person's prepare steps, worked out from names and types (no fitting,
 * so nothing is learned from rows the model will be tested on):
 * - inputs: the columns the default recipe would use, plus every column a prepare step reads
 *   (parseNumbers needs a text column the default would leave out), less those it only drops;
 * - after the steps, columns a model cannot use (free text, identifiers, and untouched columns that
 *   are all missing or constant) are dropped by one added dropColumns step, with the reason;
 * - the encoding imputes, one-hot (or ordinal) encodes and scales the columns left, as the default
 *   does. Columns whose names only fitting decides (an unfitted oneHot's outputs, a multiclass
 *   target encoding) go to the model as they are: they are complete numbers already. Columns a
 *   selection step may drop are encoded too; the encoding skips them if the step drops them.
 */
import type { Column, Table } from '../data/table';
import { dropReason, typeDropReason } from './dropReason';
import { encodingSteps } from './encodingSteps';
import { compileDerive } from './prepare/derive';
import type { SchemaColumn } from './prepare/prepareStepImpl';
import { emptySchema, schemaAfterStep } from './preparedSchema';
import { stepColumns, type DropColumnsStep, type PrepareStep } from './prepareSteps';
import type { DroppedColumn, Recipe } from './recipe';

export const SUGGESTED_DROP_ID = 'suggested-drop';

export function suggestAfterPrepare(table: Table, target: string, prepare: PrepareStep[], categories: 'oneHot' | 'ordinal'): Recipe {
  const raw = uniqueColumns(table).filter((c) => c.name !== target);
  const { read, touched } = referencedColumns(prepare, raw.map(schemaOf));
  const dropped: DroppedColumn[] = [];
  const features: Column[] = [];
  for (const column of raw) {
    const reason = read.has(column.name) ? null : touched.has(column.name) ? 'dropped by a dropColumns step' : dropReason(column, table.rowCount);
    if (reason === null) features.push(column);
    else dropped.push({ column: column.name, reason });
  }
  let schema = emptySchema(features.map(schemaOf));
  prepare.forEach((step, s) => (schema = schemaAfterStep(step, s, schema)));
  const leftOut: Array<{ column: string; reason: string }> = [];
  const kept: SchemaColumn[] = [];
  for (const column of schema.columns) {
    const source = features.find((f) => f.name === column.name);
    const untouched = source && !touched.has(column.name) && source.type === column.type;
    const reason = typeDropReason(column.type) ?? (untouched ? dropReason(source, table.rowCount) : null);
    if (reason) leftOut.push({ column: column.name, reason });
    else kept.push(column);
  }
  const steps = structuredClone(prepare);
  if (leftOut.length > 0) {
    const drop: DropColumnsStep = {
      id: uniqueId(steps),
      kind: 'dropColumns',
      enabled: true,
      columns: leftOut.map((d) => d.column),
      reasons: leftOut.map((d) => d.reason),
    };
    steps.push(drop);
  }
  return {
    version: 1,
    target,
    features: features.map((f) => f.name),
    featureTypes: features.map((f) => f.type),
    dropped,
    prepare: steps,
    steps: encodingSteps(kept, categories),
  };
}

function schemaOf(column: Column): SchemaColumn {
  return { name: column.name, type: column.type };
}

/** The first column of each name (a later duplicate cannot be told apart by name). */
function uniqueColumns(table: Table): Column[] {
  const seen = new Set<string>();
  return table.columns.filter((c) => !seen.has(c.name) && seen.add(c.name));
}

/**
 * The raw columns the steps read (a formula's columns included) and every name any step touches.
 * A column only dropped is not read: a prediction file need not have it.
 */
function referencedColumns(prepare: PrepareStep[], columns: SchemaColumn[]): { read: Set<string>; touched: Set<string> } {
  const read = new Set<string>();
  const touched = new Set<string>();
  let schema = emptySchema(columns);
  prepare.forEach((step, s) => {
    if (!step.enabled) return;
    const names = step.kind === 'derive' ? compileDerive(step, schema.columns).columns : stepColumns(step);
    for (const name of names) {
      touched.add(name);
      if (step.kind !== 'dropColumns') read.add(name);
    }
    schema = schemaAfterStep(step, s, schema);
  });
  return { read, touched };
}

function uniqueId(steps: PrepareStep[]): string {
  let id = SUGGESTED_DROP_ID;
  for (let k = 2; steps.some((s) => s.id === id); k++) id = `${SUGGESTED_DROP_ID}-${k}`;
  return id;
}
