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
 * permutation). `permutedWithinGroupSS` is the fast path for a one-factor design
 * (SS_within = sum_g (1/n_g) sum_{i<j in g} d²_ij, Anderson 2001 eq. 2), O(m²/2) whatever the
 * number of groups; the tests check it against the general kernel (its slow twin).
 */
import type { DistanceMatrix } from "../beta/distance-matrix.js";
import { condensedIndex } from "../beta/distance-matrix.js";

/** Condensed squared distances among the selected samples (`rows` index dm.ids). */
export function squaredDistances(dm: DistanceMatrix, rows: ArrayLike<number>): Float64Array {
  const n = dm.ids.length;
  const m = rows.length;
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

/** Scratch of `permutedWithinGroupSS` for m samples in g groups. */
export interface GroupScratch {
  readonly label: Int32Array;
  readonly members: Int32Array;
  readonly start: Int32Array;
  /** rowBase[a] + b = condensed index of pair (a, b), a < b. */
  readonly rowBase: Float64Array;
}

export function groupScratch(m: number, groups: number): GroupScratch {
  return {
    label: new Int32Array(m),
    members: new Int32Array(m),
    start: new Int32Array(groups + 1),
    rowBase: Float64Array.from({ length: m }, (_, a) => a * m - (a * (a + 1)) / 2 - a - 1),
  };
}

/**
 * Within-group sum of squares of the permuted data for group codes (one per position) and
 * weights 1/n_g: sum over pairs a < b with the same label L(a) = codes[π⁻¹(a)] of d²_ab / n_L.
 * Positions are bucketed by label (counting sort, ascending inside each bucket), so only the
 * within-group pairs are visited: about m²/(2g) reads for g equal groups.
 */
export function permutedWithinGroupSS(
  d2: Float64Array,
  codes: Int32Array,
  invSize: Float64Array,
  perm: Int32Array,
  w: GroupScratch,
): number {
  const m = codes.length;
  const g = invSize.length;
  const { label, members, start, rowBase } = w;
  start.fill(0);
  for (let i = 0; i < m; i++) {
    const c = codes[i]!;
    label[perm[i]!] = c;
    start[c + 1]!++;
  }
  for (let c = 0; c < g; c++) start[c + 1] = start[c + 1]! + start[c]!;
  for (let a = 0; a < m; a++) members[start[label[a]!]!++] = a; // start[c] now = end of bucket c
  let ss = 0;
  for (let c = 0, from = 0; c < g; c++) {
    const to = start[c]!;
    let t = 0;
    for (let x = from; x < to; x++) {
      const base = rowBase[members[x]!]!;
      for (let y = x + 1; y < to; y++) t += d2[base + members[y]!]!;
    }
    ss += t * invSize[c]!;
    from = to;
  }
  return ss;
}
