/**
 * The shared terms of UniFrac pairs from per-sample lists of present tree units (the sample-major
 * kernels of Striped UniFrac, McDonald et al. 2018, doi:10.1038/s41592-018-0187-8):
 *
 *   unweighted  S_ij = sum over units u present in both i and j of l_u                (acc1)
 *   weighted    M_ij = sum over units u of l_u min(p_i(u), p_j(u))                    (acc1)
 *
 * Layout (from the postorder pass of node-units.ts, transposed once):
 *   ptr[i] .. ptr[i+1]-1   the entries of sample i, units ascending
 *   unit[x], value[x]      the unit and l_u p_i(u) (weighted; l min(p, q) = min(l p, l q) exactly,
 *                          as rounding is monotone)
 * Unweighted packs presence 8 units per byte (byte g holds units 8g .. 8g+7) and tabulates, per
 * byte g, the summed lengths of every bit pattern, tab[256 g + x] = sum of l_{8g+t} over the set
 * bits t of x, as `ssu`'s unweighted kernel does: a pair costs one AND and one lookup per byte.
 *
 * Loop order: a tile of TILE consecutive samples i0 .. i0+3 is scattered into a dense unit-major
 * buffer (dense[TILE u + t]); each partner j's list is then read once for the whole tile. A pair
 * (i, j) is the sum over j's entries, in ascending unit (byte) order from +0, of a term that is
 * exactly +0 where i lacks the unit, i.e. the sum over the units (bytes) shared by i and j in unit
 * order: the same value whichever of the two is scattered, whatever tile, stripe block, thread or
 * job computes it. The weighted sum makes the same additions as the generic kernel
 * (pair-kernel.ts), bit for bit; the unweighted one adds up to 8 lengths per table entry, so it
 * differs from the unit-by-unit sum in the last bits (relative ~1e-16). Its row terms R_i (length
 * present in i) are summed from the same table entries, so two samples with the same presence
 * have S_ij = R_i = R_j exactly and distance exactly 0.
 *
 *   stripe slot (k, i) <-> pair (i, (i + k + 1) mod n)   (stripes.ts)
 */
import type { StripeBlock } from "../stripes.js";

/** Samples scattered per tile (the accumulators s0 .. s3 of the inner loops). */
const TILE = 4;

/** Units present in n samples, added in unit order (unit-major), then read per sample. */
export class UnitColumns {
  /** Branch length of each unit added. */
  readonly weight: number[] = [];
  private size = 0;
  private sample = new Int32Array(1024);
  private unitOf = new Int32Array(1024);
  private value: Float64Array;

  constructor(
    readonly n: number,
    /** Keep l_u p_i(u) per entry (weighted); presence only otherwise. */
    readonly weighted: boolean,
  ) {
    this.value = new Float64Array(weighted ? 1024 : 0);
  }

  /** Adds a unit of branch length w present in samples nz[0 .. z-1] with values w * e[i]. */
  add(w: number, nz: Int32Array, z: number, e: Float64Array): void {
    if (this.size + z > this.sample.length) this.grow(this.size + z);
    const u = this.weight.length;
    this.weight.push(w);
    for (let a = 0; a < z; a++) {
      const i = nz[a]!;
      this.sample[this.size] = i;
      this.unitOf[this.size] = u;
      if (this.weighted) this.value[this.size] = w * e[i]!;
      this.size++;
    }
  }

  private grow(need: number): void {
    const cap = Math.max(need, 2 * this.sample.length);
    const more = <T extends Int32Array | Float64Array>(a: T, len: number): T => {
      const b = new (a.constructor as new (len: number) => T)(len);
      b.set(a);
      return b;
    };
    this.sample = more(this.sample, cap);
    this.unitOf = more(this.unitOf, cap);
    if (this.weighted) this.value = more(this.value, cap);
  }

  /** The entries per sample (CSR), units ascending within each sample. */
  bySample(): { ptr: Int32Array; unit: Int32Array; value: Float64Array } {
    const { n, size } = this;
    const ptr = new Int32Array(n + 1);
    for (let x = 0; x < size; x++) ptr[this.sample[x]! + 1]!++;
    for (let i = 0; i < n; i++) ptr[i + 1]! += ptr[i]!;
    const fill = ptr.slice(0, n);
    const unit = new Int32Array(size);
    const value = new Float64Array(this.weighted ? size : 0);
    for (let x = 0; x < size; x++) {
      const at = fill[this.sample[x]!]!++;
      unit[at] = this.unitOf[x]!;
      if (this.weighted) value[at] = this.value[x]!;
    }
    return { ptr, unit, value };
  }
}

/**
 * Runs the tiles of a block: `scatter(i, t)` / `clear(i, t)` put sample i in tile slot t,
 * `sums(j, out)` leaves in out[t] the pair term of (tile sample t, j); stored in acc1 where the
 * pair (i0 + t, j) is in the block: j = i0 + d (mod n), stripe k = d - t - 1.
 */
function tiledStripes(
  block: StripeBlock,
  scatter: (i: number, t: number) => void,
  clear: (i: number, t: number) => void,
  sums: (j: number, out: Float64Array) => void,
): void {
  const { n, start, stop, acc1 } = block;
  const out = new Float64Array(TILE);
  for (let i0 = 0; i0 < n; i0 += TILE) {
    const tn = Math.min(TILE, n - i0);
    for (let t = 0; t < tn; t++) scatter(i0 + t, t);
    for (let d = start + 1; d < stop + tn; d++) {
      sums((i0 + d) % n, out);
      for (let t = 0; t < tn; t++) {
        const k = d - t - 1;
        if (k >= start && k < stop) acc1[(k - start) * n + i0 + t] = out[t]!;
      }
    }
    for (let t = 0; t < tn; t++) clear(i0 + t, t);
  }
}

/** Unweighted: acc1 of every slot of the block = S_ij of its pair; rows = R_i (from the same table). */
export function sharedLengthStripes(block: StripeBlock, cols: UnitColumns): void {
  const { ptr, unit } = cols.bySample();
  const { n } = block;
  const bytes = Math.max(1, Math.ceil(cols.weight.length / 8));
  // per sample, its non-zero bytes: block index g and bit pattern
  const bPtr = new Int32Array(n + 1);
  const bIndex = new Int32Array(unit.length);
  const bBits = new Int32Array(unit.length);
  let b = 0;
  for (let i = 0; i < n; i++) {
    let last = -1;
    for (let x = ptr[i]!; x < ptr[i + 1]!; x++) {
      const g = unit[x]! >>> 3;
      if (g !== last) {
        bIndex[b] = g;
        bBits[b++] = 0;
        last = g;
      }
      bBits[b - 1]! |= 1 << (unit[x]! & 7);
    }
    bPtr[i + 1] = b;
  }
  const tab = new Float64Array(bytes * 256);
  for (let g = 0; g < bytes; g++) {
    const base = g << 8;
    for (let x = 1; x < 256; x++) {
      const u = 8 * g + 31 - Math.clz32(x & -x);
      tab[base + x] = tab[base + (x & (x - 1))]! + (cols.weight[u] ?? 0);
    }
  }
  // R_i from the same table entries, so that samples with the same presence get S_ij = R_i = R_j
  // exactly (distance exactly 0)
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let x = bPtr[i]!; x < bPtr[i + 1]!; x++) r += tab[(bIndex[x]! << 8) | bBits[x]!]!;
    block.rows[i] = r;
  }
  // each pattern repeated in the 4 bytes, to AND all 4 tile samples at once
  for (let x = 0; x < b; x++) bBits[x] = (bBits[x]! * 0x01010101) | 0;
  // dense[g]: byte g of tile sample t in bits 8t .. 8t+7
  const dense = new Int32Array(bytes);
  const place = (i: number, t: number, on: boolean): void => {
    for (let x = bPtr[i]!; x < bPtr[i + 1]!; x++) {
      if (on) dense[bIndex[x]!]! |= (bBits[x]! & 255) << (8 * t);
      else dense[bIndex[x]!] = 0;
    }
  };
  tiledStripes(
    block,
    (i, t) => place(i, t, true),
    (i, t) => place(i, t, false),
    (j, out) => {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let x = bPtr[j]!, end = bPtr[j + 1]!; x < end; x++) {
        const g = bIndex[x]!;
        const m = dense[g]! & bBits[x]!;
        const base = g << 8;
        s0 += tab[base | (m & 255)]!;
        s1 += tab[base | ((m >>> 8) & 255)]!;
        s2 += tab[base | ((m >>> 16) & 255)]!;
        s3 += tab[base | (m >>> 24)]!;
      }
      out[0] = s0;
      out[1] = s1;
      out[2] = s2;
      out[3] = s3;
    },
  );
}

/** Weighted: acc1 of every slot of the block = sum_u l_u min(p_i(u), p_j(u)) of its pair. */
export function sharedMinStripes(block: StripeBlock, cols: UnitColumns): void {
  const { ptr, unit, value } = cols.bySample();
  const dense = new Float64Array(TILE * Math.max(1, cols.weight.length));
  const place = (i: number, t: number, on: boolean): void => {
    for (let x = ptr[i]!; x < ptr[i + 1]!; x++) dense[TILE * unit[x]! + t] = on ? value[x]! : 0;
  };
  tiledStripes(
    block,
    (i, t) => place(i, t, true),
    (i, t) => place(i, t, false),
    (j, out) => {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let x = ptr[j]!, end = ptr[j + 1]!; x < end; x++) {
        const d = TILE * unit[x]!;
        const v = value[x]!;
        s0 += Math.min(dense[d]!, v);
        s1 += Math.min(dense[d + 1]!, v);
        s2 += Math.min(dense[d + 2]!, v);
        s3 += Math.min(dense[d + 3]!, v);
      }
      out[0] = s0;
      out[1] = s1;
      out[2] = s2;
      out[3] = s3;
    },
  );
}
