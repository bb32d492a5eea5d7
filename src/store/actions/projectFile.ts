/**
 * "Export project" and "Import project": the whole project (data, choices, results, history and
 * an imported model) as one file, to move work to another machine through any file share.
 * An imported project replaces the open one; its history joins the history kept here.
 */
import { dataWorker } from '../../bridge/dataClient';
import { withProjectWorker } from '../../bridge/projectClient';
import { CURRENT_PROJECT, datasetFileKey, loadFile, loadVersions, saveFile, saveProject, saveVersion } from '../../storage/projectDb';
import type { VersionSummary } from '../studioState';
import { getStudio, setStudio } from '../useStudio';
import { SAVED_PROJECT_VERSION, savedProjectOf, type SavedProject } from './autosave';
import { restoreImportedBundle } from './deploy';
import { downloadBaseName, downloadBlob } from './downloadBlob';
import { forgetImportedBundle, rememberImportedBundle, savedImportedBundle } from './importedBundleStore';
import { restoreProject } from './restoreProject';
import { sealProject } from './savedProjectCheck';
import { refreshHistory } from './versions';

const VERSION_ID = /^(dataset|model)-[\w.:-]{1,200}$/;
const HASH = /^[0-9a-f]{64}$/;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function exportProject(): Promise<void> {
  const state = getStudio();
  const saved = savedProjectOf(state);
  const hash = state.dataset?.hash;
  if (!saved || !hash) {
    setStudio({ alert: { message: 'There is no project to export yet: load a dataset first (and wait for it to be saved).' } });
    return;
  }
  try {
    const versions = await loadVersions<VersionSummary>().catch(() => [] as VersionSummary[]);
    const datasets: Array<{ hash: string; file: Blob }> = [{ hash, file: await dataWorker().file() }];
    for (const h of new Set(versions.map((v) => v.datasetHash))) {
      if (h === hash || !HASH.test(h)) continue;
      const file = await loadFile(datasetFileKey(h)).catch(() => undefined);
      if (file) datasets.push({ hash: h, file: file.file });
    }
    const bundle = state.deploy.model?.source === 'imported' ? await savedImportedBundle() : undefined;
    const project = { state: saved, datasetHash: hash, versions, importedBundleName: bundle?.fileName };
    const zip = await withProjectWorker((api) => api.pack(project, datasets, bundle?.file));
    downloadBlob(zip, `${downloadBaseName(saved.fileName, 'project')}.project.zip`);
  } catch (error) {
    setStudio({ alert: { message: `The project could not be exported: ${message(error)}` } });
  }
}

/** Replaces the open project with the one in `file`; a bad file changes nothing. */
export async function importProject(file: Blob, fileName: string): Promise<boolean> {
  let unpacked;
  try {
    unpacked = await withProjectWorker((api) => api.unpack(file, fileName));
  } catch (error) {
    setStudio({ alert: { message: message(error) } });
    return false;
  }
  const { project, datasets, importedBundle } = unpacked;
  const problem = checkProject(project, new Set(datasets.map((d) => d.hash)));
  if (problem) {
    setStudio({ alert: { message: `"${fileName}" cannot be imported: ${problem}` } });
    return false;
  }
  const state = project.state as SavedProject;
  const hash = project.datasetHash as string;
  try {
    for (const d of datasets) await saveFile(datasetFileKey(d.hash), { name: d.hash === hash ? state.fileName : `${d.hash}.csv`, file: d.file });
    for (const v of project.versions as VersionSummary[]) await saveVersion(v.id, v);
    // The open project is replaced in one transaction, file and state together, with a fresh checksum.
    const { checksum: _stale, ...imported } = state as SavedProject & { checksum?: string };
    await saveProject(CURRENT_PROJECT, sealProject({ ...imported, savedAt: Date.now() }), { name: state.fileName, file: datasets.find((d) => d.hash === hash)!.file });
    if (importedBundle) await rememberImportedBundle(importedBundle, typeof project.importedBundleName === 'string' ? project.importedBundleName : 'model.zip');
    else await forgetImportedBundle();
  } catch (error) {
    setStudio({ alert: { message: `"${fileName}" could not be stored in this browser: ${message(error)}` } });
    return false;
  }
  const ok = await restoreProject();
  if (importedBundle) await restoreImportedBundle(await savedImportedBundle());
  await refreshHistory();
  return ok;
}

/** A sentence for the first thing wrong with project.json, or null. Runs and models are checked again when used. */
function checkProject(project: Record<string, unknown>, hashes: Set<string>): string | null {
  const state = project.state as Partial<SavedProject> | undefined;
  if (typeof state !== 'object' || state === null) return 'project.json has no "state".';
  if (state.version !== SAVED_PROJECT_VERSION) return `project.json: "state.version" is ${JSON.stringify(state.version)}, expected ${SAVED_PROJECT_VERSION}.`;
  if (typeof state.fileName !== 'string') return 'project.json: "state.fileName" is not a file name.';
  if (typeof project.datasetHash !== 'string' || !hashes.has(project.datasetHash)) return 'project.json names a current dataset that the file does not hold.';
  if (!Array.isArray(project.versions)) return 'project.json: "versions" is not a list.';
  for (const [i, v] of (project.versions as unknown[]).entries()) {
    const version = v as Partial<VersionSummary> | null;
    if (typeof version !== 'object' || version === null) return `project.json: "versions[${i}]" is not an object.`;
    if (typeof version.id !== 'string' || !VERSION_ID.test(version.id)) return `project.json: "versions[${i}].id" is not a version id.`;
    if (version.kind !== 'dataset' && version.kind !== 'model') return `project.json: "versions[${i}].kind" is ${JSON.stringify(version.kind)}, expected "dataset" or "model".`;
    if (typeof version.datasetHash !== 'string' || !HASH.test(version.datasetHash)) return `project.json: "versions[${i}].datasetHash" is not a SHA-256.`;
    if (typeof version.savedAt !== 'number' || typeof version.datasetName !== 'string') return `project.json: "versions[${i}]" lacks its date or dataset name.`;
  }
  return null;
}
