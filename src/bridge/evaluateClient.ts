/** The page's evaluation worker, started when the person first asks for an analysis and kept for the page's life. */
import * as Comlink from 'comlink';
import { tableBuffers, type Table } from '../core/data/table';
import type { EvaluateApi, EvaluationContext } from '../workers/evaluate.worker';

let remote: Comlink.Remote<EvaluateApi> | null = null;

export function evaluateWorker(): Comlink.Remote<EvaluateApi> {
  if (!remote) {
    const worker = new Worker(new URL('../workers/evaluate.worker.ts', import.meta.url), { type: 'module', name: 'evaluate' });
    remote = Comlink.wrap<EvaluateApi>(worker);
  }
  return remote;
}

/** Hands the worker the model to analyse and a copy of the table (by transfer). */
export function setEvaluationRun(context: EvaluationContext, table: Table): Promise<void> {
  return evaluateWorker().setRun(context, Comlink.transfer(table, tableBuffers(table)));
}
