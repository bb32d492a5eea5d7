/**
 * One prepare step in plain language, from its options and (once fitted) what it learned:
 * "Imputed Age with the median 28.0 fitted on 712 training rows", "Dropped Cabin: 77% missing".
 * Unfitted steps say what they will do.
 */
import { productTerms } from './prepare/polynomial';
import { targetEncodeNames } from './prepare/targetEncode';
import type { PrepareStep } from './prepareSteps';

/** A number as a person reads it: whole numbers with one decimal (28.0), others to 4 significant digits. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return v.toFixed(1);
  const abs = Math.abs(v);
  if (abs >= 1e-3 && abs < 1e15) return String(Number(v.toPrecision(4)));
  return v.toPrecision(4);
}

export function listNames(names: readonly string[], max = 6): string {
  const shown = names.slice(0, max);
  const more = names.length > max ? ` and ${names.length - max} more` : '';
  if (shown.length <= 1) return shown.join('') + more;
  return more ? shown.join(', ') + more : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** Kinds for which an empty column list means nothing to do (for the others it means every column). */
const NEEDS_COLUMNS: ReadonlySet<PrepareStep['kind']> = new Set(['impute', 'outliers', 'parseNumbers', 'parseDates', 'oneHot', 'ordinal', 'targetEncode', 'scale', 'log', 'yeoJohnson', 'bin', 'polynomial', 'interactions', 'dateParts']);

const rowsText = (n: number) => `${n.toLocaleString('en-US')} training ${n === 1 ? 'row' : 'rows'}`;
const quoted = (v: string) => JSON.stringify(v);

export function describePrepareStep(step: PrepareStep): string[] {
  if (!step.enabled) return [`The ${step.kind} step is turned off and changes nothing.`];
  if (NEEDS_COLUMNS.has(step.kind) && 'columns' in step && step.columns?.length === 0) return [`The ${step.kind} step has no columns chosen and changes nothing.`];
  const fittedOn = step.fitted ? ` fitted on ${rowsText(step.fitted.rows)}` : ' (not fitted yet)';
  switch (step.kind) {
    case 'dropColumns': {
      if (!step.fitted) {
        const extra = step.missingAbove !== undefined ? ` and every column with more than ${Math.round(step.missingAbove * 100)}% missing training values` : '';
        return [`Drops ${listNames(step.columns)}${extra}.`];
      }
      return droppedSentences(step.fitted.dropped, 'No column was dropped.');
    }
    case 'dropDuplicates': {
      const on = step.columns?.length ? `on ${listNames(step.columns)}` : 'on all columns';
      if (!step.fitted) return [`Removes duplicate training rows (compared ${on}); prediction rows are never removed.`];
      return [`Removed ${step.fitted.removed.toLocaleString('en-US')} duplicate rows (compared ${on}) of ${rowsText(step.fitted.rows)}; prediction rows are never removed.`];
    }
    case 'dropMissingRows': {
      const on = step.columns?.length ? `a missing ${listNames(step.columns).replace(/ and /, ' or ')}` : 'any missing value';
      if (!step.fitted) return [`Removes training rows with ${on}; prediction rows are never removed.`];
      return [`Removed ${step.fitted.removed.toLocaleString('en-US')} of ${rowsText(step.fitted.rows)} with ${on}; prediction rows are never removed.`];
    }
    case 'impute':
      return step.columns.map((name, c) => {
        const how = step.strategy === 'mostFrequent' ? 'the most frequent value' : step.strategy === 'constant' ? 'the constant' : `the ${step.strategy}`;
        const indicator = step.indicator ? ` and marked them in ${name}_missing` : '';
        if (!step.fitted) return `Fills missing ${name} with ${how} of the training rows${indicator ? `, marking them in ${name}_missing` : ''}.`;
        const fill = step.fitted.fill[c];
        if (fill === null) return `Left ${name} as it was: it had no training value to learn from.`;
        const value = typeof fill === 'number' ? formatNumber(fill) : quoted(fill);
        const missing = step.fitted.missing[c];
        return `Imputed ${name} with ${how} ${value}${step.strategy === 'constant' ? '' : fittedOn} (${missing.toLocaleString('en-US')} missing)${indicator}.`;
      });
    case 'outliers':
      return step.columns.map((name, c) => {
        const rule = step.method === 'iqr' ? `IQR x ${step.k}` : `z-score ${step.k}`;
        if (!step.fitted) return `${step.action === 'clip' ? 'Clips' : 'Removes training rows with'} ${name} outside the ${rule} bounds of the training rows.`;
        const range = `[${formatNumber(step.fitted.low[c])}, ${formatNumber(step.fitted.high[c])}]`;
        const outside = step.fitted.outside[c].toLocaleString('en-US');
        if (step.action === 'clip') return `Clipped ${name} to ${range} (${rule}${fittedOn}; ${outside} training values were outside).`;
        return `Removed the training rows with ${name} outside ${range} (${rule}${fittedOn}; ${outside} rows); prediction rows are kept.`;
      });
    case 'parseNumbers':
      return step.columns.map((name, c) => {
        const how = `thousands separator ${step.thousands === '' ? 'none' : quoted(step.thousands)}, decimal mark ${quoted(step.decimal)}`;
        return `Read ${name} as numbers (${how})${failedText(step.fitted?.failed[c], step.fitted?.rows)}.`;
      });
    case 'parseDates':
      return step.columns.map((name, c) => `Read ${name} as dates in the format ${step.format}${failedText(step.fitted?.failed[c], step.fitted?.rows)}.`);
    case 'oneHot':
      return step.columns.map((name, c) => {
        if (!step.fitted) return `One-hot encodes ${name}, keeping its ${step.maxCategories} most frequent categories.`;
        const kept = step.fitted.categories[c];
        const rare = step.fitted.other[c];
        const other = rare.length > 0 ? `; ${rare.length} rarer ${rare.length === 1 ? 'category shares' : 'categories share'} ${name}=(other)` : '';
        return `One-hot encoded ${name} into ${kept.length + (rare.length > 0 ? 1 : 0)} columns (${listNames(kept)})${other}.`;
      });
    case 'ordinal':
      return step.columns.map((name, c) => {
        if (!step.fitted) return `Numbers the categories of ${name} in sorted order.`;
        const cats = step.fitted.categories[c];
        return `Encoded ${name} as its position among ${cats.length} sorted categories (${listNames(cats)}); an unseen category is -1.`;
      });
    case 'targetEncode':
      return step.columns.map((name, c) => {
        const how = `smoothing ${step.smooth}, ${step.folds}-fold out-of-fold values for the training rows`;
        if (!step.fitted) return `Replaces ${name} by the mean target per category (${how}).`;
        const f = step.fitted;
        const outputs = targetEncodeNames(name, f);
        const examples = f.categories[c].slice(0, 4).map((cat, k) => `${cat} ${formatNumber(f.encodings[c][0][k])}`);
        const what = f.targetType === 'continuous' ? 'the mean target' : f.targetType === 'binary' ? `the share of ${quoted(f.classes![1])}` : 'the share of each class';
        const into = outputs.length > 1 ? ` into ${listNames(outputs)}` : '';
        return `Target-encoded ${name}${into} by ${what} per category (${how}${fittedOn})${examples.length ? `: ${examples.join(', ')}${f.categories[c].length > 4 ? ', ...' : ''}` : ''}.`;
      });
    case 'scale':
      return step.columns.map((name, c) => {
        const kind = step.method === 'standard' ? 'Standardised' : step.method === 'minMax' ? 'Scaled to [0, 1]' : 'Robust-scaled';
        if (!step.fitted) return `Scales ${name} (${step.method}) with statistics of the training rows.`;
        const [center, spread] = [formatNumber(step.fitted.center[c]), formatNumber(step.fitted.scale[c])];
        const stats = step.method === 'standard' ? `mean ${center} and standard deviation ${spread}` : step.method === 'minMax' ? `minimum ${center} and range ${spread}` : `median ${center} and IQR ${spread}`;
        return `${kind} ${name} with ${stats}${fittedOn}.`;
      });
    case 'log':
      return [`Took log(1 + x) of ${listNames(step.columns)}.`];
    case 'yeoJohnson':
      return step.columns.map((name, c) =>
        step.fitted ? `Applied the Yeo-Johnson transform to ${name} with lambda ${formatNumber(step.fitted.lambda[c])}${fittedOn}.` : `Applies a Yeo-Johnson transform to ${name}, its lambda fitted on the training rows.`,
      );
    case 'bin':
      return step.columns.map((name, c) => {
        const kind = step.strategy === 'quantile' ? 'quantile' : 'equal-width';
        if (!step.fitted) return `Bins ${name} into ${step.bins} ${kind} bins.`;
        const edges = step.fitted.edges[c];
        if (edges.length === 0) return `Put every value of ${name} in bin 0: it was constant in training.`;
        return `Binned ${name} into ${edges.length - 1} ${kind} bins with edges ${edges.map(formatNumber).join(', ')}${fittedOn}.`;
      });
    case 'polynomial':
      return [`Added the squares and products of ${listNames(step.columns)}: ${listNames(productTerms(step.columns, true).map((t) => t.name))}.`];
    case 'interactions':
      return [`Added the products of ${listNames(step.columns)}: ${listNames(productTerms(step.columns, false).map((t) => t.name))}.`];
    case 'dateParts':
      return step.columns.map((name) => `Added the ${listNames(step.parts)} of ${name} as ${listNames(step.parts.map((p) => `${name}_${p}`))}${step.dropOriginal ? ` and dropped ${name}` : ''}.`);
    case 'derive':
      return [`Derived ${step.name} = ${step.formula.trim()}.`];
    case 'dropNearConstant':
      if (!step.fitted) return [`Drops columns where one value fills at least ${Math.round(step.threshold * 100)}% of the training rows.`];
      return droppedSentences(step.fitted.dropped, `No column was near-constant (one value in at least ${Math.round(step.threshold * 100)}% of the training rows).`);
    case 'dropCorrelated':
      if (!step.fitted) return [`Drops the later column of each pair with |correlation| above ${step.threshold}.`];
      return droppedSentences(step.fitted.dropped, `No pair of columns had |correlation| above ${step.threshold}.`);
    case 'selectKBest': {
      if (!step.fitted) return [`Keeps the ${step.k} columns with the highest mutual information with the target.`];
      const dropped = new Set(step.fitted.dropped.map((d) => d.column));
      const kept = step.fitted.scores.filter((s) => !dropped.has(s.column)).map((s) => s.column);
      return [`Kept the ${kept.length} columns with the highest mutual information with the target: ${listNames(kept)}.`, ...droppedSentences(step.fitted.dropped, '')];
    }
  }
}

function droppedSentences(dropped: ReadonlyArray<{ column: string; reason: string }>, none: string): string[] {
  if (dropped.length === 0) return none ? [none] : [];
  return dropped.map((d) => (d.reason === 'dropped by choice' ? `Dropped ${d.column}.` : `Dropped ${d.column}: ${d.reason}.`));
}

function failedText(failed: number | undefined, rows: number | undefined): string {
  if (failed === undefined || rows === undefined) return '';
  if (failed === 0) return `; every value of the ${rowsText(rows)} could be read`;
  return `; ${failed.toLocaleString('en-US')} of ${rowsText(rows)} could not be read and became missing`;
}
