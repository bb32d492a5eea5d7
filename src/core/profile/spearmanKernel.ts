/**
 * The Spearman pair loops of spearman.ts for pairs with gaps, in WebAssembly: each row's rank is
 * moved down for the other column's dropped rows (droppedRanks) and added to three sums. The
 * typed-array loop spends more time on V8's bounds checks and conversions than on the lookup
 * itself. Measured on 1,000,000 rows: 17.9 ms a pair against 25.2 ms alone
 * (`npx tsx bench/spearmanKernel.bench.ts`), and 0.52 s against 1.06 s for the 45 such pairs of a
 * profile of the benchmark file (a CPU profile of profileTable in Node), where the loop ran slower.
 *
 * Same operations in the same order as the loops in spearman.ts, so the sums are the same doubles
 * (spearmanKernel.test.ts holds them to that). Only for ranks in Float32Arrays (below 2^23 rows);
 * null where WebAssembly is unavailable, and the caller keeps its loops.
 */
import { encodeModule, F64, I32, op, type Bytes, type WasmFunction } from '../models/trees/wasmEncoder';
import { BYTE_BITS, droppedRanksSize, type DroppedRanks } from './droppedRanks';

const { get, set, i32, add, sub, and, shl, shrU, geU, block, loop, end, br, brIf, f64Add, f64Sub, f64Mul, f64Ne } = op;

/** Rows copied into the module's memory per call. */
export const KERNEL_ROWS = 1 << 14;

/** Where things live in the module's memory (bytes). */
const BITS_AT = 0;
const SUMS_AT = 256;
const X_AT = 512;
const Y_AT = X_AT + KERNEL_ROWS * 4;
const ENTRIES_AT = Y_AT + KERNEL_ROWS * 4;

// Parameters of both kernels: 0 x, 1 y (f32 ranks), 2 rows, 3 entriesX, 4 baseX, 5 scaleX,
// 6 entriesY, 7 baseY, 8 scaleY, 9 mean. Locals after them.
const [X, Y, ROWS, EX, BX, SX, EY, BY, SY, MEAN] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const [I, P, K, ENTRY] = [10, 11, 12, 13];
const [RX, RY, DX, DY, SXY, SXX, SYY] = [14, 15, 16, 17, 18, 19, 20];

/** rankDrop(entries, base, scale, r) of droppedRanks.ts, leaving the f64 on the stack; uses locals K and ENTRY. */
function rankDrop(r: number, entries: number, base: number, scale: number): Bytes[] {
  return [
    get(scale), get(r), f64Mul, op.f64(1), f64Sub, op.truncToI32, op.set(K),
    get(entries), get(K), i32(3), shrU, i32(2), shl, add, op.i32Load(0), op.set(ENTRY),
    // base[w >>> RUN_BITS] + (entry >>> 8) + BYTE_BITS[entry & ((1 << b) - 1)]: integers, exact either way.
    get(base), get(K), i32(19), shrU, i32(2), shl, add, op.i32Load(0),
    get(ENTRY), i32(8), shrU, add,
    i32(BITS_AT), get(ENTRY), i32(1), get(K), i32(7), and, shl, i32(1), sub, and, add, op.u8Load(0), add,
    op.i32ToF64,
    get(ENTRY), get(K), i32(7), and, shrU, i32(1), and, op.i32ToF64, op.f64(0.5), f64Mul, f64Add,
  ];
}

/** The pair loop: x moved when `moveX`, y moved when `moveY`; sums added to the three doubles at SUMS_AT. */
function pairKernel(name: string, moveX: boolean, moveY: boolean): WasmFunction {
  return {
    name,
    params: [I32, I32, I32, I32, I32, F64, I32, I32, F64, F64],
    results: [],
    locals: [[4, I32], [7, F64]],
    body: [
      i32(0), set(I),
      block, loop,
      get(I), get(ROWS), geU, brIf(1),
      get(I), i32(2), shl, set(P),
      get(X), get(P), add, op.f32Load(0), op.promote, set(RX),
      get(Y), get(P), add, op.f32Load(0), op.promote, set(RY),
      get(I), i32(1), add, set(I),
      get(RX), get(RX), f64Ne, get(RY), get(RY), f64Ne, add, brIf(0),
      get(RX), ...(moveX ? [...rankDrop(RX, EX, BX, SX), f64Sub] : []), get(MEAN), f64Sub, set(DX),
      get(RY), ...(moveY ? [...rankDrop(RY, EY, BY, SY), f64Sub] : []), get(MEAN), f64Sub, set(DY),
      get(SXY), get(DX), get(DY), f64Mul, f64Add, set(SXY),
      get(SXX), get(DX), get(DX), f64Mul, f64Add, set(SXX),
      get(SYY), get(DY), get(DY), f64Mul, f64Add, set(SYY),
      br(0),
      end, end,
      i32(SUMS_AT), i32(SUMS_AT), op.f64Load(0), get(SXY), f64Add, op.f64Store(0),
      i32(SUMS_AT), i32(SUMS_AT), op.f64Load(8), get(SXX), f64Add, op.f64Store(8),
      i32(SUMS_AT), i32(SUMS_AT), op.f64Load(16), get(SYY), f64Add, op.f64Store(16),
    ],
  };
}

type PairFunction = (x: number, y: number, rows: number, ex: number, bx: number, sx: number, ey: number, by: number, sy: number, mean: number) => void;

export interface SpearmanKernel {
  /** Scratch for droppedRanks of the side moved first (x), inside the module's memory. */
  scratchX: Int32Array;
  /** Scratch for the other side (y), when both are moved. */
  scratchY: Int32Array;
  /**
   * [sum dx * dy, sum dx * dx, sum dy * dy] over all rows, dx and dy centred on `mean`, each side
   * moved for its drops (dropX's entries in scratchX, dropY's in scratchY), KERNEL_ROWS rows a call.
   */
  sums(x: Float32Array, dropX: DroppedRanks | null, y: Float32Array, dropY: DroppedRanks | null, mean: number): Float64Array;
}

/** Per-thread cache of the compiled module (null once compiling failed), not state of any computation. */
let compiled: WebAssembly.Module | null | undefined;

function compile(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(encodeModule([pairKernel('oneDropped', true, false), pairKernel('bothDropped', true, true)]));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** A kernel for columns of `rows` rows, or null (no WebAssembly, or too many rows for f32 ranks). */
export function spearmanKernel(rows: number): SpearmanKernel | null {
  const module = typeof WebAssembly === 'object' ? compile() : null;
  if (!module || rows >= 2 ** 23) return null;
  const entries = droppedRanksSize(rows);
  const runs = (entries >>> 16) + 1;
  const entriesYAt = ENTRIES_AT + entries * 4;
  const baseXAt = entriesYAt + entries * 4;
  const baseYAt = baseXAt + runs * 4;
  try {
    const memory = new WebAssembly.Memory({ initial: Math.ceil((baseYAt + runs * 4) / 65536) });
    const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as { oneDropped: PairFunction; bothDropped: PairFunction };
    const buffer = memory.buffer;
    new Uint8Array(buffer, BITS_AT, 256).set(BYTE_BITS);
    const scratchX = new Int32Array(buffer, ENTRIES_AT, entries);
    const scratchY = new Int32Array(buffer, entriesYAt, entries);
    const xs = new Float32Array(buffer, X_AT, KERNEL_ROWS);
    const ys = new Float32Array(buffer, Y_AT, KERNEL_ROWS);
    const out = new Float64Array(buffer, SUMS_AT, 3);
    const placeBase = (drop: DroppedRanks, at: number) => new Int32Array(buffer, at, runs).set(drop.base);
    return {
      scratchX,
      scratchY,
      sums(x, dropX, y, dropY, mean) {
        if (!dropX) throw new Error('spearmanKernel: x must be the side with drops');
        if (dropX.entries.buffer !== buffer || dropX.entries.byteOffset !== ENTRIES_AT) throw new Error('spearmanKernel: dropX must be built in scratchX');
        if (dropY && (dropY.entries.buffer !== buffer || dropY.entries.byteOffset !== entriesYAt)) throw new Error('spearmanKernel: dropY must be built in scratchY');
        placeBase(dropX, baseXAt);
        if (dropY) placeBase(dropY, baseYAt);
        const run = dropY ? exports.bothDropped : exports.oneDropped;
        out.fill(0);
        for (let from = 0; from < x.length; from += KERNEL_ROWS) {
          const to = Math.min(x.length, from + KERNEL_ROWS);
          xs.set(x.subarray(from, to));
          ys.set(y.subarray(from, to));
          run(X_AT, Y_AT, to - from, ENTRIES_AT, baseXAt, dropX.scale, entriesYAt, baseYAt, dropY?.scale ?? 1, mean);
        }
        return out;
      },
    };
  } catch {
    return null;
  }
}
