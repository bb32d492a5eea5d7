import type { ReactNode } from 'react';
import type { TableOverview } from '../../core/profile/profileTable';

export function OverviewTable({ overview }: { overview: TableOverview }): ReactNode {
  const types = Object.entries(overview.typeCounts).filter(([, n]) => n > 0);
  return (
    <table aria-label="Overview" className="data-table">
      <caption>Overview</caption>
      <tbody>
        <tr><th scope="row">Rows</th><td>{overview.rows}</td></tr>
        <tr><th scope="row">Columns</th><td>{overview.columns}</td></tr>
        <tr><th scope="row">Memory</th><td>{formatBytes(overview.memoryBytes)}</td></tr>
        <tr><th scope="row">Duplicate rows</th><td>{overview.duplicateRows ?? 'n/a'}</td></tr>
        <tr><th scope="row">Missing cells</th><td>{overview.missingCells}</td></tr>
        <tr><th scope="row">Column types</th><td>{types.map(([t, n]) => `${n} ${t}`).join(', ')}</td></tr>
      </tbody>
    </table>
  );
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} kB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}
