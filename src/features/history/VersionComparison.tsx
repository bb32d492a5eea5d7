import type { ReactNode } from 'react';
import type { VersionSummary } from '../../store/studioState';

/** Two or more model versions side by side: held-out metrics, and cross-validated means where there were folds. */
export function VersionComparison({ versions }: { versions: VersionSummary[] }): ReactNode {
  if (versions.length < 2) return versions.length === 1 ? <p className="hint">Tick one more model to compare.</p> : null;
  const names = [...new Set(versions.flatMap((v) => [...Object.keys(v.metrics ?? {}).map((m) => `held-out ${m}`), ...Object.keys(v.cv ?? {}).map((m) => `CV ${m}`)]))].sort();
  const value = (v: VersionSummary, name: string) => {
    const [where, metric] = name.split(' ');
    const x = where === 'CV' ? v.cv?.[metric] : v.metrics?.[metric];
    return x === undefined || !Number.isFinite(x) ? '' : x.toFixed(4);
  };
  return (
    <table aria-label="Version comparison" className="data-table">
      <caption>Comparison</caption>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          {versions.map((v) => (
            <th scope="col" key={v.id}>
              {v.label ?? v.model} on {v.datasetName} ({new Date(v.savedAt).toLocaleString()})
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {names.map((name) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            {versions.map((v) => (
              <td key={v.id}>{value(v, name)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
