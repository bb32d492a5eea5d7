/**
 * One worker of the training pool: it keeps a copy of the table and trains the models it is
 * handed, one at a time (cross-validated, then fitted on the hold-out split). "Stop" aborts
 * between epochs, folds and models; the bridge terminates the worker if it does not answer.
 */
import * as Comlink from 'comlink';
import { holdoutEvaluation } from '../core/evaluate/holdoutEvaluation';
import { suggestAfterPrepare } from '../core/prep/suggestAfterPrepare';
import type { Table } from '../core/data/table';
import { getModel, modelsForAutoML } from '../core/models/registry';
import type { ModelParams } from '../core/models/types';
import { kMeans } from '../core/models/kMeans';
import { trainAndEvaluate } from '../core/models/trainAndEvaluate';
import { trainClustering } from '../core/models/trainClustering';
import { isBackendLost } from '../core/models/tfBackend';
import { chooseBackend, fallBackFrom, type BackendChoice, type BackendPreference } from './tfBackend';
import { injectTestFaults } from './testFaults';
import { useBrowserKernelThreads } from './browserKernelThreads';
import type { ClusterRequest, ModelEvent, ModelInfo, ModelOutcome, TrainedRun, TrainRequest } from './trainOutcome';

let table: Table | null = null;
let backend: BackendChoice | null = null;
let controller: AbortController | null = null;

// Boosting fits sum their histograms on a helper thread where the page is cross-origin isolated.
useBrowserKernelThreads();

const api = {
  /**
   * The models AutoML trains for the task on `rows` rows, in registry order (the order it trains
   * and breaks ties in), and those it leaves out with the reason.
   */
  models(task: 'classification' | 'regression', rows: number, extra: readonly string[] = []): { models: ModelInfo[]; leftOut: (ModelInfo & { reason: string })[] } {
    const auto = modelsForAutoML(task, rows);
    // Models the person asked for by name join AutoML's list, at the end (they are the slow ones).
    const asked = auto.leftOut.filter((m) => extra.includes(m.name));
    const models = [...auto.models, ...asked].map((m) => ({ name: m.name, label: m.label }));
    return { models, leftOut: auto.leftOut.filter((m) => !extra.includes(m.name)) };
  },

  /** The person's choice, or on "auto" the fastest backend by a short benchmark (run by one worker of the pool). */
  async selectBackend(preference: BackendPreference): Promise<BackendChoice> {
    backend = await chooseBackend(preference);
    return backend;
  },

  /** Takes this worker's copy of the table and starts the backend the pool uses. */
  async prepare(data: Table, choice: BackendChoice): Promise<BackendChoice> {
    table = data;
    const started = await chooseBackend(choice.name);
    // Same backend as chosen for the pool: keep the pool's reason (e.g. the benchmark).
    backend = started.name === choice.name ? choice : started;
    return backend;
  },

  async train(request: TrainRequest, onEvent: (event: ModelEvent) => void | Promise<void>): Promise<ModelOutcome> {
    if (!table || !backend) return { ok: false, stopped: false, message: 'the training worker was given no data' };
    const data = table;
    return reported(onEvent, async (report, signal) => {
      const started = performance.now();
      // The person's steps, then the encoding this model wants, decided from names and types only.
      const categories = getModel(request.model).categoricalEncoding ?? 'oneHot';
      const recipe = request.prepare?.length ? suggestAfterPrepare(data, request.target, request.prepare, categories) : undefined;
      const fit = () =>
        trainAndEvaluate(data, {
          recipe,
          target: request.target,
          task: request.task,
          model: request.model,
          seed: request.seed,
          folds: request.folds,
          params: request.params,
          foldBy: request.foldBy,
          search: request.search,
          deadline: request.deadline,
          finalDeadline: request.finalDeadline,
          signal,
          onFold: (done, folds) => report({ type: 'fold', done, folds }),
          onTrial: (trial) => report({ type: 'trial', trial: trial.trial + 1 }),
          onProgress: (progress) => {
            injectTestFaults(request.model, progress.epoch);
            report({ type: 'epoch', progress });
          },
        });
      let result;
      let notice: string | undefined;
      try {
        result = await fit();
      } catch (error) {
        // A GPU backend can fail mid-run (a lost WebGL context, a device reset): finish on the CPU
        // side instead of failing. The fit stopped at the failure, so nothing computed after it is
        // kept; the model is trained again from the start (same seed) on the other backend.
        const failed = backend!.name;
        if ((failed !== 'webgl' && failed !== 'webgpu') || signal.aborted) throw error;
        const why = error instanceof Error ? error.message : String(error);
        backend = await fallBackFrom(failed, why);
        notice = fallbackNotice(error, failed, backend.name, getModel(request.model).label);
        result = await fit();
      }
      const spec = getModel(result.modelName);
      return {
        ok: true,
        backend: notice ? { ...backend!, notice } : backend!,
        fitSeconds: (performance.now() - started) / 1000,
        modelName: result.modelName,
        label: spec.label,
        usesTensorFlow: spec.usesTensorFlow === true,
        keyParams: keyParams(result.params, spec.defaults),
        params: result.params,
        model: result.model.toJSON(),
        recipe: result.recipe,
        metrics: result.metrics,
        ...(result.cv ? { cv: { folds: result.cv.folds, mean: result.cv.mean, std: result.cv.std } } : {}),
        ...(result.search ? { search: result.search } : {}),
        classes: result.classes,
        featureNames: result.featureNames,
        trainRows: result.trainRows,
        ...(result.sampledFrom ? { sampledFrom: result.sampledFrom } : {}),
        testRows: result.testRows,
        evaluation: holdoutEvaluation({ task: request.task, classes: result.classes, ...result.holdout }),
      };
    });
  },

  /** Clusters this worker's table with k-means (the whole table: clustering has no hold-out). */
  async cluster(data: Table, request: ClusterRequest, onEvent: (event: ModelEvent) => void | Promise<void>): Promise<ModelOutcome> {
    return reported(onEvent, async (report, signal) => {
      const started = performance.now();
      const result = await trainClustering(data, {
        clusters: request.clusters,
        seed: request.seed,
        exclude: request.exclude,
        signal,
        onProgress: (progress) => report({ type: 'epoch', progress }),
      });
      return {
        ok: true,
        backend: { name: 'cpu', reason: 'k-means is plain TypeScript; TensorFlow.js is not used' },
        usesTensorFlow: false,
        fitSeconds: (performance.now() - started) / 1000,
        modelName: result.modelName,
        label: kMeans.label,
        params: result.params,
        model: result.model.toJSON(),
        recipe: result.recipe,
        metrics: { ...result.metrics, clusters: result.k },
        featureNames: result.featureNames,
        trainRows: result.rows,
        testRows: 0,
        clustering: { k: result.k, sizes: result.sizes, ...(result.kScores ? { kScores: result.kScores } : {}), profiles: result.profiles },
      };
    });
  },

  stop(): void {
    controller?.abort();
  },
};

export type TrainApi = typeof api;
Comlink.expose(api);

/**
 * Runs one fit with a fresh abort signal and turns its end into an outcome: stopped, failed or
 * done. The proxied callback has its own message channel, so its messages could arrive after
 * this call's answer: every event is awaited before answering.
 */
async function reported(
  onEvent: (event: ModelEvent) => void | Promise<void>,
  work: (report: (event: ModelEvent) => void, signal: AbortSignal) => Promise<TrainedRun>,
): Promise<ModelOutcome> {
  controller = new AbortController();
  const signal = controller.signal;
  const delivered: Promise<void>[] = [];
  const report = (event: ModelEvent) => void delivered.push(Promise.resolve(onEvent(event)).catch(() => undefined));
  try {
    const run = await work(report, signal);
    await Promise.all(delivered);
    return run;
  } catch (error) {
    await Promise.all(delivered);
    if (signal.aborted) return { ok: false, stopped: true, message: 'Training was stopped.' };
    return { ok: false, stopped: false, message: error instanceof Error ? error.message : String(error) };
  } finally {
    controller = null;
  }
}

/** What the person is told when a model's GPU backend failed and another one trained it. */
function fallbackNotice(error: unknown, failed: string, now: string, label: string): string {
  const again = `so ${label} was trained again from the start on ${now}.`;
  if (isBackendLost(error)) return `GPU context lost at epoch ${error.epoch} while training ${label} on ${failed}, ${again}`;
  const why = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
  return `${label} failed on ${failed} (${why}), ${again}`;
}

/** The hyperparameters that differ from the model's defaults, in words, for the leaderboard. */
function keyParams(params: ModelParams, defaults: ModelParams): string {
  const changed = Object.keys(params).filter((key) => params[key] !== defaults[key]);
  if (changed.length === 0) return 'defaults';
  const text = (v: number | string | boolean) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(3)) : v);
  return changed.map((key) => `${key} ${text(params[key])}`).join(', ');
}
