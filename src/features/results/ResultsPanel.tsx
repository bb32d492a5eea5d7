import type { ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { exportModel } from '../../store/actions/exportModel';
import { rankingMetric } from '../../core/models/autoMLRules';
import { ClusterResults } from './ClusterResults';
import { ModelCardEditor } from './ModelCardEditor';

const METRIC_LABELS: Record<string, string> = {
  accuracy: 'Accuracy',
  balanced_accuracy: 'Balanced accuracy',
  f1_macro: 'F1 (macro)',
  precision_macro: 'Precision (macro)',
  recall_macro: 'Recall (macro)',
  log_loss: 'Log loss',
  roc_auc: 'ROC AUC',
  r2: 'R²',
  rmse: 'RMSE',
  mae: 'MAE',
};

export function ResultsPanel(): ReactNode {
  const run = useStudio((s) => s.run);
  const leaderboard = useStudio((s) => s.leaderboard);
  const task = useStudio((s) => s.task);
  const target = useStudio((s) => s.target);
  if (!run) return null;
  if (run.clustering) {
    return (
      <section aria-label="Results" className="panel">
        <h2>Results</h2>
        <ClusterResults run={run} />
        <button type="button" className="primary" onClick={() => void exportModel()}>
          Export model
        </button>
        <ModelCardEditor />
      </section>
    );
  }
  const key = rankingMetric(task);
  const name = METRIC_LABELS[key] ?? key;
  const folds = leaderboard.find((row) => row.folds)?.folds;
  return (
    <section aria-label="Results" className="panel">
      <h2>Results</h2>
      <table aria-label="Leaderboard" className="data-table">
        <caption>
          Leaderboard ({folds ? `${folds}-fold cross-validated ${name}` : `held-out ${name}`}, best first)
        </caption>
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Model</th>
            {folds ? <th scope="col">CV {name} (mean ± std)</th> : null}
            <th scope="col">Held-out {name}</th>
            <th scope="col">Tuning</th>
            <th scope="col">Key parameters</th>
            <th scope="col">Fit time</th>
            <th scope="col">Backend</th>
          </tr>
        </thead>
        <tbody>
          {leaderboard.map((row, i) => (
            <tr key={row.model}>
              <td>{i + 1}</td>
              <td>{row.label}</td>
              {folds ? <td>{row.cv ? `${formatMetric(row.cv[key])} ± ${formatMetric(row.cvStd?.[key])}` : '—'}</td> : null}
              <td>{formatMetric(row.metrics[key])}</td>
              <td>{row.tuning ?? 'defaults'}</td>
              <td>{row.keyParams ?? 'defaults'}</td>
              <td>{row.fitSeconds.toFixed(2)} s</td>
              <td>{row.backend}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table aria-label="Metrics" className="data-table">
        <caption>
          Metrics of the best model{run.label ? `, ${run.label},` : ''} on {run.testRows} held-out rows (trained on {run.trainRows}
          {run.sampledFrom ? `, a sample of the ${run.sampledFrom} training rows that fitted in the time budget` : ''}; target “{target}”)
        </caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(run.metrics).map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{METRIC_LABELS[name] ?? name}</th>
              <td>{formatMetric(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        Backend: {run.backend.name} ({run.backend.reason}).
      </p>
      <button type="button" className="primary" onClick={() => void exportModel()}>
        Export model
      </button>
      <ModelCardEditor />
    </section>
  );
}

function formatMetric(value: number | undefined): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return 'n/a';
  return value.toFixed(4);
}
