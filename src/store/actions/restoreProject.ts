import { AUTO_SEED, AUTO_TIME_BUDGET_SECONDS } from '../../core/models/autoMLRules';
import { readSavedProject } from './autosave';
import { loadDataset, loadRequestCount } from './loadDataset';
import { restoreVersion } from './versions';
import { CURRENT_PROJECT, loadState, loadVersions, saveState } from '../../storage/projectDb';
import { getStudio, setStudio } from '../useStudio';
import { initialState, type StudioState, type VersionSummary } from '../studioState';
import { parsePrepareSteps } from '../../core/prep/parsePrepareSteps';
import type { PrepareStep } from '../../core/prep/prepareSteps';
import { HIDDEN_LAYERS } from './trainModel';

/**
 * Brings the person back where they were after a reload: the same file read with the same
 * options, the same target and task, and the last results. A run that was still training
 * when the page went away is marked as interrupted. A saved project that cannot be trusted
 * (damaged, or its data unreadable) is never half-restored: the person is told why, and the
 * last good version from the history is opened instead.
 */
export async function restoreProject(): Promise<boolean> {
  let saved;
  try {
    saved = await readSavedProject();
  } catch (error) {
    setStudio({ alert: { message: `Your saved work could not be read back: ${error instanceof Error ? error.message : String(error)}` } });
    return false;
  }
  if (!saved) return false;
  if ('problem' in saved) return openLastGoodVersion(saved.problem);
  const { project, file } = saved;
  const loadsBefore = loadRequestCount();
  const alertBefore = getStudio().alert;
  const ok = await loadDataset({
    fileName: project.fileName,
    file,
    options: project.readOptions,
    target: project.target,
    task: project.task,
    restoring: true,
    storedSample: project.sample?.stored,
  });
  if (!ok) {
    // A cancelled read, or another file loaded meanwhile, is the person's choice: nothing to recover.
    // A real failure is the one that set an alert.
    const superseded = loadRequestCount() !== loadsBefore + 1;
    if (superseded || getStudio().alert === alertBefore) return false;
    return openLastGoodVersion(`its data file "${project.fileName}" could not be read back`);
  }
  const interrupted = project.training.status === 'running';
  // Saves from before the training pool kept one curve, not one per model: start without curves.
  const curves = Array.isArray(project.training.curves) ? project.training.curves : [];
  setStudio({
    run: project.run,
    modelCard: typeof project.modelCard === 'string' ? project.modelCard : null,
    recipe: { ...initialState.recipe, steps: savedSteps(project.recipe) },
    leaderboard: project.leaderboard ?? [],
    trainSettings: validSettings(project.trainSettings),
    backend: { preference: isBackendPreference(project.backendPreference) ? project.backendPreference : 'auto', probed: null },
    training: interrupted
      ? { status: 'interrupted', curves, message: 'Training was interrupted when the page closed; press Train to run it again.' }
      : { status: project.training.status, curves, message: project.training.message },
    save: getStudio().save.status === 'readonly' ? getStudio().save : { status: 'saved' },
  });
  return true;
}

/** Saved steps are checked like an imported recipe; unreadable ones are dropped rather than crash the restore. */
function savedSteps(saved: unknown): PrepareStep[] {
  if (saved === undefined) return [];
  try {
    return parsePrepareSteps(saved, 'recipe', false);
  } catch {
    return [];
  }
}

/**
 * The saved project is unusable: keep a copy of its record (under "backup:unreadable", for a
 * person or a later version to look at), say what is wrong, and open the newest version of the
 * history, which then becomes the saved project.
 */
async function openLastGoodVersion(problem: string): Promise<boolean> {
  const raw = await loadState<unknown>(CURRENT_PROJECT).catch(() => undefined);
  if (raw !== undefined) await saveState(UNREADABLE_BACKUP, raw).catch(() => undefined);
  const versions = await loadVersions<VersionSummary>().catch(() => [] as VersionSummary[]);
  const last = versions.filter((v) => typeof v?.savedAt === 'number').sort((a, b) => b.savedAt - a.savedAt)[0];
  const opened = last ? await restoreVersion(last.id) : false;
  const what = `Your saved project could not be opened: ${problem}.`;
  if (!opened || !last) {
    setStudio({ alert: { message: `${what} The history holds no earlier version to open instead; the damaged record was kept aside.` } });
    return false;
  }
  const name = last.kind === 'model' ? `${last.label ?? last.model} on "${last.datasetName}"` : `"${last.datasetName}"`;
  setStudio({
    alert: { message: `${what} The last good version from the history was opened instead: ${name}, saved ${new Date(last.savedAt).toLocaleString()}. Earlier versions are listed under History.` },
  });
  return true;
}

/** Where a saved project that could not be opened is kept. */
export const UNREADABLE_BACKUP = 'backup:unreadable';

function isBackendPreference(value: unknown): value is 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu' {
  return value === 'auto' || value === 'webgpu' || value === 'webgl' || value === 'wasm' || value === 'cpu';
}

/** Saved settings are checked like any stored input: a bad or missing value falls back to the default. */
function validSettings(saved: unknown): StudioState['trainSettings'] {
  const value = (saved ?? {}) as {
    search?: unknown;
    timeBudgetSeconds?: unknown;
    clusters?: unknown;
    foldBy?: { kind?: unknown; column?: unknown } | null;
    network?: { include?: unknown; hiddenLayers?: unknown };
    seed?: unknown;
  };
  const search = value.search === 'halving' || value.search === 'none' ? value.search : 'random';
  const seconds = typeof value.timeBudgetSeconds === 'number' && value.timeBudgetSeconds >= 1 && value.timeBudgetSeconds <= 86400 ? Math.round(value.timeBudgetSeconds) : AUTO_TIME_BUDGET_SECONDS;
  const clusters = typeof value.clusters === 'number' && Number.isInteger(value.clusters) && value.clusters >= 2 && value.clusters <= 50 ? value.clusters : 'auto';
  const layers = value.network?.hiddenLayers;
  const network = {
    include: value.network?.include === true,
    hiddenLayers: typeof layers === 'string' && HIDDEN_LAYERS.test(layers) ? layers : '64,64',
  };
  const by = value.foldBy;
  const kind: 'group' | 'time' | null = by?.kind === 'group' ? 'group' : by?.kind === 'time' ? 'time' : null;
  const foldBy = kind && typeof by?.column === 'string' ? { kind, column: by.column } : null;
  const seed = typeof value.seed === 'number' && Number.isInteger(value.seed) && value.seed >= 0 && value.seed < 2 ** 31 ? value.seed : AUTO_SEED;
  return { search, timeBudgetSeconds: seconds, clusters, foldBy, network, seed };
}
