/**
 * The log2 centred log-ratio of one row in WebAssembly SIMD, four values per step (two pairs in
 * the two f64 lanes, their instructions interleaved so that two independent chains are in flight;
 * `clrRowsInPlace` of log-ratio.ts is the TypeScript one, with the same bytes: tested):
 *
 *   v_j = log2(x_j),   mean = (((0 + v_0) + v_1) + ... + v_{m-1}) / m,   y_j = v_j - mean
 *
 * log2 is FreeBSD's msun e_log2.c (fdlibm; Sun Microsystems 1993, Bruce D. Evans 2013), the
 * function V8 compiles `Math.log2` to (src/base/ieee754.cc): reduce x = 2^k (1 + f) with
 * sqrt(2)/2 <= 1 + f < sqrt(2), then
 *
 *   s = f / (2 + f),  R = z (Lg1 + w (Lg3 + w (Lg5 + w Lg7))) + w (Lg2 + w (Lg4 + w Lg6))  (z = s^2, w = z^2),
 *   hi = (f - f^2/2) with its low 32 bits cleared,  lo = (f - hi) - f^2/2 + s (f^2/2 + R),
 *   log2 x = k + hi ivln2hi + ((lo + hi) ivln2lo + lo ivln2hi)   (k + hi ivln2hi added exactly as spadd)
 *
 * in the same operations and order on each lane, subnormal inputs scaled by 2^54 first (as the
 * C code); so each value is the bit pattern `Math.log2` gives in V8 (tested against it, subnormals,
 * powers of two and values near 1 and sqrt(2) included). The domain is that of a Dirichlet
 * instance: positive finite numbers (no zero, infinity or NaN branch). The sum of the mean runs
 * over j in order, one lane at a time, as the TypeScript loop.
 *
 * (An engine whose `Math.log2` is not fdlibm's gets V8's bits here, and its own in the fallback.)
 * In V8 `Math.log2` is a call to C++ per value (~9 ns here, most of ALDEx2's CLR; this kernel ~5
 * ns a value); the module is built by src/core/wasm/encode.ts (WebAssembly Core Specification 2.0 with 128-bit SIMD,
 * https://www.w3.org/TR/wasm-core-2/), one memory per thread holding the row. Where WebAssembly
 * SIMD is missing the TypeScript loop runs.
 */
import { advance, type Code, compileOrNull, expr, F64, I32, loopUntil, op, V128 } from "../wasm/encode.js";

// instructions outside encode.ts' set (spec 5.4)
const f64Div = [0xa3];
const f64FromI32 = [0xb7];

// e_log2.c's constants (shortest decimals of its bit patterns, given as hex)
const TWO54 = 2 ** 54; // 0x43500000 00000000
const IVLN2HI = 1.4426950407214463; // 0x3ff71547 65200000
const IVLN2LO = 1.6751713164886512e-10; // 0x3de705fc 2eefa200
// Lg1 .. Lg7 (k_log.h): 0x3fe55555 55555593, 0x3fd99999 9997fa04, 0x3fd24924 94229359,
// 0x3fcc71c5 1d8e78af, 0x3fc74664 96cb03de, 0x3fc39a09 d078c69f, 0x3fc2f112 df3e5244
const LG = [
  0.6666666666666735, 0.3999999999940942, 0.2857142874366239, 0.22222198432149784, 0.1818357216161805,
  0.15313837699209373, 0.14798198605116586,
] as const;

// clr(ptr, m): parameters, then locals
const PTR = 0;
const M = 1;
const P = 2; // i32: byte address of the current pair (or value)
const END = 3; // i32
const MEAN = 4; // f64
/** The v128 locals of one pair's log2. */
const PAIR_LOCALS = [
  "X",
  "MASK",
  "K",
  "HX",
  "I",
  "F",
  "HFSQ",
  "S",
  "Z",
  "W",
  "HI",
  "LO",
  "VHI",
  "VLO",
  "Y",
] as const;
type PairLocals = Record<(typeof PAIR_LOCALS)[number], number>;
/** The locals of the pair at `first`, `first` + 1, ... */
const pairLocals = (first: number): PairLocals =>
  Object.fromEntries(PAIR_LOCALS.map((name, i) => [name, first + i])) as PairLocals;
/** Two pairs per step (values j .. j + 3), their statements interleaved: two independent chains in flight. */
const A = pairLocals(5);
const B = pairLocals(5 + PAIR_LOCALS.length);

const { get, set, bin, shift } = expr;
const add = bin(op.f64x2Add);
const sub = bin(op.f64x2Sub);
const mul = bin(op.f64x2Mul);
const and = bin(op.v128And);
const or = bin(op.v128Or);
const xor = bin(op.v128Xor);
const iadd = bin(op.i64x2Add);
const c = (value: number): Code => op.f64x2Const(value);
const ic = (value: number): Code => op.i64x2Const(value);
/** Logical shift right: every shifted value here is non-negative (positive doubles' bits), as e_log2.c's signed shifts. */
const shr = shift(op.i64x2ShrU);
const shl = shift(op.i64x2Shl);
/** Lanes of `a` where `mask` is set, else of `b`. */
const select = (a: Code, b: Code, mask: Code): Code => [...a, ...b, ...mask, ...op.v128Bitselect];

/** Statements of log2 of the two lanes of local L.X (overwritten), the result stored at P + offset (e_log2.c, see the header). */
const log2Pair = (L: PairLocals, offset: number): Code[] => [
  // subnormal: x *= 2^54, k = -54
  set(L.MASK, [...shr(get(L.X), 32), ...ic(0x00100000), ...op.i64x2LtS]),
  set(L.X, select(mul(get(L.X), c(TWO54)), get(L.X), get(L.MASK))),
  set(L.K, and(get(L.MASK), ic(-54))),
  // hx = high word; k += (hx >> 20) - 0x3ff; hx &= 0xfffff; i = (hx + 0x95f64) & 0x100000
  set(L.HX, shr(get(L.X), 32)),
  set(L.K, iadd(get(L.K), iadd(shr(get(L.HX), 20), ic(-0x3ff)))),
  set(L.HX, and(get(L.HX), ic(0x000fffff))),
  set(L.I, and(iadd(get(L.HX), ic(0x95f64)), ic(0x100000))),
  // normalise x or x/2: high word hx | (i ^ 0x3ff00000); k += i >> 20; y = k as f64
  set(L.X, or(and(get(L.X), ic(0xffffffff)), shl(or(get(L.HX), xor(get(L.I), ic(0x3ff00000))), 32))),
  set(L.K, iadd(get(L.K), shr(get(L.I), 20))),
  set(L.Y, [
    ...get(L.K),
    ...get(L.K),
    ...op.i8x16Shuffle([0, 1, 2, 3, 8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11]),
  ]),
  set(L.Y, [...get(L.Y), ...op.f64x2ConvertLowI32x4S]),
  // f = x - 1, hfsq = 0.5 f f, r = k_log1p(f) = s (hfsq + R)
  set(L.F, sub(get(L.X), c(1))),
  set(L.HFSQ, mul(mul(c(0.5), get(L.F)), get(L.F))),
  set(L.S, [...get(L.F), ...add(c(2), get(L.F)), ...op.f64x2Div]),
  set(L.Z, mul(get(L.S), get(L.S))),
  set(L.W, mul(get(L.Z), get(L.Z))),
  set(
    L.LO, // r
    mul(
      get(L.S),
      add(
        get(L.HFSQ),
        add(
          mul(
            get(L.Z),
            add(
              c(LG[0]),
              mul(get(L.W), add(c(LG[2]), mul(get(L.W), add(c(LG[4]), mul(get(L.W), c(LG[6])))))),
            ),
          ),
          mul(get(L.W), add(c(LG[1]), mul(get(L.W), add(c(LG[3]), mul(get(L.W), c(LG[5])))))),
        ),
      ),
    ),
  ),
  // hi = f - hfsq, low word cleared; lo = (f - hi) - hfsq + r
  set(L.HI, and(sub(get(L.F), get(L.HFSQ)), ic(-0x100000000))),
  set(L.LO, add(sub(sub(get(L.F), get(L.HI)), get(L.HFSQ)), get(L.LO))),
  // val_hi = hi ivln2hi, val_lo = (lo + hi) ivln2lo + lo ivln2hi; w = y + val_hi;
  // val_lo += (y - w) + val_hi; log2 = val_lo + w
  set(L.VHI, mul(get(L.HI), c(IVLN2HI))),
  set(L.VLO, add(mul(add(get(L.LO), get(L.HI)), c(IVLN2LO)), mul(get(L.LO), c(IVLN2HI)))),
  set(L.W, add(get(L.Y), get(L.VHI))),
  set(L.VLO, add(get(L.VLO), add(sub(get(L.Y), get(L.W)), get(L.VHI)))),
  [...get(P), ...add(get(L.VLO), get(L.W)), ...op.v128Store(offset)],
];

/** P = ptr, END = ptr + 32 * ceil(m / 4): the quadruples of the row (the last one padded) */
const overQuads = (body: Code): Code => [
  ...set(P, get(PTR)),
  ...set(END, [...get(M), ...op.i32Const(3), ...op.i32Add, ...op.i32Const(2), ...op.i32ShrU]),
  ...set(END, [...get(END), ...op.i32Const(5), ...op.i32Shl, ...get(PTR), ...op.i32Add]),
  ...loopUntil([...get(P), ...get(END), ...op.i32GeU], [...body, ...advance(P, 32)]),
];

const [logA, logB] = [log2Pair(A, 0), log2Pair(B, 16)];
const clrBody: Code = [
  // v = log2(x), in place
  ...overQuads([
    ...set(A.X, [...get(P), ...op.v128Load(0)]),
    ...set(B.X, [...get(P), ...op.v128Load(16)]),
    ...logA.flatMap((statement, i) => [...statement, ...logB[i]!]),
  ]),
  // mean = (0 + v_0 + ... + v_{m-1}) / m
  ...set(MEAN, op.f64Zero),
  ...set(P, get(PTR)),
  ...set(END, [...get(M), ...op.i32Const(3), ...op.i32Shl, ...get(PTR), ...op.i32Add]),
  ...loopUntil(
    [...get(P), ...get(END), ...op.i32GeU],
    [...set(MEAN, [...get(MEAN), ...get(P), ...op.f64Load(0), ...op.f64Add]), ...advance(P, 8)],
  ),
  ...set(MEAN, [...get(MEAN), ...get(M), ...f64FromI32, ...f64Div]),
  ...set(A.X, [...get(MEAN), ...op.f64x2Splat]),
  // y = v - mean
  ...overQuads(
    [0, 16].flatMap((at) => [
      ...get(P),
      ...sub([...get(P), ...op.v128Load(at)], get(A.X)),
      ...op.v128Store(at),
    ]),
  ),
];

const module = compileOrNull(
  [
    {
      name: "clr",
      params: [I32, I32],
      results: [],
      locals: [I32, I32, F64, ...Array<number>(2 * PAIR_LOCALS.length).fill(V128)],
      body: clrBody,
    },
  ],
  false,
);

/** A row of m values on the kernel's memory, and its log2 CLR in place. */
export interface ClrRow {
  /** The row (m values): fill it with positive finite numbers, then call `clr`. */
  readonly row: Float64Array;
  /** Replaces the row by its log2 centred log-ratio (the bytes of `clrRowsInPlace`). */
  clr(): void;
}

/** This thread's instance (none before the first call) and its row. */
let current: ClrRow | null = null;

/**
 * A row of m values and its log2 CLR in WebAssembly SIMD (this thread's; valid until the next
 * call with another m), or null where WebAssembly SIMD is missing: the caller then runs
 * `clrRowsInPlace`.
 */
export function clrLog2Row(m: number): ClrRow | null {
  if (module === null) return null;
  if (current !== null && current.row.length === m) return current;
  try {
    // up to three more values: the loops read and write the padding lanes of the last quadruple
    const memory = new WebAssembly.Memory({ initial: Math.ceil((8 * (m + 3)) / 65536) });
    const clr = new WebAssembly.Instance(module, { env: { memory } }).exports.clr as (
      ptr: number,
      m: number,
    ) => void;
    const row = new Float64Array(memory.buffer, 0, m);
    current = { row, clr: () => clr(0, m) };
    return current;
  } catch {
    return null; // past the engine's limit: the TypeScript loop
  }
}
