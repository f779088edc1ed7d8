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
 * Loop order: a tile of consecutive samples i0 .. i0+T-1 (T = 4 unweighted, 8 weighted) is scattered
 * into a dense unit-major buffer (dense[T u + t]); each partner j's list is then read once for the whole tile. A pair
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

/** Samples scattered per tile: the accumulators s0 .. s3 (unweighted: 4 bytes of one int32) and
 * s0 .. s7 (weighted) of the inner loops. */
const TILE = 4;
const WTILE = 8;

/** Entries per storage chunk of UnitColumns (chunks are never copied or grown). */
const CHUNK = 1 << 16;

interface Chunk {
  sample: Int32Array;
  value: Float64Array;
}

/** Units present in n samples, added in unit order (unit-major), then read per sample. */
export class UnitColumns {
  /** Branch length of each unit added. */
  readonly weight: number[] = [];
  /** Entries stored after each unit (unit u owns entries unitEnd[u - 1] .. unitEnd[u] - 1). */
  private readonly unitEnd: number[] = [];
  private readonly chunks: Chunk[] = [];
  /** Entries used in the last chunk. */
  private used = CHUNK;
  private readonly perSample: Int32Array;

  constructor(
    readonly n: number,
    /** Keep l_u p_i(u) per entry (weighted); presence only otherwise. */
    readonly weighted: boolean,
  ) {
    this.perSample = new Int32Array(n);
  }

  /** Adds a unit of branch length w present in samples nz[0 .. z-1] with values w * e[i]. */
  add(w: number, nz: Int32Array, z: number, e: Float64Array): void {
    this.weight.push(w);
    this.unitEnd.push((this.unitEnd.at(-1) ?? 0) + z);
    for (let a = 0; a < z; ) {
      if (this.used === CHUNK) {
        this.chunks.push({
          sample: new Int32Array(CHUNK),
          value: new Float64Array(this.weighted ? CHUNK : 0),
        });
        this.used = 0;
      }
      const { sample, value } = this.chunks[this.chunks.length - 1]!;
      const take = Math.min(z - a, CHUNK - this.used);
      for (let x = this.used, end = this.used + take; x < end; x++, a++) {
        const i = nz[a]!;
        sample[x] = i;
        if (this.weighted) value[x] = w * e[i]!;
        this.perSample[i]!++;
      }
      this.used += take;
    }
  }

  /** The entries per sample (CSR), units ascending within each sample. */
  bySample(): { ptr: Int32Array; unit: Int32Array; value: Float64Array } {
    const { n, weighted } = this;
    const ptr = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) ptr[i + 1] = ptr[i]! + this.perSample[i]!;
    const fill = ptr.slice(0, n);
    const unit = new Int32Array(ptr[n]!);
    const value = new Float64Array(weighted ? ptr[n]! : 0);
    let u = 0;
    let entry = 0;
    this.chunks.forEach((c, k) => {
      const size = k === this.chunks.length - 1 ? this.used : CHUNK;
      for (let x = 0; x < size; x++, entry++) {
        while (entry >= this.unitEnd[u]!) u++;
        const at = fill[c.sample[x]!]!++;
        unit[at] = u;
        if (weighted) value[at] = c.value[x]!;
      }
    });
    return { ptr, unit, value };
  }
}

/**
 * The kernel of a block: rows copied, then the tiles run: `place(i, t, on)` puts sample i in (or
 * takes it out of) tile slot t, `sums(j, out)` leaves in out[t] the pair term of (tile sample t,
 * j), stored in acc1 where the pair (i0 + t, j) is in the block: j = i0 + d (mod n), stripe
 * k = d - t - 1.
 */
const tiledKernel =
  (
    rows: Float64Array,
    tile: number,
    place: (i: number, t: number, on: boolean) => void,
    sums: (j: number, out: Float64Array) => void,
  ) =>
  (block: StripeBlock): void => {
    block.rows.set(rows);
    tiledStripes(block, tile, place, sums);
  };

function tiledStripes(
  block: StripeBlock,
  tile: number,
  place: (i: number, t: number, on: boolean) => void,
  sums: (j: number, out: Float64Array) => void,
): void {
  const { n, start, stop, acc1 } = block;
  const out = new Float64Array(tile);
  for (let i0 = 0; i0 < n; i0 += tile) {
    const tn = Math.min(tile, n - i0);
    for (let t = 0; t < tn; t++) place(i0 + t, t, true);
    for (let d = start + 1; d < stop + tn; d++) {
      sums((i0 + d) % n, out);
      for (let t = 0; t < tn; t++) {
        const k = d - t - 1;
        if (k >= start && k < stop) acc1[(k - start) * n + i0 + t] = out[t]!;
      }
    }
    for (let t = 0; t < tn; t++) place(i0 + t, t, false);
  }
}

/**
 * Unweighted, prepared once from the lists: fills any block's rows (R_i, from the same table
 * entries) and acc1 (S_ij of every slot's pair).
 */
export function sharedLengthKernel(cols: UnitColumns): (block: StripeBlock) => void {
  const { n } = cols;
  const { ptr, unit } = cols.bySample();
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
  const rows = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let x = bPtr[i]!; x < bPtr[i + 1]!; x++) r += tab[(bIndex[x]! << 8) | bBits[x]!]!;
    rows[i] = r;
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
  const sums = (j: number, out: Float64Array): void => {
    const end = bPtr[j + 1]!;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let x = bPtr[j]!; x < end; x++) {
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
  };
  return tiledKernel(rows, TILE, place, sums);
}

/**
 * Weighted, prepared once from the lists: fills any block's rows (W_i = sum_u l_u p_i(u), in unit
 * order) and acc1 (sum_u l_u min(p_i(u), p_j(u)) of every slot's pair).
 */
export function sharedMinKernel(cols: UnitColumns): (block: StripeBlock) => void {
  const { n } = cols;
  const { ptr, unit, value } = cols.bySample();
  const rows = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let x = ptr[i]!; x < ptr[i + 1]!; x++) r += value[x]!;
    rows[i] = r;
  }
  // unit -> its first slot in the tile buffer
  for (let x = 0; x < unit.length; x++) unit[x]! *= WTILE;
  const dense = new Float64Array(WTILE * Math.max(1, cols.weight.length));
  const place = (i: number, t: number, on: boolean): void => {
    for (let x = ptr[i]!; x < ptr[i + 1]!; x++) dense[unit[x]! + t] = on ? value[x]! : 0;
  };
  const sums = (j: number, out: Float64Array): void => {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    for (let x = ptr[j]!, end = ptr[j + 1]!; x < end; x++) {
      const d = unit[x]!;
      const v = value[x]!;
      s0 += Math.min(dense[d]!, v);
      s1 += Math.min(dense[d + 1]!, v);
      s2 += Math.min(dense[d + 2]!, v);
      s3 += Math.min(dense[d + 3]!, v);
      s4 += Math.min(dense[d + 4]!, v);
      s5 += Math.min(dense[d + 5]!, v);
      s6 += Math.min(dense[d + 6]!, v);
      s7 += Math.min(dense[d + 7]!, v);
    }
    out[0] = s0;
    out[1] = s1;
    out[2] = s2;
    out[3] = s3;
    out[4] = s4;
    out[5] = s5;
    out[6] = s6;
    out[7] = s7;
  };
  return tiledKernel(rows, WTILE, place, sums);
}
