#!/usr/bin/env node
/**
 * Builds the built-in example datasets from the vega-datasets package:
 *   node scripts/make-examples.mjs
 * writes public/examples/penguins.csv, public/examples/cars.csv and public/examples/index.json.
 * The outputs are committed; re-run this only when the examples change.
 *
 * CSV rules: RFC 4180 quoting (a field holding a comma, quote, CR or LF is quoted, quotes doubled),
 * CRLF-free "\n" line ends, null or undefined -> empty field, column order as in the first record,
 * dates as YYYY-MM-DD.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, 'node_modules', 'vega-datasets', 'data');
const outDir = join(root, 'public', 'examples');

export const EXAMPLES = [
  {
    id: 'penguins',
    source: 'penguins.json',
    file: 'penguins.csv',
    title: 'Palmer penguins',
    description:
      'Body measurements of 344 penguins of three species from three islands in the Palmer Archipelago, Antarctica. Predict the species.',
    target: 'Species',
    task: 'classification',
  },
  {
    id: 'cars',
    source: 'cars.json',
    file: 'cars.csv',
    title: 'Cars (fuel economy)',
    description:
      'Engine, weight and origin of 406 car models from 1970 to 1982. Predict fuel economy in miles per gallon.',
    target: 'Miles_per_Gallon',
    task: 'regression',
  },
];

const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(?:[T ]00:00(?::00(?:\.000)?)?Z?)?$/;

/** One value as CSV field text. */
export function fieldText(value) {
  if (value === null || value === undefined) return '';
  let text;
  if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else if (value instanceof Date) text = value.toISOString().slice(0, 10);
  else {
    text = String(value);
    const date = ISO_DATE.exec(text);
    if (date) text = date[1];
  }
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/** Records (objects) as CSV text, columns in the order of the first record's keys. */
export function toCsv(records) {
  if (records.length === 0) return '';
  const header = Object.keys(records[0]);
  const known = new Set(header);
  for (const r of records) {
    for (const k of Object.keys(r)) {
      if (!known.has(k)) {
        known.add(k);
        header.push(k);
      }
    }
  }
  const lines = [header.map(fieldText).join(',')];
  for (const r of records) {
    lines.push(header.map((k) => fieldText(Object.hasOwn(r, k) ? r[k] : null)).join(','));
  }
  return lines.join('\n') + '\n';
}

function main() {
  mkdirSync(outDir, { recursive: true });
  const index = [];
  for (const ex of EXAMPLES) {
    const records = JSON.parse(readFileSync(join(dataDir, ex.source), 'utf8'));
    writeFileSync(join(outDir, ex.file), toCsv(records));
    const { id, file, title, description, target, task } = ex;
    index.push({ id, file, title, description, target, task });
    console.log(`wrote public/examples/${ex.file} (${records.length} rows)`);
  }
  writeFileSync(join(outDir, 'index.json'), JSON.stringify(index, null, 2) + '\n');
  console.log('wrote public/examples/index.json');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
