import { dataWorker } from '../../bridge/dataClient';
import { startTraining, type TrainJob } from '../../bridge/trainClient';
import type { TrainProgress } from '../../core/models/types';
import { getStudio, setStudio } from '../useStudio';
import { endStageAfterPaint, startStage } from './stageTiming';
import { persistState } from './autosave';

let activeJob: TrainJob | null = null;
/** The seed of every split and initialisation, shown in the UI; the CLI's --seed is the same. */
export const DEFAULT_SEED = 0;

/**
 * Trains the task's model on the current dataset in a worker. Problems that would make
 * training meaningless (one class, a text regression target...) are explained before it starts.
 */
export async function trainModel(): Promise<void> {
  const { dataset, target, task, training } = getStudio();
  if (!dataset || !target || training.status === 'running') return;
  startStage('train');
  const problems = await dataWorker().validate(target, task);
  if (problems.length) {
    setStudio({ alert: { message: problems[0], details: problems.length > 1 ? problems : undefined } });
    return;
  }
  setStudio({ alert: null, training: { status: 'running', curve: [] } });
  // Saved at once (not debounced), so a reload mid-run finds the run and marks it interrupted.
  void persistState();
  const table = await dataWorker().tableForTraining();
  let curve: TrainProgress[] = [];
  let pending = false;
  const job = startTraining(table, { target, task, seed: DEFAULT_SEED }, (progress) => {
    curve = [...curve, progress];
    // One store update per frame at most, however fast epochs arrive.
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        setStudio((s) => (s.training.status === 'running' ? { training: { ...s.training, curve } } : {}));
      });
    }
  });
  activeJob = job;
  const outcome = await job.outcome;
  activeJob = null;
  if (getStudio().dataset?.version !== dataset.version) return; // a new file was loaded meanwhile
  if (!outcome.ok) {
    setStudio({
      training: { status: outcome.stopped ? 'stopped' : 'failed', curve, message: outcome.message },
      alert: outcome.stopped ? null : { message: `Training on "${target}" failed: ${outcome.message}` },
    });
    return;
  }
  startStage('evaluate');
  const row = {
    model: outcome.modelName,
    label: modelLabel(outcome.modelName),
    metrics: outcome.metrics,
    fitSeconds: outcome.fitSeconds,
    backend: outcome.backend.name,
  };
  setStudio((s) => ({
    run: outcome,
    training: { status: 'done', curve },
    leaderboard: [...s.leaderboard.filter((r) => r.model !== row.model), row].sort((a, b) => primaryScore(b, task) - primaryScore(a, task)),
  }));
  await endStageAfterPaint('train');
  await endStageAfterPaint('evaluate');
}

export function stopTraining(): void {
  activeJob?.stop();
}

export function primaryMetric(task: 'classification' | 'regression'): string {
  return task === 'classification' ? 'accuracy' : 'r2';
}

function primaryScore(row: { metrics: Record<string, number> }, task: 'classification' | 'regression'): number {
  return row.metrics[primaryMetric(task)] ?? -Infinity;
}

export function modelLabel(kind: string): string {
  return kind.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
