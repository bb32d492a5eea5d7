import { buildBundleZip } from '../../bridge/bundleClient';
import { getStudio, setStudio } from '../useStudio';
import { downloadBaseName, downloadBlob } from './downloadBlob';

/** Downloads the current model as a bundle .zip (bundle.json, model.json, model-card.md). */
export async function exportModel(): Promise<void> {
  const { run, target, task, dataset, profile } = getStudio();
  if (!run || !dataset || (!target && task !== 'clustering')) return;
  try {
    const zip = await buildBundleZip({
      run,
      // A clustering bundle's target is the column left out of the inputs, or none.
      target: target ?? '',
      task,
      createdAt: new Date().toISOString(),
      dataName: dataset.fileName,
      rows: dataset.rowCount,
      profiles: profile?.columns,
    });
    const base = downloadBaseName(dataset.fileName, 'model');
    downloadBlob(new Blob([zip as BlobPart], { type: 'application/zip' }), `${base}-${run.modelName}.zip`);
  } catch (error) {
    setStudio({ alert: { message: `The model for "${target}" could not be exported: ${error instanceof Error ? error.message : String(error)}` } });
  }
}
