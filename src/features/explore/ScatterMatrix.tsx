import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { fetchScatter } from '../../store/actions/fetchScatter';
import type { ScatterSample } from '../../core/explore/scatterSample';
import { PlotlyChart } from '../../ui/PlotlyChart';
import { scatterMatrixFigure } from './relationFigures';

const MAX_COLUMNS = 5;

/** A scatter matrix of up to five chosen numeric columns, on a sample of 500 rows. */
export function ScatterMatrix(): ReactNode {
  const dataset = useStudio((s) => s.dataset);
  const numeric = useMemo(() => (dataset?.columns ?? []).filter((c) => c.type === 'numeric').map((c) => c.name), [dataset]);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const columns = chosen ?? numeric.slice(0, 3);
  const [sample, setSample] = useState<ScatterSample | null>(null);
  const key = columns.join('\u0000');
  useEffect(() => {
    let alive = true;
    if (columns.length < 2) return;
    // A file loaded while the sample is computed replaces the worker's table, and the request for the
    // old columns then fails: no chart for it, and the new dataset asks again.
    void fetchScatter(columns).then((s) => alive && setSample(s), () => alive && setSample(null));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, dataset?.version]);
  const figure = useMemo(() => (sample && columns.length >= 2 ? scatterMatrixFigure(sample) : null), [sample, columns.length]);
  if (numeric.length < 2) return null;
  const toggle = (name: string) => {
    const next = columns.includes(name) ? columns.filter((c) => c !== name) : [...columns, name].slice(-MAX_COLUMNS);
    setChosen(next);
  };
  return (
    <fieldset className="scatter-columns">
      <legend>Scatter matrix (a seeded sample of up to 500 rows; up to {MAX_COLUMNS} columns)</legend>
      {numeric.map((name) => (
        <label key={name} className="inline">
          <input type="checkbox" checked={columns.includes(name)} onChange={() => toggle(name)} /> {name}
        </label>
      ))}
      {figure && <PlotlyChart figure={figure} label="Scatter matrix" height={120 * columns.length + 100} lazy />}
    </fieldset>
  );
}
