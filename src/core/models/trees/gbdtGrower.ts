/**
 * Grows one boosting tree leaf-wise (best-first, as scikit-learn and LightGBM do): the leaf
 * whose best split reduces the loss most is split next, until `maxLeafNodes` leaves.
 *
 * All rows live in one index array; a node owns a contiguous run of it and splitting a node
 * partitions its run in place (stably, so rows stay in ascending order and the bin reads
 * stay cache-friendly). Only the smaller child's histograms are built from rows; the larger
 * child's are the parent's minus the smaller's. Buffers are allocated once per fit and reused
 * by every node and every tree.
 */
import { binThreshold, MISSING_BIN, type BinMapper } from './binMapper';
import { TreeBuilder, type CompactTree } from './compactTree';
import { BIN_STRIDE, buildHistogram, FEATURE_STRIDE, rowMajorBins, subtractHistogram, type HistogramInput } from './gbdtHistogram';
import { emptySplit, findBestSplit, type GbdtSplit, type SplitRules } from './gbdtSplitter';

export interface GrowerOptions extends SplitRules {
  maxLeafNodes: number;
  /** 0 for no limit. */
  maxDepth: number;
  learningRate: number;
}

interface GrowNode {
  start: number;
  end: number;
  g: number;
  h: number;
  n: number;
  depth: number;
  /** Index in the tree being built. */
  id: number;
  hist: Float64Array | null;
  /** Best split while the node is a candidate. */
  split: GbdtSplit | null;
  /** True once the node has children. */
  inner: boolean;
}

export class GbdtGrower {
  /** Sum of split gains per feature over every tree grown so far. */
  readonly importance: Float64Array;
  private readonly input: HistogramInput;
  private readonly scratch: Int32Array;
  private readonly pool: Float64Array[] = [];
  private readonly spare = emptySplit();

  /** `bins`: column-major bins of the training rows (bins[f * n + row]). */
  constructor(
    private readonly bins: Uint8Array,
    private readonly n: number,
    private readonly cols: number,
    private readonly mapper: BinMapper,
    private readonly options: GrowerOptions,
    constantHessian: boolean,
  ) {
    this.importance = new Float64Array(cols);
    this.scratch = new Int32Array(n);
    const g = new Float32Array(0);
    // Histograms read rows (see gbdtHistogram); partitions read one feature's column.
    this.input = { rowBins: rowMajorBins(bins, n, cols), cols, idx: new Int32Array(n), g, h: g, constantHessian };
  }

  /**
   * Fits a tree to the gradients g and hessians h (length n) and adds its shrunken leaf
   * values to `raw` (length n), the training rows' scores for this tree's output.
   */
  grow(g: Float32Array, h: Float32Array, raw: Float64Array): CompactTree {
    const { n, options } = this;
    const input = this.input;
    input.g = g;
    input.h = h;
    const idx = input.idx;
    let G = 0;
    let H = 0;
    for (let i = 0; i < n; i++) {
      idx[i] = i;
      G += g[i];
      H += h[i];
    }
    const builder = new TreeBuilder(1);
    const root: GrowNode = { start: 0, end: n, g: G, h: H, n, depth: 0, id: builder.addNode([0]), hist: null, split: null, inner: false };
    const nodes: GrowNode[] = [root];
    const candidates: GrowNode[] = [];
    let leaves = 1;
    if (this.canSplit(root, leaves)) {
      root.hist = this.acquire();
      buildHistogram(root.hist, input, 0, n);
      this.findSplit(root, candidates);
    }
    while (candidates.length > 0 && leaves < options.maxLeafNodes) {
      let pick = 0;
      for (let c = 1; c < candidates.length; c++) if (candidates[c].split!.gain > candidates[pick].split!.gain) pick = c;
      const node = candidates.splice(pick, 1)[0];
      const [left, right] = this.splitNode(node, builder);
      nodes.push(left, right);
      leaves++;
      const splitLeft = this.canSplit(left, leaves);
      const splitRight = this.canSplit(right, leaves);
      if (splitLeft || splitRight) {
        const [small, large] = left.n < right.n ? [left, right] : [right, left];
        small.hist = this.acquire();
        buildHistogram(small.hist, input, small.start, small.end);
        large.hist = node.hist!;
        subtractHistogram(large.hist, small.hist);
        node.hist = null;
        if (splitLeft) this.findSplit(left, candidates);
        if (splitRight) this.findSplit(right, candidates);
      }
      // Histograms are kept only by candidates, for their own children's subtraction.
      this.release(node);
      for (const c of [left, right]) if (!c.split) this.release(c);
    }
    for (const c of candidates) this.release(c);
    // Leaves: every node that was not split gets its shrunken Newton step -G / (H + l2).
    const value = [0];
    for (const node of nodes) {
      if (node.inner) continue;
      const v = (-options.learningRate * node.g) / (node.h + options.l2);
      value[0] = v;
      builder.setValue(node.id, value);
      for (let i = node.start; i < node.end; i++) raw[idx[i]] += v;
    }
    return builder.finish();
  }

  private canSplit(node: GrowNode, leaves: number): boolean {
    const o = this.options;
    return leaves < o.maxLeafNodes && (o.maxDepth === 0 || node.depth < o.maxDepth) && node.n >= 2 * o.minSamplesLeaf && node.h >= o.minHessian;
  }

  /** Finds the node's best split; a splittable node joins the candidates, keeping its histograms. */
  private findSplit(node: GrowNode, candidates: GrowNode[]): void {
    if (findBestSplit(node.hist!, this.mapper.binCounts, node.g, node.h, node.n, this.options, this.spare)) {
      node.split = { ...this.spare };
      candidates.push(node);
    }
  }

  /** Partitions the node's rows in place and records the split; returns the two children. */
  private splitNode(node: GrowNode, builder: TreeBuilder): [GrowNode, GrowNode] {
    const s = node.split!;
    const { idx } = this.input;
    const col = this.bins.subarray(s.feature * this.n, (s.feature + 1) * this.n);
    const scratch = this.scratch;
    // Branch-free stable partition (a coin-flip branch per row would mispredict half the
    // time): each row is written to both places and only one cursor moves. Rows with a
    // missing value go left only when the split says so: shifting every bin up by one maps
    // the missing bin 255 to 0, below any threshold.
    const shift = s.missingLeft ? 1 : 0;
    const limit = s.bin + shift;
    let l = node.start;
    let r = 0;
    for (let i = node.start; i < node.end; i++) {
      const row = idx[i];
      const goLeft = ((((col[row] + shift) & 255) - limit - 1) >>> 31) as 0 | 1;
      idx[l] = row;
      scratch[r] = row;
      l += goLeft;
      r += goLeft ^ 1;
    }
    idx.set(scratch.subarray(0, r), l);
    const depth = node.depth + 1;
    const left: GrowNode = { start: node.start, end: l, g: s.gL, h: s.hL, n: s.nL, depth, id: builder.addNode([0]), hist: null, split: null, inner: false };
    const right: GrowNode = {
      start: l,
      end: node.end,
      g: node.g - s.gL,
      h: node.h - s.hL,
      n: node.n - s.nL,
      depth,
      id: builder.addNode([0]),
      hist: null,
      split: null,
      inner: false,
    };
    // With no missing values in this node, unseen ones follow the larger child (scikit-learn's rule).
    const sawMissing = node.hist![s.feature * FEATURE_STRIDE + MISSING_BIN * BIN_STRIDE + 2] > 0;
    const missingGoLeft = sawMissing ? s.missingLeft : left.n > right.n;
    builder.setSplit(node.id, s.feature, binThreshold(this.mapper, s.feature, s.bin), missingGoLeft, left.id, right.id);
    this.importance[s.feature] += s.gain;
    node.inner = true;
    return [left, right];
  }

  private acquire(): Float64Array {
    return this.pool.pop() ?? new Float64Array(this.cols * FEATURE_STRIDE);
  }

  private release(node: GrowNode): void {
    if (node.hist) this.pool.push(node.hist);
    node.hist = null;
  }
}
