/**
 * PCoA with the Lanczos solver's products x -> B x on several threads. The condensed distances,
 * the product's input vector and the blocks' partial vectors live on shared memory (one shared
 * WebAssembly memory, which each thread's instance of the SIMD loop reads: gower-simd.ts); the
 * workers (gower-worker.ts) stay for the whole solve, parked on `Atomics.wait` between products.
 * For each product the main thread publishes the product number, then every thread claims row
 * blocks of the fixed partition (gower-product.ts, GOWER_BLOCKS) from one shared counter until
 * none is left; the main thread waits for the last block and sums the partials in block order.
 * Which thread computed a block does not change its bytes, and the sum's order is fixed, so the
 * result is identical for any number of threads (and to `pcoa` on one thread). A worker that
 * starts late joins at the next block; the main thread never waits for a worker to start.
 *
 * Claims: product p owns claim numbers p * B .. p * B + B - 1 (B blocks) of a counter that only
 * grows; a claim is taken by compare-and-swap only below the current product's limit, so a
 * thread still looking at product p - 1 can never take a block of product p.
 */
import type { DistanceMatrix } from "../core/beta/distance-matrix.js";
import {
  type GowerWork,
  gowerBlock,
  gowerProduct,
  gowerFourRows,
  gowerSetup,
} from "../core/ordination/gower-product.js";
import type { FourRows } from "../core/ordination/gower-simd.js";
import { type PcoaOptions, type PcoaResult, pcoa, pcoaSolver } from "../core/ordination/pcoa.js";
import { restoreWasmTierUp } from "./wasm-tier-up.js";
import { awaitJoined, markJoined, WorkerTeam } from "./worker-team.js";

/** Slots of the control array (int32 on a SharedArrayBuffer). */
const PRODUCT = 0; // current product number (0: none yet, -1: stop)
const NEXT = 1; // the claim counter
const DONE = 2; // blocks finished in the current product
const FAILED = 3; // set by a worker that threw
const JOINED = 4; // workers started
const SLOTS = 5;

/** What each worker of {@link pcoaParallel} receives. */
export interface GowerTask {
  /** The condensed distances, on shared memory. */
  condensed: Float64Array;
  work: GowerWork;
  /** The shared WebAssembly memory holding `condensed` and `work`, for the SIMD loop. */
  memory?: WebAssembly.Memory;
  control: Int32Array;
}

/** Takes the next claim number below `limit` (compare-and-swap), or -1 when none is left. */
function claim(control: Int32Array, limit: number): number {
  for (;;) {
    const c = Atomics.load(control, NEXT);
    if (c >= limit) return -1;
    if (Atomics.compareExchange(control, NEXT, c, c + 1) === c) return c;
  }
}

/** Computes the blocks of product p this thread can claim, with this thread's `fourRows`. */
function claimBlocks(task: GowerTask, p: number, fourRows: FourRows): void {
  const { condensed, work, control } = task;
  const blocks = work.bounds.length - 1;
  for (let c = claim(control, (p + 1) * blocks); c >= 0; c = claim(control, (p + 1) * blocks)) {
    gowerBlock(condensed, work, c - p * blocks, fourRows);
    if (Atomics.add(control, DONE, 1) + 1 === blocks) Atomics.notify(control, DONE);
  }
}

/**
 * The worker side: takes part in every product until the main thread publishes -1 (in
 * gower-worker.ts; answers true when it stops).
 */
export function serveProducts(task: GowerTask): true {
  const { control } = task;
  markJoined(control, JOINED);
  try {
    const fourRows = gowerFourRows(task.memory);
    for (let seen = 0; ; ) {
      Atomics.wait(control, PRODUCT, seen);
      const p = Atomics.load(control, PRODUCT);
      if (p < 0) return true;
      if (p === seen) continue;
      seen = p;
      claimBlocks(task, p, fourRows);
    }
  } catch (e) {
    Atomics.store(control, FAILED, 1);
    Atomics.notify(control, DONE);
    throw e;
  }
}

/**
 * {@link pcoa} with the Lanczos products on `threads` threads (default 1: the plain call); the
 * result is identical for any number of threads. Only the Lanczos solver uses threads. `team`:
 * workers started earlier on "gower-worker" (`threads - 1`; closed here), else started here.
 * `awaitWorkers`: start the solve only once every worker is up (tests: so that they take part).
 * @throws {InputError} as {@link pcoa}.
 */
export async function pcoaParallel(
  dm: DistanceMatrix,
  options: PcoaOptions & { threads?: number; team?: WorkerTeam; awaitWorkers?: boolean } = {},
): Promise<PcoaResult> {
  const { threads = 1, team: given, awaitWorkers = false, ...plain } = options;
  await restoreWasmTierUp(); // before the SIMD loop runs, after the matrix was read
  const n = dm.ids.length;
  if (threads <= 1 || n < 3 || pcoaSolver(n, plain) !== "lanczos") {
    await given?.close();
    return pcoa(dm, plain);
  }
  const team = given ?? WorkerTeam.start("gower-worker", threads - 1);
  const { condensed, work, memory } = gowerSetup(dm.condensed, n, true);
  const control = new Int32Array(new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT));
  const blocks = work.bounds.length - 1;
  control[NEXT] = blocks; // product 1 owns claims B .. 2B - 1
  const task: GowerTask = { condensed, work, control, memory };
  const fourRows = gowerFourRows(memory);
  // their answer (true, once stopped) is not awaited: they are closed when the solve ends
  const stopped = team.run<GowerTask, true>(Array.from({ length: team.size }, () => task));
  stopped.catch(() => undefined);
  if (awaitWorkers) awaitJoined(control, JOINED, team.size);
  let p = 0;
  const runBlocks = (): void => {
    p++;
    Atomics.store(control, DONE, 0);
    Atomics.store(control, PRODUCT, p);
    Atomics.notify(control, PRODUCT);
    claimBlocks(task, p, fourRows);
    for (let d = Atomics.load(control, DONE); d < blocks; d = Atomics.load(control, DONE)) {
      if (Atomics.load(control, FAILED)) throw new Error("a PCoA worker thread failed");
      Atomics.wait(control, DONE, d, 1000);
    }
  };
  try {
    return pcoa(dm, { ...plain, product: gowerProduct({ ids: dm.ids, condensed }, { work, runBlocks }) });
  } finally {
    // a worker still starting (a small matrix is solved before it is up) need not be waited for
    Atomics.store(control, PRODUCT, -1);
    Atomics.notify(control, PRODUCT);
    await team.close();
  }
}
