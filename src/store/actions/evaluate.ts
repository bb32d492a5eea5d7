/**
 * The evaluation view's actions. What the run carries (metrics per class, curves, thresholds,
 * worst rows) is shown at once; importance, partial dependence, row explanations, the learning
 * curve and metrics by group are computed on demand in the evaluation worker.
 */
import * as Comlink from 'comlink';
import { dataWorker } from '../../bridge/dataClient';
import { evaluateWorker, setEvaluationRun } from '../../bridge/evaluateClient';
import { initialState, type EvaluationState, type TrainedRun } from '../studioState';
import { getStudio, setStudio, useStudio } from '../useStudio';

/** The run whose model and table the worker holds now. */
let loadedRun: TrainedRun | null = null;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function patch(update: Partial<EvaluationState>): void {
  setStudio((s) => ({ evaluation: { ...s.evaluation, ...update } }));
}

/** Hands the worker the current run and data, once per run. */
async function ensureWorker(): Promise<boolean> {
  const { run, target, task, trainSettings } = getStudio();
  if (!run || !target || task === 'clustering' || run.clustering) return false;
  if (loadedRun === run) return true;
  const foldBy = trainSettings.foldBy && trainSettings.foldBy.column !== target ? trainSettings.foldBy : undefined;
  await setEvaluationRun({ run, target, task, seed: trainSettings.seed, foldBy }, await dataWorker().tableForTraining());
  loadedRun = run;
  return true;
}

/** Runs one analysis, keeping its status in the store; a newer run of the model makes the answer stale. */
async function analyse<K extends 'importance' | 'dependence' | 'explanation' | 'learning' | 'fairness'>(
  key: K,
  extra: Partial<EvaluationState[K]>,
  compute: () => Promise<EvaluationState[K]['result']>,
): Promise<void> {
  const run = getStudio().run;
  patch({ [key]: { ...extra, status: 'running' } } as Partial<EvaluationState>);
  try {
    if (!(await ensureWorker())) return;
    const result = await compute();
    if (getStudio().run !== run) return;
    patch({ [key]: { ...getStudio().evaluation[key], status: 'done', result } } as Partial<EvaluationState>);
  } catch (error) {
    if (getStudio().run !== run) return;
    patch({ [key]: { ...getStudio().evaluation[key], status: 'failed', message: message(error) } } as Partial<EvaluationState>);
  }
}

export function computeImportance(): Promise<void> {
  return analyse('importance', {}, () => evaluateWorker().importance());
}

export function computeDependence(column: string): Promise<void> {
  return analyse('dependence', { column }, () => evaluateWorker().dependence(column));
}

export function explainTableRow(row: number): Promise<void> {
  return analyse('explanation', { row }, () => evaluateWorker().explain(row));
}

export function computeLearningCurve(): Promise<void> {
  return analyse('learning', { done: 0 }, () =>
    evaluateWorker().learningCurve(
      Comlink.proxy((done: number, total: number) => {
        setStudio((s) => ({ evaluation: { ...s.evaluation, learning: { ...s.evaluation.learning, done, total } } }));
      }),
    ),
  );
}

export function stopLearningCurve(): void {
  void evaluateWorker().stopLearningCurve();
}

export function computeFairness(column: string): Promise<void> {
  return analyse('fairness', { column }, () => evaluateWorker().fairness(column));
}

/** The worst rows' cells, for the error analysis table. */
export async function loadWorstCells(): Promise<void> {
  const worst = getStudio().run?.evaluation?.worst;
  if (!worst || !(await ensureWorker().catch(() => false))) return;
  const run = getStudio().run;
  const cells = await evaluateWorker().cells(worst.map((w) => w.tableRow));
  if (getStudio().run === run) patch({ worstCells: cells });
}

export function setThreshold(threshold: number): void {
  patch({ threshold });
}

export function setNormalized(normalized: boolean): void {
  patch({ normalized });
}

export function toggleCompareModel(model: string): void {
  const compare = getStudio().evaluation.compare;
  patch({ compare: compare.includes(model) ? compare.filter((m) => m !== model) : [...compare, model] });
}

/** Shows one confusion-matrix cell's held-out rows in the data grid. */
export async function showCellRows(actual: number, predicted: number): Promise<void> {
  const evaluation = getStudio().run?.evaluation?.classification;
  if (!evaluation) return;
  const rows = evaluation.cellRows[actual][predicted];
  const shown = await dataWorker().showRows(rows);
  const description = `held-out rows with actual “${evaluation.classes[actual]}” predicted “${evaluation.classes[predicted]}”`;
  setStudio((s) => ({
    evaluation: { ...s.evaluation, cell: { actual: evaluation.classes[actual], predicted: evaluation.classes[predicted] } },
    explore: { ...s.explore, filter: { description, rows: shown } },
    dataset: s.dataset ? { ...s.dataset, version: s.dataset.version + 1 } : s.dataset,
  }));
}

/** A new run starts the evaluation view afresh (the comparison keeps models that are still on the leaderboard). */
export function followRunForEvaluation(): () => void {
  return useStudio.subscribe((state, previous) => {
    if (state.run === previous.run) return;
    const models = new Set(state.leaderboard.map((row) => row.model));
    setStudio({ evaluation: { ...initialState.evaluation, compare: state.evaluation.compare.filter((m) => models.has(m)) } });
  });
}
