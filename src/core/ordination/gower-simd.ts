/**
 * The inner loop of the Gower product kernel (gower-product.ts, four rows of the triangle walked
 * side by side) in WebAssembly SIMD, two columns j, j + 1 per step in the two f64 lanes:
 *
 *   f_r = d_{i+r, j}^2  (r = 0..3),   a_r += f_r z_j,   (D^2 z)_j += f_0 y_0 + f_1 y_1 + f_2 y_2 + f_3 y_3
 *
 * with y_r = z_{i+r}. Lane 0 accumulates a_r over the even steps (and the last column when the
 * count is odd), lane 1 over the odd ones, and a_r = lane 0 + lane 1 at the end: exactly the
 * operations, in the same order, of the TypeScript loop `quadRowsTs` (gower-product.ts), so both
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
import { F64, I32, MAX_PAGES, op, V128, wasmModule } from "../wasm/encode.js";
import type { QuadRows } from "./gower-product.js";

// parameters: byte addresses of the four rows' first distance, of z_j0 and out_j0, the end of z,
// of out_i; then y_0..y_3 and the rows' sums a_0..a_3 so far
const U = 0; // 0..3
const ZP = 4;
const OP = 5;
const Z_END = 6;
const OUT_I = 7;
const Y = 8; // 8..11
const A0 = 12; // 12..15
// locals
const YV = 16; // 16..19 splat(y_r)
const AV = 20; // 20..23 (even, odd) sums
const EV = 24; // 24..27 squared distances of two columns
const ZV = 28;
const ES = 29; // 29..32 scalar squared distances of the last column
const ZS = 33;

const rows = [0, 1, 2, 3];

/** (f_0 y_0 + f_1 y_1) + f_2 y_2) + f_3 y_3, f in locals `f`, y in `y` (lanes or scalars). */
function weighted(f: number, y: number, mul: readonly number[], add: readonly number[]): number[] {
  const term = (r: number) => [...op.get(f + r), ...op.get(y + r), ...mul];
  return [...term(0), ...term(1), ...add, ...term(2), ...add, ...term(3), ...add];
}

const body: number[] = [
  ...rows.flatMap((r) => [...op.get(Y + r), ...op.f64x2Splat, ...op.set(YV + r)]),
  ...rows.flatMap((r) => [
    ...op.get(A0 + r),
    ...op.f64x2Splat,
    ...op.f64Zero,
    ...op.f64x2ReplaceLane(1),
    ...op.set(AV + r),
  ]),
  ...op.block,
  ...op.loop,
  // fewer than two columns left: leave the loop
  ...[...op.get(Z_END), ...op.get(ZP), ...op.i32Sub, ...op.i32Const(16), ...op.i32LtU, ...op.brIf(1)],
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
  ...[U, U + 1, U + 2, U + 3, ZP, OP].flatMap((l) => [
    ...op.get(l),
    ...op.i32Const(16),
    ...op.i32Add,
    ...op.set(l),
  ]),
  ...op.br(0),
  ...op.end,
  ...op.end,
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

/** The module's bytes for a shared or unshared memory. */
function moduleBytes(shared: boolean): Uint8Array<ArrayBuffer> {
  return wasmModule(
    [
      {
        name: "quad",
        params: [...Array<number>(8).fill(I32), ...Array<number>(8).fill(F64)],
        results: [],
        locals: [...Array<number>(ES - YV).fill(V128), ...Array<number>(ZS + 1 - ES).fill(F64)],
        body,
      },
    ],
    shared,
  );
}

const compiled = new Map<boolean, WebAssembly.Module | null>();

/** The compiled module, or null where WebAssembly (with SIMD) is not available. */
function compiledModule(shared: boolean): WebAssembly.Module | null {
  if (!compiled.has(shared)) {
    let module: WebAssembly.Module | null = null;
    try {
      module = new WebAssembly.Module(moduleBytes(shared));
    } catch {
      module = null;
    }
    compiled.set(shared, module);
  }
  return compiled.get(shared)!;
}

/**
 * A WebAssembly memory large enough for `float64s` doubles (shared between threads or not), or
 * undefined where WebAssembly SIMD is missing or the size is past 4 GiB.
 */
export function simdMemory(float64s: number, shared: boolean): WebAssembly.Memory | undefined {
  const pages = Math.ceil((float64s * 8) / 65536);
  if (pages > MAX_PAGES || !compiledModule(shared)) return undefined;
  return new WebAssembly.Memory(shared ? { initial: pages, maximum: pages, shared } : { initial: pages });
}

/**
 * {@link QuadRows} in WebAssembly SIMD on `memory` (from {@link simdMemory}); the arrays it is
 * given must be views of that memory.
 */
export function simdQuadRows(memory: WebAssembly.Memory): QuadRows {
  const shared = typeof SharedArrayBuffer !== "undefined" && memory.buffer instanceof SharedArrayBuffer;
  const instance = new WebAssembly.Instance(compiledModule(shared)!, { env: { memory } });
  const quad = instance.exports.quad as (...args: number[]) => void;
  return (c, z, out, i, u0, u1, u2, u3, a0, a1, a2, a3) => {
    const n = z.length;
    const cb = c.byteOffset;
    quad(
      cb + 8 * u0,
      cb + 8 * u1,
      cb + 8 * u2,
      cb + 8 * u3,
      z.byteOffset + 8 * (i + 4),
      out.byteOffset + 8 * (i + 4),
      z.byteOffset + 8 * n,
      out.byteOffset + 8 * i,
      z[i]!,
      z[i + 1]!,
      z[i + 2]!,
      z[i + 3]!,
      a0,
      a1,
      a2,
      a3,
    );
  };
}
