/**
 * Small hand-written checks for untrusted JSON (bundles, recipes, model files).
 *
 * Each check names the exact field that is wrong ("recipe.steps[2].kind") so the reader can
 * turn it into one sentence that names the file too. No schema library: the shapes are few,
 * and a dependency that evaluates schemas is one more thing a hostile file could poke at.
 */

/** A problem at one path inside a JSON document; the file name is added by whoever read it. */
export class JsonShapeError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.name = 'JsonShapeError';
    this.path = path;
  }
}

/** Keys that could reach an object's prototype if some later code merged the data naively. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

const MAX_DEPTH = 64;

/** A value as it should read in a sentence: strings quoted and cut short, containers named. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    const cut = value.length > 40 ? value.slice(0, 39) + '…' : value;
    return JSON.stringify(cut);
  }
  if (typeof value === 'object') return 'an object';
  return String(value);
}

export function shapeError(path: string, value: unknown, expected: string): JsonShapeError {
  return new JsonShapeError(path, `"${path}" is ${describeValue(value)}, expected ${expected}.`);
}

export function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rejects prototype-polluting keys at any depth and absurd nesting. JSON.parse keeps
 * `"__proto__"` as an own key, so `Object.keys` sees it.
 */
export function assertSafeJson(value: unknown, path = '', depth = 0): void {
  if (depth > MAX_DEPTH) {
    throw new JsonShapeError(path, `"${path}" is nested more than ${MAX_DEPTH} levels deep.`);
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) assertSafeJson(value[i], joinPath(path, i), depth + 1);
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.includes(key)) {
        const where = path ? `"${path}"` : 'the top level';
        throw new JsonShapeError(path, `${where} has the forbidden key "${key}".`);
      }
      assertSafeJson(value[key], joinPath(path, key), depth + 1);
    }
  }
}

export function expectObject(value: unknown, path: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw shapeError(path, value, 'an object');
  return value;
}

export function expectString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw shapeError(path, value, 'a string');
  return value;
}

export function expectFinite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw shapeError(path, value, 'a finite number');
  return value;
}

export function expectInteger(value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw shapeError(path, value, `an integer from ${min} to ${max}`);
  }
  return value;
}

export function expectOneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw shapeError(path, value, `one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export function expectArray(value: unknown, path: string, length?: number, what = 'items'): unknown[] {
  if (!Array.isArray(value)) throw shapeError(path, value, 'an array');
  if (length !== undefined && value.length !== length) {
    throw new JsonShapeError(path, `"${path}" has ${value.length} ${what}, expected ${length}.`);
  }
  return value;
}

export function expectStringArray(value: unknown, path: string, length?: number): string[] {
  const arr = expectArray(value, path, length, 'strings');
  arr.forEach((v, i) => expectString(v, joinPath(path, i)));
  return arr as string[];
}

export function expectFiniteArray(value: unknown, path: string, length?: number): number[] {
  const arr = expectArray(value, path, length, 'numbers');
  arr.forEach((v, i) => expectFinite(v, joinPath(path, i)));
  return arr as number[];
}

/** A rows x cols matrix of finite numbers, as nested arrays. */
export function expectFiniteMatrix(value: unknown, path: string, rows: number, cols: number): number[][] {
  const arr = expectArray(value, path, rows, 'rows');
  arr.forEach((row, i) => expectFiniteArray(row, joinPath(path, i), cols));
  return arr as number[][];
}
