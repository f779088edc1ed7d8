/**
 * Hot loops of PERMANOVA (permanova.ts), on the condensed squared distances d²_ij (i < j, row-major,
 * the DistanceMatrix layout):
 *
 *        j ->                 pair k runs along each row i, j = i+1..m-1
 *   i  [ . d01 d02 d03 ]      one permutation = one pass over the m(m-1)/2 doubles
 *   |  [ .  .  d12 d13 ]
 *   v  [ .  .   .  d23 ]
 *
 * For a centred vector q (1'q = 0) and G = J(-1/2 D²)J:  q'Gq = -1/2 q'D²q = -sum_{i<j} d²_ij q_i q_j,
 * so the Gower-centred matrix is never formed. Under a permutation π (sample π(i) at position i)
 * the form of G_π equals that of G at r, r[π(i)] = q[i].
 *
 * `permutedQuadraticForms` is the general kernel (any design: k basis vectors, O(k m²/2) per
 * permutation). `permutedWithinGroupSSBlock` is the fast path for a one-factor design
 * (SS_within = sum_g (1/n_g) sum_{i<j in g} d²_ij, Anderson 2001 eq. 2), O(m²/2) whatever the
 * number of groups, for a block of permutations per pass over d²; the tests check it against the
 * general kernel (its slow twin).
 */
import type { DistanceMatrix } from "../beta/distance-matrix.js";
import { condensedIndex } from "../beta/distance-matrix.js";

/** Condensed squared distances among the selected samples (`rows` index dm.ids). */
export function squaredDistances(dm: DistanceMatrix, rows: ArrayLike<number>): Float64Array {
  const n = dm.ids.length;
  const m = rows.length;
  let identity = m === n;
  for (let a = 0; a < m && identity; a++) identity = rows[a] === a;
  if (identity) return dm.condensed.map((d) => d * d);
  const out = new Float64Array((m * (m - 1)) / 2);
  for (let a = 0, k = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++, k++) {
      const ia = rows[a]!;
      const ib = rows[b]!;
      const d = ia === ib ? 0 : dm.condensed[condensedIndex(n, ia, ib)]!;
      out[k] = d * d;
    }
  }
  return out;
}

/**
 * acc[c] = r_c' G r_c, r_c[perm[i]] = q_c[i], for the k centred basis vectors (rows of q, k x m).
 * Vectors go two at a time through one pass over d², halving the memory traffic that bounds this
 * loop for large m.
 */
export function permutedQuadraticForms(
  d2: Float64Array,
  m: number,
  q: Float64Array,
  k: number,
  perm: Int32Array,
  r: Float64Array,
  acc: Float64Array,
): void {
  for (let c = 0; c < k; c++) {
    const off = c * m;
    for (let i = 0; i < m; i++) r[off + perm[i]!] = q[off + i]!;
  }
  for (let c = 0; c < k; c += 2) {
    const o0 = c * m;
    const o1 = c + 1 < k ? o0 + m : o0; // odd k: the last vector is paired with itself
    let s0 = 0;
    let s1 = 0;
    for (let i = 0, pair = 0; i < m; i++) {
      const base = pair - i - 1; // d2[base + j] = d²_ij
      let t0 = 0;
      let t1 = 0;
      for (let j = i + 1; j < m; j++) {
        const a = d2[base + j]!;
        t0 += a * r[o0 + j]!;
        t1 += a * r[o1 + j]!;
      }
      s0 += r[o0 + i]! * t0;
      s1 += r[o1 + i]! * t1;
      pair += m - i - 1;
    }
    acc[c] = -s0;
    if (c + 1 < k) acc[c + 1] = -s1;
  }
}

/** Permutations per block of `permutedWithinGroupSSBlock` (and PERMANOVA's permutation loop). */
export const PERMUTATION_BLOCK = 32;
/** Condensed entries per tile: 32,768 doubles (256 KB) stay in the L2 cache across a block. */
const TILE = 32_768;

/** Scratch of `permutedWithinGroupSSBlock` for m samples in g groups, up to `block` permutations. */
export interface GroupScratch {
  readonly groups: number;
  /** Per permutation b (offset b*m): label of position a, members bucketed by label, position of a
   * in `members`, end of a's bucket. */
  readonly label: Int32Array;
  readonly members: Int32Array;
  readonly pos: Int32Array;
  readonly end: Int32Array;
  readonly start: Int32Array;
  /** Per permutation b and group c: the running within-group sum t[b*g + c]. */
  readonly sums: Float64Array;
  /** rowBase[a] + b = condensed index of pair (a, b), a < b (int32: m <= 65,535). */
  readonly rowBase: Int32Array;
}

export function groupScratch(m: number, groups: number, block = PERMUTATION_BLOCK): GroupScratch {
  if (m > 65_535) throw new RangeError(`PERMANOVA kernel: ${m} samples exceed 65,535`);
  return {
    groups,
    label: new Int32Array(block * m),
    members: new Int32Array(block * m),
    pos: new Int32Array(block * m),
    end: new Int32Array(block * m),
    start: new Int32Array(groups + 1),
    sums: new Float64Array(block * groups),
    rowBase: Int32Array.from({ length: m }, (_, a) => a * m - (a * (a + 1)) / 2 - a - 1),
  };
}

/**
 * Within-group sums of squares of several permutations at once: out[b] = sum over pairs a < b'
 * with the same label L(a) = codes[π_b⁻¹(a)] of d²_ab' / n_L. Positions are bucketed by label
 * (counting sort, ascending inside each bucket), so only within-group pairs are visited (about
 * m²/(2g) reads for g equal groups). The rows of d² are taken in tiles of ~TILE entries and every
 * permutation of the block is run over a tile while it is in cache, so one pass over d² from
 * memory serves the whole block instead of one pass per permutation.
 *
 * Each group's sum receives the same additions in the same order (rows ascending, then columns
 * ascending) whatever the block size or tiling, so out[b] is bit-identical to a block of one.
 */
export function permutedWithinGroupSSBlock(
  d2: Float64Array,
  codes: Int32Array,
  invSize: Float64Array,
  perms: readonly Int32Array[],
  out: Float64Array,
  w: GroupScratch,
): void {
  const m = codes.length;
  const g = invSize.length;
  const nb = perms.length;
  const { label, members, pos, end, start, sums, rowBase } = w;
  for (let b = 0; b < nb; b++) {
    const perm = perms[b]!;
    const off = b * m;
    start.fill(0);
    for (let i = 0; i < m; i++) {
      const c = codes[i]!;
      label[off + perm[i]!] = c;
      start[c + 1]!++;
    }
    for (let c = 0; c < g; c++) start[c + 1] = start[c + 1]! + start[c]!;
    for (let a = 0; a < m; a++) {
      const x = start[label[off + a]!]!++; // start[c] ends as the end of bucket c
      members[off + x] = a;
      pos[off + a] = x;
    }
    for (let a = 0; a < m; a++) end[off + a] = start[label[off + a]!]!;
  }
  sums.fill(0, 0, nb * g);
  for (let a0 = 0; a0 < m; ) {
    let a1 = a0 + 1;
    for (let size = m - a0 - 1; a1 < m && size + (m - a1 - 1) <= TILE; a1++) size += m - a1 - 1;
    for (let b = 0; b < nb; b++) {
      const off = b * m;
      for (let a = a0; a < a1; a++) {
        const base = rowBase[a]!;
        const c = b * g + label[off + a]!;
        let t = sums[c]!;
        for (let y = pos[off + a]! + 1, e = end[off + a]!; y < e; y++) t += d2[base + members[off + y]!]!;
        sums[c] = t;
      }
    }
    a0 = a1;
  }
  for (let b = 0; b < nb; b++) {
    let ss = 0;
    for (let c = 0; c < g; c++) ss += sums[b * g + c]! * invSize[c]!;
    out[b] = ss;
  }
}
