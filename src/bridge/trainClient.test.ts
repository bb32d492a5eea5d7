/**
 * The training pool's fault handling, with fake workers: each fake serves a scripted TrainApi
 * through Comlink over a real MessageChannel, so the pool's calls, transfers and proxied
 * progress callbacks take the same paths as with a Web Worker. A "hung" model never answers
 * and sends nothing; a "crashing" one makes its worker fire `error` the way a dying script does.
 */
import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import type { Table } from '../core/data/table';
import type { BackendChoice } from '../workers/tfBackend';
import type { AutoTrainRequest, ModelEvent, ModelOutcome, TrainEvent, TrainOutcome, TrainRequest } from '../workers/trainOutcome';
import { startClustering, startTraining, type PoolOptions } from './trainClient';

const CPU: BackendChoice = { name: 'cpu', reason: 'fake' };
const never = new Promise<never>(() => undefined);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Behaviour = 'ok' | 'hang' | 'crash' | 'slow' | 'fail';

/** What each fake worker has been through, for the assertions. */
interface Fleet {
  created: number;
  terminated: number;
  trainedBy: Map<string, number>;
}

/** A Worker whose script is `api`, served over a MessageChannel on this thread. */
class FakeWorker {
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
  private readonly channel = new MessageChannel();
  constructor(
    api: object,
    private readonly onTerminate: () => void,
  ) {
    Comlink.expose(api, this.channel.port2);
  }
  postMessage(message: unknown, transfer?: Transferable[]): void {
    this.channel.port1.postMessage(message, transfer ?? []);
  }
  addEventListener(type: string, listener: EventListener): void {
    this.channel.port1.addEventListener(type, listener);
    this.channel.port1.start();
  }
  removeEventListener(type: string, listener: EventListener): void {
    this.channel.port1.removeEventListener(type, listener);
  }
  terminate(): void {
    this.channel.port1.close();
    this.channel.port2.close();
    this.onTerminate();
  }
  /** What a worker does when its script throws outside any call. */
  die(message: string): void {
    this.onerror?.({ message, preventDefault: () => undefined });
  }
}

function fakeWorkers(models: Record<string, Behaviour>): { fleet: Fleet; createWorker: NonNullable<PoolOptions['createWorker']> } {
  const fleet: Fleet = { created: 0, terminated: 0, trainedBy: new Map() };
  const createWorker = () => {
    const id = ++fleet.created;
    let self: FakeWorker | null = null;
    const api = {
      models: () => ({ models: Object.keys(models).map((name) => ({ name, label: `Model ${name}` })), leftOut: [] }),
      selectBackend: () => CPU,
      prepare: () => CPU,
      stop: () => undefined,
      async train(request: TrainRequest, onEvent: (event: ModelEvent) => Promise<void>): Promise<ModelOutcome> {
        fleet.trainedBy.set(request.model, id);
        const behaviour = models[request.model];
        if (behaviour === 'hang') return never;
        if (behaviour === 'crash') {
          setTimeout(() => self?.die('Out of memory'), 5);
          return never;
        }
        if (behaviour === 'fail') return { ok: false, stopped: false, message: 'the loss became NaN at epoch 3' };
        // 'slow' reports progress every 40 ms for twice the watchdog's limit: alive, not hung.
        const epochs = behaviour === 'slow' ? 20 : 2;
        for (let epoch = 1; epoch <= epochs; epoch++) {
          if (behaviour === 'slow') await sleep(40);
          await onEvent({ type: 'epoch', progress: { epoch, epochs, loss: 1 / epoch } });
        }
        return fakeRun(request.model);
      },
    };
    self = new FakeWorker(api, () => fleet.terminated++);
    return self as unknown as Worker;
  };
  return { fleet, createWorker };
}

function fakeRun(model: string): ModelOutcome {
  return {
    ok: true,
    backend: CPU,
    fitSeconds: 0.01,
    modelName: model,
    label: `Model ${model}`,
    params: {},
    model: {},
    recipe: {},
    metrics: { accuracy: 0.9 },
    featureNames: ['x'],
    trainRows: 8,
    testRows: 2,
  };
}

const request: AutoTrainRequest = { target: 'y', task: 'classification', rows: 10, seed: 0, folds: 0, maxWorkers: 2, backend: 'cpu' };
const emptyTable = async (): Promise<Table> => ({ rowCount: 0, columns: [] });

async function train(models: Record<string, Behaviour>, options: Omit<PoolOptions, 'createWorker'> & { maxWorkers?: number } = {}) {
  const { fleet, createWorker } = fakeWorkers(models);
  const events: TrainEvent[] = [];
  const job = startTraining(emptyTable, { ...request, maxWorkers: options.maxWorkers ?? 2 }, (e) => events.push(e), undefined, {
    createWorker,
    watchdogMs: options.watchdogMs ?? 150,
  });
  const outcome: TrainOutcome = await job.outcome;
  const trained = events.flatMap((e) => (e.type === 'candidate' ? [e.run.modelName] : [])).sort();
  const failures = Object.fromEntries(events.flatMap((e) => (e.type === 'failure' ? [[e.model, e.message]] : [])));
  return { outcome, events, trained, failures, fleet };
}

describe('training pool: workers that hang or crash', () => {
  it('a model whose worker goes silent is marked failed by the watchdog; the others finish', async () => {
    const started = performance.now();
    const { outcome, trained, failures, fleet } = await train({ a: 'ok', hung: 'hang', c: 'ok', d: 'ok' });
    expect(outcome.ok).toBe(true);
    expect(trained).toEqual(['a', 'c', 'd']);
    expect(failures).toEqual({ hung: expect.stringMatching(/^the training worker stopped answering \(nothing from it for 0\.15 s while training Model hung\), so it was shut down$/) });
    // The other worker carried on with the queue, and every worker is gone at the end.
    expect(fleet.trainedBy.get('hung')).not.toBe(fleet.trainedBy.get('c'));
    expect(fleet.terminated).toBe(fleet.created);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('with a single worker, a hang does not cut the rest of the queue', async () => {
    const { outcome, trained, failures, fleet } = await train({ hung: 'hang', b: 'ok', c: 'ok' }, { maxWorkers: 1 });
    expect(outcome.ok).toBe(true);
    expect(trained).toEqual(['b', 'c']);
    expect(Object.keys(failures)).toEqual(['hung']);
    expect(fleet.created).toBe(2);
    expect(fleet.terminated).toBe(2);
  });

  it('a crashed worker fails its model with the reason, and a fresh worker trains the rest', async () => {
    const { outcome, trained, failures, fleet } = await train({ boom: 'crash', b: 'ok', c: 'ok' }, { maxWorkers: 1 });
    expect(outcome.ok).toBe(true);
    expect(trained).toEqual(['b', 'c']);
    expect(failures).toEqual({ boom: 'the training worker stopped unexpectedly (Out of memory)' });
    expect(fleet.trainedBy.get('b')).not.toBe(fleet.trainedBy.get('boom'));
    expect(fleet.terminated).toBe(fleet.created);
  });

  it('a slow model that keeps reporting progress is not taken as hung', async () => {
    const { outcome, trained, failures } = await train({ slow: 'slow', b: 'ok' }, { watchdogMs: 400 });
    expect(outcome.ok).toBe(true);
    expect(trained).toEqual(['b', 'slow']);
    expect(failures).toEqual({});
  });

  it('a model that fails in its worker (a NaN loss) keeps that worker for the next model', async () => {
    const { trained, failures, fleet } = await train({ nan: 'fail', b: 'ok' }, { maxWorkers: 1 });
    expect(trained).toEqual(['b']);
    expect(failures).toEqual({ nan: 'the loss became NaN at epoch 3' });
    expect(fleet.created).toBe(1);
  });

  it('every model hanging ends the run (no endless wait), and the run can be started again', async () => {
    const first = await train({ a: 'hang', b: 'hang' }, { maxWorkers: 2, watchdogMs: 100 });
    expect(first.outcome.ok).toBe(true);
    expect(first.trained).toEqual([]);
    expect(Object.keys(first.failures).sort()).toEqual(['a', 'b']);
    expect(first.fleet.terminated).toBe(first.fleet.created);
    const retry = await train({ a: 'ok', b: 'ok' });
    expect(retry.trained).toEqual(['a', 'b']);
  });

  it('a worker that hangs before training (listing the models) fails the run with a sentence', async () => {
    const events: TrainEvent[] = [];
    const worker = new FakeWorker({ models: () => never, stop: () => undefined }, () => undefined);
    const job = startTraining(emptyTable, request, (e) => events.push(e), undefined, { createWorker: () => worker as unknown as Worker, watchdogMs: 100 });
    const outcome = await job.outcome;
    expect(outcome).toEqual({ ok: false, stopped: false, message: 'the training worker stopped answering (nothing from it for 0.1 s while listing the models), so it was shut down' });
  });

  it('clustering: a silent worker ends the run as failed', async () => {
    let terminated = 0;
    const worker = new FakeWorker({ cluster: () => never, stop: () => undefined }, () => terminated++);
    const job = startClustering({ rowCount: 0, columns: [] }, { clusters: 3, seed: 0 }, () => undefined, { createWorker: () => worker as unknown as Worker, watchdogMs: 100 });
    const outcome = await job.outcome;
    expect(outcome).toMatchObject({ ok: false, stopped: false, message: expect.stringContaining('stopped answering') });
    expect(terminated).toBe(1);
    job.stop(); // after the end: harmless
  });
});
