/**
 * One training worker per AutoML run. Stop asks the worker to abort between epochs and, if it
 * does not answer within a grace period, terminates it: a stopped run always ends. Models that
 * finished before the stop were already reported through `onEvent`, so they are kept.
 */
import * as Comlink from 'comlink';
import type { Table } from '../core/data/table';
import { tableBuffers } from '../core/data/table';
import type { TrainApi } from '../workers/train.worker';
import type { TrainEvent, TrainOutcome, TrainRequest } from '../workers/trainOutcome';
import { workerFailure } from './workerFailure';

const STOP_GRACE_MS = 3000;

export interface TrainJob {
  outcome: Promise<TrainOutcome>;
  stop(): void;
}

export function startTraining(table: Table, request: TrainRequest, onEvent: (event: TrainEvent) => void): TrainJob {
  const worker = new Worker(new URL('../workers/train.worker.ts', import.meta.url), { type: 'module', name: 'train' });
  const api = Comlink.wrap<TrainApi>(worker);
  let forceStop: (o: TrainOutcome) => void = () => undefined;
  const forced = new Promise<TrainOutcome>((resolve) => {
    forceStop = resolve;
  });
  const crashed = workerFailure(worker).then(
    (reason): TrainOutcome => ({ ok: false, stopped: false, message: `the training worker stopped unexpectedly (${reason || 'no reason given'})` }),
  );
  const work = api.train(Comlink.transfer(table, tableBuffers(table)), request, Comlink.proxy(onEvent));
  const outcome = Promise.race([work, forced, crashed]).finally(() => {
    api[Comlink.releaseProxy]();
    worker.terminate();
  });
  return {
    outcome,
    stop() {
      api.stop().catch(() => undefined);
      setTimeout(() => forceStop({ ok: false, stopped: true, message: 'Training was stopped.' }), STOP_GRACE_MS);
    },
  };
}
