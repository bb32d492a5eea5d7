/**
 * Just enough of the WebAssembly binary format to write a few small kernels by hand (no
 * toolchain, no binary blob in the repository): the readable instruction sequences live in
 * gbdtWasmKernels.ts and are encoded here into a module that imports one memory.
 * Reference: the WebAssembly core specification, "Binary Format". MVP instructions, plus a
 * few fixed-width SIMD ones that a kernel may use only with an MVP fallback.
 */

export type Bytes = number[];

export const I32 = 0x7f;
export const F64 = 0x7c;
/** The 128-bit SIMD type (fixed-width SIMD proposal, in every current browser and Node ≥ 16). */
export const V128 = 0x7b;

function uleb(n: number): Bytes {
  const out: Bytes = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number): Bytes {
  const out: Bytes = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function vec(items: Bytes[]): Bytes {
  return [...uleb(items.length), ...items.flat()];
}

function name(s: string): Bytes {
  return vec([...s].map((c) => [c.charCodeAt(0)]));
}

function section(id: number, body: Bytes): Bytes {
  return [id, ...uleb(body.length), ...body];
}

/** The instructions the kernels use; memory offsets are immediates, as in the text format. */
export const op = {
  get: (i: number): Bytes => [0x20, ...uleb(i)],
  set: (i: number): Bytes => [0x21, ...uleb(i)],
  tee: (i: number): Bytes => [0x22, ...uleb(i)],
  i32: (v: number): Bytes => [0x41, ...sleb(v)],
  f64: (v: number): Bytes => {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, v, true);
    return [0x44, ...new Uint8Array(view.buffer)];
  },
  add: [0x6a],
  sub: [0x6b],
  mul: [0x6c],
  and: [0x71],
  xor: [0x73],
  shl: [0x74],
  shrU: [0x76],
  geU: [0x4f],
  gtU: [0x4b],
  ltU: [0x49],
  select: [0x1b],
  f64Lt: [0x63],
  f64Eq: [0x61],
  f64Sub: [0xa1],
  i32Load: (offset = 0): Bytes => [0x28, 2, ...uleb(offset)],
  i32Store: (offset = 0): Bytes => [0x36, 2, ...uleb(offset)],
  u8Load: (offset = 0): Bytes => [0x2d, 0, ...uleb(offset)],
  u8Store: (offset = 0): Bytes => [0x3a, 0, ...uleb(offset)],
  f32Load: (offset = 0): Bytes => [0x2a, 2, ...uleb(offset)],
  f64Load: (offset = 0): Bytes => [0x2b, 3, ...uleb(offset)],
  f64Store: (offset = 0): Bytes => [0x39, 3, ...uleb(offset)],
  f32Store: (offset = 0): Bytes => [0x38, 2, ...uleb(offset)],
  shrS: [0x75],
  f64Add: [0xa0],
  f64Mul: [0xa2],
  f64Div: [0xa3],
  f64Neg: [0x9a],
  f64Gt: [0x64],
  f64Ne: [0x62],
  promote: [0xbb],
  demote: [0xb6],
  truncToI32: [0xaa],
  i32ToF64: [0xb7],
  /** `if` whose branches leave one f64 (or nothing, with ifVoid), closed by `end`. */
  ifF64: [0x04, F64],
  ifVoid: [0x04, 0x40],
  else: [0x05],
  call: (index: number): Bytes => [0x10, ...uleb(index)],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number): Bytes => [0x0c, depth],
  /** SIMD (0xfd prefix): v128.load/store with 8-byte alignment, two-lane f64 arithmetic. */
  v128Load: (offset = 0): Bytes => [0xfd, 0x00, 3, ...uleb(offset)],
  v128Store: (offset = 0): Bytes => [0xfd, 0x0b, 3, ...uleb(offset)],
  f64x2Splat: [0xfd, 0x14],
  f64x2ReplaceLane: (lane: number): Bytes => [0xfd, 0x22, lane],
  f64x2Add: [0xfd, 0xf0, 0x01],
  f64x2Mul: [0xfd, 0xf2, 0x01],
  f64x2ExtractLane: (lane: number): Bytes => [0xfd, 0x21, lane],
  /** v128.const with all sixteen bytes zero. */
  v128Zero: [0xfd, 0x0c, ...new Array<number>(16).fill(0)],
  brIf: (depth: number): Bytes => [0x0d, depth],
};

export interface WasmFunction {
  name: string;
  params: number[];
  results: number[];
  /** Extra locals after the parameters, as [count, type] runs. */
  locals: [number, number][];
  body: Bytes[];
}

/** A host function the module calls as `call(i)`, i being its place in the import list. */
export interface WasmImport {
  name: string;
  params: number[];
  results: number[];
}

/** The most 64 KiB pages a 32-bit memory has (4 GiB); a shared memory must state a maximum. */
const MAX_PAGES = 65536;

/**
 * A module importing memory "env.memory" (a shared one when `sharedMemory`, so two threads can
 * run it on the same bytes) and the functions "env.<name>", and exporting the given functions.
 * Imported functions come first in the function index space.
 */
export function encodeModule(functions: WasmFunction[], imports: WasmImport[] = [], sharedMemory = false): Uint8Array<ArrayBuffer> {
  const signature = (f: { params: number[]; results: number[] }) => [0x60, ...vec(f.params.map((t) => [t])), ...vec(f.results.map((t) => [t]))];
  const types = [...imports.map(signature), ...functions.map(signature)];
  const limits = sharedMemory ? [0x03, ...uleb(1), ...uleb(MAX_PAGES)] : [0x00, ...uleb(1)];
  const importMemory = [...name('env'), ...name('memory'), 0x02, ...limits];
  const importFunctions = imports.map((f, i) => [...name('env'), ...name(f.name), 0x00, ...uleb(i)]);
  const codes = functions.map((f) => {
    const body = [...vec(f.locals.map(([count, type]) => [...uleb(count), type])), ...f.body.flat(), ...op.end];
    return [...uleb(body.length), ...body];
  });
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(2, vec([importMemory, ...importFunctions])),
    ...section(3, vec(functions.map((_, i) => uleb(imports.length + i)))),
    ...section(7, vec(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(imports.length + i)]))),
    ...section(10, vec(codes)),
  ]);
}
