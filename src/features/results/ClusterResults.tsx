import type { ReactNode } from 'react';
import type { TrainedRun } from '../../store/studioState';

/**
 * What k-means found: the leaderboard row, its metrics, the silhouette of every k tried, and
 * each cluster's size with the columns that describe it (mean or most frequent value, beside the
 * value over all rows). Names and values are rendered as text by React.
 */
export function ClusterResults({ run }: { run: TrainedRun }): ReactNode {
  const clustering = run.clustering;
  if (!clustering) return null;
  const { k, sizes, kScores, profiles } = clustering;
  const silhouette = run.metrics.silhouette;
  return (
    <>
      <table aria-label="Leaderboard" className="data-table">
        <caption>Leaderboard (silhouette, best first)</caption>
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Model</th>
            <th scope="col">Silhouette</th>
            <th scope="col">Clusters</th>
            <th scope="col">Fit time</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>1</td>
            <td>{run.label}</td>
            <td>{format(silhouette)}</td>
            <td>{k}</td>
            <td>{run.fitSeconds.toFixed(2)} s</td>
          </tr>
        </tbody>
      </table>
      <table aria-label="Metrics" className="data-table">
        <caption>Metrics of the clustering of {run.trainRows} rows</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Silhouette</th>
            <td>{format(silhouette)}</td>
          </tr>
          <tr>
            <th scope="row">Inertia</th>
            <td>{format(run.metrics.inertia)}</td>
          </tr>
          <tr>
            <th scope="row">Clusters</th>
            <td>{k}</td>
          </tr>
        </tbody>
      </table>
      {kScores && (
        <table aria-label="Silhouette by number of clusters" className="data-table">
          <caption>Silhouette by number of clusters (higher is better; {k} was chosen)</caption>
          <thead>
            <tr>
              <th scope="col">Clusters</th>
              <th scope="col">Silhouette</th>
              <th scope="col">Inertia</th>
            </tr>
          </thead>
          <tbody>
            {kScores.map((s) => (
              <tr key={s.k} aria-current={s.k === k ? 'true' : undefined}>
                <td>{s.k}</td>
                <td>{s.silhouette === null ? 'n/a' : format(s.silhouette)}</td>
                <td>{format(s.inertia)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="table-scroll">
        <table aria-label="Cluster profiles" className="data-table">
          <caption>Cluster profiles: each cluster's mean (numbers) or most frequent value (categories), with all rows for comparison</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">All rows</th>
              {sizes.map((size, c) => (
                <th scope="col" key={c}>
                  Cluster {c} ({size} rows)
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {profiles.columns.map((column, j) => (
              <tr key={column.index}>
                <th scope="row">{column.name}</th>
                <td>{summaryText(column.overall)}</td>
                {profiles.clusters.map((cluster) => (
                  <td key={cluster.cluster}>{summaryText(cluster.columns[j])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

type Summary = NonNullable<TrainedRun['clustering']>['profiles']['columns'][number]['overall'];

function summaryText(summary: Summary): string {
  if (summary.type === 'numeric') return summary.mean === null ? 'n/a' : `mean ${format(summary.mean)}`;
  if (summary.top === null) return 'n/a';
  return `${summary.top} (${Math.round((summary.topShare ?? 0) * 100)}%)`;
}

function format(value: number | undefined | null): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return 'n/a';
  return Math.abs(value) >= 1000 ? value.toFixed(1) : value.toFixed(4);
}
