import { useMemo, type ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { stopTraining, trainModel } from '../../store/actions/trainModel';
import { PlotlyChart } from '../../ui/PlotlyChart';
import { ProgressBar } from '../../ui/ProgressBar';
import { lossFigure } from './lossFigure';

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
      {running && <ProgressBar label="Training" fraction={last ? last.epoch / last.epochs : 0} />}
      <p role="status" className="training-status">
        {statusText(training.status, training.message, last?.epoch, last?.loss)}
      </p>
      {training.curve.length > 0 && <PlotlyChart figure={figure} label="Training and validation loss per epoch" height={240} />}
    </section>
  );
}

function statusText(status: string, message: string | undefined, epoch?: number, loss?: number): string {
  switch (status) {
    case 'running':
      return epoch ? `Training: epoch ${epoch}, loss ${loss?.toFixed(4)}` : 'Training: preparing the data…';
    case 'done':
      return 'Training finished.';
    case 'stopped':
      return 'Training was stopped; the previous results are unchanged.';
    case 'failed':
      return message ?? 'Training failed.';
    case 'interrupted':
      return message ?? 'Training was interrupted.';
    default:
      return 'Press Train to fit a model on an automatic 80/20 split.';
  }
}
