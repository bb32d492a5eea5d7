import { buildBundleZip } from '../../bridge/bundleClient';
import { dataWorker } from '../../bridge/dataClient';
import { getStudio, setStudio } from '../useStudio';
import { downloadBaseName, downloadBlob } from './downloadBlob';

/**
 * The current run as a bundle .zip and its download name. The training table goes along so the
 * bundle carries the reference distributions drift checks compare new data with.
 */
export async function trainedBundleZip(): Promise<{ zip: Uint8Array; fileName: string } | null> {
  const { run, target, task, dataset, profile, modelCard } = getStudio();
  if (!run || !dataset || (!target && task !== 'clustering')) return null;
  const table = await dataWorker().tableForTraining();
  const zip = await buildBundleZip(
    {
      run,
      // A clustering bundle's target is the column left out of the inputs, or none.
      target: target ?? '',
      task,
      createdAt: new Date().toISOString(),
      dataName: dataset.fileName,
      rows: dataset.rowCount,
      profiles: profile?.columns,
      modelCard: modelCard ?? undefined,
    },
    table,
  );
  return { zip, fileName: `${downloadBaseName(dataset.fileName, 'model')}-${run.modelName}.zip` };
}

/** Downloads the current model as a bundle .zip (bundle.json, model.json, model-card.md). */
export async function exportModel(): Promise<void> {
  const { target } = getStudio();
  try {
    const bundle = await trainedBundleZip();
    if (!bundle) return;
    downloadBlob(new Blob([bundle.zip as BlobPart], { type: 'application/zip' }), bundle.fileName);
  } catch (error) {
    setStudio({ alert: { message: `The model for "${target}" could not be exported: ${error instanceof Error ? error.message : String(error)}` } });
  }
}
