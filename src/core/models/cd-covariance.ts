/**
 * Covariance updates of the gaussian elastic net (elastic-net.ts with `type: "covariance"`;
 * Friedman, Hastie & Tibshirani 2010, section 2.2): the gradient of every coordinate,
 *
 *   g_j = (1/n) z_j' r = (1/n) z_j' y~ - sum_k G_jk b_k,   G_jk = (1/n) z_j' z_k,
 *
 * is kept up to date instead of the residual r, so a coordinate that stays put costs nothing and one
 * that moves by d costs g -= d G_k over the entries kept (O(working set), not O(n)). The entries of g
 * and of each Gram column G_k are stored by *position*: the working set occupies positions
 * [0, W), every other coordinate one of [W, p) (elastic-net.ts keeps the map, `pos`), so
 *
 *   sweep:    one cycle over the working set, in increasing j (only the non-zero ones when
 *             `nonzeroOnly`): b_j <- S(g_pos(j) + v_j b_j, l1) / (v_j + l2); when it moves by d,
 *             g[0, W) -= d G_j[0, W); returns max v_j d^2 (as cd-sweep.ts' naive sweep);
 *   catchUp:  the coordinates outside, [W, p), brought up to date before a KKT check: for each j of
 *             the working set, in increasing j, whose b_j moved since the last catch-up (bs_j),
 *             g[W, p) -= (b_j - bs_j) G_j[W, p), and bs_j <- b_j (glmnet's `da` step).
 *
 * Each entry of g is updated by itself (g_i <- g_i - d G_i, a product and a difference), so the
 * values do not depend on the positions or on the order of the entries, and the WebAssembly SIMD
 * kernels (cd-simd.ts: two entries per step, no sum across them) give the same bytes as the
 * TypeScript loops here (tested); those run where the arrays are not views of the kernels' memory.
 * Reference: Friedman J, Hastie T, Tibshirani R (2010) J Stat Softw 33(1):1-22, section 2.2.
 * doi:10.18637/jss.v033.i01; glmnet 4.1's Fortran `elnet1`.
 */
import { simdCovariance } from "./cd-simd.js";
import { softThreshold } from "./cd-sweep.js";

/** The arrays of the covariance updates: p coordinates; G column of j at slot[j] p; g by position. */
export interface CovarianceArrays {
  p: number;
  /** Gram columns, p entries each (by position), the one of coordinate j at offset slot[j] * p. */
  gram: Float64Array;
  slot: Int32Array;
  /** Position of coordinate j in g and in the Gram columns. */
  pos: Int32Array;
  v: Float64Array;
  b: Float64Array;
  /** b at the last catch-up. */
  bs: Float64Array;
  /** The gradient, by position. */
  g: Float64Array;
  /** The working set, in increasing j (its first workSize entries). */
  work: Int32Array;
}

/** A sweep over the working set, W = its size in positions: returns max v_j (Delta b_j)^2. */
export type CovarianceSweep = (
  workSize: number,
  l1: number,
  l2: number,
  nonzeroOnly: boolean,
  w: number,
) => number;
/** The catch-up of positions [w, p) (module header). */
export type CatchUp = (workSize: number, w: number) => void;

/** The sweep and catch-up on these arrays: WebAssembly when all are views of its memory, else TypeScript. */
export function covarianceUpdates(a: CovarianceArrays): { sweep: CovarianceSweep; catchUp: CatchUp } {
  const simd = simdCovariance(a.g);
  const { buffer } = a.g;
  const inMemory = [a.gram, a.slot, a.pos, a.v, a.b, a.bs, a.work].every((t) => t.buffer === buffer);
  if (simd !== null && inMemory) {
    const { p, gram, slot, pos, v, b, bs, g, work } = a;
    const colBytes = 8 * p;
    return {
      sweep: (workSize, l1, l2, nonzeroOnly, w) =>
        simd.sweep(
          g.byteOffset,
          gram.byteOffset,
          colBytes,
          slot.byteOffset,
          pos.byteOffset,
          v.byteOffset,
          b.byteOffset,
          work.byteOffset,
          workSize,
          w,
          l1,
          l2,
          nonzeroOnly ? 1 : 0,
        ),
      catchUp: (workSize, w) =>
        simd.catchUp(
          g.byteOffset,
          gram.byteOffset,
          colBytes,
          slot.byteOffset,
          b.byteOffset,
          bs.byteOffset,
          work.byteOffset,
          workSize,
          w,
          p,
        ),
    };
  }
  return {
    sweep: (workSize, l1, l2, nonzeroOnly, w) => sweepTs(a, workSize, l1, l2, nonzeroOnly, w),
    catchUp: (workSize, w) => catchUpTs(a, workSize, w),
  };
}

/** g[from, to) -= d G[off + from, off + to): entry by entry. */
function axpy(g: Float64Array, gram: Float64Array, off: number, from: number, to: number, d: number): void {
  for (let i = from; i < to; i++) g[i]! -= d * gram[off + i]!;
}

/** {@link CovarianceSweep} in TypeScript (module header). */
function sweepTs(
  a: CovarianceArrays,
  workSize: number,
  l1: number,
  l2: number,
  nonzeroOnly: boolean,
  w: number,
): number {
  const { p, gram, slot, pos, v, b, g, work } = a;
  let maxDelta = 0;
  for (let q = 0; q < workSize; q++) {
    const j = work[q]!;
    const bj = b[j]!;
    if (nonzeroOnly && bj === 0) continue;
    const vj = v[j]!;
    const bNew = softThreshold(g[pos[j]!]! + vj * bj, l1) / (vj + l2);
    const d = bNew - bj;
    if (d !== 0) {
      b[j] = bNew;
      maxDelta = Math.max(maxDelta, vj * d * d);
      axpy(g, gram, slot[j]! * p, 0, w, d);
    }
  }
  return maxDelta;
}

/** {@link CatchUp} in TypeScript (module header). */
function catchUpTs(a: CovarianceArrays, workSize: number, w: number): void {
  const { p, gram, slot, b, bs, g, work } = a;
  for (let q = 0; q < workSize; q++) {
    const j = work[q]!;
    const d = b[j]! - bs[j]!;
    if (d !== 0) {
      axpy(g, gram, slot[j]! * p, w, p, d);
      bs[j] = b[j]!;
    }
  }
}
