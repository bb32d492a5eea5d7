/** Small hand-made columns for the profile's tests. */
import { MISSING_CODE, type Column } from '../data/table';

/** A numeric column; NaN marks a missing cell. */
export function numeric(name: string, values: number[]): Column {
  return { name, type: 'numeric', inferredType: 'numeric', values: Float64Array.from(values), missing: Uint8Array.from(values, (v) => (Number.isNaN(v) ? 1 : 0)) };
}

/** A categorical column of codes into categories v0..v(k-1); null marks a missing cell. */
export function coded(name: string, cells: (number | null)[], k: number): Column {
  return {
    name,
    type: 'categorical',
    inferredType: 'categorical',
    codes: Uint32Array.from(cells, (c) => (c === null ? MISSING_CODE : c)),
    categories: Array.from({ length: k }, (_, i) => `v${i}`),
    missing: Uint8Array.from(cells, (c) => (c === null ? 1 : 0)),
  };
}
