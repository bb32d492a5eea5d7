import { AUTO_TIME_BUDGET_SECONDS } from '../../core/models/autoMLRules';
import { readSavedProject } from './autosave';
import { loadDataset } from './loadDataset';
import { setStudio } from '../useStudio';
import type { StudioState } from '../studioState';
import { HIDDEN_LAYERS } from './trainModel';

/**
 * Brings the person back where they were after a reload: the same file read with the same
 * options, the same target and task, and the last results. A run that was still training
 * when the page went away is marked as interrupted.
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
  const { project, file } = saved;
  const ok = await loadDataset({
    fileName: project.fileName,
    file,
    options: project.readOptions,
    target: project.target,
    task: project.task,
    restoring: true,
  });
  if (!ok) return false;
  const interrupted = project.training.status === 'running';
  // Saves from before the training pool kept one curve, not one per model: start without curves.
  const curves = Array.isArray(project.training.curves) ? project.training.curves : [];
  setStudio({
    run: project.run,
    modelCard: typeof project.modelCard === 'string' ? project.modelCard : null,
    leaderboard: project.leaderboard ?? [],
    trainSettings: validSettings(project.trainSettings),
    backend: { preference: isBackendPreference(project.backendPreference) ? project.backendPreference : 'auto', probed: null },
    training: interrupted
      ? { status: 'interrupted', curves, message: 'Training was interrupted when the page closed; press Train to run it again.' }
      : { status: project.training.status, curves, message: project.training.message },
    save: { status: 'saved' },
  });
  return true;
}

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
  return { search, timeBudgetSeconds: seconds, clusters, foldBy, network };
}
