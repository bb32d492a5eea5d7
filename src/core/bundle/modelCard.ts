/**
 * The human-readable model card (model-card.md). Every string that came from the user's data
 * (column names, class labels, file names) is escaped, so a column named
 * `<img src=x onerror=alert(1)>` shows as text wherever the card is rendered.
 */
import { findModel } from '../models/registry';
import type { BundleMeta } from './bundleTypes';

/** Markdown punctuation gets a backslash; HTML's special characters become entities. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (ch) => `\\${ch}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function formatMetric(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'undefined';
  return Number(value.toPrecision(4)).toString();
}

/** Metrics by the groups of one column (from the evaluation view), for the card's fairness section. */
export interface CardFairness {
  column: string;
  groups: Array<{ group: string; rows: number; tooSmall: boolean; metrics: Record<string, number | null> }>;
  largestGap: { metric: string; gap: number; highest: { group: string; value: number }; lowest: { group: string; value: number } } | null;
}

export function modelCard(meta: BundleMeta, extras: { fairness?: CardFairness } = {}): string {
  const e = escapeMarkdown;
  const label = findModel(meta.model.kind)?.label ?? meta.model.kind;
  const data = meta.data ?? {};
  const lines: string[] = [];
  lines.push(`# Model card: ${e(label)} predicting ${e(meta.target)}`, '');
  lines.push(`Created ${e(meta.createdAt)} with Local ML Studio (bundle format ${meta.format}, version ${meta.version}).`, '');

  lines.push('## Data', '');
  const size = data.rows !== undefined ? `${data.rows} rows` : 'rows not recorded';
  const split = data.trainRows !== undefined && data.testRows !== undefined ? `; ${data.trainRows} for training, ${data.testRows} held out for testing` : '';
  lines.push(`- Training data: ${data.name ? e(data.name) : 'unnamed'} (${size}${split})`);
  lines.push(`- Target: ${e(meta.target)}`);
  lines.push(`- Task: ${meta.task}${meta.classes ? ` (classes: ${meta.classes.map(e).join(', ')})` : ''}`);
  lines.push(`- Inputs: ${meta.inputSchema.map((f) => `${e(f.name)} (${f.type})`).join(', ') || 'none'}`);
  for (const d of meta.recipe.dropped ?? []) lines.push(`- Left out: ${e(d.column)}: ${e(d.reason)}`);
  lines.push('');

  lines.push('## Model', '');
  lines.push(`- Kind: ${e(label)} (${e(meta.model.kind)})`);
  const params = Object.entries(meta.model.params).map(([k, v]) => `${e(k)} = ${e(String(v))}`);
  if (params.length > 0) lines.push(`- Parameters: ${params.join(', ')}`);
  lines.push(`- Preparation: ${meta.recipe.steps.map((s) => s.kind).join(', ') || 'none'} (fitted on the training rows only)`, '');

  lines.push('## Metrics', '', 'Scored on the held-out test rows.', '', '| metric | value |', '| --- | --- |');
  for (const [name, value] of Object.entries(meta.model.metrics)) lines.push(`| ${e(name)} | ${formatMetric(value)} |`);
  lines.push('');

  if (extras.fairness) {
    const { column, groups, largestGap } = extras.fairness;
    const names = Object.keys(groups[0]?.metrics ?? {}).slice(0, 4);
    lines.push(`## Fairness across ${e(column)}`, '', 'Held-out metrics for each value of the column.', '');
    lines.push(`| ${e(column)} | rows | ${names.map(e).join(' | ')} |`, `| --- | --- | ${names.map(() => '---').join(' | ')} |`);
    for (const g of groups) lines.push(`| ${e(g.group)}${g.tooSmall ? ' (too few rows)' : ''} | ${g.rows} | ${names.map((n) => formatMetric(g.metrics[n])).join(' | ')} |`);
    lines.push('');
    if (largestGap) {
      lines.push(
        `The largest ${e(largestGap.metric)} gap is ${formatMetric(largestGap.gap)} (${e(largestGap.highest.group)} ${formatMetric(largestGap.highest.value)} against ${e(largestGap.lowest.group)} ${formatMetric(largestGap.lowest.value)}).`,
        '',
      );
    }
  }

  lines.push('## Intended use', '');
  lines.push(
    `Predicting ${e(meta.target)} for new rows that come from the same source as the training data and have the same input columns. ` +
      'Predictions run locally; no data leaves the machine.',
    '',
  );

  lines.push('## Limitations', '');
  lines.push('- The metrics come from one held-out split of one data set; expect different numbers on data collected differently.');
  lines.push('- Rows unlike the training data (categories never seen, values outside the training range) get less reliable predictions; unseen categories are treated as absent.');
  lines.push('- Missing inputs are filled with values learned from the training rows (median or most frequent), which can hide a real difference.');
  lines.push('- The model reflects patterns, including biases, in its training data; it has not been checked for fairness. Do not use it alone for decisions about people.');
  lines.push('');
  return lines.join('\n');
}
