/**
 * The coordinate-descent kernels of the elastic net in WebAssembly SIMD, two rows per step in the two
 * f64 lanes (the TypeScript references: column-dots.ts and cd-sweep.ts):
 *
 *   pass:    r_i <- r_i - d wz_i (every row; d = 0 leaves r as it is), g_a = sum_i za_i r_i, g_b = sum_i zb_i r_i
 *   dots:    out_j = (sum_i z_ij r_i) / n for each column j of a list, two columns per pass over the rows
 *   squares: wz_ij = w_i z_ij and out_j = (sum_i wz_ij z_ij) / n for each column j of a list
 *   sweep:   one cycle of coordinate descent over the working set (cd-sweep.ts), calling pass (and
 *            next, the following position it visits) - one call from JavaScript per sweep
 *   covSweep, catchUp: the covariance updates of the gaussian family (cd-covariance.ts), calling
 *            axpy, g_i <- g_i - d G_i two entries per step (entry by entry: no sum across lanes)
 *
 * Lane 0 sums the even rows (and the last row of an odd n), lane 1 the odd rows, and a sum is
 * lane 0 + lane 1 at the end: exactly the operations, in the same order, of the TypeScript loops
 * (column-dots.ts), so both give the same bytes (tested); the sweep's scalar steps are cd-sweep.ts'
 * in the same order. In V8 a sum over n ~ 40 rows is bound by the bounds-checked loads and the chain
 * of additions; two lanes and no bounds checks make a pass ~3x faster, call included, and the sweep
 * saves a call from JavaScript per coordinate (docs/PERFORMANCE.md).
 *
 * The arrays live in one WebAssembly memory per thread ({@link cdBuffer}: the solver lays out its
 * working arrays there, elastic-net.ts); the module is built by src/core/wasm/encode.ts
 * (WebAssembly Core Specification 2.0 with 128-bit SIMD, https://www.w3.org/TR/wasm-core-2/).
 * Where WebAssembly SIMD is missing the TypeScript loops run.
 */
import { advance, compileOrNull, F64, I32, loopUntil, op, u32, V128 } from "../wasm/encode.js";
import { ThreadKernels } from "../wasm/thread-kernels.js";

// instructions outside encode.ts' set (spec 5.4): loads, comparisons, arithmetic, control (if with no
// result, an i32 or an f64; else; call)
const i32Load = (offset: number) => [0x28, 2, ...u32(offset)];
const i32And = [0x71];
const i32Or = [0x72];
const f64Sub = [0xa1];
const f64Div = [0xa3];
const f64FromI32 = [0xb7];
const ifThen = [0x04, 0x40];
const ifI32 = [0x04, 0x7f];
const ifF64 = [0x04, 0x7c];
const elseOp = [0x05];
const i32Eqz = [0x45];
const i32Ne = [0x47];
const i32LtS = [0x48];
const f64Eq = [0x61];
const f64Ne = [0x62];
const f64Lt = [0x63];
const f64Gt = [0x64];
const f64Neg = [0x9a];
const f64Max = [0xa5];
const call = (index: number) => [0x10, ...u32(index)];
// function indices, in the module's order
const PASS = 0;
const NEXT = 2;
const AXPY = 5;

/** f64 at the i32 address `local` + `offset` onto the stack. */
const load = (local: number, offset = 0) => [...op.get(local), ...op.f64Load(offset)];
/** lane 0 + lane 1 of the v128 local `v` onto the stack. */
const lanes = (v: number) => [
  ...op.get(v),
  ...op.f64x2ExtractLane(0),
  ...op.get(v),
  ...op.f64x2ExtractLane(1),
  ...op.f64Add,
];
/** lane 0 of v128 local `v` += the f64 on the stack (the last row of an odd n) */
const addToLane0 = (v: number, term: number[]) => [
  ...op.get(v),
  ...op.get(v),
  ...op.f64x2ExtractLane(0),
  ...term,
  ...op.f64Add,
  ...op.f64x2ReplaceLane(0),
  ...op.set(v),
];

// pass(wz, d, za, zb, r, n, out): byte addresses but d and n
const P = { wz: 0, d: 1, za: 2, zb: 3, r: 4, n: 5, out: 6, end: 7, dv: 8, ga: 9, gb: 10, rv: 11, rs: 12 };
const passBody: number[] = [
  ...[...op.get(P.d), ...op.f64x2Splat, ...op.set(P.dv)],
  ...[...op.get(P.r), ...op.get(P.n), ...op.i32Const(-2), ...i32And, ...op.i32Const(3), ...op.i32Shl],
  ...[...op.i32Add, ...op.set(P.end)],
  ...loopUntil(
    [...op.get(P.r), ...op.get(P.end), ...op.i32GeU],
    [
      ...[
        ...op.get(P.r),
        ...op.get(P.r),
        ...op.v128Load(),
        ...op.get(P.dv),
        ...op.get(P.wz),
        ...op.v128Load(),
      ],
      ...[...op.f64x2Mul, ...op.f64x2Sub, ...op.tee(P.rv), ...op.v128Store()],
      ...[
        ...op.get(P.ga),
        ...op.get(P.za),
        ...op.v128Load(),
        ...op.get(P.rv),
        ...op.f64x2Mul,
        ...op.f64x2Add,
      ],
      ...[
        ...op.set(P.ga),
        ...op.get(P.gb),
        ...op.get(P.zb),
        ...op.v128Load(),
        ...op.get(P.rv),
        ...op.f64x2Mul,
      ],
      ...[...op.f64x2Add, ...op.set(P.gb)],
      ...[...advance(P.wz, 16), ...advance(P.za, 16), ...advance(P.zb, 16), ...advance(P.r, 16)],
    ],
  ),
  ...[...op.get(P.n), ...op.i32Const(1), ...i32And, ...ifThen],
  ...[...op.get(P.r), ...load(P.r), ...op.get(P.d), ...load(P.wz), ...op.f64Mul, ...f64Sub, ...op.tee(P.rs)],
  ...op.f64Store(),
  ...addToLane0(P.ga, [...load(P.za), ...op.get(P.rs), ...op.f64Mul]),
  ...addToLane0(P.gb, [...load(P.zb), ...op.get(P.rs), ...op.f64Mul]),
  ...op.end,
  ...[
    ...op.get(P.out),
    ...lanes(P.ga),
    ...op.f64Store(0),
    ...op.get(P.out),
    ...lanes(P.gb),
    ...op.f64Store(8),
  ],
];

// dots(z, cols, m, r, n, out): byte addresses but m and n; cols holds i32 column indices
const D = { z: 0, cols: 1, m: 2, r: 3, n: 4, out: 5, colsEnd: 6, end: 7, ri: 8, a: 9, rv: 11, g: 12, rs: 14 };
/** out[j_c] = (sum_i z_{i j_c} r_i) / n for the k (1 or 2) columns at D.cols; then cols += 4 k. */
function dotColumns(k: number): number[] {
  const cols = Array.from({ length: k }, (_, c) => c);
  return [
    ...cols.flatMap((c) => [
      ...[...op.get(D.z), ...op.get(D.cols), ...i32Load(4 * c), ...op.get(D.n), ...op.i32Mul],
      ...[...op.i32Const(3), ...op.i32Shl, ...op.i32Add, ...op.set(D.a + c)],
      ...[...op.f64Zero, ...op.f64x2Splat, ...op.set(D.g + c)],
    ]),
    ...[...op.get(D.r), ...op.set(D.ri)],
    ...loopUntil(
      [...op.get(D.ri), ...op.get(D.end), ...op.i32GeU],
      [
        ...[...op.get(D.ri), ...op.v128Load(), ...op.set(D.rv)],
        ...cols.flatMap((c) => [
          ...[...op.get(D.g + c), ...op.get(D.a + c), ...op.v128Load(), ...op.get(D.rv), ...op.f64x2Mul],
          ...[...op.f64x2Add, ...op.set(D.g + c), ...advance(D.a + c, 16)],
        ]),
        ...advance(D.ri, 16),
      ],
    ),
    ...[...op.get(D.n), ...op.i32Const(1), ...i32And, ...ifThen, ...load(D.ri), ...op.set(D.rs)],
    ...cols.flatMap((c) => addToLane0(D.g + c, [...load(D.a + c), ...op.get(D.rs), ...op.f64Mul])),
    ...op.end,
    ...cols.flatMap((c) => [
      ...[...op.get(D.out), ...op.get(D.cols), ...i32Load(4 * c), ...op.i32Const(3), ...op.i32Shl],
      ...[...op.i32Add, ...lanes(D.g + c), ...op.get(D.n), ...f64FromI32, ...f64Div, ...op.f64Store()],
    ]),
    ...advance(D.cols, 4 * k),
  ];
}
const dotsBody: number[] = [
  ...[...op.get(D.cols), ...op.get(D.m), ...op.i32Const(2), ...op.i32Shl, ...op.i32Add, ...op.set(D.colsEnd)],
  ...[...op.get(D.r), ...op.get(D.n), ...op.i32Const(-2), ...i32And, ...op.i32Const(3), ...op.i32Shl],
  ...[...op.i32Add, ...op.set(D.end)],
  // fewer than two columns left: leave the loop
  ...loopUntil(
    [...op.get(D.colsEnd), ...op.get(D.cols), ...op.i32Sub, ...op.i32Const(8), ...op.i32LtU],
    dotColumns(2),
  ),
  ...[...op.get(D.cols), ...op.get(D.colsEnd), ...op.i32LtU, ...ifThen, ...dotColumns(1), ...op.end],
];

// squares(z, w, cols, m, n, out, wz): byte addresses but m and n; as dots, one column per pass, with
// t = w z stored in wz and summed as t z
const S = { z: 0, w: 1, cols: 2, m: 3, n: 4, out: 5, wz: 6, colsEnd: 7, a: 8, c: 9, wi: 10, wEnd: 11 };
const SV = { t: 12, g: 13, ts: 14 };
const squaresBody: number[] = [
  ...[...op.get(S.cols), ...op.get(S.m), ...op.i32Const(2), ...op.i32Shl, ...op.i32Add, ...op.set(S.colsEnd)],
  ...[...op.get(S.w), ...op.get(S.n), ...op.i32Const(-2), ...i32And, ...op.i32Const(3), ...op.i32Shl],
  ...[...op.i32Add, ...op.set(S.wEnd)],
  ...loopUntil(
    [...op.get(S.cols), ...op.get(S.colsEnd), ...op.i32GeU],
    [
      ...[
        ...op.get(S.cols),
        ...i32Load(0),
        ...op.get(S.n),
        ...op.i32Mul,
        ...op.i32Const(3),
        ...op.i32Shl,
        ...op.tee(S.a),
      ],
      ...[
        ...op.get(S.wz),
        ...op.i32Add,
        ...op.set(S.c),
        ...op.get(S.a),
        ...op.get(S.z),
        ...op.i32Add,
        ...op.set(S.a),
      ],
      ...[...op.get(S.w), ...op.set(S.wi), ...op.f64Zero, ...op.f64x2Splat, ...op.set(SV.g)],
      ...loopUntil(
        [...op.get(S.wi), ...op.get(S.wEnd), ...op.i32GeU],
        [
          ...[
            ...op.get(S.c),
            ...op.get(S.wi),
            ...op.v128Load(),
            ...op.get(S.a),
            ...op.v128Load(),
            ...op.f64x2Mul,
          ],
          ...[
            ...op.tee(SV.t),
            ...op.v128Store(),
            ...op.get(SV.g),
            ...op.get(SV.t),
            ...op.get(S.a),
            ...op.v128Load(),
          ],
          ...[...op.f64x2Mul, ...op.f64x2Add, ...op.set(SV.g)],
          ...[...advance(S.a, 16), ...advance(S.c, 16), ...advance(S.wi, 16)],
        ],
      ),
      ...[...op.get(S.n), ...op.i32Const(1), ...i32And, ...ifThen],
      ...[...op.get(S.c), ...load(S.wi), ...load(S.a), ...op.f64Mul, ...op.tee(SV.ts), ...op.f64Store()],
      ...addToLane0(SV.g, [...op.get(SV.ts), ...load(S.a), ...op.f64Mul]),
      ...op.end,
      ...[...op.get(S.out), ...op.get(S.cols), ...i32Load(0), ...op.i32Const(3), ...op.i32Shl, ...op.i32Add],
      ...[...lanes(SV.g), ...op.get(S.n), ...f64FromI32, ...f64Div, ...op.f64Store()],
      ...advance(S.cols, 4),
    ],
  ),
];

// next(work, workSize, b, nonzeroOnly, q): the first position >= q of the working set that a sweep
// visits (cd-sweep.ts' nextCoordinate)
const X = { work: 0, size: 1, b: 2, nz: 3, q: 4 };
const nextBody: number[] = [
  // leave at the end of the list, at any position when nonzeroOnly is 0, or at a non-zero b
  ...loopUntil(
    [...op.get(X.q), ...op.get(X.size), ...op.i32GeS],
    [
      ...[...op.get(X.nz), ...i32Eqz, ...op.brIf(1)],
      ...[...op.get(X.work), ...op.get(X.q), ...op.i32Const(2), ...op.i32Shl, ...op.i32Add, ...i32Load(0)],
      ...[
        ...op.i32Const(3),
        ...op.i32Shl,
        ...op.get(X.b),
        ...op.i32Add,
        ...op.f64Load(),
        ...op.f64Zero,
        ...f64Ne,
      ],
      ...op.brIf(1),
      ...advance(X.q, 1),
    ],
  ),
  ...op.get(X.q),
];

// sweep(z, wz, v, b, r, work, workSize, n, l1, l2, nonzeroOnly, sums) -> max v_j (Delta b_j)^2:
// cd-sweep.ts' sweepTs, step for step (its comments), with `pass` and `next` called
const W = { z: 0, wz: 1, v: 2, b: 3, r: 4, work: 5, size: 6, n: 7, l1: 8, l2: 9, nz: 10, sums: 11 };
const WL = { q: 12, j: 13, ahead: 14, pending: 15, col: 16, bj: 17, g: 18, gAhead: 19, pendingD: 20 };
const WF = { maxDelta: 21, bNew: 22, d: 23, vj: 24, t: 25, nf: 26 };
const callNext = (from: number[]) => [
  ...[...op.get(W.work), ...op.get(W.size), ...op.get(W.b), ...op.get(W.nz), ...from, ...call(NEXT)],
];
/** z + 8 n (column index on the stack) */
const columnAddress = [...op.get(WL.col), ...op.i32Mul, ...op.get(W.z), ...op.i32Add];
const workAt = (q: number[]) => [
  ...op.get(W.work),
  ...q,
  ...op.i32Const(2),
  ...op.i32Shl,
  ...op.i32Add,
  ...i32Load(0),
];
const sweepBody: number[] = [
  ...[...op.get(W.n), ...f64FromI32, ...op.set(WF.nf), ...op.get(W.n), ...op.i32Const(3), ...op.i32Shl],
  ...[...op.set(WL.col), ...op.i32Const(-1), ...op.set(WL.ahead)],
  ...[...callNext(op.i32Const(0)), ...op.set(WL.q)],
  ...loopUntil(
    [...op.get(WL.q), ...op.get(W.size), ...op.i32GeS],
    [
      ...[...workAt(op.get(WL.q)), ...op.set(WL.j)],
      ...[
        ...op.get(WL.j),
        ...op.i32Const(3),
        ...op.i32Shl,
        ...op.get(W.b),
        ...op.i32Add,
        ...op.f64Load(),
        ...op.set(WL.bj),
      ],
      ...[...op.get(WL.gAhead), ...op.set(WL.g)],
      ...[...op.get(WL.ahead), ...op.get(WL.q), ...i32Ne, ...ifThen],
      // ahead = bj == 0 ? next(q + 1) : workSize
      ...[...op.get(WL.bj), ...op.f64Zero, ...f64Eq, ...ifI32],
      ...[
        ...callNext([...op.get(WL.q), ...op.i32Const(1), ...op.i32Add]),
        ...elseOp,
        ...op.get(W.size),
        ...op.end,
      ],
      ...op.set(WL.ahead),
      // pass(wz + pending, pendingD, column j, column work[ahead] or j again)
      ...[...op.get(W.wz), ...op.get(WL.pending), ...op.i32Add, ...op.get(WL.pendingD)],
      ...[...op.get(WL.j), ...columnAddress],
      ...[
        ...op.get(WL.ahead),
        ...op.get(W.size),
        ...i32LtS,
        ...ifI32,
        ...workAt(op.get(WL.ahead)),
        ...elseOp,
      ],
      ...[...op.get(WL.j), ...op.end, ...columnAddress],
      ...[...op.get(W.r), ...op.get(W.n), ...op.get(W.sums), ...call(PASS)],
      ...[...op.f64Zero, ...op.set(WL.pendingD)],
      ...[
        ...op.get(W.sums),
        ...op.f64Load(0),
        ...op.set(WL.g),
        ...op.get(W.sums),
        ...op.f64Load(8),
        ...op.set(WL.gAhead),
      ],
      ...op.end,
      // t = g / n + v_j b_j; bNew = S(t, l1) / (v_j + l2); d = bNew - b_j
      ...[
        ...op.get(WL.j),
        ...op.i32Const(3),
        ...op.i32Shl,
        ...op.get(W.v),
        ...op.i32Add,
        ...op.f64Load(),
        ...op.set(WF.vj),
      ],
      ...[
        ...op.get(WL.g),
        ...op.get(WF.nf),
        ...f64Div,
        ...op.get(WF.vj),
        ...op.get(WL.bj),
        ...op.f64Mul,
        ...op.f64Add,
      ],
      ...op.set(WF.t),
      ...[
        ...op.get(WF.t),
        ...op.get(W.l1),
        ...f64Gt,
        ...ifF64,
        ...op.get(WF.t),
        ...op.get(W.l1),
        ...f64Sub,
        ...elseOp,
      ],
      ...[
        ...op.get(WF.t),
        ...op.get(W.l1),
        ...f64Neg,
        ...f64Lt,
        ...ifF64,
        ...op.get(WF.t),
        ...op.get(W.l1),
        ...op.f64Add,
      ],
      ...[...elseOp, ...op.f64Zero, ...op.end, ...op.end],
      ...[
        ...op.get(WF.vj),
        ...op.get(W.l2),
        ...op.f64Add,
        ...f64Div,
        ...op.tee(WF.bNew),
        ...op.get(WL.bj),
        ...f64Sub,
      ],
      ...op.tee(WF.d),
      ...[...op.f64Zero, ...f64Ne, ...ifThen],
      ...[...op.get(WL.j), ...op.i32Const(3), ...op.i32Shl, ...op.get(W.b), ...op.i32Add, ...op.get(WF.bNew)],
      ...op.f64Store(),
      ...[
        ...op.get(WF.maxDelta),
        ...op.get(WF.vj),
        ...op.get(WF.d),
        ...op.f64Mul,
        ...op.get(WF.d),
        ...op.f64Mul,
      ],
      ...[...f64Max, ...op.set(WF.maxDelta)],
      ...[
        ...op.get(WL.j),
        ...op.get(WL.col),
        ...op.i32Mul,
        ...op.set(WL.pending),
        ...op.get(WF.d),
        ...op.set(WL.pendingD),
      ],
      ...[...op.i32Const(-1), ...op.set(WL.ahead)],
      ...op.end,
      ...[...callNext([...op.get(WL.q), ...op.i32Const(1), ...op.i32Add]), ...op.set(WL.q)],
    ],
  ),
  // the last update: pass(wz + pending, pendingD, column 0, column 0)
  ...[...op.get(WL.pendingD), ...op.f64Zero, ...f64Ne, ...ifThen],
  ...[
    ...op.get(W.wz),
    ...op.get(WL.pending),
    ...op.i32Add,
    ...op.get(WL.pendingD),
    ...op.get(W.z),
    ...op.get(W.z),
  ],
  ...[...op.get(W.r), ...op.get(W.n), ...op.get(W.sums), ...call(PASS), ...op.end],
  ...op.get(WF.maxDelta),
];

// axpy(g, c, count, d): g_i <- g_i - d c_i for count entries (byte addresses g and c), entry by entry:
// four entries per step, then two, then one
const A = { g: 0, c: 1, count: 2, d: 3, end: 4, dv: 5 };
/** g[k..k+2) -= d c[k..k+2) at byte offset `offset` from g and c */
const axpyPair = (offset: number) => [
  ...[...op.get(A.g), ...op.get(A.g), ...op.v128Load(offset), ...op.get(A.c), ...op.v128Load(offset)],
  ...[...op.get(A.dv), ...op.f64x2Mul, ...op.f64x2Sub, ...op.v128Store(offset)],
];
const axpyBody: number[] = [
  ...[...op.get(A.d), ...op.f64x2Splat, ...op.set(A.dv)],
  ...[...op.get(A.g), ...op.get(A.count), ...op.i32Const(-4), ...i32And, ...op.i32Const(3), ...op.i32Shl],
  ...[...op.i32Add, ...op.set(A.end)],
  ...loopUntil(
    [...op.get(A.g), ...op.get(A.end), ...op.i32GeU],
    [...axpyPair(0), ...axpyPair(16), ...advance(A.g, 32), ...advance(A.c, 32)],
  ),
  ...[...op.get(A.count), ...op.i32Const(2), ...i32And, ...ifThen],
  ...[...axpyPair(0), ...advance(A.g, 16), ...advance(A.c, 16), ...op.end],
  ...[...op.get(A.count), ...op.i32Const(1), ...i32And, ...ifThen],
  ...[...op.get(A.g), ...load(A.g), ...op.get(A.d), ...load(A.c), ...op.f64Mul, ...f64Sub, ...op.f64Store()],
  ...op.end,
];

/** the f64 at address base + 8 i (i an i32 on the stack) onto the stack */
const f64At = (base: number) => [
  ...op.i32Const(3),
  ...op.i32Shl,
  ...op.get(base),
  ...op.i32Add,
  ...op.f64Load(),
];
/** the i32 at address base + 4 i (i an i32 on the stack) onto the stack */
const i32At = (base: number) => [
  ...op.i32Const(2),
  ...op.i32Shl,
  ...op.get(base),
  ...op.i32Add,
  ...i32Load(0),
];

// covSweep(g, gram, colBytes, slot, pos, v, b, work, workSize, w, l1, l2, nonzeroOnly) -> max v_j d^2:
// cd-covariance.ts' sweepTs, step for step
const C = {
  g: 0,
  gram: 1,
  col: 2,
  slot: 3,
  pos: 4,
  v: 5,
  b: 6,
  work: 7,
  size: 8,
  w: 9,
  l1: 10,
  l2: 11,
  nz: 12,
};
const CL = { q: 13, j: 14, bj: 15, vj: 16, t: 17, bNew: 18, d: 19, maxDelta: 20 };
/** the address of coordinate j's Gram column, gram + slot[j] colBytes */
const gramColumn = (slot: number, gram: number, col: number, j: number) => [
  ...op.get(j),
  ...i32At(slot),
  ...op.get(col),
  ...op.i32Mul,
  ...op.get(gram),
  ...op.i32Add,
];
const covSweepBody: number[] = [
  ...loopUntil(
    [...op.get(CL.q), ...op.get(C.size), ...op.i32GeS],
    [
      ...[...op.get(CL.q), ...i32At(C.work), ...op.set(CL.j)],
      ...[...op.get(CL.j), ...f64At(C.b), ...op.set(CL.bj)],
      // visited unless nonzeroOnly and b_j = 0
      ...[...op.get(C.nz), ...i32Eqz, ...op.get(CL.bj), ...op.f64Zero, ...f64Ne, ...i32Or, ...ifThen],
      ...[...op.get(CL.j), ...f64At(C.v), ...op.set(CL.vj)],
      // t = g[pos j] + v_j b_j
      ...[...op.get(CL.j), ...i32At(C.pos), ...f64At(C.g), ...op.get(CL.vj), ...op.get(CL.bj), ...op.f64Mul],
      ...[...op.f64Add, ...op.set(CL.t)],
      // S(t, l1) / (v_j + l2)
      ...[...op.get(CL.t), ...op.get(C.l1), ...f64Gt, ...ifF64, ...op.get(CL.t), ...op.get(C.l1), ...f64Sub],
      ...[...elseOp, ...op.get(CL.t), ...op.get(C.l1), ...f64Neg, ...f64Lt, ...ifF64],
      ...[...op.get(CL.t), ...op.get(C.l1), ...op.f64Add, ...elseOp, ...op.f64Zero, ...op.end, ...op.end],
      ...[...op.get(CL.vj), ...op.get(C.l2), ...op.f64Add, ...f64Div, ...op.tee(CL.bNew)],
      ...[...op.get(CL.bj), ...f64Sub, ...op.tee(CL.d), ...op.f64Zero, ...f64Ne, ...ifThen],
      ...[...op.get(CL.j), ...op.i32Const(3), ...op.i32Shl, ...op.get(C.b), ...op.i32Add, ...op.get(CL.bNew)],
      ...op.f64Store(),
      ...[...op.get(CL.maxDelta), ...op.get(CL.vj), ...op.get(CL.d), ...op.f64Mul, ...op.get(CL.d)],
      ...[...op.f64Mul, ...f64Max, ...op.set(CL.maxDelta)],
      ...[...op.get(C.g), ...gramColumn(C.slot, C.gram, C.col, CL.j), ...op.get(C.w), ...op.get(CL.d)],
      ...call(AXPY),
      ...[...op.end, ...op.end],
      ...advance(CL.q, 1),
    ],
  ),
  ...op.get(CL.maxDelta),
];

// catchUp(g, gram, colBytes, slot, b, bs, work, workSize, w, p): cd-covariance.ts' catchUpTs
const U = { g: 0, gram: 1, col: 2, slot: 3, b: 4, bs: 5, work: 6, size: 7, w: 8, p: 9, q: 10, j: 11, d: 12 };
const catchUpBody: number[] = [
  ...loopUntil(
    [...op.get(U.q), ...op.get(U.size), ...op.i32GeS],
    [
      ...[...op.get(U.q), ...i32At(U.work), ...op.set(U.j)],
      ...[...op.get(U.j), ...f64At(U.b), ...op.get(U.j), ...f64At(U.bs), ...f64Sub, ...op.tee(U.d)],
      ...[...op.f64Zero, ...f64Ne, ...ifThen],
      // axpy(g + 8 w, column + 8 w, p - w, d)
      ...[...op.get(U.g), ...op.get(U.w), ...op.i32Const(3), ...op.i32Shl, ...op.i32Add],
      ...[...gramColumn(U.slot, U.gram, U.col, U.j), ...op.get(U.w), ...op.i32Const(3), ...op.i32Shl],
      ...[...op.i32Add, ...op.get(U.p), ...op.get(U.w), ...op.i32Sub, ...op.get(U.d), ...call(AXPY)],
      ...[...op.get(U.j), ...op.i32Const(3), ...op.i32Shl, ...op.get(U.bs), ...op.i32Add],
      ...[...op.get(U.j), ...f64At(U.b), ...op.f64Store(), ...op.end],
      ...advance(U.q, 1),
    ],
  ),
];

const module = compileOrNull(
  [
    {
      name: "pass",
      params: [I32, F64, I32, I32, I32, I32, I32],
      results: [],
      locals: [I32, V128, V128, V128, V128, F64],
      body: passBody,
    },
    {
      name: "dots",
      params: [I32, I32, I32, I32, I32, I32],
      results: [],
      locals: [I32, I32, I32, I32, I32, V128, V128, V128, F64],
      body: dotsBody,
    },
    {
      name: "next",
      params: [I32, I32, I32, I32, I32],
      results: [I32],
      locals: [],
      body: nextBody,
    },
    {
      name: "sweep",
      params: [I32, I32, I32, I32, I32, I32, I32, I32, F64, F64, I32, I32],
      results: [F64],
      locals: [I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, F64, F64, F64, F64, F64],
      body: sweepBody,
    },
    {
      name: "squares",
      params: [I32, I32, I32, I32, I32, I32, I32],
      results: [],
      locals: [I32, I32, I32, I32, I32, V128, V128, F64],
      body: squaresBody,
    },
    {
      name: "axpy",
      params: [I32, I32, I32, F64],
      results: [],
      locals: [I32, V128],
      body: axpyBody,
    },
    {
      name: "covSweep",
      params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, F64, F64, I32],
      results: [F64],
      locals: [I32, I32, F64, F64, F64, F64, F64, F64],
      body: covSweepBody,
    },
    {
      name: "catchUp",
      params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32],
      results: [],
      locals: [I32, I32, F64],
      body: catchUpBody,
    },
  ],
  false,
);

/** An instance on its own memory: the memory's buffer and the two kernels (byte addresses as above). */
interface CdKernels {
  buffer: ArrayBuffer;
  pass: (wz: number, d: number, za: number, zb: number, r: number, n: number, out: number) => void;
  dots: (z: number, cols: number, m: number, r: number, n: number, out: number) => void;
  squares: (z: number, w: number, cols: number, m: number, n: number, out: number, wz: number) => void;
  sweep: (
    z: number,
    wz: number,
    v: number,
    b: number,
    r: number,
    work: number,
    workSize: number,
    n: number,
    l1: number,
    l2: number,
    nonzeroOnly: number,
    sums: number,
  ) => number;
  covariance: CovarianceKernels;
}

/** The covariance updates' kernels (cd-covariance.ts), byte addresses but colBytes, sizes and reals. */
export interface CovarianceKernels {
  sweep: (
    g: number,
    gram: number,
    colBytes: number,
    slot: number,
    pos: number,
    v: number,
    b: number,
    work: number,
    workSize: number,
    w: number,
    l1: number,
    l2: number,
    nonzeroOnly: number,
  ) => number;
  catchUp: (
    g: number,
    gram: number,
    colBytes: number,
    slot: number,
    b: number,
    bs: number,
    work: number,
    workSize: number,
    w: number,
    p: number,
  ) => void;
}

/** This thread's instance (none before the first {@link cdBuffer}). */
const instances = new ThreadKernels<CdKernels>(module, (exports, buffer) => ({
  buffer,
  pass: exports.pass as CdKernels["pass"],
  dots: exports.dots as CdKernels["dots"],
  squares: exports.squares as CdKernels["squares"],
  sweep: exports.sweep as CdKernels["sweep"],
  covariance: {
    sweep: exports.covSweep as CovarianceKernels["sweep"],
    catchUp: exports.catchUp as CovarianceKernels["catchUp"],
  },
}));

/**
 * A buffer of at least `bytes` bytes for the solver's arrays: this thread's WebAssembly memory
 * (thread-kernels.ts: replaced by a larger instance when too small, never grown), or a new
 * ArrayBuffer where WebAssembly SIMD is missing or the memory cannot be had. Its contents are those
 * the last caller left, and it is the same buffer until a caller needs more.
 * {@link simdPass} and {@link simdDots} run on views of it.
 */
export function cdBuffer(bytes: number): ArrayBuffer {
  return instances.at(bytes)?.buffer ?? new ArrayBuffer(bytes);
}

/** Consecutive Float64Array views of `buffer` from its start, one per call of `take(length)`. */
export function f64Views(buffer: ArrayBuffer): (length: number) => Float64Array {
  let at = 0;
  return (length) => {
    const view = new Float64Array(buffer, at, length);
    at += 8 * length;
    return view;
  };
}

/** The `pass` kernel when `r` is a view of the WebAssembly memory, else null. */
export function simdPass(r: Float64Array): CdKernels["pass"] | null {
  return instances.on(r)?.pass ?? null;
}

/** The `sweep` kernel when `z` is a view of the WebAssembly memory, else null. */
export function simdSweep(z: Float64Array): CdKernels["sweep"] | null {
  return instances.on(z)?.sweep ?? null;
}

/** The `squares` kernel when `z` is a view of the WebAssembly memory, else null. */
export function simdSquares(z: Float64Array): CdKernels["squares"] | null {
  return instances.on(z)?.squares ?? null;
}

/** The `dots` kernel when `r` is a view of the WebAssembly memory, else null. */
export function simdDots(r: Float64Array): CdKernels["dots"] | null {
  return instances.on(r)?.dots ?? null;
}

/** The covariance kernels when `g` is a view of the WebAssembly memory, else null. */
export function simdCovariance(g: Float64Array): CovarianceKernels | null {
  return instances.on(g)?.covariance ?? null;
}
