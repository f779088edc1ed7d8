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
import { medianInPlace } from "../stats/descriptive.js";

/** aldex.effect draws at most this many pairs per taxon. */
const MAX_EFFECT_PAIRS = 10000;
/** Taxa per block of medians (a unit of work for the threads). */
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

/** Where the pair values live: (a - b) and the effect ratios, taxon-major (pair r of taxon t at t x pairs + r). */
export interface EffectPairValues {
  btw: Float32Array;
  ratio: Float32Array;
}

/** diff.btw and effect per instance column (NaN for taxa not paired). */
export interface EffectMedians {
  btw: Float64Array;
  effect: Float64Array;
}

/**
 * The random pairs of `aldex.effect`, collected instance by instance into `values` (Float32,
 * taxon-major: each taxon's pairs contiguous, so its median is selected in place), then their
 * medians.
 */
export class EffectPairs {
  private readonly g0: Int32Array;
  private readonly g1: Int32Array;
  /** Pairs per taxon. */
  readonly total: number;
  private readonly m: number;
  /** The pair values (allocated here unless given, e.g. in shared memory). */
  readonly values: EffectPairValues;

  /** Pairs of the taxa `taxa` (column indices of the instances, `width` columns), in that order. */
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
    this.values = values ?? {
      btw: new Float32Array(this.m * this.total),
      ratio: new Float32Array(this.m * this.total),
    };
  }

  /** Pairs of instance k (slots k * total / mc onwards) from its stream `rng`; primed partners come from `prime`. */
  add(y: Float64Array, prime: Float64Array, k: number, rng: Rng): void {
    const from = Math.floor((k * this.total) / this.mc);
    const count = Math.floor(((k + 1) * this.total) / this.mc) - from;
    if (count === 0) return;
    const { m, taxa, width, total } = this;
    // row offsets of the samples in each role (drawn in this order from the instance's stream)
    const rows = (pool: Int32Array) => distinct(pool, count, rng).map((i) => i * width);
    const a = rows(this.g1);
    const b = rows(this.g0);
    const c = rows(this.g1);
    const c2 = rows(this.g1);
    const d = rows(this.g0);
    const d2 = rows(this.g0);
    const { btw, ratio } = this.values;
    for (let t = 0; t < m; t++) {
      const j = taxa[t]!;
      const base = t * total + from;
      for (let r = 0; r < count; r++) {
        const diff = y[a[r]! + j]! - y[b[r]! + j]!;
        const within = Math.max(
          Math.abs(y[c[r]! + j]! - prime[c2[r]! + j]!),
          Math.abs(y[d[r]! + j]! - prime[d2[r]! + j]!),
        );
        btw[base + r] = diff;
        ratio[base + r] = within > 0 ? diff / within : 0;
      }
    }
  }

  /** Blocks of taxa whose medians `medianBlock` computes. */
  get medianBlocks(): number {
    return Math.ceil(this.m / MEDIAN_BLOCK);
  }

  /** The medians of the taxa of median block `block` into `out` (at their instance columns); reorders their pairs. */
  medianBlock(block: number, out: EffectMedians): void {
    const { m, total, taxa } = this;
    const { btw, ratio } = this.values;
    for (let t = block * MEDIAN_BLOCK; t < Math.min(m, (block + 1) * MEDIAN_BLOCK); t++) {
      out.btw[taxa[t]!] = medianInPlace(btw.subarray(t * total, (t + 1) * total));
      out.effect[taxa[t]!] = medianInPlace(ratio.subarray(t * total, (t + 1) * total));
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
  instances.forEach((y, k) => pairs.add(y, instances[(k + mc - 1) % mc]!, k, pairStream(root, k)));
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
