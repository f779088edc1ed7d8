/**
 * ALDEx2 on several threads (`Aldex2Threads` of src/core/da/aldex2-job.ts): the main thread and
 * long-lived workers (aldex2-worker.ts) claim an `aldex2` call's blocks of Monte Carlo instances
 * from a shared counter (Atomics), each drawing, testing and pairing its blocks into the job's
 * SharedArrayBuffers; once every block is done, all claim the medians' blocks the same way. A worker that is still starting simply claims fewer (the main thread does what is
 * left), and as every instance's results land in its own slots and are summed in instance order
 * afterwards, the result is the same bit for bit for any number of threads. `aldex2` stays
 * synchronous: the main thread blocks (Atomics.wait) only for blocks that workers have claimed and
 * are computing. The workers serve one call after another until closed; they do not keep the
 * process alive.
 */
import type { Worker } from "node:worker_threads";
import { Aldex2Job, type Aldex2JobSpec, type Aldex2Threads, ONE_THREAD } from "../core/da/aldex2-job.js";
import { startWorker } from "./pool.js";

/** Slots of a call's shared control array. */
const DRAW_NEXT = 0;
const DRAW_DONE = 1;
const PHASE = 2;
const MEDIAN_NEXT = 3;
const MEDIAN_DONE = 4;
const FAILED = 5;
const SLOTS = 6;
/** PHASE values: the blocks are being drawn; the medians may be claimed; the call was given up. */
const DRAWING = 0;
const MEDIANS = 1;
const GIVEN_UP = 2;
/** Blocks per thread (a thread that starts late or runs slow takes fewer; each block draws one instance more). */
const BLOCKS_PER_THREAD = 4;
/**
 * Fewest numbers drawn (instances x samples x taxa) for which a call's instances are split over
 * the threads: below it (GlobalPatterns' 26 x 1,257 genera x 128 = 4.2 M) a worker's first block,
 * compiled as it runs, costs about what it saves (measured 07 Dec 2026).
 */
export const ALDEX2_THREADS_MIN_CELLS = 2 ** 24;
/** Past any block index: nothing left to claim. */
const EXHAUSTED = 2 ** 30;
const MESSAGE_BYTES = 1024;

/** What a worker receives for one `aldex2` call. */
export interface Aldex2Task {
  spec: Aldex2JobSpec;
  medianBlocks: number;
  /** Int32 on a SharedArrayBuffer: the slots above. */
  control: Int32Array;
  /** A failing worker's error message (UTF-8, on a SharedArrayBuffer). */
  message: Uint8Array;
}

/** Claims items of `count` from slot `next` until none is left, counting each done in slot `done`. */
function claimAll(
  control: Int32Array,
  next: number,
  done: number,
  count: number,
  work: (i: number) => void,
): void {
  for (let i = Atomics.add(control, next, 1); i < count; i = Atomics.add(control, next, 1)) {
    work(i);
    Atomics.add(control, done, 1);
    Atomics.notify(control, done);
  }
}

/** Blocks until slot `done` reaches `count`. @throws {Error} when a worker failed. */
function awaitAll(task: Aldex2Task, done: number, count: number): void {
  const { control, message } = task;
  for (let d = Atomics.load(control, done); d < count; d = Atomics.load(control, done)) {
    if (Atomics.load(control, FAILED) !== 0) {
      const text = new TextDecoder().decode(message.slice(0, message.indexOf(0) >>> 0));
      throw new Error(`an ALDEx2 worker failed: ${text}`);
    }
    Atomics.wait(control, done, d, 1000);
  }
}

/** In a worker: claims blocks of the task's job, then (once the main thread allows) median blocks. */
export function serveAldex2Task(task: Aldex2Task): void {
  const { spec, control, message, medianBlocks } = task;
  let job: Aldex2Job | null = null;
  const view = () => {
    job ??= new Aldex2Job(spec);
    return job;
  };
  try {
    claimAll(control, DRAW_NEXT, DRAW_DONE, spec.blocks, (b) => view().drawBlock(b));
    Atomics.wait(control, PHASE, DRAWING);
    if (Atomics.load(control, PHASE) === MEDIANS)
      claimAll(control, MEDIAN_NEXT, MEDIAN_DONE, medianBlocks, (i) => view().medianBlock(i));
  } catch (e) {
    const bytes = new TextEncoder().encode(String(e instanceof Error ? (e.stack ?? e.message) : e));
    message.set(bytes.subarray(0, MESSAGE_BYTES - 1));
    Atomics.store(control, FAILED, 1);
    Atomics.notify(control, DRAW_DONE);
    Atomics.notify(control, MEDIAN_DONE);
  }
}

/** `aldex2` on this thread and long-lived workers; pass as `threads` (aldex2 options) or `aldex2Threads`. */
export class Aldex2Workers implements Aldex2Threads {
  private workers: Worker[] = [];
  private started: Promise<unknown>[] = [];
  private launched = false;

  private constructor(
    private readonly planned: number,
    private readonly mainClaims: boolean,
    private readonly minCells: number,
  ) {}

  /**
   * `threads - 1` workers, started now (they load while the caller reads its input).
   * `mainClaims` false: the main thread leaves every block to the workers (tests, so that the
   * workers' path surely runs); with no worker it claims them all the same. `minCells`: calls
   * drawing fewer numbers run as one block (default {@link ALDEX2_THREADS_MIN_CELLS}).
   */
  static start(threads: number, options: { mainClaims?: boolean; minCells?: number } = {}): Aldex2Workers {
    const team = Aldex2Workers.onDemand(threads, options);
    team.launch();
    return team;
  }

  /**
   * As {@link start}, but the workers start with the first call large enough to use them (a study
   * run, whose ALDEx2 calls may all be small: no worker is started for them).
   */
  static onDemand(
    threads: number,
    {
      mainClaims = true,
      minCells = ALDEX2_THREADS_MIN_CELLS,
    }: { mainClaims?: boolean; minCells?: number } = {},
  ): Aldex2Workers {
    return new Aldex2Workers(Math.max(0, threads - 1), mainClaims, minCells);
  }

  /** Starts the workers, once. */
  private launch(): void {
    if (this.launched) return;
    this.launched = true;
    this.workers = Array.from({ length: this.planned }, () => {
      const w = startWorker("aldex2-worker", undefined);
      w.unref();
      return w;
    });
    this.started = this.workers.map(
      (w) =>
        new Promise((resolve, reject) => {
          w.once("message", resolve);
          // a worker that fails to start takes no part (the main thread claims its share)
          w.once("error", (e) => {
            this.workers = this.workers.filter((other) => other !== w);
            reject(e);
          });
        }),
    );
    for (const p of this.started) p.catch(() => undefined);
  }

  /** Threads taking part: this one and the workers. */
  get size(): number {
    return (this.launched ? this.workers.length : this.planned) + 1;
  }

  /** Four blocks per thread, or one below `minCells` numbers drawn. */
  blocks(mc: number, cells: number): number {
    return mc * cells < this.minCells ? 1 : this.size * BLOCKS_PER_THREAD;
  }

  /** Shared memory, seen by every worker. */
  alloc(bytes: number): SharedArrayBuffer {
    return new SharedArrayBuffer(bytes);
  }

  /** Resolves once every worker has started (tests); rejects if one failed to. */
  async ready(): Promise<void> {
    this.launch();
    await Promise.all(this.started);
  }

  /** Runs the job's blocks here and on the workers (see the module header). */
  run(job: Aldex2Job): void {
    if (job.spec.blocks === 1 && this.mainClaims) {
      ONE_THREAD.run(job); // a small call: all here, without handing the workers its input
      return;
    }
    this.launch();
    const control = new Int32Array(new SharedArrayBuffer(SLOTS * 4));
    const message = new Uint8Array(new SharedArrayBuffer(MESSAGE_BYTES));
    const { blocks } = job.spec;
    const medianBlocks = job.medianBlocks;
    const task: Aldex2Task = { spec: job.spec, medianBlocks, control, message };
    for (const w of this.workers) w.postMessage(task);
    const claims = this.mainClaims || this.workers.length === 0;
    try {
      if (claims) claimAll(control, DRAW_NEXT, DRAW_DONE, blocks, (b) => job.drawBlock(b));
      awaitAll(task, DRAW_DONE, blocks);
      Atomics.store(control, PHASE, MEDIANS);
      Atomics.notify(control, PHASE);
      if (claims) claimAll(control, MEDIAN_NEXT, MEDIAN_DONE, medianBlocks, (i) => job.medianBlock(i));
      awaitAll(task, MEDIAN_DONE, medianBlocks);
    } finally {
      // on an error, the workers stop at their next claim (or their next task)
      Atomics.store(control, DRAW_NEXT, EXHAUSTED);
      Atomics.store(control, MEDIAN_NEXT, EXHAUSTED);
      Atomics.compareExchange(control, PHASE, DRAWING, GIVEN_UP);
      Atomics.notify(control, PHASE);
    }
  }

  /** Ends the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
