/**
 * The "what if" form's values as a one-row table, read by the same CSV reader and conformed to
 * the bundle's schema like a "Predict CSV" file, so a typed value means what it means in a file.
 */
import { csvField } from '../data/csvText';
import { readCsv } from '../data/readCsv';
import type { Table } from '../data/table';
import type { BundleMeta } from './bundleTypes';
import { conformTable } from './conformTable';

export function singleRowTable(meta: BundleMeta, values: Readonly<Record<string, string>>): Table {
  const names = meta.inputSchema.map((f) => f.name);
  const cells = names.map((name) => (Object.hasOwn(values, name) ? values[name] : ''));
  // A lone empty cell would be a blank line, which the reader skips: quote it.
  const row = cells.map(csvField).join(',') || '""';
  const text = names.map(csvField).join(',') + '\n' + row + '\n';
  const { table } = readCsv(new TextEncoder().encode(text), { fileName: 'what-if', delimiter: ',', hasHeader: true });
  return conformTable(meta, table).table;
}
