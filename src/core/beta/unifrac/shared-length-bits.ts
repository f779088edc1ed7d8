/**
 * Unweighted UniFrac's shared branch length S_ij = sum of l_b over the branches present in both
 * samples i and j, with presence packed 32 branches per word (the bit-parallel layout of Striped
 * UniFrac's unweighted kernel, McDonald et al. 2018, doi:10.1038/s41592-018-0187-8):
 *
 *   bits[i * words + g]  bit t set  <=>  unit 32 g + t is present in sample i
 *   S_ij = sum over g of  sum over set bits t of (bits_i[g] & bits_j[g])  of  length[32 g + t]
 *
 * One pass per pair over the `words` words of both samples replaces the z^2 scattered stripe updates
 * per node of the generic kernel (pair-kernel.ts), which dominate for mid-level nodes. The set
 * bits are visited lowest first, so each S_ij receives the same additions in the same order as the
 * generic kernel (units in postorder, starting from +0): the result is bit-identical to it.
 *
 *   stripe slot (k, i) <-> pair (i, (i + k + 1) mod n)   (stripes.ts)
 */
import type { StripeBlock } from "../stripes.js";

/** Presence bits of units (in unit order) for n samples; `add` one unit at a time. */
export class PresenceBits {
  readonly words: number;
  readonly bits: Int32Array;
  readonly length: Float64Array;
  units = 0;

  constructor(
    readonly n: number,
    maxUnits: number,
  ) {
    this.words = Math.max(1, Math.ceil(maxUnits / 32));
    this.bits = new Int32Array(n * this.words);
    this.length = new Float64Array(this.words * 32);
  }

  /** Unit of branch length w present in samples nz[0 .. z-1]. */
  add(w: number, nz: Int32Array, z: number): void {
    const u = this.units++;
    this.length[u] = w;
    const g = u >>> 5;
    const bit = 1 << (u & 31);
    for (let a = 0; a < z; a++) this.bits[nz[a]! * this.words + g]! |= bit;
  }
}

/** acc1 of every slot of the block = S_ij of its pair. */
export function sharedLengthStripes(block: StripeBlock, p: PresenceBits): void {
  const { n, start, stop, acc1 } = block;
  const { words, bits, length } = p;
  // the non-zero words of each sample: a pair only visits those of its first sample
  const nzPtr = new Int32Array(n + 1);
  const nzWord: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let g = 0; g < words; g++) if (bits[i * words + g] !== 0) nzWord.push(g);
    nzPtr[i + 1] = nzWord.length;
  }
  const nzWords = Int32Array.from(nzWord);
  for (let k = start; k < stop; k++) {
    const base = (k - start) * n;
    for (let i = 0; i < n; i++) {
      let j = i + k + 1;
      if (j >= n) j -= n;
      const oi = i * words;
      const oj = j * words;
      let s = 0;
      for (let x = nzPtr[i]!, end = nzPtr[i + 1]!; x < end; x++) {
        const g = nzWords[x]!;
        let m = bits[oi + g]! & bits[oj + g]!;
        const off = (g << 5) + 31;
        while (m !== 0) {
          const low = m & -m;
          s += length[off - Math.clz32(low)]!;
          m ^= low;
        }
      }
      acc1[base + i] = s;
    }
  }
}
