/** Loading a bundle folder for the CLI, and checking that a data file fits it. */
import { BundleError, type BundleMeta, type LoadedBundle } from '../core/bundle/bundleTypes';
import { readBundle } from '../core/bundle/readBundle';
import { columnIndex, type Table } from '../core/data/table';
import { CliError } from './cliError';
import { readInputFolder } from './files';

export function loadBundleFolder(dir: string): LoadedBundle {
  const files = readInputFolder(dir, 'model folder');
  if (!files.has('bundle.json')) throw new CliError(`The model folder "${dir}" has no bundle.json; give the folder that train --out wrote.`);
  try {
    return readBundle(files);
  } catch (error) {
    if (error instanceof BundleError) throw new CliError(`The model in "${dir}" cannot be loaded: ${error.message}`);
    throw error;
  }
}

/** A bad-input error naming the model's input columns that `table` lacks. */
export function checkInputColumns(meta: BundleMeta, table: Table, file: string): void {
  const absent = meta.inputSchema.map((f) => f.name).filter((name) => columnIndex(table, name) < 0);
  if (absent.length === 0) return;
  const names = absent.slice(0, 10).map((n) => `"${n}"`).join(', ') + (absent.length > 10 ? ` and ${absent.length - 10} more` : '');
  throw new CliError(`"${file}" lacks ${absent.length === 1 ? 'the column' : 'the columns'} ${names} that the model needs as input.`);
}
