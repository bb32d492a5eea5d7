/** CSV text for the CLI's outputs: RFC 4180 quoting, "\n" line ends, a header row. */

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/** Numbers as the shortest text that reads back to the same value; NaN and infinities as empty fields. */
export function numberField(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

/** A CSV document from a header and columns of ready-made field texts (all the same length). */
export function toCsv(header: readonly string[], columns: readonly (readonly string[])[]): string {
  const rows = columns.length ? columns[0].length : 0;
  const parts: string[] = [header.map(csvField).join(',')];
  for (let r = 0; r < rows; r++) parts.push(columns.map((c) => csvField(c[r])).join(','));
  return parts.join('\n') + '\n';
}
