/**
 * A datetime (epoch milliseconds, UTC) as the ISO text the studio shows: the date alone at
 * midnight, else date and time without zero milliseconds (the same rule as the table's cells).
 */
export function isoDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
}
