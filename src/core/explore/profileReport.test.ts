import { describe, expect, it } from 'vitest';
import type { Table } from '../data/table';
import { profileTable } from '../profile/profileTable';
import { dataWarnings } from './dataWarnings';
import { escapeHtml } from './escapeHtml';
import { profileReportHtml } from './profileReport';
import { cat, num } from './testColumns';

const evilName = '<img src=x onerror=alert(1)>';
const evilValue = '<script>alert(1)</script>';

describe('profileReportHtml', () => {
  const n = 40;
  const table: Table = {
    rowCount: n,
    columns: [
      cat(evilName, Array.from({ length: n }, (_, i) => (i % 3 ? evilValue : `"quoted" & 'single'`))),
      num('x', Array.from({ length: n }, (_, i) => (i % 7 === 0 ? NaN : i * i))),
      num('y', Array.from({ length: n }, (_, i) => Math.sqrt(i))),
      { name: 'when', type: 'datetime', inferredType: 'datetime', values: Float64Array.from({ length: n }, (_, i) => Date.UTC(2020, 0, 1 + i)), missing: new Uint8Array(n) },
      num('empty', Array.from({ length: n }, () => NaN)),
    ],
  };
  const profile = profileTable(table);
  const warnings = dataWarnings(profile, table, evilName);
  const html = profileReportHtml(profile, warnings, { title: `Profile of ${evilValue}.csv`, generatedAt: '2024-01-02T03:04:05Z' });

  it('escapes every user string: no markup gets through', () => {
    expect(html).not.toContain('<img src=x');
    expect(html).not.toMatch(/<script/i);
    // The only "onerror" left is inside the escaped text of the column name.
    expect(html.split(escapeHtml(evilName)).join('')).not.toMatch(/onerror/);
    expect(html).toContain(escapeHtml(evilName));
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &#39;single&#39;');
  });

  it('is standalone: no script, no external resource, inline CSS and SVG', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    const markup = html.split(escapeHtml(evilName)).join('');
    expect(markup).not.toMatch(/https?:|src=|href=|@import|url\(/i);
    expect(html).toContain('<style>');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('holds the overview, warnings, every column and the heatmaps', () => {
    expect(html).toContain('Generated 2024-01-02T03:04:05Z');
    expect(html).toContain(`<td>Rows</td><td>${n}</td>`);
    expect(html).toContain(escapeHtml('Column "empty" is empty: all 40 values are missing.'));
    for (const c of profile.columns) expect(html).toContain(`<h3>${escapeHtml(c.name)}<span`);
    expect(html).toContain('Pearson correlation');
    expect(html).toContain('Spearman correlation');
    expect(html).toContain('Histogram of x');
    expect(html).toContain('Timeline of when');
    expect(html).toContain('Box plot of x');
  });

  it('is the same for the same input', () => {
    expect(profileReportHtml(profile, warnings, { title: `Profile of ${evilValue}.csv`, generatedAt: '2024-01-02T03:04:05Z' })).toBe(html);
  });
});
