import type { ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { setNormalized, setThreshold, showCellRows } from '../../store/actions/evaluate';
import { metricsAtThreshold } from '../../core/evaluate/thresholdTable';
import type { HoldoutEvaluation } from '../../core/evaluate/holdoutEvaluation';
import { PlotlyChart } from '../../ui/PlotlyChart';
import { calibrationFigure, precisionRecallFigure, rocFigure } from './evaluationFigures';

type Classification = NonNullable<HoldoutEvaluation['classification']>;

function f(x: number | null | undefined, digits = 4): string {
  return x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(digits);
}

/** Per-class metrics, the confusion matrix (click a cell for its rows), curves, and the threshold of a binary classifier. */
export function ClassificationView({ evaluation, modelName }: { evaluation: Classification; modelName: string }): ReactNode {
  const { report, classes } = evaluation;
  return (
    <>
      <table aria-label="Scores per class" className="data-table">
        <caption>Per class, on {report.rows} held-out rows</caption>
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col">Precision</th>
            <th scope="col">Recall</th>
            <th scope="col">F1</th>
            <th scope="col">Support</th>
          </tr>
        </thead>
        <tbody>
          {report.perClass.map((row) => (
            <tr key={row.class}>
              <th scope="row">{row.class}</th>
              <td>{f(row.precision)}</td>
              <td>{f(row.recall)}</td>
              <td>{f(row.f1)}</td>
              <td>{row.support}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Macro average</th>
            <td>{f(report.macro.precision)}</td>
            <td>{f(report.macro.recall)}</td>
            <td>{f(report.macro.f1)}</td>
            <td>{report.macro.support}</td>
          </tr>
          <tr>
            <th scope="row">Weighted average</th>
            <td>{f(report.weighted.precision)}</td>
            <td>{f(report.weighted.recall)}</td>
            <td>{f(report.weighted.f1)}</td>
            <td>{report.weighted.support}</td>
          </tr>
        </tbody>
      </table>
      <ConfusionMatrix evaluation={evaluation} />
      {evaluation.thresholds && <ThresholdSlider evaluation={evaluation} />}
      <div className="chart-grid">
        <PlotlyChart figure={rocFigure([{ name: modelName, curves: evaluation.curves }])} label="ROC curve" height={300} />
        <PlotlyChart figure={precisionRecallFigure([{ name: modelName, curves: evaluation.curves }])} label="Precision-recall curve" height={300} />
        {evaluation.calibration && <PlotlyChart figure={calibrationFigure(evaluation.calibration, classes[1])} label="Calibration curve" height={300} />}
      </div>
    </>
  );
}

function ConfusionMatrix({ evaluation }: { evaluation: Classification }): ReactNode {
  const normalized = useStudio((s) => s.evaluation.normalized);
  const { labels, counts } = evaluation.report.confusion;
  const values = normalized ? evaluation.report.confusion.normalized : counts;
  const max = Math.max(1e-12, ...values.flat());
  return (
    <div className="confusion">
      <label className="inline">
        <input type="checkbox" checked={normalized} onChange={(e) => setNormalized(e.currentTarget.checked)} /> Normalise by actual class
      </label>
      <table aria-label="Confusion matrix" className="data-table confusion-matrix">
        <caption>Confusion matrix (rows: actual, columns: predicted); click a cell to see its rows</caption>
        <thead>
          <tr>
            <th scope="col">Actual \ predicted</th>
            {labels.map((label) => (
              <th scope="col" key={label}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((actual, t) => (
            <tr key={actual}>
              <th scope="row">{actual}</th>
              {labels.map((predicted, p) => (
                <td key={predicted} style={{ background: `rgba(31, 111, 235, ${(0.08 + 0.5 * values[t][p] / max).toFixed(3)})` }}>
                  <button
                    type="button"
                    className="cell-button"
                    aria-label={`${counts[t][p]} rows of actual ${actual} predicted ${predicted}`}
                    disabled={counts[t][p] === 0}
                    onClick={() => void showCellRows(t, p)}
                  >
                    {normalized ? values[t][p].toFixed(3) : counts[t][p]}
                  </button>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ThresholdSlider({ evaluation }: { evaluation: Classification }): ReactNode {
  const threshold = useStudio((s) => s.evaluation.threshold);
  const table = evaluation.thresholds!;
  const m = metricsAtThreshold(table, threshold);
  const [negative, positive] = evaluation.classes;
  return (
    <div className="threshold">
      <label>
        Decision threshold for “{positive}”: <strong>{threshold.toFixed(2)}</strong>
        <input
          type="range"
          aria-label="Decision threshold"
          min={0}
          max={1}
          step={0.01}
          value={threshold}
          onChange={(e) => setThreshold(Number(e.currentTarget.value))}
        />
      </label>
      <table aria-label="Scores at the threshold" className="data-table">
        <tbody>
          <tr>
            <th scope="row">Precision</th>
            <td>{f(m.precision)}</td>
            <th scope="row">Recall</th>
            <td>{f(m.recall)}</td>
            <th scope="row">F1</th>
            <td>{f(m.f1)}</td>
            <th scope="row">Accuracy</th>
            <td>{f(m.accuracy)}</td>
          </tr>
          <tr>
            <th scope="row">Predicted {positive}, actual {positive}</th>
            <td>{m.tp}</td>
            <th scope="row">Predicted {positive}, actual {negative}</th>
            <td>{m.fp}</td>
            <th scope="row">Predicted {negative}, actual {positive}</th>
            <td>{m.fn}</td>
            <th scope="row">Predicted {negative}, actual {negative}</th>
            <td>{m.tn}</td>
          </tr>
        </tbody>
      </table>
      {!m.exact && <p className="hint">Counts at the nearest measured threshold above, {m.threshold.toFixed(3)}.</p>}
      <p className="hint">The exported model still predicts the most probable class; the threshold here is for exploring the trade-off.</p>
    </div>
  );
}
