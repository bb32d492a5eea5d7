/**
 * One worker of the training pool: it keeps a copy of the table and trains the models it is
 * handed, one at a time (cross-validated, then fitted on the hold-out split). "Stop" aborts
 * between epochs, folds and models; the bridge terminates the worker if it does not answer.
 */
import * as Comlink from 'comlink';
import type { Table } from '../core/data/table';
import { getModel, modelsForAutoML } from '../core/models/registry';
import { trainAndEvaluate } from '../core/models/trainAndEvaluate';
import { chooseBackend, type BackendChoice, type BackendName } from './tfBackend';
import type { ModelEvent, ModelInfo, ModelOutcome, TrainRequest } from './trainOutcome';

let table: Table | null = null;
let backend: BackendChoice | null = null;
let controller: AbortController | null = null;

const api = {
  /**
   * The models AutoML trains for the task on `rows` rows, in registry order (the order it trains
   * and breaks ties in), and those it leaves out with the reason.
   */
  models(task: 'classification' | 'regression', rows: number): { models: ModelInfo[]; leftOut: (ModelInfo & { reason: string })[] } {
    const { models, leftOut } = modelsForAutoML(task, rows);
    return { models: models.map((m) => ({ name: m.name, label: m.label })), leftOut };
  },

  async prepare(data: Table, preferred?: string): Promise<BackendChoice> {
    table = data;
    backend = await chooseBackend(preferred as BackendName | undefined);
    return backend;
  },

  async train(request: TrainRequest, onEvent: (event: ModelEvent) => void | Promise<void>): Promise<ModelOutcome> {
    if (!table || !backend) return { ok: false, stopped: false, message: 'the training worker was given no data' };
    controller = new AbortController();
    const signal = controller.signal;
    // The proxied callback has its own message channel, so its messages could arrive after this
    // call's answer: every event is awaited before answering.
    const delivered: Promise<void>[] = [];
    const report = (event: ModelEvent) => void delivered.push(Promise.resolve(onEvent(event)).catch(() => undefined));
    const started = performance.now();
    try {
      const result = await trainAndEvaluate(table, {
        target: request.target,
        task: request.task,
        model: request.model,
        seed: request.seed,
        folds: request.folds,
        signal,
        onFold: (done, folds) => report({ type: 'fold', done, folds }),
        onProgress: (progress) => report({ type: 'epoch', progress }),
      });
      await Promise.all(delivered);
      return {
        ok: true,
        backend,
        fitSeconds: (performance.now() - started) / 1000,
        modelName: result.modelName,
        label: getModel(result.modelName).label,
        params: result.params,
        model: result.model.toJSON(),
        recipe: result.recipe,
        metrics: result.metrics,
        ...(result.cv ? { cv: { folds: result.cv.folds, mean: result.cv.mean, std: result.cv.std } } : {}),
        classes: result.classes,
        featureNames: result.featureNames,
        trainRows: result.trainRows,
        testRows: result.testRows,
      };
    } catch (error) {
      await Promise.all(delivered);
      if (signal.aborted) return { ok: false, stopped: true, message: 'Training was stopped.' };
      return { ok: false, stopped: false, message: error instanceof Error ? error.message : String(error) };
    } finally {
      controller = null;
    }
  },

  stop(): void {
    controller?.abort();
  },
};

export type TrainApi = typeof api;
Comlink.expose(api);
