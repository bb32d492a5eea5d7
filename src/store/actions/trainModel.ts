import { dataWorker } from '../../bridge/dataClient';
import { startClustering, startTraining } from '../../bridge/trainClient';
import type { TrainedRun } from '../../workers/trainOutcome';
import type { BackendPreference } from '../../workers/tfBackend';
import type { LeaderboardRow, ModelCurve, StudioState, Task, TrainingModel } from '../studioState';
import { getStudio, setStudio } from '../useStudio';
import { activeSteps } from './recipe';
import { planTrainingMemory } from '../../core/models/trainingMemory';
import { availableMemoryBytes } from './deviceMemory';
import { AUTO_FOLDS, rankingScore } from '../../core/models/autoMLRules';
import { endStageAfterPaint, startStage } from './stageTiming';
import { persistState } from './autosave';

let activeJob: { stop(): void } | null = null;
/** Hidden layer sizes as the neural network takes them: 1 to 5 comma-separated numbers. */
export const HIDDEN_LAYERS = /^\d{1,4}(,\d{1,4}){0,4}$/;


/**
 * AutoML: trains every model for the task on a pool of workers (one per core), each model
 * cross-validated on 5 folds and fitted on the 80/20 hold-out split, and fills the leaderboard as each one finishes, best first by the
 * K-fold mean. Problems that would make training meaningless (one class, a text regression
 * target...) are explained before it starts. A stop keeps the models that had finished; with none
 * finished, the previous results stay as they were.
 */
export async function trainModel(): Promise<void> {
  const { dataset, target, task, training } = getStudio();
  if (!dataset || training.status === 'running') return;
  if (task === 'clustering') return clusterRows();
  if (!target) return;
  startStage('train');
  const problems = await dataWorker().validate(target, task);
  if (problems.length) {
    setStudio({ alert: { message: problems[0], details: problems.length > 1 ? problems : undefined } });
    return;
  }
  const memory = planTrainingMemory(dataset.rowCount, dataset.columns, navigator.hardwareConcurrency || 2, availableMemoryBytes());
  setStudio({ alert: memory.warning ? { message: memory.warning } : null, training: { status: 'running', curves: [], active: [], done: 0 } });
  // Saved at once (not debounced), so a reload mid-run finds the run and marks it interrupted.
  void persistState();
  const curves = new Map<string, ModelCurve>();
  let active: TrainingModel[] = [];
  let pending = false;
  // Runs in the order of the model list, so ties rank the same as in the CLI whatever finished first.
  const runs: (TrainedRun & { order: number })[] = [];
  const failures: string[] = [];
  const stillRunning = () => getStudio().training.status === 'running' && getStudio().dataset?.version === dataset.version;
  const publishProgress = () => {
    // One store update per frame at most, however fast epochs and folds arrive.
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      if (!stillRunning()) return;
      setStudio((s) => ({ training: { ...s.training, curves: [...curves.values()], active, done: runs.length + failures.length } }));
    });
  };
  const { trainSettings: settings, backend } = getStudio();
  const { network, foldBy } = settings;
  const job = startTraining(
    () => dataWorker().tableForTraining(),
    {
      target,
      task,
      rows: dataset.rowCount,
      seed: settings.seed,
      folds: AUTO_FOLDS,
      timeBudgetSeconds: settings.timeBudgetSeconds,
      search: settings.search === 'none' ? undefined : settings.search,
      maxWorkers: memory.workers,
      foldBy: foldBy && foldBy.column !== target ? foldBy : undefined,
      extraModels: network.include ? ['neural_network'] : [],
      prepare: activeSteps(),
      params: network.include ? { neural_network: { hiddenLayers: network.hiddenLayers } } : undefined,
      backend: backend.preference,
      probed: backend.probed ?? undefined,
    },
    (event) => {
      if (!stillRunning()) return;
      switch (event.type) {
        case 'model':
          curves.set(event.model, { model: event.model, label: event.label, points: [] });
          active = [...active, { model: event.model, label: event.label, index: event.index, count: event.count, fold: 0, folds: AUTO_FOLDS }];
          break;
        case 'fold':
          active = active.map((m) => (m.model === event.model ? { ...m, fold: event.done, folds: event.folds } : m));
          break;
        case 'trial':
          active = active.map((m) => (m.model === event.model ? { ...m, trial: event.trial } : m));
          break;
        case 'epoch': {
          const curve = curves.get(event.model);
          if (curve) curves.set(event.model, { ...curve, points: [...curve.points, event.progress] });
          active = active.map((m) => (m.model === event.model ? { ...m, epoch: event.progress.epoch, epochs: event.progress.epochs } : m));
          break;
        }
        case 'candidate': {
          runs.push({ ...event.run, order: event.index });
          active = active.filter((m) => m.model !== event.run.modelName);
          const ranked = rankRuns(runs, task);
          setStudio({ run: ranked[0], leaderboard: ranked.map(leaderboardRow) });
          break;
        }
        case 'failure':
          failures.push(`${event.label} failed: ${event.message}`);
          active = active.filter((m) => m.model !== event.model);
          break;
      }
      publishProgress();
    },
    (choice) => {
      if (choice.measures) setStudio((s) => ({ backend: { ...s.backend, probed: choice } }));
    },
  );
  activeJob = job;
  const outcome = await job.outcome;
  activeJob = null;
  if (getStudio().dataset?.version !== dataset.version) return; // a new file was loaded meanwhile
  const failed = failures.length ? ` ${failures.join(' ')}` : '';
  if (!outcome.ok) {
    const kept = runs.length
      ? `Training was stopped; the ${runs.length} ${runs.length === 1 ? 'model' : 'models'} that finished ${runs.length === 1 ? 'is' : 'are'} on the leaderboard.`
      : 'Training was stopped; the previous results are unchanged.';
    setStudio({
      training: { status: outcome.stopped ? 'stopped' : 'failed', curves: [...curves.values()], message: outcome.stopped ? kept : outcome.message },
      alert: outcome.stopped ? null : { message: `Training on "${target}" failed: ${outcome.message}` },
    });
    return;
  }
  if (runs.length === 0) {
    setStudio({
      training: { status: 'failed', curves: [...curves.values()], message: `No model could be trained.${failed}` },
      alert: { message: `No model could be trained to predict "${target}".${failed}`, details: failures },
    });
    return;
  }
  startStage('evaluate');
  const skipped = outcome.skipped.length ? ` The ${settings.timeBudgetSeconds} s budget ran out before ${outcome.skipped.length} more.` : '';
  const leftOut = outcome.leftOut.map((m) => ` ${m.label} was left out: ${m.reason}.`).join('');
  // A model whose GPU backend failed mid-run (a lost WebGL context) and that another backend trained again.
  const fellBack = runs.flatMap((run) => (run.backend.notice ? [` ${run.backend.notice}`] : [])).join('');
  setStudio({ training: { status: 'done', curves: [...curves.values()], message: `Trained ${runs.length} ${runs.length === 1 ? 'model' : 'models'}.${skipped}${leftOut}${failed}${fellBack}` } });
  await endStageAfterPaint('train');
  await endStageAfterPaint('evaluate');
}

export function stopTraining(): void {
  activeJob?.stop();
}

/**
 * Best first by the K-fold mean of the task's metric (the hold-out score without folds); ties
 * keep the order of the model list, as in the CLI.
 */
export function rankRuns(runs: (TrainedRun & { order: number })[], task: Task): TrainedRun[] {
  return [...runs].sort((a, b) => rankingScore(b, task) - rankingScore(a, task) || a.order - b.order).map(({ order: _order, ...run }) => run);
}

function leaderboardRow(run: TrainedRun): LeaderboardRow {
  return {
    model: run.modelName,
    label: run.label,
    metrics: run.metrics,
    ...(run.cv ? { cv: run.cv.mean, cvStd: run.cv.std, folds: run.cv.folds } : {}),
    ...(run.search ? { tuning: tuningText(run.search) } : {}),
    ...(run.keyParams ? { keyParams: run.keyParams } : {}),
    fitSeconds: run.fitSeconds,
    backend: run.usesTensorFlow === false ? 'not used' : run.backend.name,
    ...(run.evaluation ? { evaluation: run.evaluation } : {}),
  };
}

/** The TensorFlow.js backend for the next runs: "auto" measures them and takes the fastest. */
export function setBackendPreference(preference: BackendPreference): void {
  setStudio((s) => ({ backend: { ...s.backend, preference } }));
}

function tuningText(search: NonNullable<TrainedRun['search']>): string {
  const how = search.strategy === 'halving' ? 'successive halving' : 'random search';
  const trials = `${search.evaluations} ${search.evaluations === 1 ? 'trial' : 'trials'}`;
  const budget = search.stoppedByBudget ? ', cut by the time budget' : '';
  return `${how}, ${trials}${budget}${search.defaultsWon ? '; defaults kept' : ''}`;
}

/** Tuning and time budget of the next AutoML runs (the CLI's --search and --time-budget). */
export function setTrainSettings(settings: Partial<StudioState['trainSettings']>): void {
  setStudio((s) => ({ trainSettings: { ...s.trainSettings, ...settings } }));
}

/**
 * Clustering: k-means in a worker on every usable column but the Target (if one is chosen), with
 * the chosen number of clusters or the best by silhouette from 2 to 10. Stop leaves the previous
 * results as they were.
 */
async function clusterRows(): Promise<void> {
  const { dataset, target, trainSettings } = getStudio();
  if (!dataset) return;
  startStage('train');
  const problems = await dataWorker().validate(target ?? '', 'clustering');
  if (problems.length) {
    setStudio({ alert: { message: problems[0] } });
    return;
  }
  const label = 'k-means';
  const count = { model: 'k_means', label, index: 0, count: 1 };
  setStudio({ alert: null, training: { status: 'running', curves: [], active: [count], done: 0 } });
  void persistState();
  let curve: ModelCurve = { model: 'k_means', label, points: [] };
  const job = startClustering(await dataWorker().tableForTraining(), { exclude: target ?? undefined, clusters: trainSettings.clusters, seed: trainSettings.seed }, (event) => {
    if (event.type !== 'epoch' || getStudio().training.status !== 'running') return;
    curve = { ...curve, points: [...curve.points, event.progress] };
    const { epoch, epochs } = event.progress;
    setStudio((s) => ({ training: { ...s.training, curves: [curve], active: [{ ...count, epoch, epochs }] } }));
  });
  activeJob = job;
  const outcome = await job.outcome;
  activeJob = null;
  if (getStudio().dataset?.version !== dataset.version) return;
  if (!outcome.ok) {
    setStudio({
      training: { status: outcome.stopped ? 'stopped' : 'failed', curves: [curve], message: outcome.stopped ? 'Training was stopped; the previous results are unchanged.' : outcome.message },
      alert: outcome.stopped ? null : { message: `Clustering "${dataset.fileName}" failed: ${outcome.message}` },
    });
    return;
  }
  startStage('evaluate');
  const k = outcome.clustering?.k ?? 0;
  setStudio({
    run: outcome,
    leaderboard: [leaderboardRow(outcome)],
    training: { status: 'done', curves: [curve], message: `Found ${k} clusters${trainSettings.clusters === 'auto' ? ' (the k from 2 to 10 with the best silhouette)' : ''}.` },
  });
  await endStageAfterPaint('train');
  await endStageAfterPaint('evaluate');
}

