import type { ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { toggleCompareModel } from '../../store/actions/evaluate';
import { PlotlyChart } from '../../ui/PlotlyChart';
import { precisionRecallFigure, rocFigure } from './evaluationFigures';

function f(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(4);
}

/** Two or more leaderboard models side by side: their held-out and cross-validated metrics, and their curves overlaid. */
export function ModelComparison(): ReactNode {
  const leaderboard = useStudio((s) => s.leaderboard);
  const compare = useStudio((s) => s.evaluation.compare);
  if (leaderboard.length < 2) return null;
  const chosen = leaderboard.filter((row) => compare.includes(row.model));
  const metrics = [...new Set(chosen.flatMap((row) => Object.keys(row.metrics)))];
  const curves = chosen.filter((row) => row.evaluation?.classification).map((row) => ({ name: row.label, curves: row.evaluation!.classification!.curves }));
  return (
    <fieldset className="compare">
      <legend>Compare models</legend>
      {leaderboard.map((row) => (
        <label key={row.model} className="inline">
          <input type="checkbox" aria-label={`Compare ${row.label}`} checked={compare.includes(row.model)} onChange={() => toggleCompareModel(row.model)} /> {row.label}
        </label>
      ))}
      {chosen.length >= 2 && (
        <>
          <table aria-label="Model comparison" className="data-table">
            <thead>
              <tr>
                <th scope="col">Metric</th>
                {chosen.map((row) => (
                  <th scope="col" key={row.model}>
                    {row.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {metrics.map((name) => (
                <tr key={name}>
                  <th scope="row">held-out {name}</th>
                  {chosen.map((row) => (
                    <td key={row.model}>{f(row.metrics[name])}</td>
                  ))}
                </tr>
              ))}
              {metrics.map((name) =>
                chosen.some((row) => row.cv?.[name] !== undefined) ? (
                  <tr key={`cv-${name}`}>
                    <th scope="row">CV {name}</th>
                    {chosen.map((row) => (
                      <td key={row.model}>{row.cv ? `${f(row.cv[name])} ± ${f(row.cvStd?.[name])}` : 'n/a'}</td>
                    ))}
                  </tr>
                ) : null,
              )}
              <tr>
                <th scope="row">fit time</th>
                {chosen.map((row) => (
                  <td key={row.model}>{row.fitSeconds.toFixed(2)} s</td>
                ))}
              </tr>
            </tbody>
          </table>
          {curves.length >= 2 && (
            <div className="chart-grid">
              <PlotlyChart figure={rocFigure(curves)} label="ROC curves of the compared models" height={300} />
              <PlotlyChart figure={precisionRecallFigure(curves)} label="Precision-recall curves of the compared models" height={300} />
            </div>
          )}
        </>
      )}
    </fieldset>
  );
}
