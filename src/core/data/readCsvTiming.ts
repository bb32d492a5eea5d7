/**
 * A manual timing check, not a test (timings in CI are noise): generates a mixed-type CSV in
 * memory and reads it. Run with `npx tsx src/core/data/readCsvTiming.ts [rows]`.
 */
import { readCsv } from './readCsv';

function generate(rows: number): string {
  const header = Array.from({ length: 20 }, (_, j) => `col${j}`).join(',');
  const cities = ['Berlin', 'Paris', 'New York', 'São Paulo', 'Tokyo', 'Lagos', 'Oslo'];
  const lines: string[] = [header];
  let seed = 12345;
  const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let i = 0; i < rows; i++) {
    const r: string[] = [String(i)];
    for (let j = 1; j < 20; j++) {
      switch (j % 5) {
        case 0: r.push((rand() * 1000).toFixed(3)); break;
        case 1: r.push(String(Math.floor(rand() * 100000))); break;
        case 2: r.push(cities[Math.floor(rand() * cities.length)]); break;
        case 3: r.push(rand() < 0.1 ? '' : (rand() * 2 - 1).toExponential(6)); break;
        default: r.push(rand() < 0.5 ? '"a, quoted ""value"""' : '2021-03-04'); break;
      }
    }
    lines.push(r.join(','));
  }
  return lines.join('\n') + '\n';
}

const argv = (globalThis as { process?: { argv: string[] } }).process?.argv ?? [];
const rows = Number(argv[2] ?? 200_000);
const bytes = new TextEncoder().encode(generate(rows));
for (let run = 0; run < 3; run++) {
  const t0 = performance.now();
  const result = readCsv(bytes, { fileName: 'timing.csv' });
  const ms = performance.now() - t0;
  const types = result.table.columns.map((c) => c.type[0]).join('');
  console.log(`${rows} rows, ${(bytes.length / 1e6).toFixed(1)} MB: ${ms.toFixed(0)} ms (${result.table.rowCount} rows read, types ${types})`);
}
