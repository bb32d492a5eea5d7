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
