/**
 * A fitted recipe's prepare steps as a runnable Python script (pandas, numpy; nothing else):
 * `python3 prepare.py input.csv output.csv` reads the CSV as the studio does, applies every prepare
 * step with the parameters fitted in the studio (nothing is refitted), and writes the transformed
 * columns, so a data scientist gets exactly the studio's columns (a test compares them to 1e-9).
 * Row-removing steps act only on training rows, so the script, which transforms data to use,
 * notes them and keeps every row. Dates are written as milliseconds since 1970-01-01 UTC.
 */
import { describePrepareStep } from './describePrepareStep';
import { compileDateFormat } from './prepare/parseDates';
import { indicatorName } from './prepare/impute';
import { productTerms } from './prepare/polynomial';
import type { Schema, SchemaColumn } from './prepare/prepareStepImpl';
import { targetEncodeNames } from './prepare/targetEncode';
import { formulaToPython, pyNumber, pyString } from './python/formulaToPython';
import { PYTHON_FORMULA_PRELUDE } from './python/pythonFormulaPrelude';
import { PYTHON_PRELUDE } from './python/pythonPrelude';
import { oneHotName, oneHotOtherName } from './oneHotNames';
import { emptySchema, featureSchema, schemaAfterStep } from './preparedSchema';
import type { PrepareStep } from './prepareSteps';
import type { Recipe } from './recipe';

export function recipeToPython(recipe: Recipe): string {
  if (!recipe.featureTypes) throw new Error('The recipe is not fitted yet; fit it on training rows before exporting it as Python.');
  const steps = recipe.prepare ?? [];
  steps.forEach((step, s) => {
    if (step.enabled && !step.fitted) throw new Error(`The ${step.kind} step (step ${s + 1}) is not fitted yet; fit the recipe before exporting it as Python.`);
  });
  let schema = emptySchema(featureSchema(recipe));
  const body: string[] = [];
  steps.forEach((step, s) => {
    const lines = [`    # Step ${s + 1}: ${step.kind}. ${describePrepareStep(step).join(' ')}`.replace(/\n/g, ' ')];
    if (step.enabled) lines.push(...stepCode(step, schema).map((l) => `    ${l}`));
    body.push(lines.join('\n'));
    schema = schemaAfterStep(step, s, schema);
  });
  const output = schema.columns.map((c) => [c.name, c.type]);
  const usesFormula = steps.some((s) => s.enabled && s.kind === 'derive');
  return [
    '#!/usr/bin/env python3',
    `"""Applies the studio's fitted preparation recipe (target ${JSON.stringify(recipe.target).replace(/"""/g, '')}) to a CSV file.`,
    '',
    'Usage: python3 prepare.py INPUT.csv OUTPUT.csv',
    '',
    'Every parameter below was fitted on the training rows in the studio; nothing is learned from INPUT.',
    'Rows are never removed here (row-removing steps act on training rows only). Dates are written as',
    'milliseconds since 1970-01-01 UTC, as the studio holds them. Needs pandas (and numpy, which it brings).',
    '"""',
    PYTHON_PRELUDE.trim(),
    usesFormula ? PYTHON_FORMULA_PRELUDE.trim() : '',
    '',
    `FEATURES = ${pyList(recipe.features.map((name, i) => `(${pyString(name)}, ${pyString(recipe.featureTypes![i])})`))}`,
    `OUTPUT = ${pyList(output.map(([name, type]) => `(${pyString(name)}, ${pyString(type)})`))}`,
    '',
    '',
    'def prepare(df):',
    '    n = len(df)',
    body.join('\n') || '    pass',
    '    return df',
    '',
    '',
    'def main(argv):',
    '    if len(argv) != 3:',
    '        sys.exit("Usage: python3 prepare.py INPUT.csv OUTPUT.csv")',
    '    df, raw = read_input(argv[1], FEATURES)',
    '    out = prepare(df)',
    '    result = pd.DataFrame({name: out[name] for name, _ in OUTPUT}, index=out.index)',
    `    target = ${pyString(recipe.target)}`,
    '    if target in raw.columns:',
    '        result[target] = raw[target]',
    '    result.to_csv(argv[2], index=False, float_format="%.17g")',
    '',
    '',
    'if __name__ == "__main__":',
    '    main(sys.argv)',
    '',
  ]
    .filter((line, i, all) => !(line === '' && all[i - 1] === '' && all[i - 2] === ''))
    .join('\n');
}

function pyList(items: string[]): string {
  return items.length === 0 ? '[]' : `[\n    ${items.join(',\n    ')},\n]`;
}

const col = (name: string) => `df[${pyString(name)}]`;
const num = (name: string) => `df[${pyString(name)}].to_numpy(dtype=float)`;

function typeOf(schema: Schema, name: string): SchemaColumn['type'] {
  return schema.columns.find((c) => c.name === name)?.type ?? 'numeric';
}

function stepCode(step: PrepareStep, schema: Schema): string[] {
  const f = step.fitted!;
  switch (step.kind) {
    case 'dropColumns':
    case 'dropNearConstant':
    case 'dropCorrelated':
    case 'selectKBest': {
      const dropped = (f as { dropped: Array<{ column: string }> }).dropped.map((d) => pyString(d.column));
      return [`df = drop(df, [${dropped.join(', ')}])`];
    }
    case 'dropDuplicates':
    case 'dropMissingRows':
      return ['pass  # removes training rows only'];
    case 'impute':
      return step.columns.flatMap((name, c) => {
        const lines: string[] = [];
        if (step.indicator) lines.push(`df = insert_after(df, ${pyString(name)}, [(${pyString(indicatorName(name))}, ${col(name)}.isna().astype(float))])`);
        const fill = step.fitted!.fill[c];
        if (fill !== null) lines.push(`df[${pyString(name)}] = ${col(name)}.fillna(${typeof fill === 'number' ? pyNumber(fill) : pyString(fill)})`);
        return lines;
      });
    case 'outliers':
      if (step.action === 'remove') return ['pass  # removes training rows only'];
      return step.columns.map((name, c) => `df[${pyString(name)}] = ${col(name)}.clip(${pyNumber(step.fitted!.low[c])}, ${pyNumber(step.fitted!.high[c])})`);
    case 'parseNumbers':
      return step.columns
        .filter((name) => !isNumberType(typeOf(schema, name)))
        .map((name) => `df[${pyString(name)}] = parse_numbers(${col(name)}, ${pyString(step.thousands)}, ${pyString(step.decimal)})`);
    case 'parseDates': {
      const format = compileDateFormat(step.format);
      return step.columns
        .filter((name) => typeOf(schema, name) !== 'datetime')
        .map((name) => `df[${pyString(name)}] = parse_dates(as_text(${col(name)}, ${pyString(typeOf(schema, name))}), ${pyString(format.source)}, [${format.fields.map(pyString).join(', ')}])`);
    }
    case 'oneHot':
      return step.columns.map((name, c) => {
        const text = `as_text(${col(name)}, ${pyString(typeOf(schema, name))})`;
        const outs = step.fitted!.categories[c].map((cat) => `(${pyString(oneHotName(name, cat))}, (t == ${pyString(cat)}).astype(float))`);
        if (step.fitted!.other[c].length > 0) outs.push(`(${pyString(oneHotOtherName(name))}, t.isin([${step.fitted!.other[c].map(pyString).join(', ')}]).astype(float))`);
        return `t = ${text}; df = replace(df, ${pyString(name)}, [${outs.join(', ')}])`;
      });
    case 'ordinal':
      return step.columns.map((name, c) => {
        const mapping = `{${step.fitted!.categories[c].map((cat, k) => `${pyString(cat)}: ${k}.0`).join(', ')}}`;
        return `t = as_text(${col(name)}, ${pyString(typeOf(schema, name))}); df[${pyString(name)}] = np.where(t.isna(), np.nan, t.map(${mapping}).fillna(-1.0).astype(float))`;
      });
    case 'targetEncode':
      return step.columns.map((name, c) => {
        const fit = step.fitted!;
        const outs = targetEncodeNames(name, fit).map((outName, j) => {
          const mapping = `{${fit.categories[c].map((cat, k) => `${pyString(cat)}: ${pyNumber(fit.encodings[c][j][k])}`).join(', ')}}`;
          return `(${pyString(outName)}, np.where(t.isna(), ${pyNumber(fit.missing[c][j])}, t.map(${mapping}).fillna(${pyNumber(fit.mean[j])}).astype(float)))`;
        });
        return `t = as_text(${col(name)}, ${pyString(typeOf(schema, name))}); df = replace(df, ${pyString(name)}, [${outs.join(', ')}])`;
      });
    case 'scale':
      return step.columns.map((name, c) => `df[${pyString(name)}] = (${num(name)} - ${pyNumber(step.fitted!.center[c])}) / ${pyNumber(step.fitted!.scale[c])}`);
    case 'log':
      return step.columns.map((name) => `x = ${num(name)}\n    with np.errstate(all="ignore"):\n        df[${pyString(name)}] = np.where(x > -1, np.log1p(x), np.nan)`);
    case 'yeoJohnson':
      return step.columns.map((name, c) => `df[${pyString(name)}] = yeo_johnson(${num(name)}, ${pyNumber(step.fitted!.lambda[c])})`);
    case 'bin':
      return step.columns.map((name, c) => `df[${pyString(name)}] = bins(${num(name)}, [${step.fitted!.edges[c].map(pyNumber).join(', ')}])`);
    case 'polynomial':
    case 'interactions': {
      const last = [...schema.columns].reverse().find((c) => step.columns.includes(c.name))!.name;
      const terms = productTerms(step.columns, step.kind === 'polynomial').map((t) => `(${pyString(t.name)}, ${num(t.a)} * ${num(t.b)})`);
      return [`df = insert_after(df, ${pyString(last)}, [${terms.join(', ')}])`];
    }
    case 'dateParts':
      return step.columns.map((name) => {
        const parts = step.parts.map((p) => `(${pyString(`${name}_${p}`)}, date_part(${num(name)}, ${pyString(p)}))`);
        return `df = replace(df, ${pyString(name)}, [${step.dropOriginal ? '' : `(${pyString(name)}, ${col(name)}), `}${parts.join(', ')}])`;
      });
    case 'derive':
      return [`df[${pyString(step.name)}] = ${formulaToPython(step.formula, schema.columns)}`];
  }
}

function isNumberType(type: SchemaColumn['type']): boolean {
  return type === 'numeric' || type === 'boolean' || type === 'datetime';
}
