import { useCallback, type ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { setColumnType } from '../../store/actions/chooseProblem';
import { fetchRows } from '../../store/actions/fetchRows';
import { clearFilter } from '../../store/actions/explore';
import { COLUMN_TYPES, type ColumnType } from '../../core/data/table';
import { VirtualGrid, type GridColumn } from '../../ui/VirtualGrid';

export function DataView(): ReactNode {
  const dataset = useStudio((s) => s.dataset);
  const notes = useStudio((s) => s.importNotes);
  const filter = useStudio((s) => s.explore.filter);
  const fetch = useCallback((start: number, count: number) => fetchRows(start, count), []);
  if (!dataset) return null;
  const columns: GridColumn[] = dataset.columns.map((c) => ({
    key: String(c.index),
    width: Math.min(260, Math.max(120, c.name.length * 9 + 30)),
    header: (
      <div className="column-header">
        <span className="column-name" title={c.name} id={`column-name-${c.index}`}>
          {c.name}
        </span>
        {/* The column name describes the select rather than naming it, so a column called
            "target" or "task" never shadows the studio's own Target and Task controls. */}
        <select
          aria-label="Column type"
          aria-describedby={`column-name-${c.index}`}
          value={c.type}
          onChange={(e) => void setColumnType(c.index, e.currentTarget.value as ColumnType)}
        >
          {COLUMN_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
              {t === c.inferredType ? ' (inferred)' : ''}
            </option>
          ))}
        </select>
        <span className="column-missing">{c.missing} missing</span>
      </div>
    ),
  }));
  const info = notes.filter((n) => n.severity === 'info');
  return (
    <section aria-label="Data" className="panel">
      <h2>Data</h2>
      <p className="dataset-size">
        <strong>{dataset.fileName}</strong>: <span>{dataset.rowCount} rows</span> × <span>{dataset.columns.length} columns</span>
        <span className="dialect">
          {' '}
          (delimiter {describeDelimiter(dataset.dialect.delimiter)}, {dataset.dialect.encoding}, {dataset.dialect.lineEnding} line endings)
        </span>
        {dataset.sample && dataset.sample.info.rows < dataset.sample.info.fileRows && (
          <span className="sample-of">
            {' '}
            — a random sample of the file's {dataset.sample.info.fileRows.toLocaleString('en-US')} rows (seed {dataset.sample.info.seed})
          </span>
        )}
      </p>
      {info.length > 0 && (
        <ul role="status" className="notes">
          {info.slice(0, 5).map((n, i) => (
            <li key={i}>{n.message}</li>
          ))}
        </ul>
      )}
      {filter && (
        <p role="status" className="filter-banner">
          Showing {filter.rows} of {dataset.rowCount} rows where {filter.description}.{' '}
          <button type="button" onClick={() => void clearFilter()}>
            Clear filter
          </button>
        </p>
      )}
      <VirtualGrid label={`Rows of ${dataset.fileName}`} rowCount={filter ? filter.rows : dataset.rowCount} columns={columns} fetchRows={fetch} version={dataset.version} />
    </section>
  );
}

function describeDelimiter(d: string): string {
  if (d === '\t') return 'tab';
  if (d === ',') return 'comma';
  if (d === ';') return 'semicolon';
  if (d === '|') return 'pipe';
  return `“${d}”`;
}
