import { useEffect, useState, type ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { explainTableRow, loadWorstCells } from '../../store/actions/evaluate';
import type { HoldoutEvaluation } from '../../core/evaluate/holdoutEvaluation';
import { PlotlyChart } from '../../ui/PlotlyChart';
import { explanationFigure } from './evaluationFigures';

function f(x: number): string {
  return Number.isFinite(x) ? Number(x.toPrecision(5)).toString() : 'n/a';
}

/** The held-out rows the model gets most wrong, with their values; any of them can be explained. */
export function ErrorAnalysis({ evaluation }: { evaluation: HoldoutEvaluation }): ReactNode {
  const cells = useStudio((s) => s.evaluation.worstCells);
  const [filter, setFilter] = useState('');
  useEffect(() => {
    if (!cells) void loadWorstCells();
  }, [cells]);
  const classes = evaluation.classification?.classes;
  const name = (x: number) => (classes ? (classes[x] ?? String(x)) : f(x));
  const rows = evaluation.worst
    .map((w, i) => ({ w, cells: cells?.rows[i] }))
    .filter(({ w }) => !filter || name(w.actual) === filter);
  return (
    <div className="errors">
      <h3>Where it fails</h3>
      {classes && (
        <label className="inline">
          Actual class
          <select aria-label="Filter errors by actual class" value={filter} onChange={(e) => setFilter(e.currentTarget.value)}>
            <option value="">(all)</option>
            {classes.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="table-scroll">
        <table aria-label="Worst predictions" className="data-table">
          <caption>The held-out rows with the largest {classes ? 'log loss (lowest probability of the true class)' : 'absolute error'}</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Actual</th>
              <th scope="col">Predicted</th>
              <th scope="col">{classes ? 'P(actual)' : 'Error'}</th>
              <th scope="col">Why</th>
              {cells?.header.map((h, j) => (
                <th scope="col" key={j}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ w, cells: values }) => (
              <tr key={w.tableRow}>
                <td>{w.tableRow + 1}</td>
                <td>{name(w.actual)}</td>
                <td>{name(w.predicted)}</td>
                <td>{classes ? f(w.trueClassProbability ?? NaN) : f(w.loss)}</td>
                <td>
                  <button type="button" className="link" aria-label={`Explain row ${w.tableRow + 1}`} onClick={() => void explainTableRow(w.tableRow)}>
                    Explain
                  </button>
                </td>
                {values?.map((v, j) => (
                  <td key={j}>{v}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <RowExplanationView />
    </div>
  );
}

function RowExplanationView(): ReactNode {
  const explanation = useStudio((s) => s.evaluation.explanation);
  if (explanation.status === 'idle') return null;
  if (explanation.status === 'running') return <p role="status">Explaining row {(explanation.row ?? 0) + 1}…</p>;
  if (explanation.status === 'failed') return <p role="alert">Row {(explanation.row ?? 0) + 1} could not be explained: {explanation.message}</p>;
  const result = explanation.result!;
  const output = Array.isArray(result.output) ? result.output.indexOf(Math.max(...result.output)) : 0;
  const base = Array.isArray(result.base) ? result.base[output] : result.base;
  const out = Array.isArray(result.output) ? result.output[output] : result.output;
  const value = (c: (typeof result.contributions)[number]) => (Array.isArray(c.contribution) ? c.contribution[output] : c.contribution);
  return (
    <div className="row-explanation">
      <h3>Why row {(explanation.row ?? 0) + 1} got its prediction</h3>
      <p className="hint">
        {result.method === 'tree-shap' ? 'Exact TreeSHAP values' : `Kernel SHAP values${result.exact ? ' (exact)' : ' (estimated)'} against ${result.backgroundRows} training rows`}, in {result.space}
        {result.outputs.length > 1 ? ` of “${result.outputs[output]}”` : ''}: starting from the average {f(base)}, the columns below add up to {f(out)}.
      </p>
      <PlotlyChart figure={explanationFigure(result, output)} label={`Explanation of row ${(explanation.row ?? 0) + 1}`} height={Math.max(200, 26 * Math.min(15, result.contributions.length) + 60)} />
      <table aria-label="Row explanation" className="data-table">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Value</th>
            <th scope="col">Contribution</th>
          </tr>
        </thead>
        <tbody>
          {result.contributions.map((c) => (
            <tr key={c.column}>
              <th scope="row">{c.column}</th>
              <td>{c.value || '(missing)'}</td>
              <td>{(value(c) >= 0 ? '+' : '') + f(value(c))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
