import type { ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { computeDependence, computeImportance } from '../../store/actions/evaluate';
import { PlotlyChart } from '../../ui/PlotlyChart';
import { dependenceFigure, importanceFigure } from './evaluationFigures';

/** Which columns matter (permutation importance with error bars) and how the prediction moves with one (partial dependence). */
export function ExplainView({ inputs }: { inputs: string[] }): ReactNode {
  const importance = useStudio((s) => s.evaluation.importance);
  const dependence = useStudio((s) => s.evaluation.dependence);
  return (
    <div className="explain">
      <h3>Which columns matter</h3>
      <button type="button" disabled={importance.status === 'running'} onClick={() => void computeImportance()}>
        {importance.status === 'done' ? 'Recompute feature importance' : 'Compute feature importance'}
      </button>
      {importance.status === 'running' && <span role="status"> Shuffling each column of the held-out rows…</span>}
      {importance.status === 'failed' && <p role="alert">Feature importance could not be computed: {importance.message}</p>}
      {importance.result && (
        <>
          <PlotlyChart figure={importanceFigure(importance.result)} label="Permutation importance" height={Math.max(200, 28 * importance.result.columns.length + 60)} />
          <p className="hint">
            How much {importance.result.metric} drops (baseline {importance.result.baseline?.toFixed(4) ?? 'n/a'}) when one column&apos;s values are shuffled among{' '}
            {importance.result.rows} held-out rows, {importance.result.repeats} times; bars show the mean and the standard deviation.
          </p>
        </>
      )}
      <h3>How the prediction depends on one column</h3>
      <label className="inline">
        Partial dependence of
        <select
          aria-label="Partial dependence column"
          value={dependence.column ?? ''}
          onChange={(e) => e.currentTarget.value && void computeDependence(e.currentTarget.value)}
        >
          <option value="">(choose a column)</option>
          {inputs.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {dependence.status === 'running' && <span role="status"> Computing…</span>}
      {dependence.status === 'failed' && <p role="alert">The partial dependence of “{dependence.column}” could not be computed: {dependence.message}</p>}
      {dependence.result && dependence.status === 'done' && (
        <PlotlyChart figure={dependenceFigure(dependence.result)} label={`Partial dependence on ${dependence.result.column}`} height={300} />
      )}
    </div>
  );
}
