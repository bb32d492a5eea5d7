/**
 * The stored form of one fitted tree, shared by boosting and the forests: flat arrays indexed
 * by node, with raw float thresholds so prediction works on the model-ready matrix directly
 * (no bins), and a JSON form that round-trips exactly (doubles print as their shortest exact
 * decimal). Children always come after their parent, which the reader checks so that a
 * hostile model file cannot make prediction loop forever.
 *
 * `cover` (training rows, or bootstrap weights, reaching each node) is what TreeSHAP needs to
 * explain a prediction. It is optional in JSON: trees saved before it was stored still load and
 * predict, and are explained by a model-agnostic method instead.
 */
import { expectArray, expectInteger, expectObject, JsonShapeError, joinPath } from '../../bundle/jsonShape';

export interface CompactTree {
  /** Split feature, or -1 for a leaf. */
  feature: Int32Array;
  /** Go left when x <= threshold (finite x). */
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** 1 when missing (non-finite) values go left. */
  missingLeft: Uint8Array;
  /** `width` outputs per node (meaningful at leaves): a boosting score, a mean, or class shares. */
  value: Float64Array;
  width: number;
  /** Training weight reaching each node (a child's covers add up to its parent's); absent in older files. */
  cover?: Float64Array;
}

export interface CompactTreeJSON {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  missingLeft: number[];
  value: number[];
  cover?: number[];
}

/** The leaf that row-major row `base / cols` of X falls into. */
export function leafOf(tree: CompactTree, X: Float32Array, base: number): number {
  const { feature, threshold, left, right, missingLeft } = tree;
  let node = 0;
  let f = feature[0];
  while (f >= 0) {
    const x = X[base + f];
    // x - x is 0 for finite x and NaN for NaN or ±Infinity, which count as missing.
    if (x - x === 0) node = x <= threshold[node] ? left[node] : right[node];
    else node = missingLeft[node] === 1 ? left[node] : right[node];
    f = feature[node];
  }
  return node;
}

/** Grows a tree's arrays node by node while it is being fitted. */
export class TreeBuilder {
  private feature: number[] = [];
  private threshold: number[] = [];
  private left: number[] = [];
  private right: number[] = [];
  private missingLeft: number[] = [];
  private value: number[] = [];
  private cover: number[] = [];
  constructor(readonly width: number) {}

  get size(): number {
    return this.feature.length;
  }

  /** Adds a node (a leaf until `setSplit`) and returns its index. */
  addNode(value: ArrayLike<number>): number {
    this.feature.push(-1);
    this.threshold.push(0);
    this.left.push(-1);
    this.right.push(-1);
    this.missingLeft.push(0);
    this.cover.push(0);
    for (let k = 0; k < this.width; k++) this.value.push(value[k]);
    return this.feature.length - 1;
  }

  setValue(node: number, value: ArrayLike<number>): void {
    for (let k = 0; k < this.width; k++) this.value[node * this.width + k] = value[k];
  }

  setCover(node: number, cover: number): void {
    this.cover[node] = cover;
  }

  setSplit(node: number, feature: number, threshold: number, missingLeft: boolean, left: number, right: number): void {
    this.feature[node] = feature;
    this.threshold[node] = threshold;
    this.missingLeft[node] = missingLeft ? 1 : 0;
    this.left[node] = left;
    this.right[node] = right;
  }

  finish(): CompactTree {
    return {
      feature: Int32Array.from(this.feature),
      threshold: Float64Array.from(this.threshold),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      missingLeft: Uint8Array.from(this.missingLeft),
      value: Float64Array.from(this.value),
      width: this.width,
      cover: Float64Array.from(this.cover),
    };
  }
}

export function treeToJSON(tree: CompactTree): CompactTreeJSON {
  return {
    feature: Array.from(tree.feature),
    threshold: Array.from(tree.threshold),
    left: Array.from(tree.left),
    right: Array.from(tree.right),
    missingLeft: Array.from(tree.missingLeft),
    value: Array.from(tree.value),
    ...(tree.cover ? { cover: Array.from(tree.cover) } : {}),
  };
}

/** Reads one tree from untrusted JSON, checking every index, so prediction can trust it. */
export function treeFromJSON(json: unknown, path: string, inputs: number, width: number): CompactTree {
  const o = expectObject(json, path);
  const feature = expectArray(o.feature, joinPath(path, 'feature'));
  const n = feature.length;
  if (n < 1) throw new JsonShapeError(joinPath(path, 'feature'), `"${joinPath(path, 'feature')}" is empty; a tree has at least one node.`);
  const numbers = (key: keyof CompactTreeJSON, length: number, check: (v: unknown, p: string) => number): number[] => {
    const p = joinPath(path, key);
    const arr = expectArray(o[key], p, length, 'numbers');
    return arr.map((v, i) => check(v, joinPath(p, i)));
  };
  const finite = (v: unknown, p: string): number => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new JsonShapeError(p, `"${p}" is ${String(v)}, expected a finite number.`);
    return v;
  };
  const tree: CompactTree = {
    feature: Int32Array.from(numbers('feature', n, (v, p) => expectInteger(v, p, -1, inputs - 1))),
    threshold: Float64Array.from(numbers('threshold', n, finite)),
    left: Int32Array.from(numbers('left', n, (v, p) => expectInteger(v, p, -1, n - 1))),
    right: Int32Array.from(numbers('right', n, (v, p) => expectInteger(v, p, -1, n - 1))),
    missingLeft: Uint8Array.from(numbers('missingLeft', n, (v, p) => expectInteger(v, p, 0, 1))),
    value: Float64Array.from(numbers('value', n * width, finite)),
    width,
  };
  if (o.cover !== undefined) {
    tree.cover = Float64Array.from(
      numbers('cover', n, (v, p) => {
        if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) throw new JsonShapeError(p, `"${p}" is ${String(v)}, expected a finite number >= 0.`);
        return v;
      }),
    );
  }
  for (let i = 0; i < n; i++) {
    if (tree.feature[i] < 0) continue;
    // Children after parents: every walk from the root ends, and in at most n steps.
    for (const [key, child] of [['left', tree.left[i]], ['right', tree.right[i]]] as const) {
      if (child <= i) {
        const p = joinPath(joinPath(path, key), i);
        throw new JsonShapeError(p, `"${p}" is ${child}, expected a node after ${i}.`);
      }
    }
  }
  return tree;
}
