import { useMemo, useState, type ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { exportProfile, selectColumn } from '../../store/actions/explore';
import { PlotlyChart } from '../../ui/PlotlyChart';
import { classBalanceFigure, heatmapFigure } from './relationFigures';
import { ColumnDetail } from './ColumnDetail';
import { OverviewTable } from './OverviewTable';
import { TargetRelationView } from './TargetRelationView';
import { ScatterMatrix } from './ScatterMatrix';

type Method = 'pearson' | 'spearman' | 'cramersV';

/** The EDA dashboard: overview and warnings, one column in depth, relationships, the target. */
export function ExplorePanel(): ReactNode {
  const profile = useStudio((s) => s.profile);
  const explore = useStudio((s) => s.explore);
  const target = useStudio((s) => s.target);
  const task = useStudio((s) => s.task);
  const [method, setMethod] = useState<Method>('pearson');
  const heatmap = useMemo(() => {
    if (!profile) return null;
    if (method === 'cramersV') return heatmapFigure(profile.associations?.columns ?? [], profile.associations?.cramersV ?? [], 0);
    return heatmapFigure(profile.correlations.columns, method === 'pearson' ? profile.correlations.pearson : profile.correlations.spearman, -1);
  }, [profile, method]);
  const balance = explore.data?.balance;
  const balanceFigure = useMemo(() => (balance ? classBalanceFigure(balance) : null), [balance]);
  if (!profile) return null;
  const warnings = explore.data?.warnings ?? [];
  return (
    <section aria-label="Explore" className="panel">
      <h2>Explore</h2>
      <div className="explore-grid">
        <div>
          <OverviewTable overview={profile.overview} />
          <div className="actions">
            <button type="button" onClick={() => void exportProfile('html')}>
              Download profile (HTML)
            </button>
            <button type="button" onClick={() => void exportProfile('json')}>
              Download profile (JSON)
            </button>
          </div>
        </div>
        <div>
          <h3>Data-quality warnings</h3>
          {warnings.length === 0 ? (
            <p className="hint">No problems found.</p>
          ) : (
            <ul aria-label="Data-quality warnings" className="warnings">
              {warnings.map((w, i) => (
                <li key={i} className={`warning-${w.severity}`}>
                  {w.message}{' '}
                  {w.column && (
                    <button type="button" className="link" onClick={() => selectColumn(w.column!)}>
                      show {w.column}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <ColumnDetail />
      <h3>Relationships</h3>
      <label className="inline">
        Correlation method{' '}
        <select aria-label="Correlation method" value={method} onChange={(e) => setMethod(e.currentTarget.value as Method)}>
          <option value="pearson">Pearson (numeric)</option>
          <option value="spearman">Spearman (numeric, rank)</option>
          <option value="cramersV">Cramér's V (categorical)</option>
        </select>
      </label>
      {heatmap && <PlotlyChart figure={heatmap} label="Correlation heatmap" height={Math.max(320, 40 * heatmapSize(profile, method) + 160)} lazy />}
      <ScatterMatrix />
      {target && (
        <>
          <h3>Against the target “{target}”</h3>
          {balance && balanceFigure && (
            <div>
              <p>
                Class balance: {balance.classes.length} classes; imbalance ratio (largest / smallest class){' '}
                <strong>{balance.imbalanceRatio === null ? 'n/a' : balance.imbalanceRatio.toFixed(2)}</strong>
              </p>
              <PlotlyChart figure={balanceFigure} label="Class balance" height={240} lazy />
            </div>
          )}
          {task === 'regression' || task === 'classification' ? <TargetRelationView /> : null}
        </>
      )}
    </section>
  );
}

function heatmapSize(profile: { correlations: { columns: string[] }; associations?: { columns: string[] } }, method: Method): number {
  return method === 'cramersV' ? (profile.associations?.columns.length ?? 0) : profile.correlations.columns.length;
}
