/**
 * Editing the person's preparation steps: add, edit, reorder, disable, remove, with undo and
 * redo. A change that cannot work (a formula with an error, a step on a column that is gone) is
 * refused with the reason and the recipe stays as it was. After each change the edited step is
 * previewed (before and after, on a sample) in the data worker.
 */
import { dataWorker } from '../../bridge/dataClient';
import type { PrepareStep } from '../../core/prep/prepareSteps';
import type { RecipeState } from '../studioState';
import { getStudio, setStudio } from '../useStudio';

const MAX_UNDO = 100;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function patch(update: Partial<RecipeState>): void {
  setStudio((s) => ({ recipe: { ...s.recipe, ...update } }));
}

let nextId = 1;
export function newStepId(): string {
  const taken = new Set(getStudio().recipe.steps.map((s) => s.id));
  while (taken.has(`s${nextId}`)) nextId++;
  return `s${nextId++}`;
}

/**
 * Replaces the steps after checking them against the data in the worker; refused changes set
 * `error` and leave the steps untouched.
 */
async function commit(steps: PrepareStep[], focus: string | null): Promise<boolean> {
  const { recipe, dataset, target } = getStudio();
  if (!dataset) return false;
  const problem = await dataWorker().checkPrepare(steps, target);
  if (problem) {
    patch({ error: problem });
    return false;
  }
  patch({ steps, past: [...recipe.past, recipe.steps].slice(-MAX_UNDO), future: [], error: null, editing: null });
  if (focus) void previewStep(focus);
  else patch({ preview: null });
  return true;
}

/** Starts the recipe from the default preparation, as steps the person can change. */
export async function startFromSuggestedSteps(): Promise<boolean> {
  const steps = await dataWorker().suggestPrepare(getStudio().target);
  return commit(steps, steps[0]?.id ?? null);
}

export function openStepForm(step: PrepareStep | null): void {
  patch({ editing: step, error: null });
}

/** Adds the step being edited, or saves the edits of an existing one. */
export function saveStep(step: PrepareStep): Promise<boolean> {
  const steps = getStudio().recipe.steps;
  const at = steps.findIndex((s) => s.id === step.id);
  return commit(at < 0 ? [...steps, step] : steps.map((s) => (s.id === step.id ? step : s)), step.id);
}

export function removeStep(id: string): Promise<boolean> {
  return commit(getStudio().recipe.steps.filter((s) => s.id !== id), null);
}

export function toggleStep(id: string): Promise<boolean> {
  return commit(getStudio().recipe.steps.map((s) => (s.id === id ? { ...s, enabled: !s.enabled } : s)), id);
}

export function moveStep(id: string, by: -1 | 1): Promise<boolean> {
  const steps = getStudio().recipe.steps.slice();
  const i = steps.findIndex((s) => s.id === id);
  const j = i + by;
  if (i < 0 || j < 0 || j >= steps.length) return Promise.resolve(false);
  [steps[i], steps[j]] = [steps[j], steps[i]];
  return commit(steps, id);
}

export function undoRecipe(): void {
  const { past, steps, future } = getStudio().recipe;
  if (past.length === 0) return;
  patch({ steps: past[past.length - 1], past: past.slice(0, -1), future: [steps, ...future], error: null, preview: null });
}

export function redoRecipe(): void {
  const { past, steps, future } = getStudio().recipe;
  if (future.length === 0) return;
  patch({ steps: future[0], past: [...past, steps], future: future.slice(1), error: null, preview: null });
}

/** Before and after of one step, on a sample of the rows (fitted there, as a preview only). */
export async function previewStep(id: string): Promise<void> {
  const { steps } = getStudio().recipe;
  const { target } = getStudio();
  patch({ previewStatus: 'running' });
  try {
    const preview = await dataWorker().previewPrepare(steps, id, target);
    if (getStudio().recipe.steps !== steps) return;
    patch({ preview, previewStatus: 'idle' });
  } catch (error) {
    patch({ preview: null, previewStatus: 'failed', previewMessage: message(error) });
  }
}

/** The enabled steps, as training and export use them. */
export function activeSteps(): PrepareStep[] {
  return getStudio().recipe.steps.filter((s) => s.enabled);
}
