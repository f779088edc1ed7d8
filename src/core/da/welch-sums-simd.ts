/**
 * The group sums of Welch's t for every taxon of one ALDEx2 instance in WebAssembly SIMD, two taxa
 * per step in the two f64 lanes (`welchSumsLoops` of aldex2-tests.ts is the TypeScript one, with
 * the same bytes: tested):
 *
 *   mean_gj = (0 + y_{i1,j} + y_{i2,j} + ...) / n_g          over the samples i of group g, in order
 *   ss_gj   = 0 + (y_{i1,j} - mean_gj)^2 + (y_{i2,j} - mean_gj)^2 + ...
 *
 * Each lane holds one taxon and receives exactly the operations of the TypeScript loops in the same
 * order (row by row, as they run); the pair after the last taxon of an odd count is padding. The
 * instance is copied into the kernel's memory (3 MB at 200 x 2,000, ~0.3 ms), then walked twice
 * without the bounds checks and branches of V8's loops.
 *
 *   memory (f64):  [ y: n x m (+1) | mean_0 | mean_1 | ss_0 | ss_1 (each m rounded up to even) ]
 *   groups (i32):  after them, n values (1: exposed)
 *
 * The module is built by src/core/wasm/encode.ts (WebAssembly Core Specification 2.0 with 128-bit
 * SIMD, https://www.w3.org/TR/wasm-core-2/), one memory per thread, replaced by a larger one when
 * an instance needs more. Where WebAssembly SIMD is missing the TypeScript loops run.
 * Reference: Welch BL (1947) Biometrika 34:28-35, doi:10.1093/biomet/34.1-2.28.
 */
import { advance, type Code, compileOrNull, expr, I32, loopUntil, op, V128 } from "../wasm/encode.js";
import { ThreadKernels } from "../wasm/thread-kernels.js";

/** Per taxon, the group means (`sum0`, `sum1`: the sums divided by the group sizes) and sums of squares about them. */
export interface WelchSums {
  sum0: Float64Array;
  sum1: Float64Array;
  ss0: Float64Array;
  ss1: Float64Array;
}

// instructions outside encode.ts' set (spec 5.4)
const i32Load = (offset: number) => [0x28, 2, offset];
const i32Eqz = [0x45];
const f64FromI32 = [0xb7];
const select = [0x1b];

const { get, set, bin } = expr;
const add = bin(op.f64x2Add);
const sub = bin(op.f64x2Sub);
const mul = bin(op.f64x2Mul);

// sums(y, groups, n, m, means, ss, n0, n1): byte addresses of y, the groups and the pair arrays
// (mean_0, then mean_1 at + bytes; ss_0, then ss_1 at + bytes); n, m, the groups' sizes
const Y = 0;
const GROUPS = 1;
const N = 2;
const M = 3;
const MEANS = 4;
const SS = 5;
const N0 = 6;
const N1 = 7;
// locals
const I = 8; // sample
const ROW = 9; // byte address of y's row i (advanced over its pairs)
const OUT = 10; // byte address of the row's group's sums (advanced)
const MEAN = 11; // byte address of the row's group's means (advanced)
const END = 12; // end of the row's group's sums
const BYTES = 13; // bytes of one pair array: 16 ceil(m / 2)
const D = 14; // v128

/** a + (group of sample i is 1 ? BYTES : 0) */
const ofGroup = (a: number): Code => [
  ...get(a),
  ...get(BYTES),
  ...op.i32Const(0),
  ...get(GROUPS),
  ...get(I),
  ...op.i32Const(2),
  ...op.i32Shl,
  ...op.i32Add,
  ...i32Load(0),
  ...op.i32Const(1),
  ...op.i32Sub,
  ...i32Eqz,
  ...select,
  ...op.i32Add,
];

/** For each sample i in order: ROW at its row, OUT at its group's `sums`, `body` over the pairs. */
const overRows = (sums: number, body: Code): Code => [
  ...set(I, op.i32Const(0)),
  ...set(ROW, get(Y)),
  ...loopUntil(
    [...get(I), ...get(N), ...op.i32GeS],
    [
      ...set(OUT, ofGroup(sums)),
      ...set(MEAN, ofGroup(MEANS)),
      ...set(END, [...get(OUT), ...get(BYTES), ...op.i32Add]),
      ...loopUntil(
        [...get(OUT), ...get(END), ...op.i32GeU],
        [...body, ...advance(OUT, 16), ...advance(ROW, 16)],
      ),
      // the next row starts at y + 8 m (i + 1): back by the padding of an odd m
      ...advance(I, 1),
      ...set(ROW, [
        ...get(I),
        ...get(M),
        ...op.i32Mul,
        ...op.i32Const(3),
        ...op.i32Shl,
        ...get(Y),
        ...op.i32Add,
      ]),
    ],
  ),
];

const pair = (local: number): Code => [...get(local), ...op.v128Load(0)];

/** means /= n_g, over the pairs of one group's array at byte address `at` (local OUT) */
const divide = (n: number): Code => [
  ...set(END, [...get(OUT), ...get(BYTES), ...op.i32Add]),
  ...loopUntil(
    [...get(OUT), ...get(END), ...op.i32GeU],
    [
      ...get(OUT),
      ...pair(OUT),
      ...get(n),
      ...f64FromI32,
      ...op.f64x2Splat,
      ...op.f64x2Div,
      ...op.v128Store(0),
      ...advance(OUT, 16),
    ],
  ),
];

const sumsBody: Code = [
  ...set(BYTES, [...get(M), ...op.i32Const(1), ...op.i32Add, ...op.i32Const(1), ...op.i32ShrU]),
  ...set(BYTES, [...get(BYTES), ...op.i32Const(4), ...op.i32Shl]),
  // sum_g += y_i (the means' arrays hold the sums first)
  ...overRows(MEANS, [...get(OUT), ...add(pair(OUT), pair(ROW)), ...op.v128Store(0)]),
  // mean_g = sum_g / n_g
  ...set(OUT, get(MEANS)),
  ...divide(N0),
  ...divide(N1),
  // ss_g += (y_i - mean_g)^2
  ...overRows(SS, [
    ...set(D, sub(pair(ROW), pair(MEAN))),
    ...get(OUT),
    ...add(pair(OUT), mul(get(D), get(D))),
    ...op.v128Store(0),
    ...advance(MEAN, 16),
  ]),
];

const module = compileOrNull(
  [
    {
      name: "sums",
      params: [I32, I32, I32, I32, I32, I32, I32, I32],
      results: [],
      locals: [I32, I32, I32, I32, I32, I32, V128],
      body: sumsBody,
    },
  ],
  false,
);

interface Kernel {
  buffer: ArrayBuffer;
  sums: (
    y: number,
    groups: number,
    n: number,
    m: number,
    means: number,
    ss: number,
    n0: number,
    n1: number,
  ) => void;
}

/** This thread's instance (thread-kernels.ts; none before the first call). */
const instances = new ThreadKernels<Kernel>(module, (exports, buffer) => ({
  buffer,
  sums: exports.sums as Kernel["sums"],
}));

/**
 * The group means and sums of squares of instance y (n x m, groups 0/1 of sizes n0 and n1) into
 * `out` in WebAssembly SIMD; false (nothing done) where it is missing, and the caller runs
 * `welchSumsLoops`.
 */
export function welchSumsSimd(
  y: Float64Array,
  groups: Int32Array,
  n0: number,
  n1: number,
  m: number,
  out: WelchSums,
): boolean {
  const n = groups.length;
  const yBytes = 16 * Math.ceil((n * m + 1) / 2);
  const pairBytes = 16 * Math.ceil(m / 2);
  const k = instances.at(yBytes + 4 * pairBytes + 4 * n);
  if (k === null) return false;
  const [means, ss, groupsAt] = [yBytes, yBytes + 2 * pairBytes, yBytes + 4 * pairBytes];
  new Float64Array(k.buffer, 0, n * m).set(y.subarray(0, n * m));
  new Float64Array(k.buffer, means, pairBytes / 2).fill(0);
  new Int32Array(k.buffer, groupsAt, n).set(groups);
  k.sums(0, groupsAt, n, m, means, ss, n0, n1);
  const view = (at: number) => new Float64Array(k.buffer, at, m);
  out.sum0.set(view(means));
  out.sum1.set(view(means + pairBytes));
  out.ss0.set(view(ss));
  out.ss1.set(view(ss + pairBytes));
  return true;
}
