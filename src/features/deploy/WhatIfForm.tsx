import { useMemo, type ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { setWhatIf } from '../../store/actions/deploy';
import type { InputField } from '../../core/bundle/bundleTypes';
import { inputSchema } from '../../core/bundle/inputSchema';
import type { Recipe } from '../../core/prep/recipe';

/** Cap on the options of one select; a column with more categories gets a text input. */
const MAX_OPTIONS = 200;

/**
 * "What if": one input per model input, generated from the bundle's schema; the prediction
 * follows every change. An empty input is a missing value, which the recipe imputes.
 */
export function WhatIfForm(): ReactNode {
  const model = useStudio((s) => s.deploy.model);
  const run = useStudio((s) => s.run);
  const target = useStudio((s) => s.target);
  const whatIf = useStudio((s) => s.deploy.whatIf);
  // The trained model's inputs come from its recipe: its bundle is prepared only when the person first predicts.
  const trainedFields = useMemo(() => (run ? inputSchema(run.recipe as Recipe) : null), [run]);
  const fields = model?.inputSchema ?? trainedFields;
  if (!fields) return null;
  const label = (model ? model.target : target) || 'Cluster';
  const { result } = whatIf;
  return (
    <form className="what-if" aria-label="What if" onSubmit={(e) => e.preventDefault()}>
      <h3>What if</h3>
      <p className="hint">Change a value to see the prediction for one row; leave a field empty for a missing value.</p>
      <div className="what-if-fields">
        {fields.map((field) => (
          <label key={field.name}>
            <span>{field.name}</span>
            <FieldInput field={field} value={whatIf.values[field.name] ?? ''} />
          </label>
        ))}
      </div>
      <output aria-label="What-if prediction" className="what-if-result">
        {whatIf.error ? (
          <span role="alert">The prediction failed: {whatIf.error}</span>
        ) : result ? (
          <>
            {label}: <strong>{result.prediction}</strong>
            {result.probabilities && (
              <span className="probabilities">
                {' '}
                ({result.probabilities.map((c) => `${c.name} ${(c.p * 100).toFixed(1)}%`).join(', ')})
              </span>
            )}
          </>
        ) : (
          'Change a value to predict.'
        )}
      </output>
    </form>
  );
}

function FieldInput({ field, value }: { field: InputField; value: string }): ReactNode {
  const onChange = (next: string) => void setWhatIf(field.name, next);
  const options = field.type === 'boolean' ? ['true', 'false'] : field.categories;
  if (options && options.length <= MAX_OPTIONS) {
    return (
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">(missing)</option>
        {options.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      type={field.type === 'numeric' ? 'number' : 'text'}
      step={field.type === 'numeric' ? 'any' : undefined}
      placeholder={field.type === 'datetime' ? 'YYYY-MM-DD' : '(missing)'}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
