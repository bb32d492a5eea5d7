/**
 * A drift reference as JSON text for bundle.json: one line per column, so its long lists of
 * numbers stay compact (fully indented, each number would take its own line and triple the size)
 * while a person can still read it column by column.
 */
import type { DriftReference } from './driftTypes';

export function driftReferenceJson(reference: DriftReference, indent = ''): string {
  const inner = indent + '  ';
  const { columns, prediction, ...head } = reference;
  const lines = [`${inner}${JSON.stringify(head).slice(1, -1)},`, `${inner}"columns": [`];
  columns.forEach((c, i) => lines.push(`${inner}  ${JSON.stringify(c)}${i < columns.length - 1 ? ',' : ''}`));
  lines.push(`${inner}]${prediction ? ',' : ''}`);
  if (prediction) lines.push(`${inner}"prediction": ${JSON.stringify(prediction)}`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}
