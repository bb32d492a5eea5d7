import type { ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { setTarget, setTask } from '../../store/actions/chooseProblem';
import { setTrainSettings } from '../../store/actions/trainModel';
import type { Task } from '../../store/studioState';

export function ProblemPanel(): ReactNode {
  const dataset = useStudio((s) => s.dataset);
  const target = useStudio((s) => s.target);
  const task = useStudio((s) => s.task);
  const running = useStudio((s) => s.training.status === 'running');
  const clusters = useStudio((s) => s.trainSettings.clusters);
  if (!dataset) return null;
  const column = dataset.columns.find((c) => c.name === target);
  return (
    <section aria-label="Problem" className="panel problem">
      <h2>Problem</h2>
      <label>
        Target
        <select aria-label="Target" value={target ?? ''} disabled={running} onChange={(e) => void setTarget(e.currentTarget.value)}>
          {(task === 'clustering' || target === null) && <option value="">(none)</option>}
          {dataset.columns.map((c) => (
            <option key={c.index} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Task
        <select aria-label="Task" value={task} disabled={running} onChange={(e) => setTask(e.currentTarget.value as Task)}>
          <option value="classification">classification</option>
          <option value="regression">regression</option>
          <option value="clustering">clustering</option>
        </select>
      </label>
      {task === 'clustering' && (
        <label>
          Clusters
          <select
            aria-label="Clusters"
            value={String(clusters)}
            disabled={running}
            onChange={(e) => setTrainSettings({ clusters: e.currentTarget.value === 'auto' ? 'auto' : Number(e.currentTarget.value) })}
          >
            <option value="auto">auto (best silhouette, 2 to 10)</option>
            {Array.from({ length: 19 }, (_, i) => i + 2).map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
      )}
      {task === 'clustering' ? (
        <p className="hint">
          k-means groups the rows by every usable column{column ? `; “${column.name}” is left out, so you can compare the clusters with it` : ''}.
        </p>
      ) : column && (
        <p className="hint">
          “{column.name}” is {column.type}
          {column.distinct !== undefined ? ` with ${column.distinct} distinct values` : ''}, so the studio proposes {task}. Rows where it is missing ({column.missing}) are left out of training.
        </p>
      )}
    </section>
  );
}
