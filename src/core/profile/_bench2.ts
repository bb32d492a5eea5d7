import { timingTable } from './timingTableTmp';
import { sortFloat64 } from './sortFloat64';
import { argsortPresent } from './_argsort';
const t = timingTable(1_000_000);
const n = t.rowCount;
const a = new Uint32Array(3 * n), b = new Uint32Array(3 * n), sorted = new Float64Array(n), order = new Int32Array(n), ranks = new Float64Array(n);
const words = new Uint32Array(2 * n); const buf = new Float64Array(n);
for (let r = 0; r < 3; r++) {
  let t0 = performance.now();
  for (const c of t.columns.slice(0, 16)) { let m = 0; for (let i = 0; i < n; i++) { const v = c.values![i]; if (!c.missing[i] && v === v) buf[m++] = v; } sortFloat64(buf.subarray(0, m), words); }
  console.log('sort', performance.now() - t0);
  t0 = performance.now();
  for (const c of t.columns.slice(0, 16)) argsortPresent(c.values!, c.missing, a, b, sorted, order);
  console.log('argsort', performance.now() - t0);
  t0 = performance.now();
  for (const c of t.columns.slice(0, 16)) { const m = argsortPresent(c.values!, c.missing, a, b, sorted, order);
    let p = 0; while (p < m) { let q = p + 1; while (q < m && sorted[q] === sorted[p]) q++; const r = (p + q + 1) / 2; for (let k = p; k < q; k++) ranks[order[k]] = r; p = q; } }
  console.log('argsort+ranks', performance.now() - t0);
}
