/**
 * Hot loops of PERMANOVA (permanova.ts), on the condensed distances d_ij (i < j, row-major, the
 * DistanceMatrix layout), squared as they are read (d_ij * d_ij: the bits of a precomputed d², without
 * its 64 MB copy at n = 4,000):
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
 * permutation), for a block of permutations per pass over the distances. `permutedWithinGroupSSBlock` is the fast path for a one-factor design
 * (SS_within = sum_g (1/n_g) sum_{i<j in g} d²_ij, Anderson 2001 eq. 2), O(m²/2) whatever the
 * number of groups, for a block of permutations per pass over the distances; the tests check it against the
 * general kernel (its slow twin).
 */
import type { DistanceMatrix } from "../beta/distance-matrix.js";
import { condensedIndex } from "../beta/distance-matrix.js";

/** Permutations per block of the kernels (PERMANOVA's permutation loop). */
export const PERMUTATION_BLOCK = 32;
/** Condensed entries per tile: 32,768 doubles (256 KB) stay in the L2 cache across a block. */
const TILE = 32_768;
/** Sums (permutations, or basis vectors) run side by side in one loop: independent chains of
 * additions, so the loops are bound by the reads, not by one addition waiting for the last. */
const LANES = 4;

/**
 * Condensed distances among the selected samples (`rows` index dm.ids): `dm.condensed` itself when
 * the rows are all samples in order, else a new array. `shared`: the result must be on a
 * SharedArrayBuffer (worker threads read it); `dm.condensed` is then copied unless it is.
 */
export function designDistances(dm: DistanceMatrix, rows: ArrayLike<number>, shared = false): Float64Array {
  const n = dm.ids.length;
  const m = rows.length;
  let identity = m === n;
  for (let a = 0; a < m && identity; a++) identity = rows[a] === a;
  if (identity && (!shared || dm.condensed.buffer instanceof SharedArrayBuffer)) return dm.condensed;
  const length = (m * (m - 1)) / 2;
  const d = shared
    ? new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT))
    : new Float64Array(length);
  if (identity) {
    d.set(dm.condensed);
    return d;
  }
  for (let a = 0, k = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++, k++) {
      const ia = rows[a]!;
      const ib = rows[b]!;
      d[k] = ia === ib ? 0 : dm.condensed[condensedIndex(n, ia, ib)]!;
    }
  }
  return d;
}

/**
 * acc[b*k + c] = r' G r with r[perm_b[i]] = q_c[i], for each permutation perm_b of the block and
 * each of the k centred basis vectors (rows of q, k x m); r is scratch of at least
 * perms.length * k * m. The rows of the distances are taken in tiles of ~TILE entries and every permutation of
 * the block is run over a tile while it is in cache (one pass over the distances from memory per block),
 * LANES vectors at a time (independent chains of additions sharing each read). Each form receives the same additions in the same order (rows ascending, each
 * row's dot product over columns ascending) whatever the block size or tiling: bit-identical to a
 * block of one.
 */
export function permutedQuadraticForms(
  d: Float64Array,
  m: number,
  q: Float64Array,
  k: number,
  perms: readonly Int32Array[],
  r: Float64Array,
  acc: Float64Array,
): void {
  const nb = perms.length;
  for (let b = 0; b < nb; b++) {
    const perm = perms[b]!;
    for (let c = 0; c < k; c++) {
      const to = (b * k + c) * m;
      const from = c * m;
      for (let i = 0; i < m; i++) r[to + perm[i]!] = q[from + i]!;
    }
  }
  const nv = nb * k;
  acc.fill(0, 0, nv);
  for (let a0 = 0; a0 < m; ) {
    const a1 = tileEnd(m, a0);
    const first = rowOffset(m, a0);
    // LANES vectors (of any permutations of the block) share each read of a distance; past the last
    // vector a lane repeats it (same additions, same bits, stored twice)
    for (let v = 0; v < nv; v += LANES) {
      const v0 = v;
      const v1 = Math.min(v + 1, nv - 1);
      const v2 = Math.min(v + 2, nv - 1);
      const v3 = Math.min(v + 3, nv - 1);
      const o0 = v0 * m;
      const o1 = v1 * m;
      const o2 = v2 * m;
      const o3 = v3 * m;
      let s0 = acc[v0]!;
      let s1 = acc[v1]!;
      let s2 = acc[v2]!;
      let s3 = acc[v3]!;
      for (let i = a0, pair = first; i < a1; i++) {
        const base = pair - i - 1; // d[base + j] = d_ij
        let t0 = 0;
        let t1 = 0;
        let t2 = 0;
        let t3 = 0;
        for (let j = i + 1; j < m; j++) {
          const e = d[base + j]!;
          const a = e * e;
          t0 += a * r[o0 + j]!;
          t1 += a * r[o1 + j]!;
          t2 += a * r[o2 + j]!;
          t3 += a * r[o3 + j]!;
        }
        s0 += r[o0 + i]! * t0;
        s1 += r[o1 + i]! * t1;
        s2 += r[o2 + i]! * t2;
        s3 += r[o3 + i]! * t3;
        pair += m - i - 1;
      }
      acc[v3] = s3;
      acc[v2] = s2;
      acc[v1] = s1;
      acc[v0] = s0;
    }
    a0 = a1;
  }
  for (let v = 0; v < nb * k; v++) acc[v] = -acc[v]!;
}

function square(x: number): number {
  return x * x;
}

/** Condensed index of the first pair (a, a + 1) of row a. */
function rowOffset(m: number, a: number): number {
  return a * m - (a * (a + 1)) / 2;
}

/** End (exclusive) of the tile of rows that starts at row a0: ~TILE condensed entries, >= 1 row. */
function tileEnd(m: number, a0: number): number {
  let a1 = a0 + 1;
  for (let size = m - a0 - 1; a1 < m && size + (m - a1 - 1) <= TILE; a1++) size += m - a1 - 1;
  return a1;
}

/** Scratch of `permutedWithinGroupSSBlock` for m samples in g groups, up to `block` permutations. */
export interface GroupScratch {
  readonly groups: number;
  /** Per permutation b (offset b*m; the block rounded up to whole lanes): label of position a,
   * members bucketed by label, position of a in `members`, end of a's bucket. */
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

/** The most samples the one-factor kernel takes (int32 condensed offsets); larger designs use the general kernel. */
export const MAX_GROUP_KERNEL_SAMPLES = 65_535;

/**
 * Scratch of `permutedWithinGroupSSBlock` for m samples in `groups` groups and up to `block`
 * permutations per call.
 * @throws {RangeError} above {@link MAX_GROUP_KERNEL_SAMPLES} samples (permanova() never asks for it).
 */
export function groupScratch(m: number, groups: number, block = PERMUTATION_BLOCK): GroupScratch {
  if (m > MAX_GROUP_KERNEL_SAMPLES) throw new RangeError(`PERMANOVA kernel: ${m} samples exceed 65,535`);
  const slots = Math.ceil(block / LANES) * LANES;
  return {
    groups,
    label: new Int32Array(slots * m),
    members: new Int32Array(slots * m),
    pos: new Int32Array(slots * m),
    end: new Int32Array(slots * m),
    start: new Int32Array(groups + 1),
    sums: new Float64Array(slots * groups),
    rowBase: Int32Array.from({ length: m }, (_, a) => a * m - (a * (a + 1)) / 2 - a - 1),
  };
}

/**
 * Within-group sums of squares of several permutations at once: out[b] = sum over pairs a < b'
 * with the same label L(a) = codes[π_b⁻¹(a)] of d²_ab' / n_L. Positions are bucketed by label
 * (counting sort, ascending inside each bucket), so only within-group pairs are visited (about
 * m²/(2g) reads for g equal groups). The rows of the distances are taken in tiles of ~TILE entries and every
 * permutation of the block is run over a tile while it is in cache, so one pass over the distances from
 * memory serves the whole block instead of one pass per permutation. LANES permutations run side
 * by side over each row: their sums are independent chains of additions, so the loop is bound by
 * the reads rather than by the latency of one floating-point addition after another.
 *
 * Each group's sum receives the same additions in the same order (rows ascending, then columns
 * ascending) whatever the block size, tiling or lanes, so out[b] is bit-identical to a block of one.
 */
export function permutedWithinGroupSSBlock(
  d: Float64Array,
  codes: Int32Array,
  invSize: Float64Array,
  perms: readonly Int32Array[],
  out: Float64Array,
  w: GroupScratch,
): void {
  const m = codes.length;
  const g = invSize.length;
  const nb = perms.length;
  const slots = Math.ceil(nb / LANES) * LANES;
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
      members[off + x] = off + a;
      pos[off + a] = off + x;
    }
    for (let a = 0; a < m; a++) end[off + a] = off + start[label[off + a]!]!;
  }
  // unused lanes of the last group: empty rows (pos + 1 = end)
  label.fill(0, nb * m, slots * m);
  pos.fill(-1, nb * m, slots * m);
  end.fill(0, nb * m, slots * m);
  sums.fill(0, 0, slots * g);
  for (let a0 = 0; a0 < m; ) {
    const a1 = tileEnd(m, a0);
    for (let b = 0; b < nb; b += LANES) {
      const o0 = b * m;
      const o1 = o0 + m;
      const o2 = o1 + m;
      const o3 = o2 + m;
      for (let a = a0; a < a1; a++) {
        const base = rowBase[a]! - o0; // members hold o_b + position
        const c0 = b * g + label[o0 + a]!;
        const c1 = (b + 1) * g + label[o1 + a]!;
        const c2 = (b + 2) * g + label[o2 + a]!;
        const c3 = (b + 3) * g + label[o3 + a]!;
        let y0 = pos[o0 + a]! + 1;
        let y1 = pos[o1 + a]! + 1;
        let y2 = pos[o2 + a]! + 1;
        let y3 = pos[o3 + a]! + 1;
        const e0 = end[o0 + a]!;
        const e1 = end[o1 + a]!;
        const e2 = end[o2 + a]!;
        const e3 = end[o3 + a]!;
        let t0 = sums[c0]!;
        let t1 = sums[c1]!;
        let t2 = sums[c2]!;
        let t3 = sums[c3]!;
        const common = Math.min(e0 - y0, e1 - y1, e2 - y2, e3 - y3);
        for (let k = 0; k < common; k++) {
          const f0 = d[base + members[y0 + k]!]!;
          const f1 = d[base - m + members[y1 + k]!]!;
          const f2 = d[base - 2 * m + members[y2 + k]!]!;
          const f3 = d[base - 3 * m + members[y3 + k]!]!;
          t0 += f0 * f0;
          t1 += f1 * f1;
          t2 += f2 * f2;
          t3 += f3 * f3;
        }
        for (y0 += common; y0 < e0; y0++) t0 += square(d[base + members[y0]!]!);
        for (y1 += common; y1 < e1; y1++) t1 += square(d[base - m + members[y1]!]!);
        for (y2 += common; y2 < e2; y2++) t2 += square(d[base - 2 * m + members[y2]!]!);
        for (y3 += common; y3 < e3; y3++) t3 += square(d[base - 3 * m + members[y3]!]!);
        sums[c0] = t0;
        sums[c1] = t1;
        sums[c2] = t2;
        sums[c3] = t3;
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
