import { useMemo, useState, type ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { PlotlyChart } from '../../ui/PlotlyChart';
import { relationFigure } from './relationFigures';

/** Every column against the target, one at a time. */
export function TargetRelationView(): ReactNode {
  const data = useStudio((s) => s.explore.data);
  const target = useStudio((s) => s.target);
  const relations = data?.relations;
  const [chosen, setChosen] = useState<string | null>(null);
  const relation = relations?.relations.find((r) => r.column === chosen) ?? relations?.relations[0];
  const figure = useMemo(() => (relation && relations && target ? relationFigure(relation, relations.classes, target) : null), [relation, relations, target]);
  if (data?.relationsError) return <p className="hint">{data.relationsError}</p>;
  if (!relations || !relation || !figure) return null;
  return (
    <div>
      <label className="inline">
        Compare with target{' '}
        <select aria-label="Compare with target" value={relation.column} onChange={(e) => setChosen(e.currentTarget.value)}>
          {relations.relations.map((r) => (
            <option key={r.column} value={r.column}>
              {r.column}
            </option>
          ))}
        </select>
      </label>
      <PlotlyChart figure={figure} label={`${relation.column} against ${target}`} height={300} lazy />
    </div>
  );
}
