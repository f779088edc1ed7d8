/**
 * The Gower product kernel's rows of a block, four at a time (gower-product.ts: four rows of the
 * triangle walked side by side, after the six pairs among them), in WebAssembly SIMD, one call per
 * block; the column loop takes two columns j, j + 1 per step in the two f64 lanes:
 *
 *   f_r = d_{i+r, j}^2  (r = 0..3),   a_r += f_r z_j,   (D^2 z)_j += f_0 y_0 + f_1 y_1 + f_2 y_2 + f_3 y_3
 *
 * with y_r = z_{i+r}. Lane 0 accumulates a_r over the even steps (and the last column when the
 * count is odd), lane 1 over the odd ones, and a_r = lane 0 + lane 1 at the end: exactly the
 * operations, in the same order, of the TypeScript loop `fourRowsTs` (gower-product.ts), so both
 * give the same bytes (tested). In V8 the scalar loop is compute-bound (~3x the time of a plain
 * pass over the 64 MB condensed matrix at n = 4,000); two lanes and no bounds checks bring it near
 * the memory's speed (docs/PERFORMANCE.md).
 *
 * The distances, the product's input z and the blocks' partials live in one WebAssembly memory
 * (shared between the threads of src/node/pcoa-parallel.ts); the module is built by
 * src/core/wasm/encode.ts (WebAssembly Core Specification 2.0 with 128-bit SIMD,
 * https://www.w3.org/TR/wasm-core-2/). Where WebAssembly SIMD is missing the TypeScript loop runs.
 * Reference: Gower JC (1966) Biometrika 53:325-338. doi:10.1093/biomet/53.3-4.325
 */
import { advance, compileOrNull, F64, I32, loopUntil, MAX_PAGES, op, V128 } from "../wasm/encode.js";

/**
 * Rows i0, i0 + 4, ... of the triangle, four at a time while i + 3 < i1: for rows i .. i + 3,
 * out[i + r] += a_r + sum_{j >= i + 4} d_{i+r,j}^2 z_j, where a_r = sum_s d_{i+r,i+s}^2 z_{i+s}
 * over the six pairs among the four rows, and out[j] += sum_r d_{i+r,j}^2 z_{i+r} for j >= i + 4.
 * The sum over j is taken in two halves (even and odd steps from i + 4; the last column of an odd
 * count with the even ones) added at the end, as the two SIMD lanes here do (`fourRowsTs` in
 * gower-product.ts is the TypeScript one).
 */
export type FourRows = (c: Float64Array, z: Float64Array, out: Float64Array, i0: number, i1: number) => void;

// parameters: byte addresses of the distances, z and out; n; the block's first row and its end
const CB = 0;
const ZB = 1;
const OB = 2;
const N = 3;
const I = 4; // the current row i (steps by four)
const I_END = 5;
// i32 locals: byte addresses of the four rows' distances to column j, of z_j and out_j, the end
// of z, of out_i; the condensed index of pair (i, i + 1)
const U = 6; // 6..9
const ZP = 10;
const OP = 11;
const Z_END = 12;
const OUT_I = 13;
const K = 14;
// f64 locals: y_0..y_3, the sums a_0..a_3 over the six pairs among the four rows, the six pairs'
// squared distances
const Y = 15; // 15..18
const A0 = 19; // 19..22
const P = 23; // 23..28: d01², d02², d03², d12², d13², d23²
// v128 locals
const YV = 29; // 29..32 splat(y_r)
const AV = 33; // 33..36 (even, odd) sums
const EV = 37; // 37..40 squared distances of two columns
const ZV = 41;
// f64 locals of the last column of an odd count
const ES = 42; // 42..45
const ZS = 46;
const LOCALS = [
  ...Array<number>(Y - U).fill(I32),
  ...Array<number>(YV - Y).fill(F64),
  ...Array<number>(ES - YV).fill(V128),
  ...Array<number>(ZS + 1 - ES).fill(F64),
];

const rows = [0, 1, 2, 3];

/** (f_0 y_0 + f_1 y_1) + f_2 y_2) + f_3 y_3, f in locals `f`, y in `y` (lanes or scalars). */
function weighted(f: number, y: number, mul: readonly number[], add: readonly number[]): number[] {
  const term = (r: number) => [...op.get(f + r), ...op.get(y + r), ...mul];
  return [...term(0), ...term(1), ...add, ...term(2), ...add, ...term(3), ...add];
}

/** local = base + 8 * (the i32 on the stack) */
function address(base: number, local: number): number[] {
  return [...op.i32Const(3), ...op.i32Shl, ...op.get(base), ...op.i32Add, ...op.set(local)];
}

/** The squared distance at byte address `u` + `offset` onto the stack. */
function squared(u: number, offset: number): number[] {
  return [...op.get(u), ...op.f64Load(offset), ...op.get(u), ...op.f64Load(offset), ...op.f64Mul];
}

// the pairs (r, s) of the six among the four rows, as in fourRowsTs: [row's U local, offset]
const PAIRS: [number, number][] = [
  [0, 0],
  [0, 8],
  [0, 16],
  [1, 0],
  [1, 8],
  [2, 0],
];
// a_r = sum over the other three rows s of d_rs² y_s, in fourRowsTs' order: [pair, s]
const SUMS: [number, number][][] = [
  [
    [0, 1],
    [1, 2],
    [2, 3],
  ],
  [
    [0, 0],
    [3, 2],
    [4, 3],
  ],
  [
    [1, 0],
    [3, 1],
    [5, 3],
  ],
  [
    [2, 0],
    [4, 1],
    [5, 2],
  ],
];

/** Rows i .. i + 3: the start addresses, y, the six pairs and a_r (as fourRowsTs begins each four rows). */
const rowStart: number[] = [
  // K = i n - i (i + 1) / 2; row r + 1 starts n - i - r - 1 entries after row r
  ...[...op.get(I), ...op.get(N), ...op.i32Mul, ...op.get(I), ...op.get(I), ...op.i32Const(1), ...op.i32Add],
  ...[...op.i32Mul, ...op.i32Const(1), ...op.i32ShrU, ...op.i32Sub, ...op.set(K)],
  ...rows.flatMap((r) => [
    ...op.get(K),
    ...address(CB, U + r),
    ...op.get(K),
    ...op.get(N),
    ...op.i32Add,
    ...op.get(I),
    ...op.i32Sub,
    ...op.i32Const(r + 1),
    ...op.i32Sub,
    ...op.set(K),
  ]),
  ...rows.flatMap((r) => [
    ...[...op.get(I), ...op.i32Const(3), ...op.i32Shl, ...op.get(ZB), ...op.i32Add],
    ...[...op.f64Load(8 * r), ...op.set(Y + r)],
  ]),
  ...PAIRS.flatMap(([r, offset], p) => [...squared(U + r, offset), ...op.set(P + p)]),
  ...SUMS.flatMap((terms, r) => [
    ...terms.flatMap(([p, s], t) => [
      ...op.get(P + p),
      ...op.get(Y + s),
      ...op.f64Mul,
      ...(t > 0 ? op.f64Add : []),
    ]),
    ...op.set(A0 + r),
  ]),
  // the loop starts at column i + 4: rows' distances from pairs (i, i + 4) .. (i + 3, i + 4)
  ...rows.flatMap((r) => [...op.get(U + r), ...op.i32Const(8 * (3 - r)), ...op.i32Add, ...op.set(U + r)]),
  ...[...op.get(I), ...op.i32Const(4), ...op.i32Add, ...address(ZB, ZP)],
  ...[...op.get(I), ...op.i32Const(4), ...op.i32Add, ...address(OB, OP)],
  ...[...op.get(N), ...address(ZB, Z_END)],
  ...[...op.get(I), ...address(OB, OUT_I)],
];

/** The column loop of rows i .. i + 3 (module header). */
const columns: number[] = [
  ...rows.flatMap((r) => [...op.get(Y + r), ...op.f64x2Splat, ...op.set(YV + r)]),
  ...rows.flatMap((r) => [
    ...op.get(A0 + r),
    ...op.f64x2Splat,
    ...op.f64Zero,
    ...op.f64x2ReplaceLane(1),
    ...op.set(AV + r),
  ]),
  // fewer than two columns left: leave the loop
  ...loopUntil(
    [...op.get(Z_END), ...op.get(ZP), ...op.i32Sub, ...op.i32Const(16), ...op.i32LtU],
    [
      ...rows.flatMap((r) => [
        ...op.get(U + r),
        ...op.v128Load(),
        ...op.tee(EV + r),
        ...op.get(EV + r),
        ...op.f64x2Mul,
        ...op.set(EV + r),
      ]),
      ...[...op.get(ZP), ...op.v128Load(), ...op.set(ZV)],
      ...rows.flatMap((r) => [
        ...op.get(AV + r),
        ...op.get(EV + r),
        ...op.get(ZV),
        ...op.f64x2Mul,
        ...op.f64x2Add,
        ...op.set(AV + r),
      ]),
      ...[...op.get(OP), ...op.get(OP), ...op.v128Load()],
      ...weighted(EV, YV, op.f64x2Mul, op.f64x2Add),
      ...[...op.f64x2Add, ...op.v128Store()],
      ...[U, U + 1, U + 2, U + 3, ZP, OP].flatMap((l) => advance(l, 16)),
    ],
  ),
  // the last column when their number is odd: into lane 0
  ...op.block,
  ...[...op.get(ZP), ...op.get(Z_END), ...op.i32GeU, ...op.brIf(0)],
  ...rows.flatMap((r) => [
    ...op.get(U + r),
    ...op.f64Load(),
    ...op.tee(ES + r),
    ...op.get(ES + r),
    ...op.f64Mul,
    ...op.set(ES + r),
  ]),
  ...[...op.get(ZP), ...op.f64Load(), ...op.set(ZS)],
  ...rows.flatMap((r) => [
    ...op.get(AV + r),
    ...op.get(AV + r),
    ...op.f64x2ExtractLane(0),
    ...op.get(ES + r),
    ...op.get(ZS),
    ...op.f64Mul,
    ...op.f64Add,
    ...op.f64x2ReplaceLane(0),
    ...op.set(AV + r),
  ]),
  ...[...op.get(OP), ...op.get(OP), ...op.f64Load()],
  ...weighted(ES, Y, op.f64Mul, op.f64Add),
  ...[...op.f64Add, ...op.f64Store()],
  ...op.end,
  // out_{i+r} += lane 0 + lane 1
  ...rows.flatMap((r) => [
    ...op.get(OUT_I),
    ...op.get(OUT_I),
    ...op.f64Load(8 * r),
    ...op.get(AV + r),
    ...op.f64x2ExtractLane(0),
    ...op.get(AV + r),
    ...op.f64x2ExtractLane(1),
    ...op.f64Add,
    ...op.f64Add,
    ...op.f64Store(8 * r),
  ]),
];

/** Every four rows i, i + 4, ... while i + 3 < the end of the block. */
const body: number[] = loopUntil(
  [...op.get(I), ...op.i32Const(4), ...op.i32Add, ...op.get(I_END), ...op.i32GtS],
  [...rowStart, ...columns, ...advance(I, 4)],
);

const compiled = new Map<boolean, WebAssembly.Module | null>();

/** The compiled module for a shared or unshared memory, or null where WebAssembly (with SIMD) is not available. */
function compiledModule(shared: boolean): WebAssembly.Module | null {
  if (!compiled.has(shared)) {
    const rowsFunction = {
      name: "rows",
      params: Array<number>(U).fill(I32),
      results: [],
      locals: LOCALS,
      body,
    };
    compiled.set(shared, compileOrNull([rowsFunction], shared));
  }
  return compiled.get(shared)!;
}

/** True for a SharedArrayBuffer (false wherever the type is missing, e.g. a page not cross-origin isolated). */
export function isShared(buffer: ArrayBufferLike): boolean {
  return typeof SharedArrayBuffer !== "undefined" && buffer instanceof SharedArrayBuffer;
}

/**
 * A WebAssembly memory large enough for `float64s` doubles (shared between threads or not), or
 * undefined where WebAssembly SIMD is missing, the size is past 4 GiB or the memory cannot be had
 * (then the TypeScript loop runs on ordinary arrays).
 */
export function simdMemory(float64s: number, shared: boolean): WebAssembly.Memory | undefined {
  const pages = Math.ceil((float64s * 8) / 65536);
  if (pages > MAX_PAGES || !compiledModule(shared)) return undefined;
  try {
    return new WebAssembly.Memory(shared ? { initial: pages, maximum: pages, shared } : { initial: pages });
  } catch {
    return undefined;
  }
}

/**
 * {@link FourRows} in WebAssembly SIMD on `memory` (from {@link simdMemory}); the arrays it is
 * given must be views of that memory.
 */
export function simdFourRows(memory: WebAssembly.Memory): FourRows {
  const shared = isShared(memory.buffer);
  const instance = new WebAssembly.Instance(compiledModule(shared)!, { env: { memory } });
  const run = instance.exports.rows as (...args: number[]) => void;
  return (c, z, out, i0, i1) => run(c.byteOffset, z.byteOffset, out.byteOffset, z.length, i0, i1);
}
