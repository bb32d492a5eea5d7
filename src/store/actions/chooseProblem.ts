import { dataWorker } from '../../bridge/dataClient';
import type { ColumnType } from '../../core/data/table';
import { getStudio, setStudio } from '../useStudio';
import type { Task } from '../studioState';
import { refreshExplore } from './explore';

/** Picking a new target proposes the task from its type; results of the old target are kept in history only. */
export async function setTarget(target: string): Promise<void> {
  if (!getStudio().dataset) return;
  // Clustering has no target: the chosen column (or none, '') is only left out of the inputs.
  const clustering = getStudio().task === 'clustering';
  setStudio({ target: target === '' ? null : target, run: null, leaderboard: [], training: { status: 'idle', curves: [] } });
  if (clustering || target === '') {
    await refreshExplore();
    return;
  }
  const task = await dataWorker().proposeTask(target);
  if (getStudio().target === target) setStudio({ task });
  await refreshExplore();
}

export function setTask(task: Task): void {
  setStudio({ task, run: null, leaderboard: [], training: { status: 'idle', curves: [] } });
  void refreshExplore();
}

export async function setColumnType(index: number, type: ColumnType): Promise<void> {
  const { dataset } = getStudio();
  if (!dataset) return;
  const outcome = await dataWorker().setColumnType(index, type);
  if (!outcome.ok) {
    setStudio({ alert: { message: outcome.issue.message } });
    return;
  }
  const overrides = [...(dataset.readOptions.typeOverrides ?? []).filter((o) => o.column !== index), { column: index, type }];
  const warnings = outcome.issues.filter((i) => i.severity === 'warning' && i.column?.index === index);
  setStudio({
    dataset: { ...dataset, columns: outcome.columns, readOptions: { ...dataset.readOptions, typeOverrides: overrides }, version: dataset.version + 1 },
    alert: warnings.length ? { message: warnings[0].message } : null,
    run: null,
    training: { status: 'idle', curves: [] },
  });
  const profile = await dataWorker().profile();
  setStudio((s) => ({ profile, explore: { ...s.explore, filter: null } }));
  await refreshExplore();
}

export function dismissAlert(): void {
  setStudio({ alert: null });
}
