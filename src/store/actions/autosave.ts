/**
 * Autosave: the dataset's original bytes are written once per load, the small project
 * state on every change. A save is reported as done only when IndexedDB says the
 * transaction completed.
 */
import { CURRENT_PROJECT, loadFile, loadState, saveFile, saveState } from '../../storage/projectDb';
import type { StudioState } from '../studioState';
import { getStudio, setStudio, useStudio } from '../useStudio';

export const SAVED_PROJECT_VERSION = 1;

export interface SavedProject {
  version: typeof SAVED_PROJECT_VERSION;
  savedAt: number;
  fileName: string;
  readOptions: NonNullable<StudioState['dataset']>['readOptions'];
  target: string | null;
  task: StudioState['task'];
  training: StudioState['training'];
  run: StudioState['run'];
  leaderboard: StudioState['leaderboard'];
  /** Absent in saves from before the backend choice. */
  backendPreference?: StudioState['backend']['preference'];
  /** Absent in saves from before tuning. */
  trainSettings?: StudioState['trainSettings'];
  /** The edited model card; absent when it was not edited. */
  modelCard?: string;
}

let fileSaved: Promise<void> = Promise.resolve();
/** Counts state saves, so "saved" is shown only when the newest one has completed. */
let latestSave = 0;

export function persistDatasetFile(fileName: string, file: Blob): Promise<void> {
  setStudio({ save: { status: 'saving' } });
  fileSaved = saveFile(CURRENT_PROJECT, { name: fileName, file }).catch((error: unknown) => {
    reportFailure(error);
    throw error;
  });
  return fileSaved.catch(() => undefined);
}

/** The project as saved: what the person chose and produced, without the data itself. */
export function savedProjectOf(state: StudioState): SavedProject | null {
  if (!state.dataset) return null;
  return {
    version: SAVED_PROJECT_VERSION,
    savedAt: Date.now(),
    fileName: state.dataset.fileName,
    readOptions: state.dataset.readOptions,
    target: state.target,
    task: state.task,
    training: state.training,
    run: state.run,
    leaderboard: state.leaderboard,
    backendPreference: state.backend.preference,
    trainSettings: state.trainSettings,
    ...(state.modelCard !== null ? { modelCard: state.modelCard } : {}),
  };
}

export async function persistState(): Promise<void> {
  const project = savedProjectOf(getStudio());
  if (!project) return;
  const thisSave = ++latestSave;
  setStudio({ save: { status: 'saving' } });
  try {
    await fileSaved;
    await saveState(CURRENT_PROJECT, project);
    if (thisSave === latestSave) setStudio({ save: { status: 'saved' } });
  } catch (error) {
    reportFailure(error);
  }
}

function reportFailure(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  setStudio({ save: { status: 'failed', message }, alert: { message } });
}

export async function readSavedProject(): Promise<{ project: SavedProject; file: Blob } | null> {
  const project = await loadState<SavedProject>(CURRENT_PROJECT);
  if (!project || project.version !== SAVED_PROJECT_VERSION) return null;
  const file = await loadFile(CURRENT_PROJECT);
  if (!file || !(file.file instanceof Blob)) return null;
  return { project, file: file.file };
}

/** Saves, debounced, whenever what the user chose or produced changes. */
export function startAutosave(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = useStudio.subscribe((state, previous) => {
    const changed =
      state.dataset?.version !== previous.dataset?.version ||
      state.target !== previous.target ||
      state.task !== previous.task ||
      state.run !== previous.run ||
      state.backend.preference !== previous.backend.preference ||
      state.trainSettings !== previous.trainSettings ||
      state.modelCard !== previous.modelCard ||
      state.training.status !== previous.training.status;
    if (!changed || !state.dataset) return;
    // Shown at once: a change waiting for its debounced save is not saved yet.
    if (state.save.status !== 'saving') setStudio({ save: { status: 'saving' } });
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void persistState();
    }, 250);
  });
  const flush = () => {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
      void persistState();
    }
  };
  window.addEventListener('pagehide', flush);
  return () => {
    unsubscribe();
    window.removeEventListener('pagehide', flush);
  };
}
