/**
 * The two loops of `fitSharedDesign` (shared-design-ols.ts) in WebAssembly SIMD, two responses
 * (taxa) per step in the two f64 lanes:
 *
 *   coefficients:  B_cj += H_ci Y_ij                       for each sample i, design column c, taxon j
 *   residuals:     F_j = 0 + X_i0 B_0j + X_i1 B_1j + ...,  sigma2_j += (Y_ij - F_j)^2   for each sample i
 *
 * Each lane holds one taxon j and receives exactly the operations of the TypeScript loops, in the
 * same order (every sum runs over samples and columns for each j alike; only the taxa are taken
 * two at a time, the last one of an odd count alone), so both give the same bytes (tested). In V8
 * these loops are bound by bounds-checked loads around one multiply-add per element; two lanes and
 * no bounds checks make them several times faster (docs/PERFORMANCE.md, "Run and demo: ...").
 *
 * The fit's arrays are copied into one WebAssembly memory per thread, replaced by a larger one
 * when a fit needs more (never `memory.grow`, which detaches the old buffer and slows every
 * typed-array access of the thread afterwards; src/core/models/cd-simd.ts); the module is built by
 * src/core/wasm/encode.ts (WebAssembly Core Specification 2.0 with 128-bit SIMD,
 * https://www.w3.org/TR/wasm-core-2/). Where WebAssembly SIMD is missing the TypeScript loops run.
 */
import { advance, compileOrNull, F64, I32, loopUntil, op, V128 } from "../wasm/encode.js";
import { ThreadKernels } from "../wasm/thread-kernels.js";

// instructions outside encode.ts' set (spec 5.4)
const i32And = [0x71];
const i32Eqz = [0x45];
const f64Sub = [0xa1];

/** local = base + 8 * (the i32 element index that `index` leaves on the stack) */
const address = (local: number, base: number, index: readonly number[]) => [
  ...index,
  ...op.i32Const(3),
  ...op.i32Shl,
  ...op.get(base),
  ...op.i32Add,
  ...op.set(local),
];

/** a * b (+ c), from i32 locals */
const product = (a: number, b: number, c?: number) => [
  ...op.get(a),
  ...op.get(b),
  ...op.i32Mul,
  ...(c === undefined ? [] : [...op.get(c), ...op.i32Add]),
];

/** for (local = 0; local < end; local++) { body } */
const countUp = (local: number, end: number, body: readonly number[]) => [
  ...op.i32Const(0),
  ...op.set(local),
  ...loopUntil([...op.get(local), ...op.get(end), ...op.i32GeS], [...body, ...advance(local, 1)]),
];

/**
 * Over the taxa at byte addresses `out` and `src` (both advanced): `pair` for two taxa at a time
 * (v128 at `out` and `src`), then `single` for the last one of an odd count `m` (f64).
 */
const overTaxa = (out: number, src: number, end: number, m: number, pair: number[], single: number[]) => [
  // end = out + 16 * (m >> 1)
  ...op.get(m),
  ...op.i32Const(1),
  ...op.i32ShrU,
  ...op.i32Const(4),
  ...op.i32Shl,
  ...op.get(out),
  ...op.i32Add,
  ...op.set(end),
  ...loopUntil(
    [...op.get(out), ...op.get(end), ...op.i32GeU],
    [...pair, ...advance(out, 16), ...advance(src, 16)],
  ),
  ...op.block,
  ...op.get(m),
  ...op.i32Const(1),
  ...i32And,
  ...i32Eqz,
  ...op.brIf(0),
  ...single,
  ...op.end,
];

/** The loads, stores and arithmetic of two lanes (v128) or of one f64. */
const width = (lanes: boolean) =>
  lanes
    ? { load: op.v128Load, store: op.v128Store, sub: op.f64x2Sub, mul: op.f64x2Mul, add: op.f64x2Add }
    : { load: op.f64Load, store: op.f64Store, sub: f64Sub, mul: op.f64Mul, add: op.f64Add };

/** out[k] (pair or single) = out[k] + a * src[k] */
const multiplyAdd = (out: number, a: number, src: number, lanes: boolean) => {
  const w = width(lanes);
  return [
    ...op.get(out),
    ...op.get(out),
    ...w.load(0),
    ...op.get(a),
    ...op.get(src),
    ...w.load(0),
    ...w.mul,
    ...w.add,
    ...w.store(0),
  ];
};

/** a = the f64 at the byte address in local `ptr`, av = (a, a) */
const splatFrom = (ptr: number, a: number, av: number) => [
  ...op.get(ptr),
  ...op.f64Load(0),
  ...op.tee(a),
  ...op.f64x2Splat,
  ...op.set(av),
];

/** out[j] += a src[j] over the taxa (locals named as in the kernels below) */
const scaledAdd = (L: { out: number; src: number; end: number; m: number; a: number; av: number }) =>
  overTaxa(
    L.out,
    L.src,
    L.end,
    L.m,
    multiplyAdd(L.out, L.av, L.src, true),
    multiplyAdd(L.out, L.a, L.src, false),
  );

// coefficients(coef, h, y, n, p, m): coef[c*m + j] += h[c*n + i] * y[i*m + j]
const CO = { coef: 0, h: 1, y: 2, n: 3, p: 4, m: 5, i: 6, c: 7, out: 8, src: 9, end: 10, a: 11, av: 12 };
const coefficientsBody = countUp(
  CO.i,
  CO.n,
  countUp(CO.c, CO.p, [
    ...address(CO.src, CO.h, product(CO.c, CO.n, CO.i)),
    ...splatFrom(CO.src, CO.a, CO.av),
    ...address(CO.out, CO.coef, product(CO.c, CO.m)),
    ...address(CO.src, CO.y, product(CO.i, CO.m)),
    ...scaledAdd(CO),
  ]),
);

// residuals(sigma2, fitted, x, coef, y, n, p, m): per sample i, fitted = 0 + sum_c x[i*p + c] coef[c*m + .],
// then sigma2[j] += (y[i*m + j] - fitted[j])^2
const RE = {
  sigma2: 0,
  fitted: 1,
  x: 2,
  coef: 3,
  y: 4,
  n: 5,
  p: 6,
  m: 7,
  i: 8,
  c: 9,
  out: 10,
  src: 11,
  end: 12,
  row: 13,
  a: 14,
  r: 15,
  av: 16,
  rv: 17,
};
/** r = y - fitted at (src, out) onto local `r` (lanes or scalar), then sigma2 += r * r at `sig` */
const squaredResidual = (lanes: boolean) => {
  const { load, store, sub, mul, add } = width(lanes);
  const r = lanes ? RE.rv : RE.r;
  return [
    // src walks y's row, out walks fitted, row walks sigma2
    ...op.get(RE.src),
    ...load(0),
    ...op.get(RE.out),
    ...load(0),
    ...sub,
    ...op.set(r),
    ...op.get(RE.row),
    ...op.get(RE.row),
    ...load(0),
    ...op.get(r),
    ...op.get(r),
    ...mul,
    ...add,
    ...store(0),
    ...advance(RE.row, lanes ? 16 : 8),
  ];
};
const residualsBody = countUp(RE.i, RE.n, [
  // fitted = 0
  ...op.get(RE.fitted),
  ...op.set(RE.out),
  ...op.f64Zero,
  ...op.f64x2Splat,
  ...op.set(RE.av),
  ...overTaxa(
    RE.out,
    RE.src,
    RE.end,
    RE.m,
    [...op.get(RE.out), ...op.get(RE.av), ...op.v128Store(0)],
    [...op.get(RE.out), ...op.f64Zero, ...op.f64Store(0)],
  ),
  // fitted += x[i*p + c] * coef[c*m + .], c = 0 .. p-1
  ...countUp(RE.c, RE.p, [
    ...address(RE.src, RE.x, product(RE.i, RE.p, RE.c)),
    ...splatFrom(RE.src, RE.a, RE.av),
    ...op.get(RE.fitted),
    ...op.set(RE.out),
    ...address(RE.src, RE.coef, product(RE.c, RE.m)),
    ...scaledAdd(RE),
  ]),
  // sigma2 += (y[i*m + .] - fitted)^2
  ...op.get(RE.fitted),
  ...op.set(RE.out),
  ...op.get(RE.sigma2),
  ...op.set(RE.row),
  ...address(RE.src, RE.y, product(RE.i, RE.m)),
  ...overTaxa(RE.out, RE.src, RE.end, RE.m, squaredResidual(true), squaredResidual(false)),
]);

const module = compileOrNull(
  [
    {
      name: "coefficients",
      params: [I32, I32, I32, I32, I32, I32],
      results: [],
      locals: [I32, I32, I32, I32, I32, F64, V128],
      body: coefficientsBody,
    },
    {
      name: "residuals",
      params: [I32, I32, I32, I32, I32, I32, I32, I32],
      results: [],
      locals: [I32, I32, I32, I32, I32, I32, F64, F64, V128, V128],
      body: residualsBody,
    },
  ],
  false,
);

interface Kernels {
  buffer: ArrayBuffer;
  coefficients: (coef: number, h: number, y: number, n: number, p: number, m: number) => void;
  residuals: (
    sigma2: number,
    fitted: number,
    x: number,
    coef: number,
    y: number,
    n: number,
    p: number,
    m: number,
  ) => void;
}

/** This thread's instance (thread-kernels.ts; none before the first fit). */
const instances = new ThreadKernels<Kernels>(module, (exports, buffer) => ({
  buffer,
  coefficients: exports.coefficients as Kernels["coefficients"],
  residuals: exports.residuals as Kernels["residuals"],
}));

/** What the loops of a fit read (H p x n, X n x p, Y n x m) and add to (B p x m, the RSS per response). */
export interface SharedDesignSums {
  h: Float64Array;
  x: Float64Array;
  y: Float64Array;
  n: number;
  p: number;
  m: number;
  coef: Float64Array;
  sigma2: Float64Array;
}

/**
 * The coefficients and residual sums of squares of `fitSharedDesign` (added to `coef` and
 * `sigma2`, which the caller zeroed) in WebAssembly SIMD; false (nothing done) where it is missing,
 * and the caller runs its TypeScript loops (`sharedDesignLoops`).
 */
export function fitSharedDesignSimd({ h, x, y, n, p, m, coef, sigma2 }: SharedDesignSums): boolean {
  // layout: coef (p m), sigma2 (m), fitted (m), h (p n), x (n p), y (n m)
  const offsets = [p * m, m, m, p * n, n * p, n * m];
  const k = instances.at(8 * offsets.reduce((a, b) => a + b, 0));
  if (k === null) return false;
  const starts: number[] = [];
  offsets.reduce((at, length) => {
    starts.push(at);
    return at + 8 * length;
  }, 0);
  const [coefAt, sigmaAt, fittedAt, hAt, xAt, yAt] = starts as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const view = (at: number, length: number) => new Float64Array(k.buffer, at, length);
  view(coefAt, p * m).set(coef);
  view(sigmaAt, m).set(sigma2);
  view(hAt, p * n).set(h);
  view(xAt, n * p).set(x);
  view(yAt, n * m).set(y.subarray(0, n * m));
  k.coefficients(coefAt, hAt, yAt, n, p, m);
  k.residuals(sigmaAt, fittedAt, xAt, coefAt, yAt, n, p, m);
  coef.set(view(coefAt, p * m));
  sigma2.set(view(sigmaAt, m));
  return true;
}
