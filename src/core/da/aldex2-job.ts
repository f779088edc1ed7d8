/**
 * One `aldex2` call cut into work that threads can share, with results independent of the thread
 * count: the mc Monte Carlo instances (aldex2-draw.ts) fall into blocks of consecutive instances;
 * a block's thread draws each instance from its own stream (rng.fork(k): the sampler seed first,
 * then its effect pairs), writes its test statistics to the instance's slot (aldex2-tests.ts) and
 * pairs it with its predecessor (aldex2-effect.ts), drawing the predecessor of the block's first
 * instance (the previous block's last, cyclically) once more for that (one draw per block: less
 * time than copying and keeping the blocks' ends); once every block is done, the medians of the
 * pairs are split by taxa. All
 * results live in the job's buffers, which a runner (`Aldex2Threads`) allocates where every thread
 * sees them (e.g. SharedArrayBuffers); the means over instances are summed in instance order
 * afterwards (`instanceMeans`), so any split gives the same bits as one thread.
 */
import { createRng, type Rng } from "../random/rng.js";
import { type DirichletCells, drawClrInstance, instanceCells } from "./aldex2-draw.js";
import {
  EffectPairs,
  type EffectMedians,
  type EffectPairValues,
  effectMedians,
  effectPairCount,
  effectPairSlots,
} from "./aldex2-effect.js";
import { type Aldex2Test, InstanceTests, instanceStatsSize } from "./aldex2-tests.js";
import type { DaInput } from "./prepare.js";

const TWO_POW_32 = 4294967296;

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
  /** The pairs' medians, when `pairs`. */
  medians: EffectMedians | null;
}

/** Runs a job's blocks: all on this thread ({@link ONE_THREAD}) or shared with workers (src/node). */
export interface Aldex2Threads {
  /** Blocks to cut `mc` instances of `cells` numbers each into (1: one thread does them all). */
  blocks(mc: number, cells: number): number;
  /** Memory every thread sees (a SharedArrayBuffer on several threads). */
  alloc(bytes: number): ArrayBufferLike;
  /**
   * Runs `drawBlock(b)` of every block, then, once they are all done, `medianBlock(i)` of every
   * median block; each on any thread, in any order.
   */
  run(job: Aldex2Job): void;
}

/** Everything on the calling thread, on plain memory. */
export const ONE_THREAD: Aldex2Threads = {
  blocks: () => 1,
  alloc: (bytes) => new ArrayBuffer(bytes),
  run(job) {
    for (let b = 0; b < job.spec.blocks; b++) job.drawBlock(b);
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
  const blocks = Math.min(mc, threads.blocks(mc, cells));
  const f64 = (length: number) => new Float64Array(threads.alloc(length * 8));
  let instances = given;
  if (keep) {
    const all = f64(mc * cells);
    instances = Array.from({ length: mc }, (_, k) => all.subarray(k * cells, (k + 1) * cells));
  }
  const total = withPairs ? effectPairCount(groups, mc) : 0;
  const f32 = () => new Float32Array(threads.alloc(effectPairSlots(m, total) * 4));
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

  /** Draws (or takes) the instances of block b, tests each, and pairs each with its predecessor. */
  drawBlock(b: number): void {
    const { input, instances, draw, stats, mc } = this.spec;
    const { nSamples: n, nTaxa: m } = input;
    const { tests, pairs } = this;
    const [from, to] = this.range(b);
    if (draw && this.cells === null) this.cells = instanceCells(input.counts, m);
    if (instances === null && this.scratch === null)
      this.scratch = [new Float64Array(n * m), new Float64Array(n * m)];
    // scratch buffers by parity of the instance: an instance and its predecessor never share one
    const instance = (k: number, samplerSeed: number): Float64Array => {
      const y = instances ? instances[k]! : this.scratch![k & 1]!;
      if (draw) drawClrInstance(this.cells!, n, m, samplerSeed, y);
      return y;
    };
    let previous: Float64Array | null = null;
    if (pairs) {
      const before = (from + mc - 1) % mc;
      previous = instance(before, this.root.fork(before).int(TWO_POW_32));
      // an odd mc puts instance mc - 1 (the predecessor of 0) and instance 0 in one scratch buffer
      if ((before & 1) === (from & 1)) previous = Float64Array.from(previous);
    }
    for (let k = from; k < to; k++) {
      const rng = this.root.fork(k);
      const y = instance(k, rng.int(TWO_POW_32));
      tests.run(y, stats.subarray(k * tests.size, (k + 1) * tests.size));
      if (pairs) pairs.add(y, previous!, k, rng);
      previous = y;
    }
  }

  /** Blocks of taxa for `medianBlock` (0 without pairs). */
  get medianBlocks(): number {
    return this.pairs?.medianBlocks ?? 0;
  }

  /** The pair medians of median block i into `spec.medians`; after every block. */
  medianBlock(i: number): void {
    this.pairs!.medianBlock(i, this.spec.medians!);
  }
}
