/**
 * One `aldex2` call cut into work that threads can share, with results independent of the thread
 * count: the mc Monte Carlo instances (aldex2-draw.ts) fall into blocks of consecutive instances;
 * a block's thread draws each instance from its own stream (rng.fork(k): the sampler seed first,
 * then its effect pairs), writes its test statistics to the instance's slot (aldex2-tests.ts) and
 * pairs it with its predecessor in the block (aldex2-effect.ts); the pairs across blocks (a block's
 * first instance with the previous block's last, cyclically) are made afterwards from copies of
 * the ends of each block (`boundaryPairs`); then the medians of the pairs are split by taxa. All
 * results live in the job's buffers, which a runner (`Aldex2Threads`) allocates where every thread
 * sees them (e.g. SharedArrayBuffers); the means over instances are summed in instance order
 * afterwards (`instanceMeans`), so any split gives the same bits as one thread.
 */
import { createRng, type Rng } from "../random/rng.js";
import { type DirichletCells, dirichletCells, drawClrInstance } from "./aldex2-draw.js";
import {
  EffectPairs,
  type EffectMedians,
  type EffectPairValues,
  effectMedians,
  effectPairCount,
  pairStream,
} from "./aldex2-effect.js";
import { type Aldex2Test, InstanceTests, instanceStatsSize } from "./aldex2-tests.js";
import type { DaInput } from "./prepare.js";

const TWO_POW_32 = 4294967296;
/** Blocks per thread (a thread that starts late or runs slow takes fewer). */
const BLOCKS_PER_THREAD = 4;
/** At most this many bytes of block ends (two instances per block). */
const ENDS_BYTES = 64 * 2 ** 20;

/** What a job computes and where: plain data (typed arrays on shared memory pass to workers as they are). */
export interface Aldex2JobSpec {
  input: DaInput;
  seed: number;
  mc: number;
  test: Aldex2Test;
  /** Blocks of consecutive instances. */
  blocks: number;
  /** mc instances (n x m) to draw into and keep, or to test as given (`draw` false); null: drawn into scratch. */
  instances: Float64Array[] | null;
  draw: boolean;
  /** Per instance k its test statistics, at k x `InstanceTests.size`. */
  stats: Float64Array;
  /** Effect pairs drawn with the instances (two groups, instances not kept), else null. */
  pairs: EffectPairValues | null;
  /** Each block's first and last instance (blocks x 2 x n x m), when `pairs`. */
  ends: Float64Array | null;
  /** The pairs' medians, when `pairs`. */
  medians: EffectMedians | null;
}

/** Runs a job's blocks: all on this thread ({@link ONE_THREAD}) or shared with workers (src/node). */
export interface Aldex2Threads {
  /** Threads that take part (the job is cut into blocks for them). */
  readonly size: number;
  /** Memory every thread sees (a SharedArrayBuffer on several threads). */
  alloc(bytes: number): ArrayBufferLike;
  /**
   * Runs `drawBlock(b)` of every block, then `between()` on this thread, then `medianBlock(i)` of
   * every median block; each on any thread, in any order.
   */
  run(job: Aldex2Job, between: () => void): void;
}

/** Everything on the calling thread, on plain memory. */
export const ONE_THREAD: Aldex2Threads = {
  size: 1,
  alloc: (bytes) => new ArrayBuffer(bytes),
  run(job, between) {
    for (let b = 0; b < job.spec.blocks; b++) job.drawBlock(b);
    between();
    for (let i = 0; i < job.medianBlocks; i++) job.medianBlock(i);
  },
};

/**
 * The spec of a job on `threads`' memory: `given` instances (a cache's) are tested, not drawn;
 * with `keep`, the instances are drawn into memory that stays (for a cache) and paired afterwards
 * by the caller; otherwise pairs are drawn alongside (two groups).
 */
export function aldex2JobSpec(
  input: DaInput,
  run: { seed: number; mc: number; test: Aldex2Test; given: Float64Array[] | null; keep: boolean },
  threads: Aldex2Threads,
): Aldex2JobSpec {
  const { seed, mc, test, given, keep } = run;
  const { nSamples: n, nTaxa: m, groups } = input;
  const cells = n * m;
  const withPairs = groups !== null && given === null && !keep;
  const fit = withPairs ? Math.floor(ENDS_BYTES / (16 * cells)) : mc;
  const blocks =
    threads.size <= 1
      ? 1
      : Math.min(mc, Math.max(threads.size, Math.min(threads.size * BLOCKS_PER_THREAD, fit)));
  const f64 = (length: number) => new Float64Array(threads.alloc(length * 8));
  let instances = given;
  if (keep) {
    const all = f64(mc * cells);
    instances = Array.from({ length: mc }, (_, k) => all.subarray(k * cells, (k + 1) * cells));
  }
  const total = withPairs ? effectPairCount(groups, mc) : 0;
  const f32 = () => new Float32Array(threads.alloc(total * m * 4));
  return {
    input,
    seed,
    mc,
    test,
    blocks,
    instances,
    draw: given === null,
    stats: f64(mc * instanceStatsSize(input, test)),
    pairs: withPairs ? { btw: f32(), ratio: f32() } : null,
    ends: withPairs ? f64(blocks * 2 * cells) : null,
    medians: withPairs ? effectMedians(m, threads.alloc) : null,
  };
}

/** A thread's view of a job: the spec's buffers plus this thread's own scratch. */
export class Aldex2Job {
  /** The per-instance tests (their `size` is the stride of `spec.stats`). */
  readonly tests: InstanceTests;
  private readonly root: Rng;
  private readonly pairs: EffectPairs | null;
  private cells: DirichletCells | null = null;
  private scratch: [Float64Array, Float64Array] | null = null;

  /** This thread's view of `spec`. */
  constructor(readonly spec: Aldex2JobSpec) {
    const { input, mc } = spec;
    this.tests = new InstanceTests(input, spec.test);
    this.root = createRng(spec.seed);
    const taxa = Int32Array.from({ length: input.nTaxa }, (_, j) => j);
    this.pairs = spec.pairs && new EffectPairs(input.groups!, taxa, input.nTaxa, mc, spec.pairs);
  }

  /** Instances [from, to) of block b. */
  private range(b: number): [number, number] {
    const { mc, blocks } = this.spec;
    return [Math.floor((b * mc) / blocks), Math.floor(((b + 1) * mc) / blocks)];
  }

  /** Draws (or takes) the instances of block b, tests each, and pairs each with its predecessor in the block. */
  drawBlock(b: number): void {
    const { input, instances, draw, stats, ends } = this.spec;
    const { nSamples: n, nTaxa: m } = input;
    const { tests, pairs } = this;
    const [from, to] = this.range(b);
    if (draw && this.cells === null) this.cells = dirichletCells(input.counts);
    if (instances === null && this.scratch === null)
      this.scratch = [new Float64Array(n * m), new Float64Array(n * m)];
    let previous: Float64Array | null = null;
    for (let k = from; k < to; k++) {
      const rng = this.root.fork(k);
      const samplerSeed = rng.int(TWO_POW_32);
      const y = instances ? instances[k]! : this.scratch![k & 1]!;
      if (draw) drawClrInstance(this.cells!, n, m, samplerSeed, y);
      tests.run(y, stats.subarray(k * tests.size, (k + 1) * tests.size));
      if (pairs && ends) {
        if (k === from) ends.set(y, 2 * b * n * m);
        else pairs.add(y, previous!, k, rng);
        if (k === to - 1) ends.set(y, (2 * b + 1) * n * m);
      }
      previous = y;
    }
  }

  /** Pairs each block's first instance with the previous block's last (cyclically); after every block. */
  boundaryPairs(): void {
    const { pairs } = this;
    const { ends, blocks, input } = this.spec;
    if (!pairs || !ends) return;
    const cells = input.nSamples * input.nTaxa;
    const end = (b: number, last: number) =>
      ends.subarray((2 * b + last) * cells, (2 * b + last + 1) * cells);
    for (let b = 0; b < blocks; b++) {
      const k = this.range(b)[0];
      pairs.add(end(b, 0), end((b + blocks - 1) % blocks, 1), k, pairStream(this.root, k));
    }
  }

  /** Blocks of taxa for `medianBlock` (0 without pairs). */
  get medianBlocks(): number {
    return this.pairs?.medianBlocks ?? 0;
  }

  /** The pair medians of median block i into `spec.medians`; after `boundaryPairs`. */
  medianBlock(i: number): void {
    this.pairs!.medianBlock(i, this.spec.medians!);
  }
}
