/**
 * "Retrain on new data": the new CSV becomes the dataset, and the same target, task and training
 * settings are replayed on it (the recipe is suggested and fitted the same way, with the same
 * seed). The new model is then compared with the one it replaces.
 */
import { getStudio, setStudio } from '../useStudio';
import { loadDataset } from './loadDataset';
import { trainModel } from './trainModel';

export async function retrainOnNewData(file: Blob, fileName: string): Promise<boolean> {
  const before = getStudio();
  const { target, task, trainSettings, backend, recipe } = before;
  const previous = before.history.versions.find((v) => v.kind === 'model');
  if (!before.run) {
    setStudio({ alert: { message: 'There is no trained model to retrain yet; train one first.' } });
    return false;
  }
  const ok = await loadDataset({ fileName, file, target, task });
  if (!ok) return false;
  if (target && getStudio().target !== target) {
    setStudio({ alert: { message: `"${fileName}" has no column "${target}", the target of the model to retrain; nothing was trained.` } });
    return false;
  }
  setStudio({ trainSettings, backend: { ...getStudio().backend, preference: backend.preference }, recipe: { ...getStudio().recipe, steps: recipe.steps } });
  const started = Date.now();
  await trainModel();
  if (getStudio().training.status !== 'done') return false;
  // The history follower records the new model; compare it with the one it replaces.
  const latest = await newModelVersionSince(started);
  if (latest && previous) setStudio((s) => ({ history: { ...s.history, compare: [previous.id, latest] } }));
  return true;
}

async function newModelVersionSince(time: number): Promise<string | null> {
  for (let i = 0; i < 100; i++) {
    const found = getStudio().history.versions.find((v) => v.kind === 'model' && v.savedAt >= time);
    if (found) return found.id;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}
