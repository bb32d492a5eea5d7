/**
 * Grows one CART tree depth-first on binned features (see cartSplitter.ts for why bins): at
 * each node, histograms of the tried features over the node's rows, the best boundary by gini
 * or squared error (or, for extra trees, one random boundary per feature), and an in-place
 * stable partition of the node's rows. Leaves hold class shares or the mean target.
 *
 * Features are tried in a seeded random order until `maxFeatures` features that are not
 * constant in the node have been scored (scikit-learn's rule), so a forest's trees differ.
 */
import type { Rng } from '../../random';
import { binThreshold, MISSING_BIN, type BinMapper } from './binMapper';
import { TreeBuilder, type CompactTree } from './compactTree';
import { CartSplitter, proxy, type CartSplit } from './cartSplitter';
import { jsPartition } from './gbdtHistogram';

export interface CartOptions {
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  maxFeatures: number;
  randomThresholds: boolean;
}

/** Class labels 0..classes-1, or a regression target. */
export type CartTarget = { classes: number; y: Int32Array } | { classes: 0; y: Float64Array };

export class CartGrower {
  private readonly splitter: CartSplitter;
  private readonly T: number;
  private readonly width: number;
  private readonly order: Int32Array;
  private readonly scratch: Int32Array;
  private readonly totals: Float64Array;
  private readonly value: Float64Array;

  constructor(
    private readonly colBins: Uint8Array,
    private readonly n: number,
    private readonly cols: number,
    private readonly mapper: BinMapper,
    private readonly target: CartTarget,
    private readonly options: CartOptions,
  ) {
    this.T = target.classes > 0 ? target.classes : 1;
    this.width = this.T;
    this.splitter = new CartSplitter(this.T, options.minSamplesLeaf);
    this.order = Int32Array.from({ length: cols }, (_, i) => i);
    this.scratch = new Int32Array(n);
    this.totals = new Float64Array(2 + this.T);
    this.value = new Float64Array(this.T);
  }

  /**
   * Grows a tree on the rows listed in `rows` (reordered in place) with optional per-row
   * weights (bootstrap counts). Adds each split's weighted impurity decrease to `importance`.
   */
  grow(rows: Int32Array, weights: Float64Array | null, rng: Rng, importance: Float64Array): CompactTree {
    const builder = new TreeBuilder(this.width);
    const stack: { start: number; end: number; depth: number; id: number }[] = [];
    stack.push({ start: 0, end: rows.length, depth: 0, id: builder.addNode(this.value) });
    const best: CartSplit = { feature: -1, bin: 0, missingLeft: false, gain: -Infinity };
    const o = this.options;
    while (stack.length > 0) {
      const node = stack.pop()!;
      const pure = this.nodeTotals(rows, node.start, node.end, weights);
      builder.setValue(node.id, this.leafValue());
      // Weighted like the leaf values (bootstrap counts), so TreeSHAP's expectations match them.
      builder.setCover(node.id, this.totals[1]);
      const count = node.end - node.start;
      if (pure || count < o.minSamplesSplit || count < 2 * o.minSamplesLeaf || (o.maxDepth > 0 && node.depth >= o.maxDepth)) continue;
      best.feature = -1;
      best.gain = -Infinity;
      this.findSplit(rows, node.start, node.end, weights, rng, best);
      if (best.feature < 0) continue;
      const col = this.colBins.subarray(best.feature * this.n, (best.feature + 1) * this.n);
      const shift = best.missingLeft ? 1 : 0;
      const mid = jsPartition(rows, this.scratch, node.start, node.end, col, shift, best.bin + shift);
      const left = builder.addNode(this.value);
      const right = builder.addNode(this.value);
      // Missing values at prediction, where the node saw none, follow the larger child.
      const sawMissing = this.sawMissing(rows, node.start, node.end, col);
      const missingLeft = sawMissing ? best.missingLeft : mid - node.start > node.end - mid;
      builder.setSplit(node.id, best.feature, binThreshold(this.mapper, best.feature, best.bin), missingLeft, left, right);
      importance[best.feature] += best.gain;
      // Right pushed first, so the left subtree is grown first (depth-first, left to right).
      stack.push({ start: mid, end: node.end, depth: node.depth + 1, id: right });
      stack.push({ start: node.start, end: mid, depth: node.depth + 1, id: left });
    }
    return builder.finish();
  }

  /** Fills totals [rows, weight, target sums] of the node; true when the node is pure. */
  private nodeTotals(rows: Int32Array, start: number, end: number, weights: Float64Array | null): boolean {
    const t = this.totals;
    t.fill(0);
    const { y, classes } = this.target;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = start; i < end; i++) {
      const row = rows[i];
      const w = weights ? weights[row] : 1;
      t[1] += w;
      if (classes > 0) t[2 + y[row]] += w;
      else t[2] += w * y[row];
      lo = Math.min(lo, y[row]);
      hi = Math.max(hi, y[row]);
    }
    t[0] = end - start;
    return lo === hi;
  }

  /** Class shares, or the mean, from the current totals. */
  private leafValue(): Float64Array {
    const t = this.totals;
    for (let k = 0; k < this.T; k++) this.value[k] = t[1] > 0 ? t[2 + k] / t[1] : 0;
    return this.value;
  }

  private findSplit(rows: Int32Array, start: number, end: number, weights: Float64Array | null, rng: Rng, best: CartSplit): void {
    const { order, cols, splitter } = this;
    const { hist, S } = splitter;
    const { y, classes } = this.target;
    const parentProxy = proxy(this.totals, 0, this.T);
    let scored = 0;
    // Partial Fisher–Yates over the feature order: feature i is drawn from the ones not yet tried.
    for (let i = 0; i < cols && scored < this.options.maxFeatures; i++) {
      if (this.options.maxFeatures < cols) {
        const j = i + rng.int(cols - i);
        const tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      const f = order[i];
      const base = f * this.n;
      let lo = 255;
      let hi = -1;
      for (let r = start; r < end; r++) {
        const row = rows[r];
        const b = this.colBins[base + row];
        const w = weights ? weights[row] : 1;
        const at = b * S;
        hist[at] += 1;
        hist[at + 1] += w;
        if (classes > 0) hist[at + 2 + y[row]] += w;
        else hist[at + 2] += w * y[row];
        if (b !== MISSING_BIN) {
          lo = Math.min(lo, b);
          hi = Math.max(hi, b);
        }
      }
      const hasMissing = hist[MISSING_BIN * S] > 0;
      // Constant in this node (one finite bin and no missing, or only missing): not scored.
      if (hi > lo || (hasMissing && hi >= 0)) {
        scored++;
        // Extra trees: one boundary drawn uniformly among the node's bins (missing vs the rest when one finite bin).
        const onlyBin = this.options.randomThresholds ? (hi > lo ? lo + rng.int(hi - lo) : hi) : -1;
        splitter.scan(f, lo, hi, this.totals, parentProxy, onlyBin, best);
      }
      // Clear only what this node touched, so the histogram is zero for the next feature.
      if (hi >= 0) hist.fill(0, lo * S, (hi + 1) * S);
      hist.fill(0, MISSING_BIN * S, (MISSING_BIN + 1) * S);
    }
  }

  private sawMissing(rows: Int32Array, start: number, end: number, col: Uint8Array): boolean {
    for (let i = start; i < end; i++) if (col[rows[i]] === MISSING_BIN) return true;
    return false;
  }
}
