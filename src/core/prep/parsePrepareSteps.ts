/**
 * Reads the prepare steps of a recipe from untrusted JSON (a bundle, a saved project, a recipe
 * file): every step is an object of known keys only, every option in range, every list bounded,
 * every fitted number finite and every fitted list as long as the step's columns. A formula is
 * only ever text handed to the formula engine, which re-checks it; nothing is evaluated.
 * Returns clean copies holding only the known fields.
 */
import {
  assertSafeJson,
  expectArray,
  expectFinite,
  expectFiniteArray,
  expectInteger,
  expectObject,
  expectOneOf,
  expectString,
  expectStringArray,
  joinPath,
  JsonShapeError,
  shapeError,
} from '../bundle/jsonShape';
import { compileDateFormat } from './prepare/parseDates';
import {
  DATE_PARTS,
  IMPUTE_STRATEGIES,
  MAX_BINS,
  MAX_FORMULA_LENGTH,
  MAX_ONE_HOT_OUTPUTS,
  MAX_PREPARE_STEPS,
  MAX_STEP_COLUMNS,
  MAX_TARGET_FOLDS,
  PREPARE_STEP_KINDS,
  type DroppedBecause,
  type PrepareStep,
  type PrepareStepKind,
} from './prepareSteps';

type Json = Record<string, unknown>;

const COMMON = ['id', 'kind', 'enabled', 'fitted'];
const KEYS: Record<PrepareStepKind, string[]> = {
  dropColumns: ['columns', 'missingAbove', 'reasons'],
  dropDuplicates: ['columns'],
  dropMissingRows: ['columns'],
  impute: ['columns', 'strategy', 'value', 'indicator'],
  outliers: ['columns', 'method', 'k', 'action'],
  parseNumbers: ['columns', 'thousands', 'decimal'],
  parseDates: ['columns', 'format'],
  oneHot: ['columns', 'maxCategories'],
  ordinal: ['columns'],
  targetEncode: ['columns', 'folds', 'smooth', 'shuffle', 'seed'],
  scale: ['columns', 'method'],
  log: ['columns'],
  yeoJohnson: ['columns'],
  bin: ['columns', 'strategy', 'bins'],
  polynomial: ['columns', 'degree'],
  interactions: ['columns'],
  dateParts: ['columns', 'parts', 'dropOriginal'],
  derive: ['name', 'formula'],
  dropNearConstant: ['threshold', 'columns'],
  dropCorrelated: ['threshold', 'columns'],
  selectKBest: ['k', 'bins', 'columns'],
};
const OPTIONAL_COLUMNS: ReadonlySet<PrepareStepKind> = new Set(['dropDuplicates', 'dropMissingRows', 'dropNearConstant', 'dropCorrelated', 'selectKBest']);
const MAX_TEXT = 1000;

export function parsePrepareSteps(json: unknown, path: string, requireFitted: boolean): PrepareStep[] {
  assertSafeJson(json, path);
  const raw = expectArray(json, path);
  if (raw.length > MAX_PREPARE_STEPS) throw new JsonShapeError(path, `"${path}" has ${raw.length} steps, at most ${MAX_PREPARE_STEPS}.`);
  const ids = new Set<string>();
  return raw.map((value, i) => {
    const at = joinPath(path, i);
    const step = parseStep(expectObject(value, at), at, requireFitted);
    if (ids.has(step.id)) throw new JsonShapeError(joinPath(at, 'id'), `"${joinPath(at, 'id')}" is ${JSON.stringify(step.id)}, which another step uses.`);
    ids.add(step.id);
    return step;
  });
}

function parseStep(o: Json, at: string, requireFitted: boolean): PrepareStep {
  const kind = expectOneOf(o.kind, joinPath(at, 'kind'), PREPARE_STEP_KINDS);
  for (const key of Object.keys(o)) {
    if (!COMMON.includes(key) && !KEYS[kind].includes(key)) throw new JsonShapeError(joinPath(at, key), `"${at}" has the key "${key}", which a ${kind} step does not take.`);
  }
  const id = text(o.id, joinPath(at, 'id'), 100);
  if (typeof o.enabled !== 'boolean') throw shapeError(joinPath(at, 'enabled'), o.enabled, 'true or false');
  const base = { id, enabled: o.enabled };
  const opt = new Options(o, at);
  const columns = KEYS[kind].includes('columns') && !(OPTIONAL_COLUMNS.has(kind) && o.columns === undefined) ? opt.columns() : undefined;
  const step = { ...base, kind, ...(columns ? { columns } : {}), ...options(kind, opt, columns ?? []) } as PrepareStep;
  const fittedPath = joinPath(at, 'fitted');
  if (o.fitted === undefined) {
    if (requireFitted && step.enabled) throw shapeError(fittedPath, undefined, 'the fitted parameters');
    return step;
  }
  if (!step.enabled) throw shapeError(fittedPath, o.fitted, 'no fitted parameters on a disabled step');
  const fitted = new Options(expectObject(o.fitted, fittedPath), fittedPath);
  return { ...step, fitted: fittedPart(step, fitted, columns?.length ?? 0) } as PrepareStep;
}

function options(kind: PrepareStepKind, o: Options, columns: string[]): Json {
  switch (kind) {
    case 'dropColumns':
      return { ...o.optional('missingAbove', () => o.fraction('missingAbove')), ...o.optional('reasons', () => o.texts('reasons', columns.length)) };
    case 'impute': {
      const strategy = o.oneOf('strategy', IMPUTE_STRATEGIES);
      const value = o.optional('value', () => o.numberOrText('value'));
      if (strategy === 'constant' && value.value === undefined) throw shapeError(o.at('value'), undefined, 'a value for the constant strategy');
      return { strategy, ...value, ...o.optional('indicator', () => o.bool('indicator')) };
    }
    case 'outliers':
      return { method: o.oneOf('method', ['iqr', 'zscore'] as const), k: o.number('k', 0, 100), action: o.oneOf('action', ['clip', 'remove'] as const) };
    case 'parseNumbers': {
      const thousands = o.oneOf('thousands', ['', ',', '.', ' ', "'"] as const);
      const decimal = o.oneOf('decimal', ['.', ','] as const);
      if (thousands === decimal) throw new JsonShapeError(o.at('decimal'), `"${o.at('decimal')}" is the same as the thousands separator.`);
      return { thousands, decimal };
    }
    case 'parseDates': {
      const format = text(o.raw.format, o.at('format'), 100);
      try {
        compileDateFormat(format);
      } catch (error) {
        throw new JsonShapeError(o.at('format'), (error as Error).message);
      }
      return { format };
    }
    case 'oneHot':
      return { maxCategories: o.integer('maxCategories', 1, MAX_ONE_HOT_OUTPUTS) };
    case 'targetEncode':
      return {
        folds: o.integer('folds', 2, MAX_TARGET_FOLDS),
        smooth: o.raw.smooth === 'auto' ? 'auto' : o.number('smooth', 0, 1e12),
        shuffle: o.bool('shuffle'),
        seed: o.integer('seed', 0, 2 ** 32 - 1),
      };
    case 'scale':
      return { method: o.oneOf('method', ['standard', 'minMax', 'robust'] as const) };
    case 'bin':
      return { strategy: o.oneOf('strategy', ['equalWidth', 'quantile'] as const), bins: o.integer('bins', 2, MAX_BINS) };
    case 'polynomial':
      return { degree: o.integer('degree', 2, 2) };
    case 'dateParts': {
      const parts = expectArray(o.raw.parts, o.at('parts')).map((p, i) => expectOneOf(p, joinPath(o.at('parts'), i), DATE_PARTS));
      if (parts.length === 0 || new Set(parts).size !== parts.length) throw shapeError(o.at('parts'), o.raw.parts, 'one or more different date parts');
      return { parts, dropOriginal: o.bool('dropOriginal') };
    }
    case 'derive':
      return { name: text(o.raw.name, o.at('name'), MAX_TEXT), formula: text(o.raw.formula, o.at('formula'), MAX_FORMULA_LENGTH) };
    case 'dropNearConstant':
    case 'dropCorrelated':
      return { threshold: o.fraction('threshold') };
    case 'selectKBest':
      return { k: o.integer('k', 1, MAX_STEP_COLUMNS), bins: o.integer('bins', 2, MAX_BINS) };
    default:
      return {};
  }
}

function fittedPart(step: PrepareStep, f: Options, n: number): Json {
  const rows = f.integer('rows', 0);
  switch (step.kind) {
    case 'dropColumns':
    case 'dropNearConstant':
    case 'selectKBest':
    case 'dropCorrelated': {
      const dropped = f.dropped(step.kind === 'dropCorrelated');
      if (step.kind !== 'selectKBest') return { rows, dropped };
      const scores = expectArray(f.raw.scores, f.at('scores'), undefined).map((s, i) => {
        const at = joinPath(f.at('scores'), i);
        const o = expectObject(s, at);
        return { column: text(o.column, joinPath(at, 'column'), MAX_TEXT), mi: expectFinite(o.mi, joinPath(at, 'mi')) };
      });
      return { rows, scores, dropped };
    }
    case 'dropDuplicates':
    case 'dropMissingRows':
      return { rows, removed: f.integer('removed', 0) };
    case 'impute':
      return { rows, fill: f.fills(n, step.strategy === 'mostFrequent' || step.strategy === 'constant'), missing: f.integers('missing', n) };
    case 'outliers':
      return { rows, low: f.numbers('low', n), high: f.numbers('high', n), outside: f.integers('outside', n), removed: f.integer('removed', 0) };
    case 'parseNumbers':
    case 'parseDates':
      return { rows, failed: f.integers('failed', n) };
    case 'oneHot':
      return { rows, categories: f.lists('categories', n), other: f.lists('other', n) };
    case 'ordinal':
      return { rows, categories: f.lists('categories', n) };
    case 'targetEncode':
      return targetEncodeFitted(f, rows, n);
    case 'scale': {
      const scale = f.numbers('scale', n);
      scale.forEach((s, c) => {
        if (s === 0) throw shapeError(joinPath(f.at('scale'), c), s, 'a number other than 0');
      });
      return { rows, center: f.numbers('center', n), scale };
    }
    case 'yeoJohnson':
      return { rows, lambda: f.numbers('lambda', n) };
    case 'bin': {
      const edges = expectArray(f.raw.edges, f.at('edges'), n, 'lists').map((e, c) => {
        const list = expectFiniteArray(e, joinPath(f.at('edges'), c));
        if (list.length === 1 || list.length > MAX_BINS + 1 || list.some((v, i) => i > 0 && !(v > list[i - 1]))) {
          throw shapeError(joinPath(f.at('edges'), c), e, `no edges, or 2 to ${MAX_BINS + 1} increasing ones`);
        }
        return list.slice();
      });
      return { rows, edges };
    }
    case 'derive':
      return { rows, type: f.oneOf('type', ['numeric', 'boolean', 'categorical'] as const) };
    default:
      return { rows };
  }
}

function targetEncodeFitted(f: Options, rows: number, n: number): Json {
  const targetType = f.oneOf('targetType', ['continuous', 'binary', 'multiclass'] as const);
  const classes = targetType === 'continuous' ? undefined : f.texts('classes');
  if (classes && (classes.length < 2 || (targetType === 'binary') !== (classes.length === 2))) {
    throw shapeError(f.at('classes'), f.raw.classes, targetType === 'binary' ? 'two classes' : 'three or more classes');
  }
  const outputs = targetType === 'multiclass' ? classes!.length : 1;
  const mean = f.numbers('mean', outputs);
  const categories = f.lists('categories', n);
  const encodings = expectArray(f.raw.encodings, f.at('encodings'), n, 'columns').map((perColumn, c) => {
    const at = joinPath(f.at('encodings'), c);
    return expectArray(perColumn, at, outputs, 'outputs').map((list, j) => expectFiniteArray(list, joinPath(at, j), categories[c].length).slice());
  });
  const missing = expectArray(f.raw.missing, f.at('missing'), n, 'columns').map((list, c) => expectFiniteArray(list, joinPath(f.at('missing'), c), outputs).slice());
  return { rows, targetType, ...(classes ? { classes } : {}), mean, categories, encodings, missing };
}

function text(value: unknown, path: string, max: number): string {
  const s = expectString(value, path);
  if (s.length === 0 || s.length > max) throw shapeError(path, value, `text of 1 to ${max} characters`);
  return s;
}

/** Field readers for one object, each naming the exact path in its message. */
class Options {
  constructor(
    readonly raw: Json,
    private readonly path: string,
  ) {}

  at(key: string): string {
    return joinPath(this.path, key);
  }

  optional<T>(key: string, read: () => T): Json {
    return this.raw[key] === undefined ? {} : { [key]: read() };
  }

  /**
   * The step's columns. An empty list is allowed: every column for the row and selection steps, and
   * nothing to do for the others (a step the editor saved before its columns were chosen).
   */
  columns(): string[] {
    const list = this.texts('columns');
    list.forEach((name, i) => {
      if (list.indexOf(name) !== i) throw new JsonShapeError(joinPath(this.at('columns'), i), `"${joinPath(this.at('columns'), i)}" is ${JSON.stringify(name)}, which is listed twice.`);
    });
    return list;
  }

  texts(key: string, length?: number): string[] {
    const list = expectStringArray(this.raw[key], this.at(key), length);
    if (list.length > MAX_STEP_COLUMNS) throw new JsonShapeError(this.at(key), `"${this.at(key)}" has ${list.length} entries, at most ${MAX_STEP_COLUMNS}.`);
    list.forEach((s, i) => text(s, joinPath(this.at(key), i), MAX_TEXT));
    return list.slice();
  }

  lists(key: string, n: number): string[][] {
    return expectArray(this.raw[key], this.at(key), n, 'lists').map((list, c) => expectStringArray(list, joinPath(this.at(key), c)).slice());
  }

  number(key: string, min: number, max: number): number {
    const v = expectFinite(this.raw[key], this.at(key));
    if (v < min || v > max) throw shapeError(this.at(key), v, `a number from ${min} to ${max}`);
    return v;
  }

  fraction(key: string): number {
    return this.number(key, 0, 1);
  }

  integer(key: string, min: number, max?: number): number {
    return expectInteger(this.raw[key], this.at(key), min, max);
  }

  integers(key: string, n: number): number[] {
    return expectArray(this.raw[key], this.at(key), n, 'numbers').map((v, c) => expectInteger(v, joinPath(this.at(key), c), 0));
  }

  numbers(key: string, n: number): number[] {
    return expectFiniteArray(this.raw[key], this.at(key), n).slice();
  }

  bool(key: string): boolean {
    if (typeof this.raw[key] !== 'boolean') throw shapeError(this.at(key), this.raw[key], 'true or false');
    return this.raw[key] as boolean;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    return expectOneOf(this.raw[key], this.at(key), allowed);
  }

  numberOrText(key: string): number | string {
    const v = this.raw[key];
    return typeof v === 'string' ? text(v, this.at(key), MAX_TEXT) : expectFinite(v, this.at(key));
  }

  fills(n: number, textAllowed: boolean): Array<number | string | null> {
    return expectArray(this.raw.fill, this.at('fill'), n, 'values').map((v, c) => {
      if (v === null) return null;
      const at = joinPath(this.at('fill'), c);
      return typeof v === 'string' && textAllowed ? text(v, at, MAX_TEXT) : expectFinite(v, at);
    });
  }

  dropped(correlated: boolean): Array<DroppedBecause & { correlatedWith?: string; r?: number }> {
    return expectArray(this.raw.dropped, this.at('dropped')).map((d, i) => {
      const at = joinPath(this.at('dropped'), i);
      const o = expectObject(d, at);
      const entry = { column: text(o.column, joinPath(at, 'column'), MAX_TEXT), reason: text(o.reason, joinPath(at, 'reason'), MAX_TEXT) };
      if (!correlated) return entry;
      return { ...entry, correlatedWith: text(o.correlatedWith, joinPath(at, 'correlatedWith'), MAX_TEXT), r: expectFinite(o.r, joinPath(at, 'r')) };
    });
  }
}
