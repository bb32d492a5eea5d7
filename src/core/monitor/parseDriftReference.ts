/**
 * Validates a drift reference read from an untrusted bundle.json and returns a clean copy: every
 * count a whole number that adds up, every value finite and in order, every list within the
 * bounds buildDriftReference keeps to. A bad field throws a JsonShapeError naming its path.
 */
import { COLUMN_TYPES, type ColumnType } from '../data/table';
import {
  expectArray,
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
import { MAX_POINTS } from './driftReference';
import {
  DRIFT_REFERENCE_VERSION,
  type CategoricalReference,
  type ColumnReference,
  type DriftReference,
  type NumericReference,
} from './driftTypes';
import { isNumericType, MAX_CATEGORIES, MAX_CATEGORY_LENGTH } from './summariseColumn';

/** Far above what the builder writes (9 decile edges), low enough to bound the work. */
const MAX_EDGES = 64;
const MAX_COLUMNS = 100_000;

export function parseDriftReference(json: unknown, path: string): DriftReference {
  const o = expectObject(json, path);
  if (o.version !== DRIFT_REFERENCE_VERSION) throw shapeError(joinPath(path, 'version'), o.version, `${DRIFT_REFERENCE_VERSION}`);
  const rows = expectInteger(o.rows, joinPath(path, 'rows'), 0);
  const columnsPath = joinPath(path, 'columns');
  const raw = expectArray(o.columns, columnsPath);
  if (raw.length > MAX_COLUMNS) throw new JsonShapeError(columnsPath, `"${columnsPath}" has ${raw.length} columns, more than ${MAX_COLUMNS}.`);
  const names = new Set<string>();
  const columns = raw.map((c, i) => {
    const at = joinPath(columnsPath, i);
    const column = parseColumn(c, at, rows);
    if (names.has(column.name)) throw new JsonShapeError(joinPath(at, 'name'), `"${joinPath(at, 'name')}" is ${JSON.stringify(column.name)}, which is listed twice.`);
    names.add(column.name);
    return column;
  });
  const reference: DriftReference = { version: DRIFT_REFERENCE_VERSION, rows, columns };
  if (o.prediction !== undefined) reference.prediction = parseColumn(o.prediction, joinPath(path, 'prediction'), rows);
  return reference;
}

function parseColumn(json: unknown, path: string, rows: number): ColumnReference {
  const o = expectObject(json, path);
  const name = expectString(o.name, joinPath(path, 'name'));
  const kind = expectOneOf(o.kind, joinPath(path, 'kind'), ['numeric', 'categorical'] as const);
  const type = expectOneOf<ColumnType>(o.type, joinPath(path, 'type'), COLUMN_TYPES);
  if (isNumericType(type) !== (kind === 'numeric')) throw shapeError(joinPath(path, 'type'), type, `a type that is summarised as ${kind}`);
  const count = expectInteger(o.count, joinPath(path, 'count'), 0);
  const missing = expectInteger(o.missing, joinPath(path, 'missing'), 0);
  if (count + missing !== rows) {
    throw new JsonShapeError(path, `"${path}" counts ${count} present and ${missing} missing values, expected ${rows} in all (the reference's rows).`);
  }
  return kind === 'numeric' ? parseNumeric(o, path, { name, type, count, missing }) : parseCategorical(o, path, { name, type, count, missing });
}

type Base = { name: string; type: ColumnType; count: number; missing: number };

function parseNumeric(o: Record<string, unknown>, path: string, base: Base): NumericReference {
  const edges = ascending(expectFiniteArray(o.edges, joinPath(path, 'edges')), joinPath(path, 'edges'), MAX_EDGES);
  const bins = counts(o.bins, joinPath(path, 'bins'), edges.length + 1, 0, base.count);
  const points = ascending(expectFiniteArray(o.points, joinPath(path, 'points')), joinPath(path, 'points'), MAX_POINTS);
  const pointCounts = counts(o.pointCounts, joinPath(path, 'pointCounts'), points.length, 1, base.count);
  if (typeof o.exact !== 'boolean') throw shapeError(joinPath(path, 'exact'), o.exact, 'true or false');
  return { ...base, kind: 'numeric', edges, bins, points, pointCounts, exact: o.exact };
}

function parseCategorical(o: Record<string, unknown>, path: string, base: Base): CategoricalReference {
  const at = joinPath(path, 'categories');
  const categories = expectStringArray(o.categories, at).slice();
  if (categories.length > MAX_CATEGORIES) throw new JsonShapeError(at, `"${at}" has ${categories.length} categories, more than ${MAX_CATEGORIES}.`);
  const seen = new Set<string>();
  categories.forEach((c, i) => {
    if (c.length > MAX_CATEGORY_LENGTH) throw new JsonShapeError(joinPath(at, i), `"${joinPath(at, i)}" is ${c.length} characters long, more than ${MAX_CATEGORY_LENGTH}.`);
    if (seen.has(c)) throw new JsonShapeError(joinPath(at, i), `"${joinPath(at, i)}" is ${JSON.stringify(c.slice(0, 40))}, which is listed twice.`);
    seen.add(c);
  });
  const other = expectInteger(o.other, joinPath(path, 'other'), 0, base.count);
  const listed = counts(o.counts, joinPath(path, 'counts'), categories.length, 0, base.count - other);
  return { ...base, kind: 'categorical', categories, counts: listed, other };
}

/** Whole numbers of at least `min`, `length` of them, adding up to `total`. */
function counts(json: unknown, path: string, length: number, min: number, total: number): number[] {
  const arr = expectArray(json, path, length, 'counts');
  let sum = 0;
  arr.forEach((v, i) => (sum += expectInteger(v, joinPath(path, i), min)));
  if (sum !== total) throw new JsonShapeError(path, `"${path}" adds up to ${sum}, expected ${total}.`);
  return arr.slice() as number[];
}

function ascending(values: number[], path: string, max: number): number[] {
  if (values.length > max) throw new JsonShapeError(path, `"${path}" has ${values.length} values, more than ${max}.`);
  for (let i = 1; i < values.length; i++) {
    if (!(values[i] > values[i - 1])) throw shapeError(joinPath(path, i), values[i], `a number above ${values[i - 1]} (the list is ascending)`);
  }
  return values.slice();
}
