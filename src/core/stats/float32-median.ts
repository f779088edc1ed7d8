/**
 * The median of Float32 values by radix selection (e.g. Knuth DE, TAOCP vol. 3, §5.2.5, radix
 * sorting, applied to selection), for hot loops over many columns (ALDEx2's effect pairs: 10,000
 * values per taxon): each value's IEEE 754 bits, read as a signed 32-bit integer, are mapped to a
 * signed key in the values' order (`float32Key`: the 31 low bits of negative values flipped; in
 * 32-bit integer arithmetic throughout, which JIT compilers keep in registers), a histogram of the
 * keys' top 11 bits finds the bucket(s) holding the middle order statistics, and only those
 * buckets' keys are sorted. The same number as `medianInPlace` (descriptive.ts): the middle order
 * statistic, or the mean of the two middle ones, in double precision. Linear time with a small
 * constant (two passes over the keys plus the 2,048 buckets), where quickselect swaps and branches
 * unpredictably. Values must not be NaN; -0 and 0 are distinct keys (-0 first), which changes the
 * median's sign only when the middle values are zeros of both signs.
 */

const BUCKET_BITS = 11;
const BUCKETS = 1 << BUCKET_BITS;
const SHIFT = 32 - BUCKET_BITS;
/** Added to a key's (signed) top bits to make a bucket index. */
const OFFSET = BUCKETS >> 1;
const LOW_31 = 0x7fffffff;

/** The order-preserving signed key of a Float32's bits as an Int32Array view reads them (its own inverse). */
export function float32Key(bits: number): number {
  return bits ^ ((bits >> 31) & LOW_31);
}

/** Medians of key columns, with their scratch reused from call to call. */
export class Float32Median {
  private readonly counts = new Int32Array(BUCKETS);
  private candidates = new Int32Array(0);
  private readonly value = new Float32Array(1);
  private readonly valueBits = new Int32Array(this.value.buffer);

  /** The median of the values whose `float32Key`s are `keys` (NaN for none); `keys` are left as they are. */
  median(keys: Int32Array): number {
    const n = keys.length;
    if (n === 0) return Number.NaN;
    const { counts } = this;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[i]! >> SHIFT) + OFFSET]!++;
    const upper = n >> 1;
    const lower = n % 2 === 1 ? upper : upper - 1;
    // the buckets of the lower and upper middle ranks, and the values below the first
    let below = 0;
    let first = 0;
    while (below + counts[first]! <= lower) below += counts[first++]!;
    let last = first;
    let through = below + counts[first]!;
    while (through <= upper) through += counts[++last]!;
    // no values lie strictly between two adjacent ranks: the buckets in between are empty
    const size = through - below;
    if (this.candidates.length < size)
      this.candidates = new Int32Array(Math.max(size, 2 * this.candidates.length));
    const candidates = this.candidates.subarray(0, size);
    // keys from the first of bucket `first` to the last of bucket `last`, by one unsigned comparison
    // of the offset from the first (2.5x faster in V8 than comparing the bucket with both ends)
    const low = (first - OFFSET) << SHIFT;
    const span = (((last - first + 1) << SHIFT) - 1) >>> 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      if ((key - low) >>> 0 <= span) candidates[c++] = key;
    }
    candidates.sort();
    const hi = this.valueOf(candidates[upper - below]!);
    return lower === upper ? hi : (this.valueOf(candidates[lower - below]!) + hi) / 2;
  }

  /** The Float32 value of a key. */
  private valueOf(key: number): number {
    this.valueBits[0] = float32Key(key);
    return this.value[0]!;
  }
}
