/**
 * Fit and apply for each step kind, in one place, so fitting and applying can never disagree
 * about what a kind means.
 */
import { applyImpute, fitImpute } from './imputeStep';
import { applyOneHot, fitOneHot } from './oneHotStep';
import { applyOrdinal, fitOrdinal } from './ordinalStep';
import type { RecipeStep } from './recipe';
import { applyStandardScale, fitStandardScale } from './standardScaleStep';
import type { WorkFrame } from './workFrame';

/**
 * Fits a step on the columns of it the frame has: a column a prepare step dropped while fitting
 * (`skip`) gets a placeholder that changes nothing, so the step keeps its full column list and
 * refits unchanged on other data where the column stays.
 */
export function fitStepSkipping(step: RecipeStep, frame: WorkFrame, skip: ReadonlySet<string>): RecipeStep {
  const present = presentColumns(step, frame, skip);
  if (present.length === step.columns.length) return fitStep(step, frame);
  const fitted = fitStep({ ...step, columns: present.map((c) => step.columns[c]) } as RecipeStep, frame).fitted!;
  return { ...step, fitted: widen(step, present, fitted) } as RecipeStep;
}

/** Applies a fitted step to the columns of it the frame has, leaving out those a prepare step dropped. */
export function applyStepSkipping(step: RecipeStep, frame: WorkFrame, skip: ReadonlySet<string>): void {
  const present = presentColumns(step, frame, skip);
  if (present.length === step.columns.length) return applyStep(step, frame);
  applyStep(narrow(step, present), frame);
}

function presentColumns(step: RecipeStep, frame: WorkFrame, skip: ReadonlySet<string>): number[] {
  const out: number[] = [];
  step.columns.forEach((name, c) => {
    if (skip.has(name) && !frame.columns.some((col) => col.name === name)) return;
    out.push(c);
  });
  return out;
}

/** The step restricted to the columns at `keep`, with their fitted parameters. */
function narrow(step: RecipeStep, keep: number[]): RecipeStep {
  const pick = <T>(list: T[]) => keep.map((c) => list[c]);
  const columns = pick(step.columns);
  switch (step.kind) {
    case 'impute':
      return { ...step, columns, fitted: step.fitted && { fill: pick(step.fitted.fill) } };
    case 'oneHot':
      return { ...step, columns, fitted: step.fitted && { categories: pick(step.fitted.categories), other: pick(step.fitted.other) } };
    case 'ordinal':
      return { ...step, columns, fitted: step.fitted && { categories: pick(step.fitted.categories) } };
    case 'standardScale':
      return { ...step, columns, fitted: step.fitted && { mean: pick(step.fitted.mean), std: pick(step.fitted.std) } };
  }
}

/** Fitted parameters for every column of the step: those of the present ones, placeholders for the rest. */
function widen(step: RecipeStep, present: number[], fitted: NonNullable<RecipeStep['fitted']>): NonNullable<RecipeStep['fitted']> {
  const spread = <T>(list: T[], placeholder: () => T): T[] => step.columns.map((_, c) => (present.includes(c) ? list[present.indexOf(c)] : placeholder()));
  const f = fitted as Record<string, unknown[]>;
  switch (step.kind) {
    case 'impute':
      return { fill: spread(f.fill as Array<number | string | null>, () => null) };
    case 'oneHot':
      return { categories: spread(f.categories as string[][], () => []), other: spread(f.other as string[][], () => []) };
    case 'ordinal':
      return { categories: spread(f.categories as string[][], () => []) };
    case 'standardScale':
      return { mean: spread(f.mean as number[], () => 0), std: spread(f.std as number[], () => 1) };
  }
}

/** Learns the step's parameters from the frame (training rows only) and returns the fitted step. */
export function fitStep(step: RecipeStep, frame: WorkFrame): RecipeStep {
  switch (step.kind) {
    case 'impute':
      return { ...step, fitted: fitImpute(step, frame) };
    case 'oneHot':
      return { ...step, fitted: fitOneHot(step, frame) };
    case 'ordinal':
      return { ...step, fitted: fitOrdinal(step, frame) };
    case 'standardScale':
      return { ...step, fitted: fitStandardScale(step, frame) };
  }
}

/** Transforms the frame in place with a fitted step. */
export function applyStep(step: RecipeStep, frame: WorkFrame): void {
  switch (step.kind) {
    case 'impute':
      return applyImpute(step, frame);
    case 'oneHot':
      return applyOneHot(step, frame);
    case 'ordinal':
      return applyOrdinal(step, frame);
    case 'standardScale':
      return applyStandardScale(step, frame);
  }
}
