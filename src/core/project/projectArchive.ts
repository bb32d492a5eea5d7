/**
 * A whole project as one .zip, to move it to another machine: project.json (the saved state
 * and the history) and the bytes of every dataset version and of an imported model bundle.
 * Opening one is opening untrusted input: only known entry names are read, sizes are checked
 * from the zip directory before inflating, and the JSON is checked for polluting keys.
 */
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { assertSafeJson } from '../bundle/jsonShape';

export const PROJECT_FORMAT = 'local-ml-studio/project';
export const PROJECT_VERSION = 1;
export const MAX_PROJECT_ENTRIES = 1000;
export const MAX_PROJECT_JSON_BYTES = 200 * 1024 * 1024;
export const MAX_PROJECT_BYTES = 2 * 1024 * 1024 * 1024;

/** Dataset versions are named by the SHA-256 of their bytes. */
const DATA_ENTRY = /^data\/([0-9a-f]{64})\.csv$/;
export const IMPORTED_BUNDLE_ENTRY = 'imported-bundle.zip';

export interface ProjectArchive {
  /** project.json, parsed (shape checked by the caller). */
  project: Record<string, unknown>;
  /** Dataset bytes by content hash. */
  datasets: Map<string, Uint8Array>;
  importedBundle?: Uint8Array;
}

export class ProjectArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectArchiveError';
  }
}

export function packProject(project: object, datasets: ReadonlyMap<string, Uint8Array>, importedBundle?: Uint8Array): Uint8Array {
  const entries: Zippable = { 'project.json': strToU8(JSON.stringify({ format: PROJECT_FORMAT, version: PROJECT_VERSION, ...project })) };
  // CSV bytes are stored, not deflated: packing stays a copy, and the file a person moves is what they loaded.
  for (const [hash, bytes] of datasets) entries[`data/${hash}.csv`] = [bytes, { level: 0 }];
  if (importedBundle) entries[IMPORTED_BUNDLE_ENTRY] = [importedBundle, { level: 0 }];
  return zipSync(entries, { level: 6 });
}

/** The .zip itself: datasets are stored uncompressed, so it is no larger than what it unpacks to, plus headers. */
export const MAX_PROJECT_ZIP_BYTES = MAX_PROJECT_BYTES + 16 * 1024 * 1024;

/** Refuses a project file by its size alone, before any of it is read into memory. */
export function checkProjectZipSize(bytes: number, fileName: string): void {
  if (bytes > MAX_PROJECT_ZIP_BYTES) {
    throw new ProjectArchiveError(`"${fileName}" is ${(bytes / 1024 ** 3).toFixed(1)} GB; a project file is at most ${MAX_PROJECT_BYTES / 1024 ** 3} GB, so it was not opened.`);
  }
}

export function unpackProject(zip: Uint8Array, fileName: string): ProjectArchive {
  checkProjectZipSize(zip.length, fileName);
  let entries = 0;
  let total = 0;
  let refused: string | null = null;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter(file) {
        // Thrown, not filtered: a forged directory can claim billions of entries.
        if (++entries > MAX_PROJECT_ENTRIES) throw new ProjectArchiveError(`"${fileName}" holds more than the ${MAX_PROJECT_ENTRIES} files a project file may have.`);
        const known = file.name === 'project.json' || file.name === IMPORTED_BUNDLE_ENTRY || DATA_ENTRY.test(file.name);
        if (!known) return false;
        total += file.originalSize;
        if (file.name === 'project.json' && file.originalSize > MAX_PROJECT_JSON_BYTES) refused ??= `its project.json is over ${MAX_PROJECT_JSON_BYTES / 1024 / 1024} MB`;
        if (total > MAX_PROJECT_BYTES) refused ??= `it unpacks to more than ${MAX_PROJECT_BYTES / 1024 ** 3} GB`;
        return refused === null;
      },
    });
  } catch (error) {
    if (error instanceof ProjectArchiveError) throw error;
    throw new ProjectArchiveError(`"${fileName}" is not a readable project file (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (refused) throw new ProjectArchiveError(`"${fileName}" is refused: ${refused}.`);
  const json = files['project.json'];
  if (!json) throw new ProjectArchiveError(`"${fileName}" has no project.json, so it is not a project exported by the studio.`);
  let project: unknown;
  try {
    project = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
    assertSafeJson(project);
  } catch (error) {
    throw new ProjectArchiveError(`"${fileName}": project.json is not valid (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (typeof project !== 'object' || project === null || Array.isArray(project)) throw new ProjectArchiveError(`"${fileName}": project.json is not an object.`);
  const o = project as Record<string, unknown>;
  if (o.format !== PROJECT_FORMAT || o.version !== PROJECT_VERSION) {
    throw new ProjectArchiveError(`"${fileName}": project.json has format ${JSON.stringify(o.format)} version ${JSON.stringify(o.version)}, expected "${PROJECT_FORMAT}" version ${PROJECT_VERSION}.`);
  }
  const datasets = new Map<string, Uint8Array>();
  for (const [name, bytes] of Object.entries(files)) {
    const match = DATA_ENTRY.exec(name);
    if (match) datasets.set(match[1], bytes);
  }
  return { project: o, datasets, importedBundle: files[IMPORTED_BUNDLE_ENTRY] };
}
