import { timingTable } from './profileTiming';
import { summarizeNumeric, numericScratch } from './numericSummary';
import { pearsonMatrix } from './pearson';
const t = timingTable(1_000_000);
const s = numericScratch(t.rowCount);
for (let r = 0; r < 2; r++) {
let t0 = performance.now();
for (const c of t.columns.slice(0, 16)) summarizeNumeric(c.values!, c.missing, s);
console.log('summaries', performance.now() - t0);
t0 = performance.now();
pearsonMatrix(t.columns.slice(0, 16).map((c) => ({ values: c.values!, missing: c.missing })));
console.log('pearson', performance.now() - t0);
}
