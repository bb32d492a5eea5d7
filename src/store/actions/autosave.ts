/**
 * Autosave: the dataset's original bytes are written once per load, the small project
 * state on every change. A save is reported as done only when IndexedDB says the
 * transaction completed. The bytes of a new dataset are written in the same transaction as the
 * first state that describes them, so storage never holds a state and a file that do not belong
 * together, and a failed save (a full disk) leaves the last good project as it was; the next
 * save tries the file again. The state carries a checksum, checked when it is read back.
 * A tab that is not the project's writer (another tab is) saves nothing and says so once,
 * instead of failing on every change.
 */
import { CURRENT_PROJECT, loadFile, loadState, saveProject } from '../../storage/projectDb';
import { isReadOnlyTab, READ_ONLY_MESSAGE, ReadOnlyTabError } from '../../storage/tabLock';
import type { StudioState } from '../studioState';
import type { PrepareStep } from '../../core/prep/prepareSteps';
import { getStudio, setStudio, useStudio } from '../useStudio';
import { savedProjectProblem, sealProject } from './savedProjectCheck';

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
  /** The person's preparation steps; absent in saves from before the recipe editor. */
  recipe?: PrepareStep[];
  /** Set when the dataset is a random sample of its file; the stored data file is then the sample's CSV. */
  sample?: NonNullable<StudioState['dataset']>['sample'];
}

/** The open dataset's file until a save has written it, together with the state that describes it. */
let unsavedFile: { fileName: string; file: Blob } | null = null;
/** Counts state saves, so "saved" is shown only when the newest one has completed. */
let latestSave = 0;

/** Shown instead of saving in a tab that is not the project's writer. */
export function markReadOnly(): void {
  if (getStudio().save.status !== 'readonly') setStudio({ save: { status: 'readonly', message: READ_ONLY_MESSAGE } });
}

/** Saves a newly loaded dataset's file, with the project state that describes it, in one transaction. */
export function persistDatasetFile(fileName: string, file: Blob): Promise<void> {
  if (isReadOnlyTab()) {
    markReadOnly();
    return Promise.resolve();
  }
  unsavedFile = { fileName, file };
  return persistState();
}

/** The project as saved: what the person chose and produced, without the data itself. */
export function savedProjectOf(state: StudioState): SavedProject | null {
  if (!state.dataset) return null;
  return {
    version: SAVED_PROJECT_VERSION,
    savedAt: Date.now(),
    fileName: state.dataset.fileName,
    readOptions: state.dataset.readOptions,
    ...(state.dataset.sample ? { sample: state.dataset.sample } : {}),
    target: state.target,
    task: state.task,
    training: state.training,
    run: state.run,
    leaderboard: state.leaderboard,
    backendPreference: state.backend.preference,
    trainSettings: state.trainSettings,
    ...(state.modelCard !== null ? { modelCard: state.modelCard } : {}),
    recipe: state.recipe.steps,
  };
}

export async function persistState(): Promise<void> {
  const project = savedProjectOf(getStudio());
  if (!project) return;
  if (isReadOnlyTab()) return markReadOnly();
  const thisSave = ++latestSave;
  setStudio({ save: { status: 'saving' } });
  // The file goes with this state only if it is the file the state describes (the dataset just loaded).
  const pending = unsavedFile?.fileName === project.fileName ? unsavedFile : null;
  try {
    await saveProject(CURRENT_PROJECT, sealProject(project), pending ? { name: pending.fileName, file: pending.file } : undefined);
    if (pending && unsavedFile === pending) unsavedFile = null;
    if (thisSave === latestSave) setStudio({ save: { status: 'saved' } });
  } catch (error) {
    reportFailure(error);
  }
}

function reportFailure(error: unknown): void {
  if (error instanceof ReadOnlyTabError) return markReadOnly();
  const message = error instanceof Error ? error.message : String(error);
  setStudio({ save: { status: 'failed', message }, alert: { message } });
}

export type SavedRead = { project: SavedProject; file: Blob } | { problem: string } | null;

/** The saved project and its file; null when nothing was saved; the problem when what was saved cannot be trusted. */
export async function readSavedProject(): Promise<SavedRead> {
  const project = await loadState<SavedProject>(CURRENT_PROJECT);
  if (project === undefined) return null;
  const problem = savedProjectProblem(project, SAVED_PROJECT_VERSION);
  if (problem) return { problem };
  const file = await loadFile(CURRENT_PROJECT);
  if (!file || !(file.file instanceof Blob)) return { problem: `its data file "${project.fileName}" is missing from the browser's storage` };
  if (file.name !== project.fileName) return { problem: `it describes "${project.fileName}" but the stored data file is "${file.name}"` };
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
      state.recipe.steps !== previous.recipe.steps ||
      state.training.status !== previous.training.status;
    if (!changed || !state.dataset) return;
    if (state.save.status === 'readonly') return;
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
