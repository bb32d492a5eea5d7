/**
 * Turns what a host has in hand into bundle files: the exported .zip as bytes, or the files
 * themselves (a Map or a plain record of name -> contents, e.g. a folder the host read).
 */
import { BundleError, type BundleFiles } from '../core/bundle/bundleTypes';
import { unzipBundle } from '../core/bundle/unzipBundle';

/** File contents as a host may hold them; text files may also be strings. */
export type BundleFileContents = Uint8Array | ArrayBuffer | string;

export type BundleSource =
  | Uint8Array
  | ArrayBuffer
  | ReadonlyMap<string, BundleFileContents>
  | Readonly<Record<string, BundleFileContents>>;

/** At most this many files are taken from a Map or record (a bundle has four). */
const MAX_FILES = 64;

export function bundleFiles(source: BundleSource, zipName: string): BundleFiles {
  if (source instanceof Uint8Array) return unzipBundle(source, zipName);
  if (source instanceof ArrayBuffer) return unzipBundle(new Uint8Array(source), zipName);
  if (source === null || typeof source !== 'object') {
    throw new BundleError(zipName, `A bundle is the exported .zip (a Uint8Array or ArrayBuffer) or its files (a Map or object of name -> contents), not ${describe(source)}.`);
  }
  const entries: [string, unknown][] = source instanceof Map ? [...source] : Object.entries(source);
  if (entries.length > MAX_FILES) throw new BundleError(zipName, `The bundle has ${entries.length} files, more than the ${MAX_FILES} a model bundle may have.`);
  const files: BundleFiles = new Map();
  for (const [name, contents] of entries) {
    if (typeof contents === 'string' || contents instanceof Uint8Array) files.set(name, contents);
    else if (contents instanceof ArrayBuffer) files.set(name, new Uint8Array(contents));
    else throw new BundleError(String(name), `The bundle file "${String(name)}" is ${describe(contents)}; give its contents as a string, Uint8Array or ArrayBuffer.`);
  }
  return files;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object of another kind' : `a ${typeof value}`;
}
