import type { ReactNode } from 'react';
import type { HoldoutEvaluation } from '../../core/evaluate/holdoutEvaluation';
import { PlotlyChart } from '../../ui/PlotlyChart';
import { predictedActualFigure, residualFigure } from './evaluationFigures';

type Regression = NonNullable<HoldoutEvaluation['regression']>;

function f(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : Number(x.toPrecision(5)).toString();
}

/** Regression errors: the report with MAPE and residual statistics, predicted against actual, and the residuals' spread. */
export function RegressionView({ evaluation, target }: { evaluation: Regression; target: string }): ReactNode {
  const { report } = evaluation;
  const r = report.residuals;
  return (
    <>
      <table aria-label="Regression errors" className="data-table">
        <caption>On {report.rows} held-out rows</caption>
        <tbody>
          <tr>
            <th scope="row">R²</th>
            <td>{f(report.r2)}</td>
            <th scope="row">RMSE</th>
            <td>{f(report.rmse)}</td>
            <th scope="row">MAE</th>
            <td>{f(report.mae)}</td>
            <th scope="row">MAPE</th>
            <td>{Number.isFinite(report.mape) ? `${(report.mape * 100).toFixed(2)}%` : 'n/a'}</td>
          </tr>
          <tr>
            <th scope="row">Residual mean</th>
            <td>{f(r.mean)}</td>
            <th scope="row">Residual std</th>
            <td>{f(r.std)}</td>
            <th scope="row">Median residual</th>
            <td>{f(r.median)}</td>
            <th scope="row">Range</th>
            <td>
              {f(r.min)} to {f(r.max)}
            </td>
          </tr>
        </tbody>
      </table>
      <div className="chart-grid">
        <PlotlyChart figure={predictedActualFigure(evaluation.sample, target)} label="Predicted against actual" height={320} />
        <PlotlyChart figure={residualFigure(evaluation.residuals)} label="Residuals" height={320} />
      </div>
      {evaluation.sample.total > evaluation.sample.actual.length && (
        <p className="hint">
          The scatter shows a seeded sample of {evaluation.sample.actual.length} of the {evaluation.sample.total} held-out rows.
        </p>
      )}
    </>
  );
}
