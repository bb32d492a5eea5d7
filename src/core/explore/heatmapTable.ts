/** A correlation matrix as an HTML table with coloured cells: the report's heatmap, without script. */
import { escapeHtml, formatStat } from './escapeHtml';

/** `signed` colours negatives red and positives blue (correlations); otherwise 0..1 in blue (Cramér's V). */
export function heatmapTable(caption: string, columns: string[], matrix: (number | null)[][], signed: boolean): string {
  if (columns.length === 0) return '';
  const head = columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = columns
    .map((row, a) => {
      const cells = columns.map((_, b) => {
        const v = matrix[a]?.[b] ?? null;
        return `<td style="background:${colour(v, signed)}">${formatStat(v === null ? null : Math.round(v * 100) / 100)}</td>`;
      });
      return `<tr><th scope="row">${escapeHtml(row)}</th>${cells.join('')}</tr>`;
    })
    .join('');
  return `<table class="heatmap"><caption>${escapeHtml(caption)}</caption><thead><tr><td></td>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function colour(v: number | null, signed: boolean): string {
  if (v === null || !Number.isFinite(v)) return '#eee';
  const t = Math.min(1, Math.abs(v));
  const [r, g, b] = !signed || v >= 0 ? [76, 120, 168] : [228, 87, 86];
  const mix = (c: number) => Math.round(255 - (255 - c) * t);
  return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
}
