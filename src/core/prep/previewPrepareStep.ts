/**
 * What one prepare step does, before and after, for the recipe editor: the steps up to it are
 * fitted on a seeded sample of the rows (a preview only: training fits on its own training rows),
 * and the columns it adds, removes or changes are shown for the first rows.
 */
import { cellText, columnIndex, type Table } from '../data/table';
import { createRng } from '../random';
import { fitPrepare } from './fitPrepare';
import { describePrepareStep } from './describePrepareStep';
import type { PrepareStep } from './prepareSteps';
import { compileFormula } from './formula';
import { walkPrepareSchema } from './preparedSchema';

export const PREVIEW_SAMPLE_ROWS = 5000;
export const PREVIEW_SHOWN_ROWS = 8;

export interface PrepareProblem {
  stepId: string;
  message: string;
  position?: number;
  length?: number;
}

export interface PrepareStepPreview {
  stepId: string;
  rowsBefore: number;
  rowsAfter: number;
  sampled: number;
  total: number;
  columns: Array<{ name: string; change: 'added' | 'removed' | 'changed'; before: string[]; after: string[] }>;
  description: string;
}

function inputColumns(table: Table, target: string | null) {
  return table.columns.filter((c) => c.name !== target).map((c) => ({ name: c.name, type: c.type }));
}

/** The first step that cannot work on this table, with the formula position for a formula error; null when all can. */
export function checkPrepareSteps(steps: readonly PrepareStep[], table: Table, target: string | null): PrepareProblem | null {
  const input = inputColumns(table, target);
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s];
    if (!step.enabled) continue;
    try {
      const before = walkPrepareSchema(steps, input, s);
      if (step.kind === 'derive') {
        if (!step.name.trim()) return { stepId: step.id, message: 'The derived column needs a name.' };
        const compiled = compileFormula(step.formula, before.columns);
        if (!compiled.ok) return { stepId: step.id, message: compiled.error.message, position: compiled.error.position, length: compiled.error.length };
      }
      walkPrepareSchema(steps, input, s + 1);
    } catch (error) {
      return { stepId: step.id, message: error instanceof Error ? error.message : String(error) };
    }
  }
  return null;
}

function sampleRows(rows: number, seed = 0): Int32Array {
  if (rows <= PREVIEW_SAMPLE_ROWS) return Int32Array.from({ length: rows }, (_, i) => i);
  const rng = createRng(seed);
  const all = rng.shuffle(Int32Array.from({ length: rows }, (_, i) => i));
  return all.subarray(0, PREVIEW_SAMPLE_ROWS).sort();
}

function firstCells(table: Table, name: string): string[] {
  const c = columnIndex(table, name);
  if (c < 0) return [];
  const out: string[] = [];
  for (let r = 0; r < Math.min(PREVIEW_SHOWN_ROWS, table.rowCount); r++) out.push(cellText(table.columns[c], r));
  return out;
}

export function previewPrepareStep(steps: readonly PrepareStep[], stepId: string, table: Table, target: string | null): PrepareStepPreview {
  const at = steps.findIndex((s) => s.id === stepId);
  if (at < 0) throw new Error('That step is no longer in the recipe.');
  const rows = sampleRows(table.rowCount);
  const options = { target: target ?? undefined };
  const before = fitPrepare(steps.slice(0, at), table, rows, options);
  const after = fitPrepare(steps.slice(0, at + 1), table, rows, options);
  const beforeNames = before.table.columns.map((c) => c.name);
  const afterNames = after.table.columns.map((c) => c.name);
  const columns: PrepareStepPreview['columns'] = [];
  for (const name of afterNames) {
    const b = firstCells(before.table, name);
    const a = firstCells(after.table, name);
    if (!beforeNames.includes(name)) columns.push({ name, change: 'added', before: [], after: a });
    else if (a.join('\u0000') !== b.join('\u0000') || after.table.rowCount !== before.table.rowCount) columns.push({ name, change: 'changed', before: b, after: a });
  }
  for (const name of beforeNames) if (!afterNames.includes(name)) columns.push({ name, change: 'removed', before: firstCells(before.table, name), after: [] });
  const fitted = after.steps[at];
  return {
    stepId,
    rowsBefore: before.table.rowCount,
    rowsAfter: after.table.rowCount,
    sampled: rows.length,
    total: table.rowCount,
    columns: columns.slice(0, 20),
    description: fitted.enabled ? describePrepareStep(fitted).join(' ') : 'This step is disabled: it changes nothing.',
  };
}
