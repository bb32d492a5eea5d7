import { useMemo, type ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { applyFilter, selectColumn } from '../../store/actions/explore';
import { PlotlyChart, type ChartClick } from '../../ui/PlotlyChart';
import { boxFigure, histogramFigure, timelineFigure, topValuesFigure, type BarFilter } from './columnFigures';
import type { ColumnProfile } from '../../core/profile/profileTable';

const STATS: Array<[keyof ColumnProfile, string]> = [
  ['count', 'Count'], ['missing', 'Missing'], ['unique', 'Unique'], ['mean', 'Mean'], ['std', 'Std (sample)'],
  ['min', 'Min'], ['q1', '25%'], ['median', 'Median'], ['q3', '75%'], ['max', 'Max'], ['skewness', 'Skewness'],
  ['zeros', 'Zeros'], ['meanLength', 'Mean length'],
];

/** One column in depth: its statistics, its distribution (click a bar to filter the grid) and box plot. */
export function ColumnDetail(): ReactNode {
  const profile = useStudio((s) => s.profile);
  const name = useStudio((s) => s.explore.column);
  const column = profile?.columns.find((c) => c.name === name) ?? profile?.columns[0];
  const distribution = useMemo(() => {
    if (!column) return null;
    if (column.type === 'numeric') return histogramFigure(column);
    if (column.type === 'datetime') return timelineFigure(column);
    return topValuesFigure(column);
  }, [column]);
  const box = useMemo(() => (column?.type === 'numeric' ? boxFigure(column) : null), [column]);
  if (!profile || !column || !distribution) return null;
  const onBarClick = (click: ChartClick) => {
    const f = click.customdata as BarFilter | undefined;
    if (!f) return;
    if (f.kind === 'range') void applyFilter({ column: column.name, kind: 'range', min: f.min, max: f.max, includeMax: f.includeMax }, `${column.name} from ${fmt(f.min)} to ${fmt(f.max)}`);
    else void applyFilter({ column: column.name, kind: 'category', value: f.value }, `${column.name} is “${f.value}”`);
  };
  return (
    <div className="column-detail">
      <h3>
        <label>
          Column{' '}
          <select aria-label="Column" value={column.name} onChange={(e) => selectColumn(e.currentTarget.value)}>
            {profile.columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <span className="hint">({column.type})</span>
      </h3>
      <div className="explore-grid">
        <table aria-label="Column statistics" className="data-table">
          <tbody>
            {STATS.filter(([key]) => column[key] !== undefined).map(([key, label]) => (
              <tr key={key}>
                <th scope="row">{label}</th>
                <td>{fmt(column[key] as number | string | null)}</td>
              </tr>
            ))}
            {column.box && (
              <tr>
                <th scope="row">IQR outliers</th>
                <td>{column.box.outliers}</td>
              </tr>
            )}
          </tbody>
        </table>
        <div>
          <PlotlyChart figure={distribution} label={`Distribution of ${column.name}`} height={260} onClick={onBarClick} lazy />
          <p className="hint">Click a bar to show only those rows in the data grid.</p>
          {box && <PlotlyChart figure={box} label={`Box plot of ${column.name}`} height={240} lazy />}
        </div>
      </div>
    </div>
  );
}

function fmt(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return 'n/a';
  if (typeof v === 'string') return v;
  return Number.isInteger(v) ? String(v) : Number(v.toPrecision(6)).toString();
}
