import type { ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { moveStep, newStepId, openStepForm, previewStep, redoRecipe, removeStep, toggleStep, undoRecipe, startFromSuggestedSteps } from '../../store/actions/recipe';
import { describePrepareStep } from '../../core/prep/describePrepareStep';
import { STEP_FORMS, stepForm } from './stepForms';
import { StepEditor } from './StepEditor';
import { StepPreviewView } from './StepPreviewView';
import { RecipeExport } from './RecipeExport';

/**
 * The person's preparation recipe: steps in order, each editable, movable, switchable and
 * removable, with undo and redo, a before/after preview of the chosen step, and the recipe as
 * the best model was fitted with it, in words and as a Python script.
 */
export function RecipePanel(): ReactNode {
  const recipe = useStudio((s) => s.recipe);
  const hasData = useStudio((s) => s.dataset !== null);
  const training = useStudio((s) => s.training.status === 'running');
  if (!hasData) return null;
  const { steps, editing } = recipe;
  return (
    <section aria-label="Recipe" className="panel">
      <h2>Prepare the data</h2>
      <p className="hint">
        Steps run in order before each model&apos;s own encoding, and are fitted on the training rows only (in every cross-validation fold
        too). Rows removed here are removed from training, never from predictions.
      </p>
      <div className="deploy-actions">
        <label className="inline">
          Add step
          <select
            aria-label="Add step"
            value=""
            disabled={training}
            onChange={(e) => {
              const kind = e.currentTarget.value;
              if (kind) openStepForm(stepForm(kind as never).create(newStepId()));
            }}
          >
            <option value="">(choose)</option>
            {['Clean', 'Encode and scale', 'Engineer features', 'Select features'].map((group) => (
              <optgroup key={group} label={group}>
                {STEP_FORMS.filter((f) => f.group === group).map((f) => (
                  <option key={f.kind} value={f.kind}>
                    {f.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <button type="button" onClick={undoRecipe} disabled={recipe.past.length === 0 || training}>
          Undo
        </button>
        <button type="button" onClick={redoRecipe} disabled={recipe.future.length === 0 || training}>
          Redo
        </button>
      </div>
      {recipe.error && !editing && (
        <p role="alert" className="field-error">
          {recipe.error.message}
        </p>
      )}
      {editing && <StepEditor step={editing} error={recipe.error?.stepId === editing.id ? recipe.error : null} />}
      {steps.length === 0 ? (
        <p className="hint">
          No steps yet: every model gets the default preparation (unusable columns left out, missing values filled, categories encoded, numbers
          scaled).{' '}
          <button type="button" disabled={training} onClick={() => void startFromSuggestedSteps()}>
            Start from the suggested steps
          </button>
        </p>
      ) : (
        <ol aria-label="Recipe steps" className="recipe-steps">
          {steps.map((step, i) => {
            const form = stepForm(step.kind);
            const summary = describePrepareStep(step).join(' ');
            return (
              <li key={step.id} className={step.enabled ? undefined : 'disabled'}>
                <span className="step-text">
                  <strong>{form.label}</strong>: {summary}
                </span>
                <span className="step-actions">
                  <label className="inline">
                    <input type="checkbox" checked={step.enabled} disabled={training} onChange={() => void toggleStep(step.id)} aria-label={`Step ${i + 1} enabled`} /> on
                  </label>
                  <button type="button" className="link" disabled={training} onClick={() => openStepForm(step)} aria-label={`Edit step ${i + 1}`}>
                    Edit
                  </button>
                  <button type="button" className="link" onClick={() => void previewStep(step.id)} aria-label={`Preview step ${i + 1}`}>
                    Preview
                  </button>
                  <button type="button" className="link" disabled={i === 0 || training} onClick={() => void moveStep(step.id, -1)} aria-label={`Move step ${i + 1} up`}>
                    ↑
                  </button>
                  <button type="button" className="link" disabled={i === steps.length - 1 || training} onClick={() => void moveStep(step.id, 1)} aria-label={`Move step ${i + 1} down`}>
                    ↓
                  </button>
                  <button type="button" className="link" disabled={training} onClick={() => void removeStep(step.id)} aria-label={`Remove step ${i + 1}`}>
                    Remove
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      <StepPreviewView />
      <RecipeExport />
    </section>
  );
}
