/**
 * The Spearman pairs with gaps of the benchmark file's shape, with the WebAssembly kernel and with the
 * JavaScript loops (spearmanPairs(..., false)), interleaved; prints the median of each per pair.
 *
 *   npx tsx bench/spearmanKernel.bench.ts [--rows 1000000] [--repeats 5]
 *
 * Columns like bench/generateDataset.mjs's: 4-decimal normals (ties), integers of 73 and 100,000 levels,
 * and two columns with 5% gaps; the pairs are those the profile computes one by one (a side with gaps).
 */
import { parseArgs } from 'node:util';
import { createRng } from '../src/core/random';
import { argsortPresent } from '../src/core/profile/argsortFloat64';
import { rankColumn, type RankedColumn } from '../src/core/profile/rankColumn';
import { pairsWithGaps, spearmanPairs } from '../src/core/profile/spearman';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, repeats: { type: 'string', default: '5' } } });
const rows = Number(args.rows);
const repeats = Number(args.repeats);
const random = createRng(42);

function ranked(values: Float64Array): RankedColumn {
  const sorted = new Float64Array(rows);
  const order = new Int32Array(rows);
  const { count } = argsortPresent(values, new Uint8Array(rows), sorted, order);
  return rankColumn(sorted.subarray(0, count), order.subarray(0, count), rows);
}
const column = (draw: () => number, gaps = 0) => ranked(Float64Array.from({ length: rows }, () => (random.next() < gaps ? NaN : draw())));
const columns = [
  column(() => Math.round(random.normal() * 1e4) / 1e4, 0.05),
  column(() => Math.round(random.normal() * 1e4) / 1e4),
  column(() => 18 + Math.floor(random.next() * 73)),
  column(() => Math.floor(random.next() * 100_000), 0.05),
  column(() => Math.round(random.next() * 1e6) / 100),
];
const pairs = pairsWithGaps(columns);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const times = { kernel: [] as number[], loops: [] as number[] };
for (let r = 0; r < repeats; r++) {
  for (const [name, useKernel] of [['kernel', true], ['loops', false]] as const) {
    const t = performance.now();
    spearmanPairs(columns, pairs, useKernel);
    times[name].push((performance.now() - t) / pairs.length);
  }
}
console.log(`${rows} rows, ${pairs.length} pairs with gaps, median of ${repeats}:`);
console.log(`  WebAssembly kernel   ${median(times.kernel).toFixed(1)} ms a pair`);
console.log(`  JavaScript loops     ${median(times.loops).toFixed(1)} ms a pair`);
