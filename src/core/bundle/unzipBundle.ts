/**
 * Opens a bundle .zip as bundle files. The archive is untrusted: entry count and sizes are
 * checked from its directory before anything is inflated (fflate inflates into a buffer of
 * the declared size, so a lying entry cannot grow past it), and only the bundle's own file
 * names are kept; anything else in the archive is ignored, never opened.
 */
import { unzipSync } from 'fflate';
import { BundleError, type BundleFiles } from './bundleTypes';

/** The files a bundle may hold (interfaces.md §3). */
export const BUNDLE_FILE_NAMES = ['bundle.json', 'model.json', 'weights.bin', 'model-card.md'] as const;
export const MAX_ZIP_ENTRIES = 64;
/** All kept files together, once inflated. */
export const MAX_BUNDLE_BYTES = 200 * 1024 * 1024;
/** The .zip itself: its files stored uncompressed, plus room for the zip's own headers. */
export const MAX_BUNDLE_ZIP_BYTES = MAX_BUNDLE_BYTES + 4 * 1024 * 1024;

/** Refuses a bundle file by its size alone, before any of it is read into memory. */
export function checkBundleZipSize(bytes: number, fileName = 'the bundle'): void {
  if (bytes > MAX_BUNDLE_ZIP_BYTES) {
    const mb = (bytes / 1024 / 1024).toFixed(0);
    throw new BundleError(fileName, `"${fileName}" is ${mb} MB; a model bundle is at most ${MAX_BUNDLE_ZIP_BYTES / 1024 / 1024} MB, so it was not opened.`);
  }
}

export function unzipBundle(zip: Uint8Array, fileName = 'the bundle'): BundleFiles {
  checkBundleZipSize(zip.length, fileName);
  let entries = 0;
  let total = 0;
  let tooBig: string | null = null;
  let unzipped: Record<string, Uint8Array>;
  try {
    unzipped = unzipSync(zip, {
      filter(file) {
        // Thrown, not filtered: a forged directory can claim billions of entries.
        if (++entries > MAX_ZIP_ENTRIES) throw new TooManyEntries();
        const name = baseName(file.name);
        if (!(BUNDLE_FILE_NAMES as readonly string[]).includes(name)) return false;
        total += file.originalSize;
        if (total > MAX_BUNDLE_BYTES) tooBig ??= name;
        return tooBig === null;
      },
    });
  } catch (error) {
    if (error instanceof TooManyEntries) {
      throw new BundleError(fileName, `"${fileName}" holds more than the ${MAX_ZIP_ENTRIES} files a model bundle may have.`);
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new BundleError(fileName, `"${fileName}" is not a readable .zip model bundle (${reason}); export the model again.`);
  }
  if (tooBig !== null) {
    throw new BundleError(fileName, `"${fileName}" unpacks to more than ${MAX_BUNDLE_BYTES / 1024 / 1024} MB (at ${tooBig}); it is not a bundle the studio wrote.`);
  }
  const files: BundleFiles = new Map();
  for (const [path, bytes] of Object.entries(unzipped)) {
    const name = baseName(path);
    if (files.has(name)) throw new BundleError(fileName, `"${fileName}" holds ${name} twice; a bundle has one of each file.`);
    files.set(name, bytes);
  }
  if (!files.has('bundle.json')) {
    throw new BundleError(fileName, `"${fileName}" has no bundle.json, so it is not a model bundle; use the .zip that "Export model" downloads.`);
  }
  return files;
}

/** A bundle zipped together with its folder ("model/bundle.json") is accepted too. */
function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

class TooManyEntries extends Error {}
