/**
 * A derived column's formula as a Python expression over the data frame `df` (with `n` rows),
 * translated from the typed program the formula engine checks it into, so the script computes
 * exactly what the engine's interpreter does (the helpers are in pythonFormulaPrelude.ts). The
 * formula text is only ever read by our parser; the Python is built from the typed tree, with every
 * name and text literal written as a JSON string literal, which Python reads the same way.
 */
import { checkFormula, type IR } from '../formula/check';
import { constantNumber } from '../formula/evaluate';
import { parseFormula } from '../formula/parse';
import type { SchemaColumn } from '../prepare/prepareStepImpl';

/** A Python string literal (JSON's escapes are valid in Python); non-ASCII as \\u or \\U escapes of whole code points. */
export function pyString(text: string): string {
  let out = '';
  for (const ch of JSON.stringify(text)) {
    const cp = ch.codePointAt(0)!;
    out += cp < 0x7f ? ch : cp <= 0xffff ? `\\u${cp.toString(16).padStart(4, '0')}` : `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return out;
}

/** A float literal Python reads back to the same double (NaN and infinities by name). */
export function pyNumber(v: number): string {
  if (Number.isNaN(v)) return 'np.nan';
  if (!Number.isFinite(v)) return v > 0 ? 'np.inf' : '-np.inf';
  return String(v);
}

export function formulaToPython(formula: string, columns: readonly SchemaColumn[]): string {
  const { ir } = checkFormula(formula, parseFormula(formula), columns, constantNumber);
  return expression(ir);
}

function expression(ir: IR): string {
  const e = expression;
  switch (ir.op) {
    case 'const':
      return ir.type === 'text' ? `f_const_txt(n, ${pyString(ir.str)})` : `f_const_num(n, ${pyNumber(ir.num)})`;
    case 'column':
      return ir.type === 'text' ? `f_txt(df, ${pyString(ir.name)})` : `f_num(df, ${pyString(ir.name)})`;
    case 'arith':
      return `f_arith(${pyString(ir.code === 'days' ? 'days' : ir.code)}, ${e(ir.a)}, ${e(ir.b)})`;
    case 'math':
      return `f_math(${pyString(ir.code)}, ${e(ir.a)})`;
    case 'round':
      return `f_round(${e(ir.a)}, ${ir.digits})`;
    case 'compare':
      return `f_compare(${pyString(ir.code)}, ${e(ir.a)}, ${e(ir.b)})`;
    case 'textEquals':
      return `f_text_equals(${e(ir.a)}, ${e(ir.b)}, ${ir.negate ? 'True' : 'False'})`;
    case 'logic':
      return `f_logic(${ir.and ? 'True' : 'False'}, ${e(ir.a)}, ${e(ir.b)})`;
    case 'not':
      return `f_not(${e(ir.a)})`;
    case 'minmax':
      return `f_minmax(${ir.max ? 'True' : 'False'}, [${ir.args.map(e).join(', ')}])`;
    case 'if':
      return ir.type === 'text' ? `f_if_txt(${e(ir.cond)}, ${e(ir.a)}, ${e(ir.b)})` : `f_if_num(${e(ir.cond)}, ${e(ir.a)}, ${e(ir.b)})`;
    case 'isMissing':
      return `f_is_missing(${e(ir.a)}, ${ir.a.type === 'text' ? 'True' : 'False'})`;
    case 'coalesce':
      return ir.type === 'text' ? `f_coalesce_txt([${ir.args.map(e).join(', ')}])` : `f_coalesce_num([${ir.args.map(e).join(', ')}])`;
    case 'datePart':
      return `date_part(${e(ir.a)}, ${pyString(ir.code)})`;
    case 'concat':
      return `f_concat([${ir.args.map((a) => `f_to_text(${e(a)}, ${pyString(a.type)})`).join(', ')}])`;
    case 'textMap':
      return `f_text_map(${e(ir.a)}, ${pyString(ir.code)})`;
    case 'length':
      return `f_length(${e(ir.a)})`;
    case 'contains':
      return `f_contains(${e(ir.a)}, ${e(ir.b)})`;
  }
}
