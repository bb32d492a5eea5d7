/**
 * Packs and unpacks project files off the main thread: a project holds whole datasets, and
 * zipping or hashing hundreds of megabytes would freeze the page.
 */
import * as Comlink from 'comlink';
import { checkProjectZipSize, packProject, ProjectArchiveError, unpackProject } from '../core/project/projectArchive';

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

const api = {
  async pack(project: object, datasets: Array<{ hash: string; file: Blob }>, importedBundle?: Blob): Promise<Blob> {
    const bytes = new Map<string, Uint8Array>();
    for (const d of datasets) bytes.set(d.hash, new Uint8Array(await d.file.arrayBuffer()));
    const bundle = importedBundle ? new Uint8Array(await importedBundle.arrayBuffer()) : undefined;
    return new Blob([packProject(project, bytes, bundle) as BlobPart], { type: 'application/zip' });
  },

  /** Throws a sentence naming the file when it is not a valid project, or a dataset's bytes do not match its name. */
  async unpack(file: Blob, fileName: string): Promise<{ project: Record<string, unknown>; datasets: Array<{ hash: string; file: Blob }>; importedBundle?: Blob }> {
    checkProjectZipSize(file.size, fileName);
    const archive = unpackProject(new Uint8Array(await file.arrayBuffer()), fileName);
    const datasets: Array<{ hash: string; file: Blob }> = [];
    for (const [hash, bytes] of archive.datasets) {
      if ((await sha256(bytes)) !== hash) {
        throw new ProjectArchiveError(`"${fileName}": data/${hash}.csv does not have the content its name promises; the project file was changed or damaged.`);
      }
      datasets.push({ hash, file: new Blob([bytes as BlobPart], { type: 'text/csv' }) });
    }
    const importedBundle = archive.importedBundle ? new Blob([archive.importedBundle as BlobPart], { type: 'application/zip' }) : undefined;
    return { project: archive.project, datasets, importedBundle };
  },
};

export type ProjectApi = typeof api;
Comlink.expose(api);
