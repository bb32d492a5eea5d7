import type { ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';

/** Before and after of the chosen step: the columns it adds, removes or changes, and the row count. */
export function StepPreviewView(): ReactNode {
  const preview = useStudio((s) => s.recipe.preview);
  const status = useStudio((s) => s.recipe.previewStatus);
  const message = useStudio((s) => s.recipe.previewMessage);
  const steps = useStudio((s) => s.recipe.steps);
  if (status === 'running') return <p role="status">Previewing…</p>;
  if (status === 'failed') return <p role="alert">The step could not be previewed: {message}</p>;
  if (!preview) return null;
  const index = steps.findIndex((s) => s.id === preview.stepId);
  return (
    <div className="step-preview" aria-label="Step preview">
      <h3>Step {index + 1}, before and after</h3>
      <p>
        {preview.description} Rows: {preview.rowsBefore} → {preview.rowsAfter}
        {preview.sampled < preview.total ? ` (a preview on a sample of ${preview.sampled} of ${preview.total} rows)` : ''}.
      </p>
      {preview.columns.length === 0 ? (
        <p className="hint">No column changes in the first rows.</p>
      ) : (
        <div className="table-scroll">
          <table aria-label="Before and after" className="data-table">
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Change</th>
                <th scope="col">Before (first rows)</th>
                <th scope="col">After (first rows)</th>
              </tr>
            </thead>
            <tbody>
              {preview.columns.map((c) => (
                <tr key={`${c.change}-${c.name}`}>
                  <th scope="row">{c.name}</th>
                  <td>{c.change}</td>
                  <td>{c.before.join(', ')}</td>
                  <td>{c.after.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
