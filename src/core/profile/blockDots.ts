/**
 * The dot products of one column of a row block with the columns after it, in WebAssembly SIMD:
 * the inner loop of the Pearson and Spearman matrices (a million rows times a hundred pairs or
 * more). Two lanes at a time and one load of column a for four columns b make it about three times
 * as fast as the typed-array loop, whose bounds checks and scalar adds V8 cannot remove.
 *
 * The columns' block buffers live in the module's memory (`columns[c]`, BLOCK doubles each), so
 * filling them is the only copy. Rows past the block's length must be 0 (they add nothing).
 * Engines without WebAssembly SIMD (or a CSP that refuses WebAssembly) get null, and the caller
 * keeps its plain loop; the sums then differ only in rounding (the order of the additions).
 */
import { encodeModule, I32, op, V128, type Bytes, type WasmFunction } from '../models/trees/wasmEncoder';

export interface BlockDots {
  /** Column c's buffer for the current block. */
  columns: Float64Array[];
  /** Fills `out[b]` (b > a) with the dot product of columns a and b over the first `len` rows; returns `out`. */
  dots(a: number, len: number): Float64Array;
}

const { get, set, tee, i32, add, mul, geU, gtU, block, loop, end, br, brIf, f64Add, f64x2Add, f64x2Mul } = op;
const zero = op.v128Zero;
const lane = op.f64x2ExtractLane;

/**
 * dots(base, a, k, stride, lenBytes, out): out[b] = sum over the block of x_a * x_b for
 * b = a+1..k-1, column c at base + c * stride, lenBytes a multiple of 16.
 */
function dotsKernel(): WasmFunction {
  // Parameters 0 base, 1 a, 2 k, 3 stride, 4 lenBytes, 5 out; locals 6 b, 7 i, 8 pa, 9-12 pb0..pb3; 13-16 acc0..3, 17 va.
  const [B, I, PA] = [6, 7, 8];
  const PB = [9, 10, 11, 12];
  const ACC = [13, 14, 15, 16];
  const VA = 17;
  const load = (ptr: number): Bytes[] => [get(ptr), get(I), add, op.v128Load(0)];
  const sumInto = (acc: number, offsetBytes: number): Bytes[] => [
    get(5), get(B), i32(3), op.shl, add,
    get(acc), lane(0), get(acc), lane(1), f64Add,
    op.f64Store(offsetBytes),
  ];
  return {
    name: 'dots',
    params: [I32, I32, I32, I32, I32, I32],
    results: [],
    locals: [[7, I32], [5, V128]],
    body: [
      get(0), get(1), get(3), mul, add, set(PA),
      get(1), i32(1), add, set(B),
      // Four columns b at a time: one load of column a serves four products.
      block, loop,
      get(B), i32(4), add, get(2), gtU, brIf(1),
      get(0), get(B), get(3), mul, add, tee(PB[0]), get(3), add, tee(PB[1]), get(3), add, tee(PB[2]), get(3), add, set(PB[3]),
      ...ACC.flatMap((acc) => [zero, set(acc)]),
      i32(0), set(I),
      block, loop,
      get(I), get(4), geU, brIf(1),
      ...load(PA), set(VA),
      ...PB.flatMap((pb, t) => [get(ACC[t]), get(VA), ...load(pb), f64x2Mul, f64x2Add, set(ACC[t])]),
      get(I), i32(16), add, set(I),
      br(0),
      end, end,
      ...ACC.flatMap((acc, t) => sumInto(acc, 8 * t)),
      get(B), i32(4), add, set(B),
      br(0),
      end, end,
      // The last columns one at a time.
      block, loop,
      get(B), get(2), geU, brIf(1),
      get(0), get(B), get(3), mul, add, set(PB[0]),
      zero, set(ACC[0]),
      i32(0), set(I),
      block, loop,
      get(I), get(4), geU, brIf(1),
      get(ACC[0]), ...load(PA), ...load(PB[0]), f64x2Mul, f64x2Add, set(ACC[0]),
      get(I), i32(16), add, set(I),
      br(0),
      end, end,
      ...sumInto(ACC[0], 0),
      get(B), i32(1), add, set(B),
      br(0),
      end, end,
    ],
  };
}

/** Per-thread cache of the compiled module (null once compiling failed), not state of any computation. */
let compiled: WebAssembly.Module | null | undefined;

function compile(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      // A few hundred bytes, so synchronous compilation is allowed on any thread.
      compiled = new WebAssembly.Module(encodeModule([dotsKernel()]));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** Buffers and kernel for `k` columns of `block` rows (a multiple of 2), or null without WebAssembly SIMD. */
export function blockDots(k: number, block: number): BlockDots | null {
  const module = typeof WebAssembly === 'object' ? compile() : null;
  if (!module || k === 0) return null;
  const stride = block * 8;
  const outAt = k * stride;
  const pages = Math.ceil((outAt + 8 * k) / 65536) + 1;
  try {
    const memory = new WebAssembly.Memory({ initial: pages });
    const { dots } = new WebAssembly.Instance(module, { env: { memory } }).exports as {
      dots(base: number, a: number, k: number, stride: number, lenBytes: number, out: number): void;
    };
    const columns = Array.from({ length: k }, (_, c) => new Float64Array(memory.buffer, c * stride, block));
    const out = new Float64Array(memory.buffer, outAt, k);
    return {
      columns,
      dots(a, len) {
        // Whole pairs of rows: the caller zeroes the row after an odd block's last.
        dots(0, a, k, stride, Math.ceil(len / 2) * 16, outAt);
        return out;
      },
    };
  } catch {
    return null;
  }
}
