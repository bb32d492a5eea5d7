/**
 * Grows one boosting tree leaf-wise (best-first, as scikit-learn and LightGBM do): the leaf
 * whose best split reduces the loss most is split next, until `maxLeafNodes` leaves.
 *
 * All rows live in one index array; a node owns a contiguous run of it and splitting a node
 * partitions its run in place (stably, so rows stay in ascending order and memory reads stay
 * cache-friendly). Only the smaller child's histograms are built from rows; the larger
 * child's are the parent's minus the smaller's. Buffers come from the fit's workspace or a
 * pool, so growing a tree allocates only its small node records.
 */
import { binThreshold, MISSING_BIN, type BinMapper } from './binMapper';
import { TreeBuilder, type CompactTree } from './compactTree';
import { BIN_STRIDE, FEATURE_STRIDE, subtractHistogram } from './gbdtHistogram';
import { emptySplit, findBestSplit, type GbdtSplit, type SplitRules } from './gbdtSplitter';
import type { GbdtWorkspace } from './gbdtWorkspace';

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
  private readonly pool: Float64Array[] = [];
  private readonly spare = emptySplit();

  constructor(
    private readonly ws: GbdtWorkspace,
    private readonly n: number,
    private readonly cols: number,
    private readonly mapper: BinMapper,
    private readonly options: GrowerOptions,
    private readonly constantHessian: boolean,
  ) {
    this.importance = new Float64Array(cols);
  }

  /**
   * Fits a tree to output k's gradients and hessians in the workspace and adds its shrunken
   * leaf values to `raw` (length n), the training rows' scores for that output.
   */
  grow(k: number, raw: Float64Array): CompactTree {
    const { n, options, ws } = this;
    const { idx } = ws;
    const g = ws.g.subarray(k * n, (k + 1) * n);
    const h = ws.h.subarray(k * n, (k + 1) * n);
    let G = 0;
    let H = 0;
    for (let i = 0; i < n; i++) {
      idx[i] = i;
      G += g[i];
      H += h[i];
    }
    const builder = new TreeBuilder(1);
    const root: GrowNode = { start: 0, end: n, g: G, h: H, n, depth: 0, id: builder.addNode([0]), hist: null, split: null, inner: false };
    // Cover is the training row count (as TreeSHAP uses for scikit-learn's boosting), not the hessian sum.
    builder.setCover(root.id, n);
    const nodes: GrowNode[] = [root];
    const candidates: GrowNode[] = [];
    let leaves = 1;
    if (this.canSplit(root, leaves)) {
      this.build(root, k);
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
        this.build(small, k);
        large.hist = node.hist!;
        subtractHistogram(large.hist, small.hist!);
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

  /** The node's histograms, from its rows. */
  private build(node: GrowNode, k: number): void {
    this.ws.buildHistogram(k, node.start, node.end, this.constantHessian);
    node.hist = this.pool.pop() ?? new Float64Array(this.cols * FEATURE_STRIDE);
    node.hist.set(this.ws.hist);
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
    const mid = this.ws.partition(node.start, node.end, s.feature, s.bin, s.missingLeft);
    const depth = node.depth + 1;
    const child = (start: number, end: number, g: number, h: number, n: number): GrowNode => ({
      start,
      end,
      g,
      h,
      n,
      depth,
      id: builder.addNode([0]),
      hist: null,
      split: null,
      inner: false,
    });
    const left = child(node.start, mid, s.gL, s.hL, s.nL);
    const right = child(mid, node.end, node.g - s.gL, node.h - s.hL, node.n - s.nL);
    builder.setCover(left.id, left.n);
    builder.setCover(right.id, right.n);
    // With no missing values in this node, unseen ones follow the larger child (scikit-learn's rule).
    const sawMissing = node.hist![s.feature * FEATURE_STRIDE + MISSING_BIN * BIN_STRIDE + 2] > 0;
    const missingGoLeft = sawMissing ? s.missingLeft : left.n > right.n;
    builder.setSplit(node.id, s.feature, binThreshold(this.mapper, s.feature, s.bin), missingGoLeft, left.id, right.id);
    this.importance[s.feature] += s.gain;
    node.inner = true;
    return [left, right];
  }

  private release(node: GrowNode): void {
    if (node.hist) this.pool.push(node.hist);
    node.hist = null;
  }
}
