// Prints the JavaScript a first visit downloads before the studio is interactive: the entry
// script of dist/index.html plus the modules it preloads. Lazy chunks (plotly, tfjs, workers)
// are listed separately. Usage: npm run build && node scripts/initial-js-size.mjs
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const size = (file) => {
  const bytes = readFileSync(join(dist, file));
  return { raw: bytes.length, gzip: gzipSync(bytes).length };
};
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
let raw = 0;
let gzip = 0;
for (const file of initial) {
  const s = size(file);
  raw += s.raw;
  gzip += s.gzip;
}
console.log(`initial JavaScript: ${kb(raw)} (${kb(gzip)} gzipped) in ${initial.length} file(s): ${initial.join(', ')}`);
const lazy = readdirSync(join(dist, 'assets'))
  .filter((f) => /\.(js|wasm)$/.test(f) && !initial.includes(`assets/${f}`))
  .map((f) => [f, statSync(join(dist, 'assets', f)).size])
  .sort((a, b) => b[1] - a[1]);
console.log('loaded later, when needed:');
for (const [f, n] of lazy) console.log(`  ${f}: ${kb(n)}`);
