/**
 * Trains one model off the main thread. "Stop" aborts between epochs; the bridge
 * terminates the worker if it does not answer.
 */
import * as Comlink from 'comlink';
import type { Table } from '../core/data/table';
import { trainAndEvaluate } from '../core/models/trainAndEvaluate';
import type { TrainProgress } from '../core/models/types';
import { chooseBackend, type BackendName } from './tfBackend';
import type { TrainOutcome, TrainRequest } from './trainOutcome';

let controller: AbortController | null = null;

const api = {
  async train(table: Table, request: TrainRequest, onProgress: (p: TrainProgress) => void): Promise<TrainOutcome> {
    controller = new AbortController();
    const signal = controller.signal;
    const backend = await chooseBackend(request.backend as BackendName | undefined);
    const started = performance.now();
    try {
      const result = await trainAndEvaluate(table, {
        target: request.target,
        task: request.task,
        model: request.model,
        seed: request.seed,
        signal,
        onProgress,
      });
      return {
        ok: true,
        backend,
        fitSeconds: (performance.now() - started) / 1000,
        modelName: result.modelName,
        params: result.params,
        model: result.model.toJSON(),
        recipe: result.recipe,
        metrics: result.metrics,
        classes: result.classes,
        featureNames: result.featureNames,
        trainRows: result.trainRows,
        testRows: result.testRows,
      };
    } catch (error) {
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
