/**
 * The shared terms of UniFrac pairs from per-sample lists of present tree units (the sample-major
 * kernels of Striped UniFrac, McDonald et al. 2018, doi:10.1038/s41592-018-0187-8):
 *
 *   unweighted  S_ij = sum over units u present in both i and j of l_u                (acc1)
 *   weighted    M_ij = sum over units u of l_u min(p_i(u), p_j(u))                    (acc1)
 *
 * Layout (SampleLists, from the postorder pass of node-units.ts, transposed once; units are
 * numbered in postorder over the whole table, so the lists of any range of samples can be built
 * apart, e.g. on several threads, and joined):
 *   ptr[i] .. ptr[i+1]-1   the entries of sample i, units ascending
 *   key[x], value[x]       8 u for the unit u, and l_u p_i(u) (weighted; l min(p, q) = min(l p,
 *                          l q) exactly, as rounding is monotone)
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

/**
 * Per-sample lists of consecutive samples (CSR): ptr[i] .. ptr[i+1]-1 are the entries of sample i,
 * keys ascending. Each sample's entries depend on that sample's counts and the tree alone, so the
 * lists of a range of samples can be built anywhere (a worker) and joined ({@link joinSampleLists}).
 */
export interface SampleLists {
  /** Entry offsets, one more than the samples. */
  ptr: Int32Array;
  /** Unweighted: byte index g (units 8g .. 8g+7); weighted: 8 u for unit u (its first slot in the
   * weighted kernel's tile buffer). */
  key: Int32Array;
  /** Unweighted: the byte's pattern of present units, repeated in the 4 bytes; empty if weighted. */
  bits: Int32Array;
  /** Weighted: l_u p_i(u); empty if unweighted. */
  value: Float64Array;
}

/** Units present in n samples, added in unit order (unit-major), then read per sample. */
export class UnitColumns {
  /** Unit of each add, and the entries stored after it (unit units[k] owns entries
   * ends[k - 1] .. ends[k] - 1). */
  private readonly units: number[] = [];
  private readonly ends: number[] = [];
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

  /** Adds unit u (ascending over calls) of branch length w, present in samples nz[0 .. z-1] with
   * values w * e[i]. */
  add(u: number, w: number, nz: Int32Array, z: number, e: Float64Array): void {
    this.units.push(u);
    this.ends.push((this.ends.at(-1) ?? 0) + z);
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

  /** The entries per sample: units and values (weighted), or bytes of units (unweighted). */
  lists(): SampleLists {
    const { n, weighted } = this;
    const ptr = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) ptr[i + 1] = ptr[i]! + this.perSample[i]!;
    const fill = ptr.slice(0, n);
    const unit = new Int32Array(ptr[n]!);
    const value = new Float64Array(weighted ? ptr[n]! : 0);
    let k = 0;
    let entry = 0;
    this.chunks.forEach((c, q) => {
      const size = q === this.chunks.length - 1 ? this.used : CHUNK;
      for (let x = 0; x < size; x++, entry++) {
        while (entry >= this.ends[k]!) k++;
        const at = fill[c.sample[x]!]!++;
        unit[at] = weighted ? this.units[k]! * WTILE : this.units[k]!;
        if (weighted) value[at] = c.value[x]!;
      }
    });
    return weighted ? { ptr, key: unit, bits: new Int32Array(0), value } : byteLists(ptr, unit);
  }
}

/** Unweighted lists: per sample, its non-zero bytes of units (index g, pattern repeated 4 times,
 * to AND all 4 tile samples at once). */
function byteLists(ptr: Int32Array, unit: Int32Array): SampleLists {
  const n = ptr.length - 1;
  const bPtr = new Int32Array(n + 1);
  let b = 0;
  for (let i = 0; i < n; i++) {
    let last = -1;
    for (let x = ptr[i]!; x < ptr[i + 1]!; x++) {
      const g = unit[x]! >>> 3;
      if (g !== last) b++;
      last = g;
    }
    bPtr[i + 1] = b;
  }
  const key = new Int32Array(b);
  const bits = new Int32Array(b);
  b = 0;
  for (let i = 0; i < n; i++) {
    let last = -1;
    for (let x = ptr[i]!; x < ptr[i + 1]!; x++) {
      const g = unit[x]! >>> 3;
      if (g !== last) key[b++] = g;
      last = g;
      bits[b - 1]! |= (1 << (unit[x]! & 7)) * 0x01010101;
    }
  }
  return { ptr: bPtr, key, bits, value: new Float64Array(0) };
}

/**
 * The lists of consecutive sample ranges, in order, as one: their samples one after another.
 * `buffer` allocates the storage (e.g. SharedArrayBuffers, for threads to read without copies).
 */
export function joinSampleLists(
  parts: readonly SampleLists[],
  buffer: (bytes: number) => ArrayBufferLike = (bytes) => new ArrayBuffer(bytes),
): SampleLists {
  const n = parts.reduce((s, p) => s + p.ptr.length - 1, 0);
  const total = (f: (p: SampleLists) => { length: number }) => parts.reduce((s, p) => s + f(p).length, 0);
  const ptr = new Int32Array(buffer(4 * (n + 1)));
  const key = new Int32Array(buffer(4 * total((p) => p.key)));
  const bits = new Int32Array(buffer(4 * total((p) => p.bits)));
  const value = new Float64Array(buffer(8 * total((p) => p.value)));
  let i = 0;
  let at = 0;
  for (const p of parts) {
    const m = p.ptr.length - 1;
    for (let s = 1; s <= m; s++) ptr[i + s] = at + p.ptr[s]!;
    key.set(p.key, at);
    if (p.bits.length > 0) bits.set(p.bits, at);
    if (p.value.length > 0) value.set(p.value, at);
    i += m;
    at += p.ptr[m]!;
  }
  return { ptr, key, bits, value };
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
 * Unweighted's table of summed lengths per byte of units: tab[256 g + x] = sum of l_{8g+t} over
 * the set bits t of x (`weight`: the length of each unit).
 */
export function lengthTable(weight: Float64Array): Float64Array {
  const bytes = Math.max(1, Math.ceil(weight.length / 8));
  const tab = new Float64Array(bytes * 256);
  for (let g = 0; g < bytes; g++) {
    const base = g << 8;
    for (let x = 1; x < 256; x++) {
      const u = 8 * g + 31 - Math.clz32(x & -x);
      tab[base + x] = tab[base + (x & (x - 1))]! + (weight[u] ?? 0);
    }
  }
  return tab;
}

/**
 * Unweighted, from the joined lists of all samples and the units' lengthTable: fills any block's
 * rows (R_i, from the same table entries) and acc1 (S_ij of every slot's pair). Reads the lists
 * and the table without changing them (threads may share them).
 */
export function sharedLengthKernel(lists: SampleLists, tab: Float64Array): (block: StripeBlock) => void {
  const { ptr: bPtr, key: bIndex, bits: bBits } = lists;
  const n = bPtr.length - 1;
  const bytes = tab.length >>> 8;
  // R_i from the same table entries, so that samples with the same presence get S_ij = R_i = R_j
  // exactly (distance exactly 0)
  const rows = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let x = bPtr[i]!; x < bPtr[i + 1]!; x++) r += tab[(bIndex[x]! << 8) | (bBits[x]! & 255)]!;
    rows[i] = r;
  }
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
 * Weighted, from the joined lists of all samples over `units` units: fills any block's rows
 * (W_i = sum_u l_u p_i(u), in unit order) and acc1 (sum_u l_u min(p_i(u), p_j(u)) of every slot's
 * pair). Reads the lists without changing them (threads may share them).
 */
export function sharedMinKernel(lists: SampleLists, units: number): (block: StripeBlock) => void {
  const { ptr, key: unit, value } = lists;
  const n = ptr.length - 1;
  const rows = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let x = ptr[i]!; x < ptr[i + 1]!; x++) r += value[x]!;
    rows[i] = r;
  }
  // unit u's slots in the tile buffer: WTILE u .. WTILE u + WTILE - 1
  const dense = new Float64Array(WTILE * Math.max(1, units));
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
