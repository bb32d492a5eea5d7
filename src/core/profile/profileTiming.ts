/**
 * A manual timing check, not a test (timings in CI are noise): builds the 1,000,000 x 20
 * timingTable in memory (the time after parsing) and profiles it five times, printing wall and
 * CPU time. Run with `npx tsx src/core/profile/profileTiming.ts [rows] [numeric]`; with `numeric`
 * the 5% missing cells are in 3 numeric columns (the slowest case for Spearman) instead of one
 * float, one integer and one categorical column.
 */
import { profileTable } from './profileTable';
import { timingTable } from './timingTable';

const proc = (globalThis as { process?: { argv: string[]; cpuUsage(): { user: number; system: number } } }).process;
const rows = Number(proc?.argv[2] ?? 1_000_000);
const table = timingTable(rows, 1, proc?.argv[3] === 'numeric' ? [0, 3, 12] : undefined);
for (let run = 0; run < 5; run++) {
  const cpu0 = proc?.cpuUsage();
  const t0 = performance.now();
  const profile = profileTable(table);
  const ms = performance.now() - t0;
  const cpu = proc && cpu0 ? proc.cpuUsage() : undefined;
  const cpuMs = cpu && cpu0 ? (cpu.user - cpu0.user + cpu.system - cpu0.system) / 1000 : NaN;
  console.log(
    `${rows} x ${table.columns.length}: full profile in ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU ` +
      `(${profile.overview.duplicateRows} duplicate rows, ${JSON.stringify(profile).length} bytes of JSON)`,
  );
}
