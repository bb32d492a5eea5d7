/**
 * Trains the AutoML leaderboard off the main thread: each model in turn, cross-validated and
 * fitted on the hold-out split, reported as it finishes. "Stop" aborts between epochs, folds and
 * models; the bridge terminates the worker if it does not answer.
 */
import * as Comlink from 'comlink';
import type { Table } from '../core/data/table';
import { autoTrain } from '../core/models/autoTrain';
import { chooseBackend, type BackendName } from './tfBackend';
import type { TrainEvent, TrainOutcome, TrainRequest } from './trainOutcome';

let controller: AbortController | null = null;

const api = {
  async train(table: Table, request: TrainRequest, onEvent: (event: TrainEvent) => void | Promise<void>): Promise<TrainOutcome> {
    controller = new AbortController();
    const signal = controller.signal;
    const backend = await chooseBackend(request.backend as BackendName | undefined);
    // The proxied callback has its own message channel, so its messages can arrive after this
    // call's answer: every event is awaited before answering, so none comes after the outcome.
    const delivered: Promise<void>[] = [];
    const report = (event: TrainEvent) => void delivered.push(Promise.resolve(onEvent(event)).catch(() => undefined));
    try {
      const { skipped } = await autoTrain(table, {
        target: request.target,
        task: request.task,
        seed: request.seed,
        folds: request.folds,
        models: request.models,
        timeBudgetSeconds: request.timeBudgetSeconds,
        signal,
        onModelStart: (start) => report({ type: 'model', ...start }),
        onFold: (done, folds) => report({ type: 'fold', done, folds }),
        onProgress: (progress) => report({ type: 'epoch', progress }),
        onFailure: (failure) => report({ type: 'failure', ...failure }),
        onCandidate: ({ result, label, fitSeconds }) =>
          report({
            type: 'candidate',
            run: {
              ok: true,
              backend,
              fitSeconds,
              modelName: result.modelName,
              label,
              params: result.params,
              model: result.model.toJSON(),
              recipe: result.recipe,
              metrics: result.metrics,
              ...(result.cv ? { cv: { folds: result.cv.folds, mean: result.cv.mean, std: result.cv.std } } : {}),
              classes: result.classes,
              featureNames: result.featureNames,
              trainRows: result.trainRows,
              testRows: result.testRows,
            },
          }),
      });
      await Promise.all(delivered);
      return { ok: true, backend, skipped };
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
