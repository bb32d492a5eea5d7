import { useEffect, type ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { refreshHistory, restoreVersion, toggleCompare } from '../../store/actions/versions';
import { retrainOnNewData } from '../../store/actions/retrain';
import { rankingMetric } from '../../core/models/autoMLRules';
import type { VersionSummary } from '../../store/studioState';
import { VersionComparison } from './VersionComparison';
import { FileButton } from '../../ui/FileButton';

function score(v: VersionSummary): string {
  if (!v.task || !v.metrics) return '';
  const key = v.task === 'clustering' ? 'silhouette' : rankingMetric(v.task);
  const value = v.cv?.[key] ?? v.metrics[key];
  return value === undefined || !Number.isFinite(value) ? '' : `${key} ${value.toFixed(4)}`;
}

/** The project's versions: each dataset loaded and each model trained, newest first. */
export function HistoryPanel(): ReactNode {
  const versions = useStudio((s) => s.history.versions);
  const compare = useStudio((s) => s.history.compare);
  const hasRun = useStudio((s) => s.run !== null);
  const training = useStudio((s) => s.training.status === 'running');
  useEffect(() => {
    void refreshHistory();
  }, []);
  if (versions.length === 0 && !hasRun) return null;
  return (
    <section aria-label="History" className="panel">
      <h2>History</h2>
      {hasRun && (
        <FileButton label="Retrain on new data" accept=".csv,.tsv,.txt" disabled={training} onFile={(file) => void retrainOnNewData(file, file.name)} />
      )}
      <div className="table-scroll">
        <table aria-label="Versions" className="data-table">
          <caption>Datasets and models of this project, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Saved</th>
              <th scope="col">Version</th>
              <th scope="col">Dataset</th>
              <th scope="col">Score</th>
              <th scope="col">Compare</th>
              <th scope="col">Restore</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => {
              const name = v.kind === 'model' ? `${v.label ?? v.model} for ${v.target ?? '(clusters)'}` : `Dataset of ${v.rows} records`;
              const when = new Date(v.savedAt).toLocaleString();
              return (
                <tr key={v.id}>
                  <td>{when}</td>
                  <td>{name}</td>
                  <td title={`SHA-256 ${v.datasetHash}`}>
                    {v.datasetName} <span className="hash">#{v.datasetHash.slice(0, 8)}</span>
                  </td>
                  <td>{score(v)}</td>
                  <td>
                    {v.kind === 'model' && (
                      <input type="checkbox" aria-label={`Compare ${name} saved ${when}`} checked={compare.includes(v.id)} onChange={() => toggleCompare(v.id)} />
                    )}
                  </td>
                  <td>
                    <button type="button" aria-label={`Restore ${name} saved ${when}`} disabled={training} onClick={() => void restoreVersion(v.id)}>
                      Restore
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <VersionComparison versions={versions.filter((v) => compare.includes(v.id))} />
    </section>
  );
}
