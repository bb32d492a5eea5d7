/**
 * The training pool of an AutoML run: as many workers as the machine has cores (at most one per
 * model), each with its own copy of the table, taking the next model from one queue. Each
 * finished model is reported at once, so a stop, a failed model or a crashed worker leaves the
 * others' results intact. Stop asks every worker to abort between epochs and, if one does not
 * answer within a grace period, terminates them all: a stopped run always ends.
 *
 * A watchdog guards every call: a worker that sends nothing at all (no progress event, no
 * answer) for `watchdogMs` is taken as hung, like one that crashed. Its model is reported as
 * failed, the worker is terminated (never reused after a fault) and a fresh one takes its place
 * for the rest of the queue, so one bad model never stalls or silently shortens the run.
 */
import * as Comlink from 'comlink';
import type { Table } from '../core/data/table';
import { tableBuffers } from '../core/data/table';
import type { TrainApi } from '../workers/train.worker';
import type { BackendChoice } from '../workers/tfBackend';
import type { AutoTrainRequest, ClusterRequest, ModelEvent, ModelOutcome, TrainEvent, TrainOutcome } from '../workers/trainOutcome';
import { budgetDeadlines, budgetSpent, tuningShare } from '../core/models/autoMLRules';
import { workerFailure } from './workerFailure';

const STOP_GRACE_MS = 3000;
/** More workers than this would mostly add copies of the table, not speed. */
const MAX_POOL = 4;
/**
 * How long a training worker may stay silent. Every model reports folds, trials, epochs, rounds
 * or trees far more often than this; a worker's thread is busy while it fits, so it cannot answer
 * a ping, and silence is the only sign of a hang that does not also catch slow honest work.
 */
export const WATCHDOG_MS = 120_000;

export interface PoolOptions {
  /** Makes a training worker (tests pass a fake); by default a module worker of train.worker.ts. */
  createWorker?: (name: string) => Worker;
  /** Silence, in ms, after which a worker is taken as hung (default WATCHDOG_MS). */
  watchdogMs?: number;
}

export interface TrainJob {
  outcome: Promise<TrainOutcome>;
  stop(): void;
}

interface PoolWorker {
  worker: Worker;
  api: Comlink.Remote<TrainApi>;
  /** Resolves with the reason if the worker's script dies. */
  crashed: Promise<string>;
  /** Restarts the watchdog of the call in flight: the worker just showed it is alive. */
  alive(): void;
  retired: boolean;
}

/** A worker that crashed or hung; it is terminated and never used again. */
export class WorkerFault extends Error {}

function defaultWorker(name: string): Worker {
  return new Worker(new URL('../workers/train.worker.ts', import.meta.url), { type: 'module', name });
}

export function poolSize(models: number, cores = globalThis.navigator?.hardwareConcurrency || 2, memoryLimit = MAX_POOL): number {
  return Math.max(1, Math.min(models, cores, MAX_POOL, memoryLimit));
}

function seconds(ms: number): string {
  return String(Number((ms / 1000).toPrecision(3)));
}

/**
 * `call` raced against the worker's crash and against a silence of `watchdogMs` (restarted by
 * `pooled.alive()`); either of those rejects with a WorkerFault naming what happened.
 */
function guarded<T>(pooled: PoolWorker, call: Promise<T>, watchdogMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let settled = false;
  const hung = new Promise<never>((_, reject) => {
    pooled.alive = () => {
      if (settled) return;
      clearTimeout(timer);
      timer = setTimeout(
        () => reject(new WorkerFault(`the training worker stopped answering (nothing from it for ${seconds(watchdogMs)} s while ${what}), so it was shut down`)),
        watchdogMs,
      );
    };
  });
  pooled.alive();
  const crash = pooled.crashed.then((reason): never => {
    throw new WorkerFault(`the training worker stopped unexpectedly (${reason || 'no reason given'})`);
  });
  // Whichever loses the race must not surface later as an unhandled rejection.
  hung.catch(() => undefined);
  crash.catch(() => undefined);
  return Promise.race([call, crash, hung]).finally(() => {
    settled = true;
    clearTimeout(timer);
  });
}

/** `tableCopy` gives each worker its own table, handed over by transfer. */
export function startTraining(
  tableCopy: () => Promise<Table>,
  request: AutoTrainRequest,
  onEvent: (event: TrainEvent) => void,
  onBackend?: (choice: BackendChoice) => void,
  options: PoolOptions = {},
): TrainJob {
  const createWorker = options.createWorker ?? defaultWorker;
  const watchdogMs = options.watchdogMs ?? WATCHDOG_MS;
  /** Every worker started, for stop and the final clean-up. */
  const workers: PoolWorker[] = [];
  let stopping = false;
  let forceStop: (o: TrainOutcome) => void = () => undefined;
  const forced = new Promise<TrainOutcome>((resolve) => {
    forceStop = resolve;
  });

  const spawn = (): PoolWorker => {
    const worker = createWorker('train');
    const pooled: PoolWorker = { worker, api: Comlink.wrap<TrainApi>(worker), crashed: workerFailure(worker), alive: () => undefined, retired: false };
    workers.push(pooled);
    return pooled;
  };
  const retire = (pooled: PoolWorker): void => {
    if (pooled.retired) return;
    pooled.retired = true;
    pooled.api[Comlink.releaseProxy]();
    pooled.worker.terminate();
  };

  const run = async (): Promise<TrainOutcome> => {
    const first = spawn();
    const { models: all, leftOut } = await guarded(first, first.api.models(request.task, request.rows, request.extraModels ?? []), watchdogMs, 'listing the models');
    const models = request.models ? all.filter((m) => request.models!.includes(m.name)) : all;
    if (models.length === 0) return { ok: false, stopped: false, message: `no model does ${request.task}` };
    // An automatic choice measured earlier in this page is reused: the benchmark takes a second or two.
    const reuse = request.backend === 'auto' || !request.backend ? request.probed : undefined;
    const backend: BackendChoice = reuse ?? (await guarded(first, first.api.selectBackend(request.backend ?? 'auto'), watchdogMs, 'choosing the backend'));
    onBackend?.(backend);
    const size = poolSize(models.length, undefined, request.maxWorkers);
    const slots: PoolWorker[] = [first];
    for (let i = 1; i < size; i++) slots.push(spawn());
    const started = performance.now();
    // Wall-clock time, which the workers share (performance.now() counts from each one's own start).
    const startedAt = Date.now();
    const skipped: string[] = [];
    let next = 0;
    let finished = 0;

    const prepare = async (pooled: PoolWorker) => {
      const table = await transferable(tableCopy());
      return guarded(pooled, pooled.api.prepare(table, backend), watchdogMs, 'taking its copy of the data');
    };

    const serve = async (pooled: PoolWorker, replacement: boolean): Promise<void> => {
      try {
        await prepare(pooled);
      } catch (error) {
        retire(pooled);
        // The first workers failing to start fails the run; a replacement failing ends only its slot.
        if (next < models.length && !stopping && !replacement) throw error;
        return;
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
        const worker = pooled;
        const events = Comlink.proxy((event: ModelEvent) => {
          worker.alive();
          onEvent({ ...event, model: name });
        });
        let outcome: ModelOutcome;
        try {
          const share = tuningShare(budget, (performance.now() - started) / 1000, models.length - index, size);
          const search = request.search && request.folds >= 2 ? { strategy: request.search, timeBudgetSeconds: share } : undefined;
          const params = request.params?.[name];
          // The budget also bounds the slow models themselves: their fits stop growing at its end.
          const { deadline, finalDeadline } = budgetDeadlines(budget, startedAt);
          const call = pooled.api.train(
            { target: request.target, task: request.task, model: name, seed: request.seed, folds: request.folds, foldBy: request.foldBy, params, search, deadline, finalDeadline, prepare: request.prepare },
            events,
          );
          outcome = await guarded(pooled, call as Promise<ModelOutcome>, watchdogMs, `training ${label}`);
        } catch (error) {
          retire(pooled);
          if (stopping) return;
          onEvent({ type: 'failure', model: name, label, message: error instanceof Error ? error.message : String(error) });
          if (next >= models.length) return;
          // Never reuse a worker after a fault: a fresh one carries on with the queue.
          return serve(spawn(), true);
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
    await Promise.all(slots.map((pooled) => serve(pooled, false)));
    if (stopping) return { ok: false, stopped: true, message: 'Training was stopped.' };
    // Only when every replacement failed to start: say so for each model left in the queue.
    for (const { name, label } of models.slice(next)) {
      onEvent({ type: 'failure', model: name, label, message: 'no training worker could be started to train it' });
    }
    return { ok: true, backend, skipped, leftOut };
  };

  const outcome = Promise.race([
    run().catch((error: unknown): TrainOutcome => ({ ok: false, stopped: stopping, message: error instanceof Error ? error.message : String(error) })),
    forced,
  ]).finally(() => {
    for (const pooled of workers) retire(pooled);
  });
  return {
    outcome,
    stop() {
      stopping = true;
      for (const { api, retired } of workers) if (!retired) api.stop().catch(() => undefined);
      setTimeout(() => forceStop({ ok: false, stopped: true, message: 'Training was stopped.' }), STOP_GRACE_MS);
    },
  };
}

async function transferable(table: Promise<Table>): Promise<Table> {
  const t = await table;
  return Comlink.transfer(t, tableBuffers(t));
}

/** One clustering run in its own worker; Stop and the watchdog work as for training. */
export function startClustering(
  table: Table,
  request: ClusterRequest,
  onEvent: (event: ModelEvent) => void,
  options: PoolOptions = {},
): { outcome: Promise<ModelOutcome>; stop(): void } {
  const worker = (options.createWorker ?? defaultWorker)('cluster');
  const watchdogMs = options.watchdogMs ?? WATCHDOG_MS;
  const pooled: PoolWorker = { worker, api: Comlink.wrap<TrainApi>(worker), crashed: workerFailure(worker), alive: () => undefined, retired: false };
  let forceStop: (o: ModelOutcome) => void = () => undefined;
  const forced = new Promise<ModelOutcome>((resolve) => {
    forceStop = resolve;
  });
  const events = Comlink.proxy((event: ModelEvent) => {
    pooled.alive();
    onEvent(event);
  });
  const work = pooled.api.cluster(Comlink.transfer(table, tableBuffers(table)), request, events) as Promise<ModelOutcome>;
  const guardedWork = guarded(pooled, work, watchdogMs, 'clustering').catch(
    (error: unknown): ModelOutcome => ({ ok: false, stopped: false, message: error instanceof Error ? error.message : String(error) }),
  );
  const outcome = Promise.race([guardedWork, forced]).finally(() => {
    pooled.retired = true;
    pooled.api[Comlink.releaseProxy]();
    worker.terminate();
  });
  return {
    outcome,
    stop() {
      if (pooled.retired) return;
      pooled.api.stop().catch(() => undefined);
      setTimeout(() => forceStop({ ok: false, stopped: true, message: 'Training was stopped.' }), STOP_GRACE_MS);
    },
  };
}
