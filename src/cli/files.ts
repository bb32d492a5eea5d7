/**
 * File access for the CLI: inputs with clear errors, and outputs written beside their final
 * place first and renamed at the end, so a failed command leaves nothing partial behind.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from './cliError';

/** The bytes of an input file; a bad-input error when it is missing or not a file. */
export function readInputFile(path: string, what = 'file'): Uint8Array {
  checkInputFile(path, what);
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new CliError(`The ${what} "${path}" cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

/** A file's size in bytes; 0 when it cannot be read (reading it then says why). */
export function fileSizeOrZero(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Throws the CLI's sentence when `path` is missing or not a file. */
export function checkInputFile(path: string, what = 'file'): void {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new CliError(`The ${what} "${path}" does not exist.`);
  }
  if (!stat.isFile()) throw new CliError(`The ${what} "${path}" is not a file.`);
}

/** Every file of a folder, by name (no sub-folders). */
export function readInputFolder(path: string, what = 'folder'): Map<string, Uint8Array> {
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new CliError(`The ${what} "${path}" does not exist or is not a folder.`);
  const files = new Map<string, Uint8Array>();
  for (const name of readdirSync(path)) {
    const full = join(path, name);
    if (statSync(full).isFile()) files.set(name, new Uint8Array(readFileSync(full)));
  }
  return files;
}

function tempSibling(path: string): string {
  const abs = resolve(path);
  return join(dirname(abs), `.${basename(abs)}.partial-${process.pid}-${Date.now().toString(36)}`);
}

/** Writes one file via a temporary sibling and a rename; parent folders are created. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const abs = resolve(path);
  if (existsSync(abs) && statSync(abs).isDirectory()) throw new CliError(`The output "${path}" is a folder; give a file name.`);
  mkdirSync(dirname(abs), { recursive: true });
  const tmp = tempSibling(abs);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, abs);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * Checks that `dir` can receive a model bundle before any work is done: it must not exist, be
 * empty, or hold an earlier bundle (which is then replaced), never an unrelated folder or a file.
 */
export function checkOutputFolder(dir: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new CliError(`The output "${dir}" is a file; --out needs a folder.`);
  const entries = readdirSync(dir);
  if (entries.length > 0 && !entries.includes('bundle.json')) {
    throw new CliError(`The output folder "${dir}" is not empty and holds no model bundle; choose a new or empty folder.`);
  }
}

/** Writes `files` into `dir` all at once: into a temporary sibling first, renamed into place at the end. */
export function writeFolderAtomic(dir: string, files: ReadonlyMap<string, string | Uint8Array>): void {
  checkOutputFolder(dir);
  const abs = resolve(dir);
  mkdirSync(dirname(abs), { recursive: true });
  const tmp = tempSibling(abs);
  const old = tempSibling(abs) + '-old';
  try {
    mkdirSync(tmp);
    for (const [name, content] of files) {
      if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) throw new Error(`bad output file name "${name}"`);
      writeFileSync(join(tmp, name), content);
    }
    if (existsSync(abs)) renameSync(abs, old);
    renameSync(tmp, abs);
  } catch (e) {
    if (!existsSync(abs) && existsSync(old)) renameSync(old, abs);
    throw e;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}
