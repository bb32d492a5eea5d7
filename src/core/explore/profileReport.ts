/**
 * The profile as one standalone HTML file: overview, warnings, a section per column with its
 * statistics and charts, and the correlation heatmaps. Inline CSS and SVG only, no script and no
 * external resource, so it opens anywhere and is safe to mail; every user string is escaped.
 */
import type { ColumnProfile, TableProfile } from '../profile/profileTable';
import type { DataWarning } from './dataWarnings';
import { escapeHtml, formatBytes, formatStat } from './escapeHtml';
import { heatmapTable } from './heatmapTable';
import { svgBarChart, svgBoxPlot } from './svgBarChart';

export interface ReportOptions {
  title: string;
  /** Shown as given (an ISO timestamp); passed in so the same profile gives the same file. */
  generatedAt: string;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:24px;color:#222}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
h3{font-size:16px;margin:0 0 6px;word-break:break-word}.muted{color:#666}
table{border-collapse:collapse;margin:6px 0}td,th{padding:2px 8px;text-align:left;vertical-align:top}
.stats td:first-child{color:#555}.stats td:last-child{text-align:right;font-variant-numeric:tabular-nums}
.column{display:flex;flex-wrap:wrap;gap:18px;border:1px solid #e3e3e3;border-radius:6px;padding:12px;margin:10px 0}
.column>div{min-width:240px}.type{font-size:12px;background:#eef;border-radius:4px;padding:1px 6px;margin-left:6px}
.warning{color:#8a4b00}.info{color:#335}.heatmap td{text-align:center;min-width:34px;font-size:12px}
.heatmap th{font-size:12px;max-width:140px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
ul.warnings{padding-left:18px}ul.warnings li{margin:2px 0}
`;

export function profileReportHtml(profile: TableProfile, warnings: DataWarning[], options: ReportOptions): string {
  const title = escapeHtml(options.title);
  const parts = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title><style>${STYLE}</style></head><body>`,
    `<h1>${title}</h1><p class="muted">Generated ${escapeHtml(options.generatedAt)}</p>`,
    overviewSection(profile),
    warningsSection(warnings),
    '<h2>Columns</h2>',
    ...profile.columns.map(columnSection),
    relationsSection(profile),
    '</body></html>',
  ];
  return parts.join('\n') + '\n';
}

function overviewSection(profile: TableProfile): string {
  const o = profile.overview;
  const cells = o.rows * o.columns;
  const types = Object.entries(o.typeCounts)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${n} ${escapeHtml(t)}`)
    .join(', ');
  const rows: [string, string][] = [
    ['Rows', String(o.rows)],
    ['Columns', String(o.columns)],
    ['Memory', formatBytes(o.memoryBytes)],
    ['Duplicate rows', o.duplicateRows === null ? '—' : `${o.duplicateRows}${o.rows ? ` (${share(o.duplicateRows / o.rows)})` : ''}`],
    ['Missing cells', `${o.missingCells}${cells ? ` (${share(o.missingCells / cells)})` : ''}`],
    ['Column types', types || '—'],
  ];
  return `<h2>Overview</h2>${statsTable(rows)}`;
}

function warningsSection(warnings: DataWarning[]): string {
  if (warnings.length === 0) return '<h2>Warnings</h2><p>No data-quality warnings.</p>';
  const items = warnings.map((w) => `<li class="${w.severity}"><strong>${w.severity === 'warning' ? 'Warning' : 'Note'}:</strong> ${escapeHtml(w.message)}</li>`);
  return `<h2>Warnings</h2><ul class="warnings">${items.join('')}</ul>`;
}

function columnSection(c: ColumnProfile): string {
  const name = escapeHtml(c.name);
  const stats: [string, string][] = [
    ['Count', String(c.count)],
    ['Missing', String(c.missing)],
    ['Distinct', String(c.unique)],
  ];
  const numeric: [string, number | null | undefined][] = [
    ['Mean', c.mean], ['Std', c.std], ['Min', num(c.min)], ['Q1', c.q1], ['Median', c.median], ['Q3', c.q3],
    ['Max', num(c.max)], ['Skewness', c.skewness], ['Zeros', c.zeros], ['Outliers (1.5 IQR)', c.box?.outliers],
  ];
  for (const [label, v] of numeric) if (v !== undefined) stats.push([label, formatStat(v)]);
  if (typeof c.min === 'string' || typeof c.max === 'string') {
    stats.push(['First', escapeHtml(String(c.min ?? '—'))], ['Last', escapeHtml(String(c.max ?? '—'))]);
  }
  if (c.meanLength !== undefined) stats.push(['Mean length', formatStat(c.meanLength)]);
  const charts: string[] = [];
  if (c.histogram && c.histogram.counts.length > 0) {
    const e = c.histogram.edges;
    const bars = c.histogram.counts.map((n, i) => ({ label: `${formatStat(e[i])} – ${formatStat(e[i + 1])}`, value: n }));
    charts.push(`<div><div class="muted">Histogram</div>${svgBarChart(bars, `Histogram of ${c.name}`)}</div>`);
  }
  if (c.box && typeof c.min === 'number' && typeof c.max === 'number') {
    charts.push(`<div><div class="muted">Box plot</div>${svgBoxPlot(c.box, c.min, c.max, `Box plot of ${c.name}`)}</div>`);
  }
  if (c.timeline && c.timeline.counts.length > 0) {
    const e = c.timeline.edges;
    const bars = c.timeline.counts.map((n, i) => ({ label: `${e[i]} – ${e[i + 1]}`, value: n }));
    charts.push(`<div><div class="muted">Timeline</div>${svgBarChart(bars, `Timeline of ${c.name}`)}</div>`);
  }
  if (c.top && c.top.length > 0) {
    const bars = c.top.map((t) => ({ label: t.value, value: t.count }));
    charts.push(`<div><div class="muted">Top values</div>${svgBarChart(bars, `Top values of ${c.name}`, { horizontal: true })}</div>`);
  }
  return (
    `<section class="column"><div><h3>${name}<span class="type">${escapeHtml(c.type)}</span></h3>${statsTable(stats)}</div>` +
    `${charts.join('')}</section>`
  );
}

function relationsSection(profile: TableProfile): string {
  const { columns, pearson, spearman } = profile.correlations;
  const parts = ['<h2>Relationships</h2>'];
  if (columns.length < 2 && profile.associations.columns.length < 2) parts.push('<p>Fewer than two comparable columns.</p>');
  if (columns.length >= 2) {
    parts.push(heatmapTable('Pearson correlation', columns, pearson, true));
    if (spearman.length > 0) parts.push(heatmapTable('Spearman correlation', columns, spearman, true));
  }
  if (profile.associations.columns.length >= 2) {
    parts.push(heatmapTable("Cramér's V (categorical columns)", profile.associations.columns, profile.associations.cramersV, false));
  }
  return parts.join('\n');
}

/** Rows of label and already-escaped value. */
function statsTable(rows: [string, string][]): string {
  return `<table class="stats"><tbody>${rows.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${v}</td></tr>`).join('')}</tbody></table>`;
}

function num(v: number | string | null | undefined): number | null | undefined {
  return typeof v === 'string' ? undefined : v;
}

function share(x: number): string {
  return `${(x * 100).toFixed(x >= 0.1 || x === 0 ? 0 : 1)}%`;
}
