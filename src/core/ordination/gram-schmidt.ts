/**
 * One classical Gram-Schmidt pass against a growing orthonormal basis q_1 .. q_m (the Lanczos
 * basis, lanczos.ts):
 *
 *   c = Q'w,   w <- w - Q c
 *
 * four basis vectors per sweep over w (their four dot products share the loads of w; the update
 * subtracts four projections per load and store of w), the basis padded with zero vectors to a
 * multiple of four. Each dot product is summed in two halves, the even and the odd entries, added
 * at the end: the two lanes of WebAssembly SIMD, which runs the pass where it exists (two entries
 * per step, no bounds checks; the same bytes as the TypeScript pass, tested). Repeating the pass
 * when it shortens w a lot ("twice is enough") is the caller's.
 * References: Giraud L, Langou J, Rozložník M, van den Eshof J (2005) Rounding error analysis of
 * the classical Gram-Schmidt orthogonalization process. Numer Math 101:87-100.
 * doi:10.1007/s00211-005-0615-4; WebAssembly Core Specification 2.0 (128-bit SIMD),
 * https://www.w3.org/TR/wasm-core-2/
 */
import { advance, compileOrNull, I32, loopUntil, op, V128 } from "../wasm/encode.js";

/** A basis to orthogonalise against, from {@link gramSchmidt}. */
export interface GramSchmidt {
  /** Appends a basis vector (kept by reference or copied). */
  push(q: Float64Array): void;
  /** One pass: w -= Q (Q'w). */
  project(w: Float64Array): void;
}

/** The TypeScript pass (the reference for the SIMD one). */
function gramSchmidtTs(n: number): GramSchmidt {
  const basis: Float64Array[] = [];
  const zero = new Float64Array(n);
  let c = new Float64Array(4);
  return {
    push: (q) => {
      basis.push(q);
    },
    project: (w) => {
      const groups = Math.ceil(basis.length / 4);
      if (c.length < 4 * groups) c = new Float64Array(8 * groups);
      const q = (j: number) => basis[j] ?? zero;
      for (let g = 0; g < groups; g++) {
        const [q0, q1, q2, q3] = [q(4 * g), q(4 * g + 1), q(4 * g + 2), q(4 * g + 3)];
        let [s0, s1, s2, s3, t0, t1, t2, t3] = [0, 0, 0, 0, 0, 0, 0, 0];
        for (let i = 0; i < n; i += 2) {
          const x = w[i]!;
          s0 += q0[i]! * x;
          s1 += q1[i]! * x;
          s2 += q2[i]! * x;
          s3 += q3[i]! * x;
          if (i + 1 === n) break;
          const y = w[i + 1]!;
          t0 += q0[i + 1]! * y;
          t1 += q1[i + 1]! * y;
          t2 += q2[i + 1]! * y;
          t3 += q3[i + 1]! * y;
        }
        c.set([s0 + t0, s1 + t1, s2 + t2, s3 + t3], 4 * g);
      }
      for (let g = 0; g < groups; g++) {
        const [q0, q1, q2, q3] = [q(4 * g), q(4 * g + 1), q(4 * g + 2), q(4 * g + 3)];
        const [c0, c1, c2, c3] = [c[4 * g]!, c[4 * g + 1]!, c[4 * g + 2]!, c[4 * g + 3]!];
        for (let i = 0; i < n; i++) w[i] = w[i]! - c0 * q0[i]! - c1 * q1[i]! - c2 * q2[i]! - c3 * q3[i]!;
      }
    },
  };
}

// parameters of both functions: byte addresses of w, of the basis and of c; groups of four
// vectors; the vectors' stride in bytes (n rounded up to even, times 8)
const W = 0;
const QB = 1;
const CB = 2;
const GROUPS = 3;
const STRIDE = 4;
// i32 locals: the group, the four vectors' and w's current addresses, w's end
const G = 5;
const Q = 6; // 6..9
const WP = 10;
const W_END = 11;
// v128 locals: the four sums (dots) or splat(c_r) (update); w's two entries
const S = 12; // 12..15
const WV = 16;
const LOCALS = [...Array<number>(S - G).fill(I32), ...Array<number>(WV + 1 - S).fill(V128)];
const four = [0, 1, 2, 3];

/** For g = 0 .. groups - 1: `start` with Q_r, WP set, then `step` for each two entries of w. */
function overGroups(start: number[], step: number[], end: number[]): number[] {
  return [
    ...[...op.get(W), ...op.get(STRIDE), ...op.i32Add, ...op.set(W_END)],
    ...loopUntil(
      [...op.get(G), ...op.get(GROUPS), ...op.i32GeS],
      [
        // Q_r = basis + (4 g + r) stride
        ...four.flatMap((r) => [
          ...[...op.get(G), ...op.i32Const(2), ...op.i32Shl, ...op.i32Const(r), ...op.i32Add],
          ...[...op.get(STRIDE), ...op.i32Mul, ...op.get(QB), ...op.i32Add, ...op.set(Q + r)],
        ]),
        ...[...op.get(W), ...op.set(WP)],
        ...start,
        ...loopUntil(
          [...op.get(WP), ...op.get(W_END), ...op.i32GeU],
          [...step, ...four.flatMap((r) => advance(Q + r, 16)), ...advance(WP, 16)],
        ),
        ...end,
        ...advance(G, 1),
      ],
    ),
  ];
}

/** c_{4g+r} byte address onto the stack. */
function cAddress(r: number): number[] {
  return [
    ...op.get(G),
    ...op.i32Const(5),
    ...op.i32Shl,
    ...op.get(CB),
    ...op.i32Add,
    ...op.i32Const(8 * r),
    ...op.i32Add,
  ];
}

const dots = overGroups(
  four.flatMap((r) => [...op.f64Zero, ...op.f64x2Splat, ...op.set(S + r)]),
  [
    ...[...op.get(WP), ...op.v128Load(), ...op.set(WV)],
    ...four.flatMap((r) => [
      ...[...op.get(S + r), ...op.get(Q + r), ...op.v128Load(), ...op.get(WV), ...op.f64x2Mul],
      ...[...op.f64x2Add, ...op.set(S + r)],
    ]),
  ],
  four.flatMap((r) => [
    ...cAddress(r),
    ...[...op.get(S + r), ...op.f64x2ExtractLane(0), ...op.get(S + r), ...op.f64x2ExtractLane(1)],
    ...[...op.f64Add, ...op.f64Store()],
  ]),
);

const update = overGroups(
  four.flatMap((r) => [...cAddress(r), ...op.f64Load(), ...op.f64x2Splat, ...op.set(S + r)]),
  [
    ...[...op.get(WP), ...op.get(WP), ...op.v128Load()],
    ...four.flatMap((r) => [
      ...op.get(S + r),
      ...op.get(Q + r),
      ...op.v128Load(),
      ...op.f64x2Mul,
      ...op.f64x2Sub,
    ]),
    ...op.v128Store(),
  ],
  [],
);

let compiled: WebAssembly.Module | null | undefined;

/** The pass in WebAssembly SIMD, or undefined where it is missing. */
function gramSchmidtSimd(n: number): GramSchmidt | undefined {
  if (compiled === undefined) {
    const fn = (name: string, body: number[]) => ({
      name,
      params: Array<number>(G).fill(I32),
      results: [],
      locals: LOCALS,
      body,
    });
    compiled = compileOrNull([fn("dots", dots), fn("update", update)], false);
  }
  if (!compiled) return undefined;
  const n2 = n + (n % 2);
  const stride = 8 * n2;
  // layout: w (n2), c (capacity), the basis (capacity vectors of n2), capacity a multiple of four
  let capacity = 64;
  const bytes = (cap: number) => stride + 8 * cap + stride * cap;
  const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes(capacity) / 65536) });
  const instance = new WebAssembly.Instance(compiled, { env: { memory } });
  const run = (name: string) => instance.exports[name] as (...args: number[]) => void;
  const [runDots, runUpdate] = [run("dots"), run("update")];
  let count = 0;
  return {
    push: (q) => {
      if (count === capacity) {
        // grow: the basis moves up by the larger c
        const old = new Float64Array(memory.buffer, stride + 8 * capacity, n2 * capacity).slice();
        capacity *= 2;
        memory.grow(Math.max(0, Math.ceil(bytes(capacity) / 65536) - memory.buffer.byteLength / 65536));
        new Float64Array(memory.buffer, stride + 8 * capacity, n2 * capacity).set(old);
      }
      new Float64Array(memory.buffer, stride + 8 * capacity + stride * count, n).set(q);
      count++;
    },
    project: (w) => {
      const view = new Float64Array(memory.buffer, 0, n);
      view.set(w);
      const groups = Math.ceil(count / 4);
      runDots(0, stride + 8 * capacity, stride, groups, stride);
      runUpdate(0, stride + 8 * capacity, stride, groups, stride);
      w.set(view);
    },
  };
}

/**
 * An empty basis of vectors of length n to orthogonalise against: WebAssembly SIMD where it
 * exists, else TypeScript (the same bytes; module header).
 */
export function gramSchmidt(n: number, simd = true): GramSchmidt {
  return (simd ? gramSchmidtSimd(n) : undefined) ?? gramSchmidtTs(n);
}
