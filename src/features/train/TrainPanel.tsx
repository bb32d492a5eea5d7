import { useMemo, type ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { stopTraining, trainModel } from '../../store/actions/trainModel';
import { PlotlyChart } from '../../ui/PlotlyChart';
import { ProgressBar } from '../../ui/ProgressBar';
import { lossFigure } from './lossFigure';
import type { TrainingModel } from '../../store/studioState';
import type { TrainProgress } from '../../core/models/types';

export function TrainPanel(): ReactNode {
  const dataset = useStudio((s) => s.dataset);
  const target = useStudio((s) => s.target);
  const training = useStudio((s) => s.training);
  const figure = useMemo(() => lossFigure(training.curve), [training.curve]);
  if (!dataset) return null;
  const running = training.status === 'running';
  const last = training.curve[training.curve.length - 1];
  return (
    <section aria-label="Training" className="panel">
      <h2>Train</h2>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void trainModel()} disabled={running || !target}>
          Train
        </button>
        {running && (
          <button type="button" onClick={stopTraining}>
            Stop
          </button>
        )}
      </div>
      {running && <ProgressBar label="Training" fraction={progressFraction(training.current, last)} />}
      <p role="status" className="training-status">
        {running ? runningText(training.current, last) : statusText(training.status, training.message)}
      </p>
      {training.curve.length > 0 && <PlotlyChart figure={figure} label="Training and validation loss per epoch" height={240} />}
    </section>
  );
}

/** The share of the AutoML run done: whole models, plus the current one's folds and epochs. */
function progressFraction(current: TrainingModel | undefined, last: TrainProgress | undefined): number {
  if (!current) return 0;
  // Each model is K fold fits and one hold-out fit; the hold-out fit's epochs fill its share.
  const steps = (current.folds ?? 0) + 1;
  const foldsDone = current.fold ?? 0;
  const within = foldsDone < steps - 1 ? foldsDone / steps : (steps - 1 + (last ? last.epoch / last.epochs : 0)) / steps;
  return Math.min(1, (current.index + within) / current.count);
}

function runningText(current: TrainingModel | undefined, last: TrainProgress | undefined): string {
  if (!current) return 'Training: preparing the data…';
  const which = `${current.label} (model ${current.index + 1} of ${current.count})`;
  if (current.folds && (current.fold ?? 0) < current.folds) return `Training ${which}: cross-validation fold ${(current.fold ?? 0) + 1} of ${current.folds}`;
  if (last) return `Training ${which}: epoch ${last.epoch} of ${last.epochs}, loss ${last.loss.toFixed(4)}`;
  return `Training ${which}: fitting on the hold-out split`;
}

function statusText(status: string, message: string | undefined): string {
  switch (status) {
    case 'done':
      return message ?? 'Training finished.';
    case 'stopped':
      return message ?? 'Training was stopped; the previous results are unchanged.';
    case 'failed':
      return message ?? 'Training failed.';
    case 'interrupted':
      return message ?? 'Training was interrupted.';
    default:
      return 'Press Train to fit every model for the task, each cross-validated on 5 folds and scored on an automatic 80/20 split.';
  }
}
