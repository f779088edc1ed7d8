/**
 * ALDEx2's Dirichlet draws (aldex2-draw.ts `drawCell`: Gamma(count + 1/2, 1) per cell, Z^2 / 2 for
 * a zero count) in WebAssembly, one row of an instance per call, reading the instance's MT19937
 * words where mt19937-simd.ts' step writes them (the same memory, the same step):
 *
 *   normal:  w = the next word;  layer = w & 127,  u = w >> 7 (signed),  x = u W[layer];
 *            x if |u| < K[layer]; else (layer > 0, a wedge) x if F[layer] + U (F[layer-1] - F[layer])
 *            < exp((-0.5 x) x), else again from a new word                 (U = (word + 0.5) / 2^32)
 *   zero count:  g = (0.5 x) x
 *   otherwise:   x until v = 1 + c x > 0;  v = (v v) v;  U;  g = d v if U < 1 - (0.0331 x^2) x^2
 *                or ln U < 0.5 x^2 + d ((1 - v) + ln v), else again
 *
 * (Marsaglia & Tsang's ziggurat and gamma method: gamma-sampler.ts, the same operations in the
 * same order; `Math.log` and `Math.exp` are imported, so their bits are the engine's.) A cell that
 * reaches the ziggurat's tail (layer 0, ~1 normal in 4,000), or needs a word past the current 624,
 * stops the call with the stream back at the cell's first word: the caller draws that one cell with
 * `GammaSampler` on the same stream, then calls again from the next cell, so every cell takes the
 * words, and gives the value, that `GammaSampler` alone would (tested: identical instances). In V8
 * the sampler's per-cell loop took ~20 ns a cell here, this one ~13 ns (its MT19937 words included).
 *
 *   memory (bytes):  [ MT19937 region (mt19937-simd.ts) | word index (i32) | K, W, F (128 f64
 *                      each) | row (m f64) | d (n x m f64) | c (n x m f64) ]
 *
 * The module is built by src/core/wasm/encode.ts (WebAssembly Core Specification 2.0,
 * https://www.w3.org/TR/wasm-core-2/; the step is 128-bit SIMD), one memory per thread, replaced
 * by a larger one when a table needs more. Where WebAssembly SIMD is missing, `drawCell` draws
 * every cell (aldex2-draw.ts `drawClrInstanceLoops`).
 */
import {
  Mt19937Simd,
  MT_BYTES,
  mt19937Kernel,
  mt19937Step,
  type Mt19937Kernel,
} from "../random/mt19937-simd.js";
import { ZIGGURAT_LAYERS } from "../random/gamma-sampler.js";
import { type Code, compileOrNull, expr, F64, I32, op, u32 } from "../wasm/encode.js";

/** Marsaglia–Tsang constants of every cell: d = count + 1/2 - 1/3, c = 1/sqrt(9 d); d = -1 for a zero. */
export interface DirichletCells {
  d: Float64Array;
  c: Float64Array;
}

// instructions outside encode.ts' set (spec 5.4)
const i32Load = (offset: number) => [0x28, 2, ...u32(offset)];
const i32Store = (offset: number) => [0x36, 2, ...u32(offset)];
const i32And = [0x71];
const i32ShrS = [0x75];
const i32Eqz = [0x45];
const f64Const = (value: number): Code => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value, true);
  return [0x44, ...new Uint8Array(view.buffer)];
};
const f64Abs = [0x99];
const f64Lt = [0x63];
const f64Gt = [0x64];
const f64Le = [0x65];
const f64Sub = [0xa1];
const f64Div = [0xa3];
const f64FromI32 = [0xb7];
const f64FromU32 = [0xb8];
const select = [0x1b];
const ifThen = [0x04, 0x40];
const elseOp = [0x05];

/** Byte addresses of the word index, the ziggurat's tables and the row. */
const INDEX = MT_BYTES;
const TEMPERED = 8 * 624;
const LAYERS_K = MT_BYTES + 16;
const LAYERS_W = LAYERS_K + 8 * 128;
const LAYERS_F = LAYERS_W + 8 * 128;
const ROW = LAYERS_F + 8 * 128;

// draw(d, c, j, m, index) -> j: byte addresses of the row's d and c, the first cell, the row's
// length, the index of the next word; returns the cell it stopped at (m: the row is done)
const D = 0;
const C = 1;
const J = 2;
const M = 3;
const IDX = 4;
// locals
const W = 5; // i32: a word
const LAYER = 6; // i32: 8 x its layer
const IDX0 = 7; // i32: the word index at the cell's start
const DK = 8; // f64
const X = 9;
const V = 10;
const U = 11;
const G = 12;
const X2 = 13;
const FL = 14;

const { get, set, bin } = expr;
const add = bin(op.f64Add);
const sub = bin(f64Sub);
const mul = bin(op.f64Mul);
const lt = bin(f64Lt);
/** Math.log / Math.exp of a (the imported functions 0 and 1) */
const log = (a: Code): Code => [...a, ...op.call(0)];
const exp = (a: Code): Code => [...a, ...op.call(1)];
/** branch `depth` labels out if `condition` */
const brIf = (depth: number, condition: Code): Code => [...condition, ...op.brIf(depth)];
/** the f64 at byte address base + 8 j */
const cellOf = (base: number): Code => [
  ...get(J),
  ...op.i32Const(3),
  ...op.i32Shl,
  ...get(base),
  ...op.i32Add,
];

// `depth`: how many labels out the block $exit is at the code's insertion point
/** the cell's words back to the stream, and out: `drawCell` takes it from its start */
const bail = (depth: number): Code => [...set(IDX, get(IDX0)), ...op.br(depth)];
/** the next word (i32), or out when the 624 are used up */
const word = (depth: number): Code => [
  ...get(IDX),
  ...op.i32Const(624),
  ...op.i32GeS,
  ...ifThen,
  ...bail(depth + 1),
  ...op.end,
  ...get(IDX),
  ...op.i32Const(2),
  ...op.i32Shl,
  ...i32Load(TEMPERED),
  ...set(IDX, [...get(IDX), ...op.i32Const(1), ...op.i32Add]),
];
/** GammaSampler.uniform: (word + 0.5) / 2^32 */
const uniform = (depth: number): Code => [
  ...add([...word(depth), ...f64FromU32], f64Const(0.5)),
  ...f64Const(4294967296),
  ...f64Div,
];
/** GammaSampler.normal into X: the ziggurat, its wedges by Math.exp; out at the tail (layer 0) */
const normal = (depth: number): Code => [
  ...op.block,
  ...op.loop,
  ...set(W, word(depth + 2)),
  ...set(LAYER, [...get(W), ...op.i32Const(127), ...i32And, ...op.i32Const(3), ...op.i32Shl]),
  ...set(U, [...get(W), ...op.i32Const(7), ...i32ShrS, ...f64FromI32]),
  ...set(X, mul(get(U), [...get(LAYER), ...op.f64Load(LAYERS_W)])),
  ...brIf(1, [...get(U), ...f64Abs, ...get(LAYER), ...op.f64Load(LAYERS_K), ...f64Lt]),
  ...get(LAYER),
  ...i32Eqz,
  ...ifThen,
  ...bail(depth + 3),
  ...op.end,
  ...set(FL, [...get(LAYER), ...op.f64Load(LAYERS_F)]),
  ...brIf(
    1,
    lt(
      add(get(FL), mul(uniform(depth + 2), sub([...get(LAYER), ...op.f64Load(LAYERS_F - 8)], get(FL)))),
      exp(mul(mul(f64Const(-0.5), get(X)), get(X))),
    ),
  ),
  ...op.br(0),
  ...op.end,
  ...op.end,
];

const drawBody: Code = [
  ...op.block,
  ...op.loop,
  ...get(J),
  ...get(M),
  ...op.i32GeS,
  ...op.brIf(1),
  ...set(IDX0, get(IDX)),
  ...set(DK, [...cellOf(D), ...op.f64Load(0)]),
  ...lt(get(DK), op.f64Zero),
  ...ifThen,
  // a zero count: Z^2 / 2
  ...normal(2),
  ...set(G, mul(mul(f64Const(0.5), get(X)), get(X))),
  ...elseOp,
  // Marsaglia–Tsang: x until v = 1 + c x > 0; v cubed; accepted if u < 1 - 0.0331 x^4 (the
  // squeeze) or ln u < 0.5 x^2 + d ((1 - v) + ln v), else again
  ...op.block,
  ...op.loop,
  ...op.loop,
  ...normal(5),
  ...set(V, add(f64Const(1), mul([...cellOf(C), ...op.f64Load(0)], get(X)))),
  ...brIf(0, [...get(V), ...op.f64Zero, ...f64Le]),
  ...op.end,
  ...set(V, mul(mul(get(V), get(V)), get(V))),
  ...set(U, uniform(4)),
  ...set(X2, mul(get(X), get(X))),
  ...brIf(1, lt(get(U), sub(f64Const(1), mul(mul(f64Const(0.0331), get(X2)), get(X2))))),
  ...brIf(
    1,
    lt(
      log(get(U)),
      add(mul(f64Const(0.5), get(X2)), mul(get(DK), add(sub(f64Const(1), get(V)), log(get(V))))),
    ),
  ),
  ...op.br(0),
  ...op.end,
  ...op.end,
  ...set(G, mul(get(DK), get(V))),
  ...op.end,
  // row[j] = g > 0 ? g : MIN_VALUE
  ...get(J),
  ...op.i32Const(3),
  ...op.i32Shl,
  ...get(G),
  ...f64Const(Number.MIN_VALUE),
  ...get(G),
  ...op.f64Zero,
  ...f64Gt,
  ...select,
  ...op.f64Store(ROW),
  ...set(J, [...get(J), ...op.i32Const(1), ...op.i32Add]),
  ...op.br(0),
  ...op.end,
  ...op.end,
  ...op.i32Const(0),
  ...get(IDX),
  ...i32Store(INDEX),
  ...get(J),
];

const module = compileOrNull(
  [
    mt19937Step(0),
    {
      name: "draw",
      params: [I32, I32, I32, I32, I32],
      results: [I32],
      locals: [I32, I32, I32, F64, F64, F64, F64, F64, F64, F64],
      body: drawBody,
    },
  ],
  false,
  [
    { name: "log", params: [F64], results: [F64] },
    { name: "exp", params: [F64], results: [F64] },
  ],
);

/** One thread's kernel: its memory, the cells it holds, the row and the stream's region. */
export class DirichletDrawKernel {
  /** The row being drawn (m values). */
  readonly row: Float64Array;
  private readonly mt: Mt19937Kernel;
  private readonly index: Int32Array;
  private cells: DirichletCells | null = null;
  /** Byte addresses of the cells' d and c. */
  private readonly dAt: number;
  private readonly cAt: number;
  private readonly draw: (d: number, c: number, j: number, m: number, index: number) => number;

  private constructor(
    private readonly memory: WebAssembly.Memory,
    instance: WebAssembly.Instance,
    private readonly m: number,
    private readonly capacity: number,
  ) {
    this.mt = mt19937Kernel(memory, instance, 0);
    this.index = new Int32Array(memory.buffer, INDEX, 1);
    this.row = new Float64Array(memory.buffer, ROW, m);
    this.dAt = ROW + 16 * Math.ceil(m / 2);
    this.cAt = this.dAt + 8 * capacity;
    new Float64Array(memory.buffer, LAYERS_K, 128).set(ZIGGURAT_LAYERS.k);
    new Float64Array(memory.buffer, LAYERS_W, 128).set(ZIGGURAT_LAYERS.w);
    new Float64Array(memory.buffer, LAYERS_F, 128).set(ZIGGURAT_LAYERS.f);
    this.draw = instance.exports.draw as DirichletDrawKernel["draw"];
  }

  /**
   * This thread's kernel for instances of `size` cells in rows of m (a new one, with a larger
   * memory, when the current one is for another m or fewer cells), or null where WebAssembly SIMD
   * is missing or the memory cannot be had.
   */
  private static sized(size: number, m: number): DirichletDrawKernel | null {
    if (module === null) return null;
    const k = current;
    if (k !== null && k.m === m && k.capacity >= size) return k;
    try {
      const bytes = ROW + 8 * (m + 1) + 16 * size;
      const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
      const imports = { env: { memory, log: Math.log, exp: Math.exp } };
      current = new DirichletDrawKernel(memory, new WebAssembly.Instance(module, imports), m, size);
      return current;
    } catch {
      return null; // past the engine's limit: the TypeScript loop
    }
  }

  /**
   * Arrays for the cells of a table of `size` cells in rows of m, on this thread's kernel's memory
   * (so that `for` need not copy them there), or null without a kernel. They hold one table at a
   * time: the next call on this thread (a thread draws one table's instances at a time) reuses them.
   */
  static cellArrays(size: number, m: number): DirichletCells | null {
    const k = DirichletDrawKernel.sized(size, m);
    if (k === null) return null;
    k.cells = {
      d: new Float64Array(k.memory.buffer, k.dAt, size),
      c: new Float64Array(k.memory.buffer, k.cAt, size),
    };
    return k.cells;
  }

  /** This thread's kernel holding `cells` (n x m; copied into its memory unless there), or null where WebAssembly SIMD is missing. */
  static for(cells: DirichletCells, m: number): DirichletDrawKernel | null {
    const k = DirichletDrawKernel.sized(cells.d.length, m);
    if (k === null) return null;
    if (k.cells !== cells) {
      if (cells.d.buffer === k.memory.buffer)
        throw new Error(
          "internal: these cells' memory holds another table's (one table per thread at a time)",
        );
      new Float64Array(k.memory.buffer, k.dAt, cells.d.length).set(cells.d);
      new Float64Array(k.memory.buffer, k.cAt, cells.c.length).set(cells.c);
      k.cells = cells;
    }
    return k;
  }

  /** A stream of `new Mt19937(seed)` in this kernel's region, for `drawRow` and the cells it leaves. */
  stream(seed: number): Mt19937Simd {
    return Mt19937Simd.on(this.mt, seed);
  }

  /**
   * Draws cells j, j + 1, ... of row i into `row` from `stream` (this kernel's), up to the first
   * cell outside the common case, whose index it returns (m when the row is done); the stream is
   * then at that cell's first word.
   */
  drawRow(i: number, j: number, stream: Mt19937Simd): number {
    const offset = 8 * i * this.m;
    const stop = this.draw(this.dAt + offset, this.cAt + offset, j, this.m, stream.index);
    stream.index = this.index[0]!;
    return stop;
  }
}

/** This thread's kernel (none before the first instance). */
let current: DirichletDrawKernel | null = null;
