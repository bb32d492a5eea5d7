/**
 * The training pool of an AutoML run: as many workers as the machine has cores (at most one per
 * model), each with its own copy of the table, taking the next model from one queue. Each
 * finished model is reported at once, so a stop, a failed model or a crashed worker leaves the
 * others' results intact. Stop asks every worker to abort between epochs and, if one does not
 * answer within a grace period, terminates them all: a stopped run always ends.
 */
import * as Comlink from 'comlink';
import type { Table } from '../core/data/table';
import { tableBuffers } from '../core/data/table';
import type { TrainApi } from '../workers/train.worker';
import type { BackendChoice } from '../workers/tfBackend';
import type { AutoTrainRequest, ClusterRequest, ModelEvent, ModelOutcome, TrainEvent, TrainOutcome } from '../workers/trainOutcome';
import { budgetSpent, tuningShare } from '../core/models/autoMLRules';
import { workerFailure } from './workerFailure';

const STOP_GRACE_MS = 3000;
/** More workers than this would mostly add copies of the table, not speed. */
const MAX_POOL = 4;

export interface TrainJob {
  outcome: Promise<TrainOutcome>;
  stop(): void;
}

interface PoolWorker {
  worker: Worker;
  api: Comlink.Remote<TrainApi>;
  /** Resolves with the reason if the worker's script dies. */
  crashed: Promise<string>;
}

class WorkerCrash extends Error {}

export function poolSize(models: number, cores = navigator.hardwareConcurrency || 2, memoryLimit = MAX_POOL): number {
  return Math.max(1, Math.min(models, cores, MAX_POOL, memoryLimit));
}

/** `tableCopy` gives each worker its own table, handed over by transfer. */
export function startTraining(
  tableCopy: () => Promise<Table>,
  request: AutoTrainRequest,
  onEvent: (event: TrainEvent) => void,
  onBackend?: (choice: BackendChoice) => void,
): TrainJob {
  const workers: PoolWorker[] = [];
  let stopping = false;
  let forceStop: (o: TrainOutcome) => void = () => undefined;
  const forced = new Promise<TrainOutcome>((resolve) => {
    forceStop = resolve;
  });

  const spawn = (): PoolWorker => {
    const worker = new Worker(new URL('../workers/train.worker.ts', import.meta.url), { type: 'module', name: 'train' });
    const pooled = { worker, api: Comlink.wrap<TrainApi>(worker), crashed: workerFailure(worker) };
    workers.push(pooled);
    return pooled;
  };
  const orCrash = <T>(pooled: PoolWorker, call: Promise<T>): Promise<T> =>
    Promise.race([
      call,
      pooled.crashed.then((reason): never => {
        throw new WorkerCrash(`the training worker stopped unexpectedly (${reason || 'no reason given'})`);
      }),
    ]);

  const run = async (): Promise<TrainOutcome> => {
    const first = spawn();
    const { models: all, leftOut } = await orCrash(first, first.api.models(request.task, request.rows, request.extraModels ?? []));
    const models = request.models ? all.filter((m) => request.models!.includes(m.name)) : all;
    if (models.length === 0) return { ok: false, stopped: false, message: `no model does ${request.task}` };
    // An automatic choice measured earlier in this page is reused: the benchmark takes a second or two.
    const reuse = request.backend === 'auto' || !request.backend ? request.probed : undefined;
    const backend: BackendChoice = reuse ?? (await orCrash(first, first.api.selectBackend(request.backend ?? 'auto')));
    onBackend?.(backend);
    for (let i = 1; i < poolSize(models.length, undefined, request.maxWorkers); i++) spawn();
    const started = performance.now();
    const skipped: string[] = [];
    let next = 0;
    let finished = 0;

    const serve = async (pooled: PoolWorker): Promise<void> => {
      try {
        await orCrash(pooled, pooled.api.prepare(await transferable(tableCopy()), backend));
      } catch (error) {
        if (next < models.length && !stopping) throw error;
        return; // nothing left for this worker to do anyway
      }
      while (!stopping && next < models.length) {
        const budget = request.timeBudgetSeconds;
        if (budgetSpent(budget, (performance.now() - started) / 1000, finished)) {
          skipped.push(...models.slice(next).map((m) => m.name));
          next = models.length;
          break;
        }
        const index = next++;
        const { name, label } = models[index];
        onEvent({ type: 'model', model: name, label, index, count: models.length });
        const events = Comlink.proxy((event: ModelEvent) => onEvent({ ...event, model: name }));
        let outcome: ModelOutcome;
        try {
          const share = tuningShare(budget, (performance.now() - started) / 1000, models.length - index, workers.length);
          const search = request.search && request.folds >= 2 ? { strategy: request.search, timeBudgetSeconds: share } : undefined;
          const params = request.params?.[name];
          const call = pooled.api.train({ target: request.target, task: request.task, model: name, seed: request.seed, folds: request.folds, foldBy: request.foldBy, params, search }, events);
          outcome = await orCrash(pooled, call as Promise<ModelOutcome>);
        } catch (error) {
          onEvent({ type: 'failure', model: name, label, message: error instanceof Error ? error.message : String(error) });
          return; // this worker is gone; the others carry on with the queue
        }
        if (outcome.ok) {
          finished++;
          onEvent({ type: 'candidate', index, run: outcome });
        } else if (outcome.stopped) {
          return;
        } else {
          onEvent({ type: 'failure', model: name, label, message: outcome.message });
        }
      }
    };
    await Promise.all(workers.map(serve));
    if (stopping) return { ok: false, stopped: true, message: 'Training was stopped.' };
    return { ok: true, backend, skipped, leftOut };
  };

  const outcome = Promise.race([
    run().catch((error: unknown): TrainOutcome => ({ ok: false, stopped: stopping, message: error instanceof Error ? error.message : String(error) })),
    forced,
  ]).finally(() => {
    for (const { api, worker } of workers) {
      api[Comlink.releaseProxy]();
      worker.terminate();
    }
  });
  return {
    outcome,
    stop() {
      stopping = true;
      for (const { api } of workers) api.stop().catch(() => undefined);
      setTimeout(() => forceStop({ ok: false, stopped: true, message: 'Training was stopped.' }), STOP_GRACE_MS);
    },
  };
}

async function transferable(table: Promise<Table>): Promise<Table> {
  const t = await table;
  return Comlink.transfer(t, tableBuffers(t));
}

/** One clustering run in its own worker; Stop works as for training. */
export function startClustering(table: Table, request: ClusterRequest, onEvent: (event: ModelEvent) => void): { outcome: Promise<ModelOutcome>; stop(): void } {
  const worker = new Worker(new URL('../workers/train.worker.ts', import.meta.url), { type: 'module', name: 'cluster' });
  const api = Comlink.wrap<TrainApi>(worker);
  let forceStop: (o: ModelOutcome) => void = () => undefined;
  const forced = new Promise<ModelOutcome>((resolve) => {
    forceStop = resolve;
  });
  const crashed = workerFailure(worker).then(
    (reason): ModelOutcome => ({ ok: false, stopped: false, message: `the training worker stopped unexpectedly (${reason || 'no reason given'})` }),
  );
  const work = api.cluster(Comlink.transfer(table, tableBuffers(table)), request, Comlink.proxy(onEvent)) as Promise<ModelOutcome>;
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
