/**
 * The project's history in IndexedDB: every dataset loaded (by the SHA-256 of its bytes, with
 * the bytes kept) and every model trained (with its recipe, parameters, seed and metrics).
 * A version can be restored, and two model versions compared side by side.
 */
import { dataWorker } from '../../bridge/dataClient';
import { datasetFileKey, loadFile, loadVersion, loadVersions, saveFile, saveVersion } from '../../storage/projectDb';
import type { LeaderboardRow, StudioState, Task, TrainedRun, VersionSummary } from '../studioState';
import { getStudio, setStudio, useStudio } from '../useStudio';
import { loadDataset } from './loadDataset';

/** A model version as stored: its summary plus what restoring it needs. */
export interface ModelVersion extends VersionSummary {
  kind: 'model';
  run: TrainedRun;
  leaderboard: LeaderboardRow[];
  trainSettings: StudioState['trainSettings'];
}

/** Shown newest first; older ones stay stored and restorable from an exported project. */
export const MAX_LISTED_VERSIONS = 200;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function summary(version: VersionSummary): VersionSummary {
  const { id, kind, savedAt, datasetHash, datasetName, rows, target, task, model, label, metrics, cv } = version;
  return { id, kind, savedAt, datasetHash, datasetName, rows, target, task, model, label, metrics, cv };
}

/** Reads the history list from storage into the store. */
export async function refreshHistory(): Promise<void> {
  try {
    const all = await loadVersions<VersionSummary>();
    const versions = all.map(summary).sort((a, b) => b.savedAt - a.savedAt).slice(0, MAX_LISTED_VERSIONS);
    setStudio((s) => ({ history: { ...s.history, versions } }));
  } catch {
    // No storage: the history stays empty, and autosave already reports why.
  }
}

/** Records the dataset just loaded (once per distinct content) and notes its hash on the dataset. */
export async function recordDatasetVersion(): Promise<void> {
  const dataset = getStudio().dataset;
  if (!dataset) return;
  try {
    const hash = await dataWorker().fileHash();
    if (getStudio().dataset?.version !== dataset.version) return;
    setStudio((s) => ({ dataset: s.dataset ? { ...s.dataset, hash } : s.dataset }));
    const id = `dataset-${hash}`;
    if (!(await loadVersion(id))) {
      const saved = await loadFile(datasetFileKey(hash));
      if (!saved) {
        const file = await dataWorker().file();
        await saveFile(datasetFileKey(hash), { name: dataset.fileName, file });
      }
      const version: VersionSummary = { id, kind: 'dataset', savedAt: Date.now(), datasetHash: hash, datasetName: dataset.fileName, rows: dataset.rowCount };
      await saveVersion(id, version);
    }
    await refreshHistory();
  } catch {
    // Versions are a convenience on top of autosave, which reports storage failures itself.
  }
}

/** Records the model a finished training run chose as best. */
export async function recordModelVersion(): Promise<string | null> {
  const { run, leaderboard, dataset, target, task, trainSettings } = getStudio();
  if (!run || !dataset?.hash) return null;
  const savedAt = Date.now();
  const id = `model-${savedAt}-${run.modelName}`;
  const version: ModelVersion = {
    id,
    kind: 'model',
    savedAt,
    datasetHash: dataset.hash,
    datasetName: dataset.fileName,
    rows: dataset.rowCount,
    target,
    task,
    model: run.modelName,
    label: run.label,
    metrics: run.metrics,
    cv: run.cv?.mean,
    run,
    leaderboard,
    trainSettings,
  };
  try {
    await saveVersion(id, version);
    await refreshHistory();
    return id;
  } catch (error) {
    setStudio({ alert: { message: `The trained model could not be added to the history: ${message(error)}` } });
    return null;
  }
}

/** Every finished training run becomes a model version (after the dataset's hash is known). */
export function followTrainingForHistory(): () => void {
  return useStudio.subscribe((state, previous) => {
    const finished = state.training.status === 'done' && previous.training.status === 'running';
    if (finished && state.run) void waitForHash().then(recordModelVersion);
  });
}

async function waitForHash(): Promise<void> {
  for (let i = 0; i < 50 && getStudio().dataset && !getStudio().dataset?.hash; i++) await new Promise((r) => setTimeout(r, 100));
}

/** Brings back a version: its dataset (when another one is open) and, for a model, its results. */
export async function restoreVersion(id: string): Promise<boolean> {
  let version: VersionSummary | ModelVersion | undefined;
  try {
    version = await loadVersion<VersionSummary | ModelVersion>(id);
  } catch (error) {
    setStudio({ alert: { message: `The version could not be read from the browser's storage: ${message(error)}` } });
    return false;
  }
  if (!version) {
    setStudio({ alert: { message: 'That version is no longer in the browser\'s storage.' } });
    return false;
  }
  if (getStudio().dataset?.hash !== version.datasetHash) {
    const saved = await loadFile(datasetFileKey(version.datasetHash)).catch(() => undefined);
    if (!saved) {
      setStudio({ alert: { message: `The data of this version ("${version.datasetName}") is no longer stored, so it cannot be restored.` } });
      return false;
    }
    const ok = await loadDataset({ fileName: version.datasetName, file: saved.file, target: version.target, task: version.task as Task | undefined });
    if (!ok) return false;
  }
  if (version.kind === 'model' && 'run' in version) {
    const when = new Date(version.savedAt).toLocaleString();
    setStudio({
      target: version.target ?? null,
      task: version.task ?? getStudio().task,
      run: version.run,
      leaderboard: version.leaderboard,
      trainSettings: { ...getStudio().trainSettings, ...version.trainSettings },
      training: { status: 'done', curves: [], message: `Restored ${version.label ?? version.model} trained on ${when}.` },
    });
  }
  return true;
}

/** Adds or removes a model version from the comparison. */
export function toggleCompare(id: string): void {
  setStudio((s) => {
    const compare = s.history.compare.includes(id) ? s.history.compare.filter((c) => c !== id) : [...s.history.compare, id];
    return { history: { ...s.history, compare } };
  });
}
