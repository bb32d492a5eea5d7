/**
 * Deploying in the page: the model that predicts is this page's trained run (as the very bundle
 * "Export model" downloads) or a bundle .zip the person imported. Predictions run in the
 * prediction worker; the store keeps only their summary and the rows on screen.
 */
import { loadBundleZip, predictWorker } from '../../bridge/predictClient';
import { checkBundleZipSize } from '../../core/bundle/unzipBundle';
import type { TrainedRun } from '../studioState';
import { getStudio, setStudio, useStudio } from '../useStudio';
import { downloadBaseName, downloadBlob } from './downloadBlob';
import { trainedBundleZip } from './exportModel';
import { endStageAfterPaint, startStage } from './stageTiming';
import { forgetImportedBundle, rememberImportedBundle } from './importedBundleStore';

/** Rows of predictions kept in the store for the table on screen. */
export const PREVIEW_ROWS = 50;

/** The trained run whose bundle the worker holds now (null: an imported bundle, or none). */
let loadedRun: TrainedRun | null = null;

/**
 * Loads into the worker run one at a time, so a slow load of the trained model cannot land
 * after (and over) a bundle the person imported meanwhile.
 */
let loading: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(load: () => Promise<T>): Promise<T> {
  const next = loading.then(load, load);
  loading = next.catch(() => undefined);
  return next;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Loads a dropped or chosen bundle .zip; a bad one leaves the current model as it was. */
export function importBundle(file: File | Blob, fileName: string, remember = true): Promise<boolean> {
  return oneAtATime(() => loadImported(file, fileName, remember));
}

async function loadImported(file: File | Blob, fileName: string, remember: boolean): Promise<boolean> {
  setStudio((s) => ({ deploy: { ...s.deploy, status: 'loading' } }));
  try {
    checkBundleZipSize(file.size, fileName);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const model = await loadBundleZip(bytes, fileName);
    loadedRun = null;
    setStudio({ deploy: { model: { ...model, source: 'imported' }, status: 'idle', predictions: null, whatIf: { values: {}, result: null }, drift: null } });
    if (remember) await rememberImportedBundle(file, fileName);
    return true;
  } catch (error) {
    // The worker keeps the model it had: a bad bundle changes nothing.
    setStudio((s) => ({ deploy: { ...s.deploy, status: 'idle' }, alert: { message: `"${fileName}" could not be imported as a model: ${message(error)}` } }));
    return false;
  }
}

/** Goes back from an imported bundle to the model trained in this page. */
export async function switchToTrainedModel(): Promise<void> {
  await forgetImportedBundle();
  loadedRun = null;
  setStudio((s) => ({ deploy: { ...s.deploy, model: null, predictions: null, whatIf: { values: {}, result: null }, drift: null } }));
  await ensureModel();
}

/** Makes sure the worker holds the model to predict with; false (with an alert) when there is none. */
export function ensureModel(): Promise<boolean> {
  return oneAtATime(loadTrained);
}

async function loadTrained(): Promise<boolean> {
  const { deploy, run } = getStudio();
  if (deploy.model?.source === 'imported') return true;
  if (!run) {
    setStudio({ alert: { message: 'There is no model to predict with yet: train one, or import a model bundle (.zip).' } });
    return false;
  }
  if (loadedRun === run && deploy.model) return true;
  try {
    const bundle = await trainedBundleZip();
    if (!bundle) return false;
    const model = await loadBundleZip(bundle.zip, bundle.fileName);
    loadedRun = run;
    setStudio((s) => ({ deploy: { ...s.deploy, model: { ...model, source: 'trained' }, predictions: null, whatIf: { values: {}, result: null }, drift: null } }));
    return true;
  } catch (error) {
    setStudio({ alert: { message: `The trained model could not be prepared for predictions: ${message(error)}` } });
    return false;
  }
}

/** "Predict CSV": predicts every row of the file; problems with its columns are listed, not fatal. */
export async function predictFile(file: File | Blob, fileName: string): Promise<void> {
  startStage('predict');
  if (!(await ensureModel())) return;
  setStudio((s) => ({ deploy: { ...s.deploy, status: 'predicting' } }));
  try {
    const summary = await predictWorker().predictCsv(file, fileName);
    const preview = await predictWorker().predictionRows(0, PREVIEW_ROWS);
    setStudio((s) => ({ deploy: { ...s.deploy, status: 'idle', predictions: { ...summary, preview } } }));
    await endStageAfterPaint('predict');
  } catch (error) {
    setStudio((s) => ({ deploy: { ...s.deploy, status: 'idle' }, alert: { message: `"${fileName}" could not be predicted: ${message(error)}` } }));
  }
}

export async function downloadPredictions(): Promise<void> {
  const predictions = getStudio().deploy.predictions;
  if (!predictions) return;
  try {
    const csv = await predictWorker().predictionsCsv();
    downloadBlob(new Blob([csv], { type: 'text/csv' }), `${downloadBaseName(predictions.fileName, 'data')}-predictions.csv`);
  } catch (error) {
    setStudio({ alert: { message: `The predictions for "${predictions.fileName}" could not be downloaded: ${message(error)}` } });
  }
}

/** Updates one "what if" input and predicts again with all the form's values. */
export async function setWhatIf(column: string, value: string): Promise<void> {
  const values = { ...getStudio().deploy.whatIf.values, [column]: value };
  setStudio((s) => ({ deploy: { ...s.deploy, whatIf: { ...s.deploy.whatIf, values } } }));
  if (!(await ensureModel())) return;
  try {
    const result = await predictWorker().predictOne(values);
    // A later keystroke may have answered first; keep only the answer for the newest values.
    if (getStudio().deploy.whatIf.values !== values) return;
    setStudio((s) => ({ deploy: { ...s.deploy, whatIf: { values, result } } }));
  } catch (error) {
    setStudio((s) => ({ deploy: { ...s.deploy, whatIf: { values, result: null, error: message(error) } } }));
  }
}

/** "Check drift": compares a new CSV with the training data the model's bundle remembers. */
export async function checkDrift(file: File | Blob, fileName: string): Promise<void> {
  if (!(await ensureModel())) return;
  setStudio((s) => ({ deploy: { ...s.deploy, status: 'checking' } }));
  try {
    const report = await predictWorker().checkDrift(file, fileName);
    const first = report.columns.find((c) => c.verdict !== 'stable') ?? report.columns[0];
    setStudio((s) => ({ deploy: { ...s.deploy, status: 'idle', drift: { fileName, report, column: first?.name ?? null } } }));
  } catch (error) {
    setStudio((s) => ({ deploy: { ...s.deploy, status: 'idle' }, alert: { message: `Drift of "${fileName}" could not be checked: ${message(error)}` } }));
  }
}

export function showDriftColumn(column: string): void {
  setStudio((s) => ({ deploy: { ...s.deploy, drift: s.deploy.drift ? { ...s.deploy.drift, column } : null } }));
}

/** A new training run replaces the trained model: its predictions and form belong to the old one. */
export function followTrainedRun(): () => void {
  return useStudio.subscribe((state, previous) => {
    if (state.run === previous.run) return;
    // A card edited for the old model does not describe the new one (unless this very change restored both).
    if (state.modelCard !== null && state.modelCard === previous.modelCard) setStudio({ modelCard: null });
    if (state.deploy.model?.source === 'imported') return;
    setStudio({ deploy: { model: null, status: 'idle', predictions: null, whatIf: { values: {}, result: null }, drift: null } });
  });
}

/** After a reload: the bundle the person had imported comes back. */
export async function restoreImportedBundle(saved: { file: Blob; fileName: string } | undefined): Promise<void> {
  if (saved) await importBundle(saved.file, saved.fileName, false);
}
