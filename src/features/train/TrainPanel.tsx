import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useStudio } from '../../store/useStudio';
import { HIDDEN_LAYERS, setBackendPreference, setTrainSettings, stopTraining, trainModel } from '../../store/actions/trainModel';
import type { BackendPreference } from '../../store/studioState';

/** Hidden layer presets of the neural network: units per layer. */
const LAYER_PRESETS: [string, string][] = [
  ['32', 'small (32)'],
  ['64,64', 'medium (64, 64)'],
  ['128,64', 'large (128, 64)'],
  ['256,128,64', 'deep (256, 128, 64)'],
];

/** TensorFlow.js runs the linear models and the neural network; the other models are plain TypeScript. */
const BACKEND_OPTIONS: [BackendPreference, string][] = [
  ['auto', 'Auto (fastest here)'],
  ['webgpu', 'WebGPU'],
  ['webgl', 'WebGL'],
  ['wasm', 'WebAssembly'],
  ['cpu', 'CPU (plain JavaScript)'],
];
import { PlotlyChart } from '../../ui/PlotlyChart';
import { ProgressBar } from '../../ui/ProgressBar';
import { lossFigure } from './lossFigure';
import type { TrainingModel } from '../../store/studioState';

export function TrainPanel(): ReactNode {
  const dataset = useStudio((s) => s.dataset);
  const target = useStudio((s) => s.target);
  const training = useStudio((s) => s.training);
  const backend = useStudio((s) => s.backend);
  const settings = useStudio((s) => s.trainSettings);
  const task = useStudio((s) => s.task);
  const foldColumns = (dataset?.columns ?? [])
    .filter((c) => c.name !== target && (settings.foldBy?.kind !== 'time' || c.type === 'numeric' || c.type === 'datetime'))
    .map((c) => c.name);
  const [layersText, setLayersText] = useState(settings.network.hiddenLayers);
  // A preset choice (or a restored project) replaces what is typed.
  useEffect(() => setLayersText(settings.network.hiddenLayers), [settings.network.hiddenLayers]);
  const figure = useMemo(() => lossFigure(training.curves), [training.curves]);
  if (!dataset) return null;
  const running = training.status === 'running';
  return (
    <section aria-label="Training" className="panel">
      <h2>Train</h2>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void trainModel()} disabled={running || (!target && task !== 'clustering')}>
          Train
        </button>
        {running && (
          <button type="button" onClick={stopTraining}>
            Stop
          </button>
        )}
        {task !== 'clustering' && (
        <>
        <label className="inline-field">
          <span aria-hidden="true">Tuning</span>
          <select
            aria-label="Tuning"
            value={settings.search}
            disabled={running}
            onChange={(e) => setTrainSettings({ search: e.currentTarget.value as 'random' | 'halving' | 'none' })}
          >
            <option value="random">Random search</option>
            <option value="halving">Successive halving</option>
            <option value="none">None (defaults)</option>
          </select>
        </label>
        <label className="inline-field">
          <span aria-hidden="true">Time budget (s)</span>
          <input
            aria-label="Time budget (seconds)"
            type="number"
            min={1}
            max={86400}
            step={1}
            value={settings.timeBudgetSeconds}
            disabled={running}
            onChange={(e) => {
              const seconds = Math.round(Number(e.currentTarget.value));
              if (Number.isFinite(seconds) && seconds >= 1) setTrainSettings({ timeBudgetSeconds: Math.min(86400, seconds) });
            }}
          />
        </label>
        </>
        )}
        <label className="inline-field">
          <span aria-hidden="true">Seed</span>
          <input
            aria-label="Seed"
            type="number"
            min={0}
            max={2147483647}
            step={1}
            value={settings.seed}
            disabled={running}
            onChange={(e) => {
              const seed = Number(e.currentTarget.value);
              if (Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31) setTrainSettings({ seed });
            }}
          />
        </label>
        <label className="inline-field">
          <span aria-hidden="true">Folds</span>
          <select
            aria-label="Folds"
            value={settings.foldBy?.kind ?? 'shuffled'}
            disabled={running}
            onChange={(e) => {
              const kind = e.currentTarget.value;
              const column = settings.foldBy?.column ?? foldColumns[0];
              setTrainSettings({ foldBy: kind === 'shuffled' || !column ? null : { kind: kind as 'group' | 'time', column } });
            }}
          >
            <option value="shuffled">shuffled{task === 'classification' ? ', stratified' : ''}</option>
            <option value="group">by group</option>
            <option value="time">in time order</option>
          </select>
          {settings.foldBy && (
            <select
              aria-label="Fold column"
              value={settings.foldBy.column}
              disabled={running}
              onChange={(e) => setTrainSettings({ foldBy: { kind: settings.foldBy!.kind, column: e.currentTarget.value } })}
            >
              {foldColumns.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </label>
        <label className="inline-field">
          <input
            type="checkbox"
            checked={settings.network.include}
            disabled={running}
            onChange={(e) => setTrainSettings({ network: { ...settings.network, include: e.currentTarget.checked } })}
          />
          Neural network
        </label>
        {settings.network.include && (
          <label className="inline-field">
            <span aria-hidden="true">Layers</span>
            <select
              aria-label="Layers preset"
              value={LAYER_PRESETS.some(([v]) => v === settings.network.hiddenLayers) ? settings.network.hiddenLayers : 'custom'}
              disabled={running}
              onChange={(e) => {
                const value = e.currentTarget.value;
                if (value !== 'custom') setTrainSettings({ network: { ...settings.network, hiddenLayers: value } });
              }}
            >
              {LAYER_PRESETS.map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
              <option value="custom">custom</option>
            </select>
            <input
              aria-label="Hidden layers"
              aria-invalid={!HIDDEN_LAYERS.test(layersText)}
              size={9}
              value={layersText}
              disabled={running}
              onChange={(e) => {
                const text = e.currentTarget.value.replace(/\s+/g, '');
                setLayersText(text);
                if (HIDDEN_LAYERS.test(text)) setTrainSettings({ network: { ...settings.network, hiddenLayers: text } });
              }}
            />
          </label>
        )}
        <label className="inline-field">
          <span aria-hidden="true">Backend</span>
          <select
            aria-label="Backend"
            value={backend.preference}
            disabled={running}
            onChange={(e) => setBackendPreference(e.currentTarget.value as BackendPreference)}
          >
            {BACKEND_OPTIONS.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
      </div>
      {settings.network.include && !HIDDEN_LAYERS.test(layersText) && (
        <p role="alert" className="field-error">
          Hidden layers must be 1 to 5 sizes separated by commas, such as 64,32; the network keeps {settings.network.hiddenLayers} until then.
        </p>
      )}
      {backend.probed && backend.preference === 'auto' && (
        <p className="hint">
          TensorFlow.js backend: {backend.probed.name}, {backend.probed.reason}.
        </p>
      )}
      {running && <ProgressBar label="Training" fraction={progressFraction(training.active ?? [], training.done ?? 0)} />}
      <p role="status" className="training-status">
        {running ? runningText(training.active ?? [], training.done ?? 0) : statusText(training.status, training.message)}
      </p>
      {training.curves.some((c) => c.points.length > 0) && (
        <PlotlyChart figure={figure} label="Training and validation loss of each model" height={240} />
      )}
    </section>
  );
}

/** The share of the AutoML run done: finished models, plus each running one's folds and epochs. */
function progressFraction(active: TrainingModel[], done: number): number {
  const count = active[0]?.count;
  if (!count) return 0;
  let partial = 0;
  for (const m of active) {
    // Each model is K fold fits and one hold-out fit; the hold-out fit's epochs fill its share.
    const steps = (m.folds ?? 0) + 1;
    const folds = m.fold ?? 0;
    partial += folds < steps - 1 ? folds / steps : (steps - 1 + (m.epochs ? (m.epoch ?? 0) / m.epochs : 0)) / steps;
  }
  return Math.min(1, (done + partial) / count);
}

function runningText(active: TrainingModel[], done: number): string {
  if (active.length === 0) return done ? `Training: ${done} models done…` : 'Training: preparing the data…';
  const parts = active.map((m) => {
    if (m.trial) return `${m.label} (tuning, trial ${m.trial})`;
    if (m.folds && (m.fold ?? 0) < m.folds) return `${m.label} (fold ${(m.fold ?? 0) + 1} of ${m.folds})`;
    if (m.epoch && m.epochs) return `${m.label} (hold-out fit, ${m.epoch} of ${m.epochs})`;
    return `${m.label} (hold-out fit)`;
  });
  return `Training ${parts.join(', ')}; ${done} of ${active[0].count} models done.`;
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
      return 'Press Train to fit every model for the task, each tuned and cross-validated on 5 folds within the time budget, and scored on an automatic 80/20 split.';
  }
}
