/** The overall verdict of a drift report and the sentence that says it to people. */
import type { ColumnDrift, DriftSummary, DriftVerdict } from './driftTypes';
import { worseVerdict } from './judgeColumn';

const NAMES_SHOWN = 10;

export function summariseDrift(columns: readonly ColumnDrift[], prediction: ColumnDrift | null): DriftSummary {
  const drifted = columns.filter((c) => c.verdict === 'drift').map((c) => c.name);
  const warnings = columns.filter((c) => c.verdict === 'warning').map((c) => c.name);
  let verdict: DriftVerdict = 'stable';
  for (const c of columns) verdict = worseVerdict(verdict, c.verdict);
  if (prediction) verdict = worseVerdict(verdict, prediction.verdict);
  const n = columns.length;
  return {
    verdict,
    columns: n,
    stable: n - drifted.length - warnings.length,
    warning: warnings.length,
    drift: drifted.length,
    drifted,
    warnings,
    prediction: prediction?.verdict ?? null,
    message: message(n, drifted, warnings, prediction?.verdict ?? null),
  };
}

function message(n: number, drifted: string[], warnings: string[], prediction: DriftVerdict | null): string {
  const columnWord = (k: number) => (k === 1 ? 'column' : 'columns');
  if (drifted.length === 0 && warnings.length === 0) {
    const all = n === 1 ? 'The column is stable' : `All ${n} columns are stable`;
    if (prediction === null) return `No drift: ${all.charAt(0).toLowerCase()}${all.slice(1)}.`;
    if (prediction === 'stable') return `No drift: ${all.charAt(0).toLowerCase()}${all.slice(1)}, and so are the predictions.`;
    return `${all}, but the predictions ${prediction === 'drift' ? 'drifted' : 'show a warning'}.`;
  }
  const parts: string[] = [];
  if (drifted.length > 0) parts.push(`${drifted.length} of ${n} ${columnWord(n)} drifted: ${list(drifted)}.`);
  if (warnings.length > 0) {
    const lead = drifted.length > 0 ? `${warnings.length} more ${warnings.length === 1 ? 'shows' : 'show'}` : `${warnings.length} of ${n} ${columnWord(n)} ${warnings.length === 1 ? 'shows' : 'show'}`;
    parts.push(`${lead} a warning: ${list(warnings)}.`);
  }
  if (prediction === 'drift') parts.push('The predictions drifted.');
  else if (prediction === 'warning') parts.push('The predictions show a warning.');
  else if (prediction === 'stable') parts.push('The predictions are stable.');
  return parts.join(' ');
}

function list(names: string[]): string {
  const shown = names.slice(0, NAMES_SHOWN).join(', ');
  return names.length > NAMES_SHOWN ? `${shown} and ${names.length - NAMES_SHOWN} more` : shown;
}
