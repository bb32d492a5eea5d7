/**
 * The benchmark table of profileTiming.ts (and of any test that wants a big, realistic table):
 * 12 float columns (correlated normals, log-normals, uniforms), 4 integer columns (2 to 100,000
 * values), 3 categorical columns (5, 40 and 1,000 categories, skewed) and a binary label, with 5%
 * of cells missing in 3 columns. Seeded, so every run profiles the same data.
 */
import { createRng } from '../random';
import { MISSING_CODE, type Column, type Table } from '../data/table';

function numeric(name: string, values: Float64Array, missing: Uint8Array): Column {
  return { name, type: 'numeric', inferredType: 'numeric', values, missing };
}

function categorical(name: string, codes: Uint32Array, categories: string[], missing: Uint8Array): Column {
  return { name, type: 'categorical', inferredType: 'categorical', codes, categories, missing };
}

/**
 * `gappy`: the columns (0-11 float, 12-15 int, 16-18 categorical) with 5% missing cells; by default
 * one float, one int and one categorical column, so every pairwise-complete path runs.
 */
export function timingTable(rows: number, seed = 1, gappy: readonly number[] = [0, 12, 16]): Table {
  const rng = createRng(seed);
  const columns: Column[] = [];
  const isGappy = (j: number) => gappy.includes(j);
  const missingMask = (j: number): Uint8Array => {
    const m = new Uint8Array(rows);
    if (isGappy(j)) for (let i = 0; i < rows; i++) m[i] = rng.next() < 0.05 ? 1 : 0;
    return m;
  };
  const latent = new Float64Array(rows);
  for (let i = 0; i < rows; i++) latent[i] = rng.normal();
  for (let j = 0; j < 12; j++) {
    const missing = missingMask(j);
    const values = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      // A mix of shapes: correlated normals, a skewed log-normal, a uniform.
      const z = rng.normal();
      const v = j % 3 === 0 ? latent[i] * 0.7 + z : j % 3 === 1 ? Math.exp(z) : rng.next() * 100;
      values[i] = missing[i] ? NaN : v;
    }
    columns.push(numeric(`float${j}`, values, missing));
  }
  for (let j = 12; j < 16; j++) {
    const missing = missingMask(j);
    const values = new Float64Array(rows);
    const range = [2, 10, 1000, 100000][j - 12];
    for (let i = 0; i < rows; i++) values[i] = missing[i] ? NaN : rng.int(range);
    columns.push(numeric(`int${j - 12}`, values, missing));
  }
  for (let j = 16; j < 19; j++) {
    const missing = missingMask(j);
    const k = [5, 40, 1000][j - 16];
    const categories = Array.from({ length: k }, (_, c) => `cat${j}_${c}`);
    const codes = new Uint32Array(rows);
    for (let i = 0; i < rows; i++) codes[i] = missing[i] ? MISSING_CODE : Math.min(k - 1, Math.floor(k * rng.next() ** 2));
    columns.push(categorical(`cat${j - 16}`, codes, categories, missing));
  }
  const labels = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) labels[i] = latent[i] > 1 ? 1 : 0;
  columns.push(categorical('label', labels, ['no', 'yes'], new Uint8Array(rows)));
  return { rowCount: rows, columns };
}
