/**
 * ALDEx2's `aldex.effect` for two groups (ALDEx2 1.35; Fernandes et al. 2014, Microbiome 2:15,
 * doi:10.1186/2049-2618-2-15): diff.btw = the median over random pairs of (a - b), a an instance
 * value of an exposed sample and b of a reference sample; effect = the median of
 * (a - b) / max(|c - c'|, |d - d'|) with independent pairs c, c' (exposed) and d, d' (reference).
 * ALDEx2 pools all n_l x mc values of a group and draws min(min(n0, n1) mc, 10000) pairs (each
 * taxon its own permutation); here the same number of pairs is drawn instance by instance
 * (distinct samples per role within an instance, the primed partners c', d' from the previous
 * instance, cyclically, so that, as in ALDEx2, a pair can be one sample in two instances), shared
 * across taxa. Instance k's pairs fill their own slots and are drawn from instance k's stream
 * after its sampler seed (`pairStream`), so instances may be paired in any order, on any thread.
 */
import type { Rng } from "../random/rng.js";
import { Float32Median, float32Key } from "../stats/float32-median.js";

/** aldex.effect draws at most this many pairs per taxon. */
const MAX_EFFECT_PAIRS = 10000;
/** Taxa per tile of pair values (16 Float32 = one cache line), the unit of the medians' work. */
const MEDIAN_BLOCK = 16;
const TWO_POW_32 = 4294967296;

/** Instance k's stream after its sampler seed (the first draw), from which its pairs are drawn. */
function pairStream(root: Rng, k: number): Rng {
  const rng = root.fork(k);
  rng.int(TWO_POW_32);
  return rng;
}

/** Pairs per taxon for these groups and instances: min(min(n0, n1) mc, 10000). */
export function effectPairCount(groups: Int32Array, mc: number): number {
  let n1 = 0;
  for (const g of groups) n1 += g;
  return Math.min(Math.min(n1, groups.length - n1) * mc, MAX_EFFECT_PAIRS);
}

/**
 * Where the pair values live: (a - b) and the effect ratios, in tiles of MEDIAN_BLOCK taxa, each
 * tile pair-major (pair r of taxon t at (t >> 4) x 16 x pairs + 16 r + (t & 15)): an instance's
 * pairs are written as whole cache lines, and a tile's medians read one contiguous stretch.
 */
export interface EffectPairValues {
  btw: Float32Array;
  ratio: Float32Array;
}

/** diff.btw and effect per instance column (NaN for taxa not paired). */
export interface EffectMedians {
  btw: Float64Array;
  effect: Float64Array;
}

/** Numbers each of `EffectPairValues`' arrays holds for `taxa` taxa and `pairs` pairs (whole tiles). */
export function effectPairSlots(taxa: number, pairs: number): number {
  return Math.ceil(taxa / MEDIAN_BLOCK) * MEDIAN_BLOCK * pairs;
}

/**
 * The random pairs of `aldex.effect`, collected instance by instance into `values` (Float32, in
 * tiles of taxa), then their medians, a tile at a time (its columns gathered as sortable keys, then
 * selected by radix: float32-median.ts).
 */
export class EffectPairs {
  /** The reference and exposed samples (rows). */
  readonly g0: Int32Array;
  readonly g1: Int32Array;
  /** Pairs per taxon. */
  readonly total: number;
  /** Taxa paired. */
  readonly m: number;
  /** The pair values (allocated here unless given, e.g. in shared memory). */
  readonly values: EffectPairValues;
  /** A tile's columns as `float32Key`s, gathered for their medians, and the selection's scratch (on first use). */
  private scratch: { keys: Int32Array; median: Float32Median } | null = null;

  /**
   * Pairs of the taxa `taxa` (increasing column indices of the instances, `width` columns), in that
   * order; `add` reads instances of these columns only (`columnsOf`).
   */
  constructor(
    groups: Int32Array,
    private readonly taxa: Int32Array,
    private readonly width: number,
    private readonly mc: number,
    values?: EffectPairValues,
  ) {
    const g0: number[] = [];
    const g1: number[] = [];
    groups.forEach((g, i) => (g === 1 ? g1 : g0).push(i));
    this.g0 = Int32Array.from(g0);
    this.g1 = Int32Array.from(g1);
    this.total = effectPairCount(groups, mc);
    this.m = taxa.length;
    const slots = effectPairSlots(this.m, this.total);
    this.values = values ?? { btw: new Float32Array(slots), ratio: new Float32Array(slots) };
  }

  /**
   * Instance y's columns of the taxa (n x m), for `add`: y itself when they are all its columns,
   * else gathered into `into`.
   */
  columnsOf(y: Float64Array, into: Float64Array): Float64Array {
    const { m, taxa, width } = this;
    if (m === width) return y;
    for (let i = 0, at = 0; at < into.length; i += width) {
      for (let t = 0; t < m; t++) into[at++] = y[i + taxa[t]!]!;
    }
    return into;
  }

  /**
   * Pairs of instance k (slots k * total / mc onwards) from its stream `rng`; primed partners come
   * from `prime`. Both hold the taxa's columns only (`columnsOf`), so taxon t is column t: no
   * indirection in the loop over taxa (a third of its time).
   */
  add(y: Float64Array, prime: Float64Array, k: number, rng: Rng): void {
    const from = Math.floor((k * this.total) / this.mc);
    const count = Math.floor(((k + 1) * this.total) / this.mc) - from;
    if (count === 0) return;
    const a = distinct(this.g1, count, rng);
    const b = distinct(this.g0, count, rng);
    const c = distinct(this.g1, count, rng);
    const c2 = distinct(this.g1, count, rng);
    const d = distinct(this.g0, count, rng);
    const d2 = distinct(this.g0, count, rng);
    const { m, total } = this;
    const { btw, ratio } = this.values;
    const tile = MEDIAN_BLOCK * total;
    for (let r = 0; r < count; r++) {
      const ya = a[r]! * m;
      const yb = b[r]! * m;
      const yc = c[r]! * m;
      const yc2 = c2[r]! * m;
      const yd = d[r]! * m;
      const yd2 = d2[r]! * m;
      for (let t0 = 0; t0 < m; t0 += MEDIAN_BLOCK) {
        const base = (t0 / MEDIAN_BLOCK) * tile + (from + r) * MEDIAN_BLOCK - t0;
        const end = Math.min(m, t0 + MEDIAN_BLOCK);
        for (let t = t0; t < end; t++) {
          const diff = y[ya + t]! - y[yb + t]!;
          const within = Math.max(
            Math.abs(y[yc + t]! - prime[yc2 + t]!),
            Math.abs(y[yd + t]! - prime[yd2 + t]!),
          );
          btw[base + t] = diff;
          ratio[base + t] = within > 0 ? diff / within : 0;
        }
      }
    }
  }

  /** Tiles of taxa whose medians `medianBlock` computes. */
  get medianBlocks(): number {
    return Math.ceil(this.m / MEDIAN_BLOCK);
  }

  /** The medians of the taxa of tile `block` into `out` (at their instance columns). */
  medianBlock(block: number, out: EffectMedians): void {
    const { m, total, taxa } = this;
    const t0 = block * MEDIAN_BLOCK;
    const width = Math.min(MEDIAN_BLOCK, m - t0);
    this.scratch ??= { keys: new Int32Array(MEDIAN_BLOCK * total), median: new Float32Median() };
    const { keys, median } = this.scratch;
    for (const [values, to] of [
      [this.values.btw, out.btw],
      [this.values.ratio, out.effect],
    ] as const) {
      const tile = new Int32Array(
        values.buffer,
        values.byteOffset + block * MEDIAN_BLOCK * total * 4,
        MEDIAN_BLOCK * total,
      );
      for (let r = 0; r < total; r++) {
        for (let t = 0; t < width; t++) keys[t * total + r] = float32Key(tile[r * MEDIAN_BLOCK + t]!);
      }
      for (let t = 0; t < width; t++)
        to[taxa[t0 + t]!] = median.median(keys.subarray(t * total, (t + 1) * total));
    }
  }

  /** Medians per taxon, for every column of the instances (NaN for taxa not paired). */
  medians(): EffectMedians {
    const out = effectMedians(this.width);
    for (let b = 0; b < this.medianBlocks; b++) this.medianBlock(b, out);
    return out;
  }
}

/**
 * Pairs every kept instance k with its predecessor (cyclically: instance 0 with the last) from its
 * stream `pairStream(root, k)`, exactly as the instances paired while drawn.
 */
export function pairCyclic(pairs: EffectPairs, instances: readonly Float64Array[], root: Rng): void {
  const mc = instances.length;
  // the taxa's columns of instance k in buffer k & 1, of the last (instance 0's predecessor) in a third
  const n = pairs.g0.length + pairs.g1.length;
  const buffers = Array.from({ length: 3 }, () => new Float64Array(n * pairs.m));
  let previous = pairs.columnsOf(instances[mc - 1]!, buffers[2]!);
  instances.forEach((instance, k) => {
    const y = pairs.columnsOf(instance, buffers[k & 1]!);
    pairs.add(y, previous, k, pairStream(root, k));
    previous = y;
  });
}

/** NaN-filled medians for `width` instance columns (on `alloc`'s memory when given, e.g. shared). */
export function effectMedians(width: number, alloc?: (bytes: number) => ArrayBufferLike): EffectMedians {
  const column = () =>
    (alloc ? new Float64Array(alloc(width * 8)) : new Float64Array(width)).fill(Number.NaN);
  return { btw: column(), effect: column() };
}

/** `count` (<= pool.length) distinct members of `pool` in random order (partial Fisher–Yates). */
function distinct(pool: Int32Array, count: number, rng: Rng): Int32Array {
  const a = Int32Array.from(pool);
  for (let i = 0; i < count; i++) {
    const r = i + rng.int(a.length - i);
    const t = a[i]!;
    a[i] = a[r]!;
    a[r] = t;
  }
  return a.subarray(0, count);
}
