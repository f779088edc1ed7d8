/**
 * The pairwise kernel shared by every beta metric: sparse "units" (a feature, or a tree node) add
 * their contribution to per-sample row terms and to the stripe accumulators of the pairs of
 * samples in which both are non-zero.
 *
 * Why this is enough. Each metric is a sum over units of a term t(u_i, u_j) that decomposes as
 *   t(u, v) = h(u) + h(v) + g(u, v),   with g(u, 0) = g(0, v) = 0,
 * e.g. |u - v| = u + v - 2 min(u, v). So d(i, j) = finish(R_i + R_j, sum_units w g(u_i, u_j)),
 * R_i = sum_units w h(u_i): only the pairs where BOTH samples are non-zero cost work. With
 * tables 95-99% zeros a unit present in z samples costs z^2 instead of n^2.
 *
 *   term          g(u, v) accumulated             row h(u)      used by
 *   "min"         w min(u, v)                     w u           Bray-Curtis, weighted UniFrac
 *   "both"        w                               w             Jaccard, unweighted UniFrac
 *   "product"     w u v                           w u^2         (robust) Aitchison
 *   "generalized" acc1: w [(u+v)^a |u-v|/(u+v) - (u^a + v^a)]   generalized UniFrac
 *                 acc2: w [(u+v)^a - (u^a + v^a)] w u^a
 *
 * Memory layout of one call (unit with z non-zero samples; n samples; block of stripes [s0, s1)):
 *
 *   e   : Float64Array(n)   dense values of the unit, 0 where absent     [0 0 u2 0 u4 0 ...]
 *   nz  : Int32Array        the z samples where e != 0, from nzStart       [2 4 ...]
 *   acc : Float64Array((s1 - s0) * n), stripe-major (see stripes.ts)
 *           stripe s0    | i=0 | i=1 | ... | i=n-1 |
 *           stripe s0+1  | i=0 | i=1 | ... | i=n-1 |
 *
 * Three loop orders give the same sum in every slot (one addition per unit per slot, in unit
 * order), so a run is bit-identical whatever the block boundaries: pairs within nz when
 * z <= s1 - s0 (cost z^2); else each stripe's partner lookup e[(i + k + 1) mod n] for i in nz (cost
 * z (s1 - s0)); or, for units present in over a quarter of the samples, a sequential scan of every
 * slot (cost n (s1 - s0), but branch-light and cache-friendly).
 * Every term is computed symmetrically (g(u, v) === g(v, u) bit for bit), so the duplicated pairs
 * of an even n's last stripe agree. Requires e[i] !== 0 exactly for the samples in nz.
 */
import { nStripes, type StripeBlock } from "./stripes.js";

export type PairTerm = "min" | "both" | "product" | "generalized";

export function accumulateUnit(
  block: StripeBlock,
  term: PairTerm,
  alpha: number,
  w: number,
  e: Float64Array,
  nz: Int32Array,
  nzStart: number,
  z: number,
): void {
  const { n, start, stop, rows, acc1, acc2 } = block;
  const nzStop = nzStart + z;
  for (let a = nzStart; a < nzStop; a++) {
    const i = nz[a]!;
    rows[i]! += rowTerm(term, alpha, w, e[i]!);
  }
  if (z < 2 || start === stop) return;
  if (z <= stop - start) {
    // Each unordered pair once: its slot is (k, i) with k = (j - i - 1) mod n when that is a
    // stripe, else (n - 2 - k, j); an even n's last stripe holds it in both slots.
    const half = nStripes(n);
    const twice = n % 2 === 0 ? half - 1 : -1;
    for (let a = nzStart; a < nzStop; a++) {
      const i = nz[a]!;
      const u = e[i]!;
      for (let b = a + 1; b < nzStop; b++) {
        const j = nz[b]!;
        let k = j - i - 1;
        if (k < 0) k += n;
        const mine = k < half;
        const kk = mine ? k : n - 2 - k;
        if (kk < start || kk >= stop) continue;
        const v = e[j]!;
        addPair(term, alpha, w, u, v, acc1, acc2, (kk - start) * n + (mine ? i : j));
        if (kk === twice) addPair(term, alpha, w, v, u, acc1, acc2, (kk - start) * n + (mine ? j : i));
      }
    }
  } else if (4 * z < n) {
    for (let k = start; k < stop; k++) {
      const base = (k - start) * n;
      const offset = k + 1;
      for (let a = nzStart; a < nzStop; a++) {
        const i = nz[a]!;
        let j = i + offset;
        if (j >= n) j -= n;
        const v = e[j]!;
        if (v !== 0) addPair(term, alpha, w, e[i]!, v, acc1, acc2, base + i);
      }
    }
  } else denseScan(block, term, alpha, w, e);
}

/**
 * Stripe scan over every slot, for units present in most samples: sequential memory access, and
 * one branch-free loop per term where the term of an absent sample is exactly +0 (adding +0 leaves
 * a sum unchanged bit for bit, so this equals the sparse loops); the hot path of UniFrac's deep
 * nodes.
 */
function denseScan(block: StripeBlock, term: PairTerm, alpha: number, w: number, e: Float64Array): void {
  const { n, start, stop, acc1, acc2 } = block;
  const present = new Float64Array(n);
  if (term === "both") for (let i = 0; i < n; i++) present[i] = e[i] !== 0 ? 1 : 0;
  for (let k = start; k < stop; k++) {
    const base = (k - start) * n;
    const wrap = n - (k + 1);
    // Slots i < wrap pair with j = i + k + 1; slots i >= wrap with j = i + k + 1 - n.
    for (let part = 0; part < 2; part++) {
      const from = part === 0 ? 0 : wrap;
      const to = part === 0 ? wrap : n;
      const shift = part === 0 ? k + 1 : k + 1 - n;
      switch (term) {
        case "min":
          // min(u, 0) = 0: absent samples add exactly +0, so no branch is needed.
          for (let i = from; i < to; i++) acc1[base + i]! += w * Math.min(e[i]!, e[i + shift]!);
          break;
        case "both":
          for (let i = from; i < to; i++) acc1[base + i]! += w * (present[i]! * present[i + shift]!);
          break;
        default:
          for (let i = from; i < to; i++) {
            const u = e[i]!;
            const v = e[i + shift]!;
            if (u !== 0 && v !== 0) addPair(term, alpha, w, u, v, acc1, acc2, base + i);
          }
      }
    }
  }
}

/** The row term h(u) of one unit of weight w in one sample (table in the header). */
export function rowTerm(term: PairTerm, alpha: number, w: number, u: number): number {
  switch (term) {
    case "min":
      return w * u;
    case "both":
      return w;
    case "product":
      return w * (u * u);
    case "generalized":
      return w * u ** alpha;
  }
}

function addPair(
  term: PairTerm,
  alpha: number,
  w: number,
  u: number,
  v: number,
  acc1: Float64Array,
  acc2: Float64Array,
  slot: number,
): void {
  switch (term) {
    case "min":
      acc1[slot]! += w * Math.min(u, v);
      return;
    case "both":
      acc1[slot]! += w;
      return;
    case "product":
      acc1[slot]! += w * (u * v);
      return;
    case "generalized": {
      const s = u + v;
      const sa = s ** alpha;
      const parts = u ** alpha + v ** alpha;
      acc1[slot]! += w * ((sa * Math.abs(u - v)) / s - parts);
      acc2[slot]! += w * (sa - parts);
    }
  }
}
