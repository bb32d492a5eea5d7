import { useState, type ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { openStepForm, saveStep } from '../../store/actions/recipe';
import type { PrepareStep } from '../../core/prep/prepareSteps';
import { formulaHelp } from '../../core/prep/formula';
import { DATE_PARTS, stepForm, type FieldSpec } from './stepForms';

type Draft = PrepareStep & Record<string, unknown>;

const TYPE_GROUPS: Record<string, string[]> = {
  numeric: ['numeric'],
  categorical: ['categorical', 'boolean'],
  datetime: ['datetime'],
  text: ['text', 'categorical', 'identifier'],
};

/** The form of one step (new or existing), generated from its field list; a refused change keeps the form open with the reason. */
export function StepEditor({ step, error }: { step: PrepareStep; error: { message: string; position?: number; length?: number } | null }): ReactNode {
  const [draft, setDraft] = useState<Draft>(step as Draft);
  const existing = useStudio((s) => s.recipe.steps.some((x) => x.id === step.id));
  const form = stepForm(step.kind);
  const set = (key: string, value: unknown) => setDraft((d) => ({ ...d, [key]: value }) as Draft);
  return (
    <form
      className="step-editor"
      aria-label="Step"
      onSubmit={(e) => {
        e.preventDefault();
        void saveStep(clean(draft));
      }}
    >
      <h3>{form.label}</h3>
      <p className="hint">{form.help}</p>
      {form.fields.map((field) => (
        <Field key={field.key} field={field} value={draft[field.key]} onChange={(v) => set(field.key, v)} />
      ))}
      {error && (
        <div role="alert" className="field-error">
          {error.message}
          {error.position !== undefined && draft.kind === 'derive' && (
            <pre className="formula-caret" aria-hidden="true">
              {String(draft.formula)}
              {'\n'}
              {' '.repeat(error.position)}
              {'^'.repeat(Math.max(1, error.length ?? 1))}
            </pre>
          )}
        </div>
      )}
      <div className="deploy-actions">
        <button type="submit" className="primary">
          {existing ? 'Save step' : 'Add this step'}
        </button>
        <button type="button" onClick={() => openStepForm(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Options left empty are dropped, so the step keeps its defaults. */
function clean(draft: Draft): PrepareStep {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(draft)) {
    if (value === '' && key !== 'thousands') continue;
    if (key === 'value' && draft.kind === 'impute' && draft.strategy !== 'constant') continue;
    out[key] = value;
  }
  return out as unknown as PrepareStep;
}

function Field({ field, value, onChange }: { field: FieldSpec; value: unknown; onChange: (value: unknown) => void }): ReactNode {
  // Selectors return stored values only: a new array per call would re-render forever.
  const columns = useStudio((s) => s.dataset?.columns) ?? [];
  const target = useStudio((s) => s.target);
  const steps = useStudio((s) => s.recipe.steps);
  const derived = steps.flatMap((x) => (x.kind === 'derive' ? [x.name] : []));
  switch (field.type) {
    case 'columns': {
      const allowed = field.only ? TYPE_GROUPS[field.only] : null;
      const names = [...columns.filter((c) => c.name !== target && (!allowed || allowed.includes(c.type))).map((c) => c.name), ...derived];
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return (
        <fieldset className="column-choice">
          <legend>{field.label}</legend>
          {names.map((name) => (
            <label key={name} className="inline">
              <input
                type="checkbox"
                checked={chosen.includes(name)}
                onChange={(e) => onChange(e.currentTarget.checked ? [...chosen, name] : chosen.filter((c) => c !== name))}
              />{' '}
              {name}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'select':
      return (
        <label className="inline-field">
          {field.label}{' '}
          <select value={String(value ?? '')} onChange={(e) => onChange(e.currentTarget.value)}>
            {field.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      );
    case 'number':
      return (
        <label className="inline-field">
          {field.label}{' '}
          <input
            type="number"
            min={field.min}
            max={field.max}
            step={field.step}
            value={value === undefined ? '' : String(value)}
            onChange={(e) => onChange(e.currentTarget.value === '' ? '' : Number(e.currentTarget.value))}
          />
        </label>
      );
    case 'checkbox':
      return (
        <label className="inline">
          <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} /> {field.label}
        </label>
      );
    case 'parts': {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return (
        <fieldset className="column-choice">
          <legend>{field.label}</legend>
          {DATE_PARTS.map((part) => (
            <label key={part} className="inline">
              <input type="checkbox" checked={chosen.includes(part)} onChange={(e) => onChange(e.currentTarget.checked ? [...chosen, part] : chosen.filter((c) => c !== part))} /> {part}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'formula':
      return (
        <label className="formula-field">
          {field.label}
          <textarea rows={2} spellCheck={false} value={String(value ?? '')} onChange={(e) => onChange(e.currentTarget.value)} />
          <details>
            <summary>Functions</summary>
            <ul className="formula-help">
              {formulaHelp.map((h) => (
                <li key={h.name}>
                  <code>{h.signature}</code>: {h.description}
                </li>
              ))}
            </ul>
          </details>
        </label>
      );
    default:
      return (
        <label className="inline-field">
          {field.label}{' '}
          <input type="text" value={String(value ?? '')} onChange={(e) => onChange(e.currentTarget.value)} />
        </label>
      );
  }
}
