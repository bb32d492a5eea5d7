/** Hand-made columns for the explore tests (pure, so it compiles with the engine; not used by it). */
import { MISSING_CODE, type Column } from '../data/table';

export function num(name: string, values: number[]): Column {
  return {
    name,
    type: 'numeric',
    inferredType: 'numeric',
    values: Float64Array.from(values),
    missing: Uint8Array.from(values, (v) => (Number.isNaN(v) ? 1 : 0)),
  };
}

/** A categorical column; null is a missing cell. Codes follow first appearance, as the reader's do. */
export function cat(name: string, cells: (string | null)[], type: Column['type'] = 'categorical'): Column {
  const categories: string[] = [];
  const codes = Uint32Array.from(cells, (c) => {
    if (c === null) return MISSING_CODE;
    let k = categories.indexOf(c);
    if (k < 0) k = categories.push(c) - 1;
    return k;
  });
  return { name, type, inferredType: type, codes, categories, missing: Uint8Array.from(cells, (c) => (c === null ? 1 : 0)) };
}

export function bool(name: string, cells: (boolean | null)[]): Column {
  return {
    name,
    type: 'boolean',
    inferredType: 'boolean',
    values: Float64Array.from(cells, (c) => (c === null ? NaN : c ? 1 : 0)),
    missing: Uint8Array.from(cells, (c) => (c === null ? 1 : 0)),
  };
}
