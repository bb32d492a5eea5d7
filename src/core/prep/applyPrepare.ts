/**
 * Applies fitted prepare steps to any table (prediction files, validation rows, a preview sample):
 * each step transforms with what it learned from the training rows and learns nothing new. No row
 * is ever removed here: row-removing steps act only while fitting, since each row to predict needs
 * its answer.
 */
import type { Table } from '../data/table';
import { withStepNumber } from './fitPrepare';
import { prepareImpl } from './prepare/prepareImpls';
import type { Fitted } from './prepare/prepareStepImpl';
import type { PrepareStep } from './prepareSteps';

export function applyPrepare(steps: readonly PrepareStep[], table: Table): Table {
  let out = table;
  steps.forEach((step, s) => {
    if (!step.enabled) return;
    if (!step.fitted) throw new Error(`The ${step.kind} step (step ${s + 1}) is not fitted yet; fit the recipe on training rows first.`);
    out = withStepNumber(s, () => prepareImpl(step).apply(step as Fitted<typeof step>, out));
  });
  return out;
}
