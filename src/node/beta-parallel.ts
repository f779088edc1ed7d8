/**
 * Beta diversity on several threads, in bounded memory. The calling thread is one lane and
 * `threads - 1` workers (beta-worker.ts) the others; the stripes [0, nStripes) are cut into one
 * block per lane (stripes.ts), and each lane computes its block chunk by chunk
 * (core/beta/stripe-chunks.ts), writing distances straight into one shared condensed matrix
 * (blocks own disjoint pairs). Memory: one condensed matrix plus one ~32 MB chunk per lane.
 *
 * Unweighted and weighted UniFrac (the sample-list kernels) first build their per-sample lists on
 * all lanes, each lane a range of samples (a sample's lists depend on its counts and the tree
 * alone), joined once into SharedArrayBuffers that every lane's kernel reads: the postorder pass
 * is split between the threads instead of repeated by each, and the lists are held once.
 *
 * Workers can be started ahead of the work (`startBetaWorkers`, e.g. before the table is read),
 * so that their start-up overlaps reading. Every pair is computed exactly as in a single-thread
 * run, so the result is identical bit for bit whatever the number of threads.
 *
 * `betaStripeJob` computes one stripe job (`beta --stripes I/N`) the same way: on one thread it
 * streams chunk by chunk; on several it fills one shared block of distances in stripe layout.
 */
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import {
  type BetaDiversityOptions,
  type BetaMetricId,
  betaMetrics,
  validateBeta,
} from "../core/beta/beta-diversity.js";
import type { DistanceMatrix } from "../core/beta/distance-matrix.js";
import { betaStripesInto, forEachStripeDistances } from "../core/beta/stripe-chunks.js";
import { nStripes } from "../core/beta/stripes.js";
import { type ListUnits, listStripes, listUnits, sampleLists } from "../core/beta/unifrac/node-units.js";
import { joinSampleLists, type SampleLists } from "../core/beta/unifrac/shared-units.js";
import { featureTipNodes } from "../core/phylo/feature-tips.js";
import type { Tree } from "../core/phylo/tree.js";
import type { FeatureTable } from "../core/table/feature-table.js";
import { startWorker } from "./pool.js";

/** The metric and inputs every request to a worker carries (arrays on SharedArrayBuffers). */
interface BetaInputs {
  table: FeatureTable;
  tree: Tree | undefined;
  metricId: BetaMetricId;
  alpha: number | undefined;
  pseudocount: number | undefined;
}

/** UniFrac's lists, prepared once for all lanes. */
export interface SharedLists {
  units: ListUnits;
  term: "both" | "min";
  lists: SampleLists;
}

/** Stripes [start, stop) into `out`: the condensed matrix, or (layout "stripes") the distances of
 * stripes from `origin` on. */
export interface BetaTask extends BetaInputs {
  kind: "stripes";
  start: number;
  stop: number;
  out: Float64Array;
  layout: "condensed" | "stripes";
  origin: number;
  /** The joined lists of the sample-list UniFrac metrics; absent for the others. */
  shared: SharedLists | undefined;
}

/** The lists of samples [start, stop) (answered with SampleLists). */
export interface ListsTask extends BetaInputs {
  kind: "lists";
  units: ListUnits;
  term: "both" | "min";
  start: number;
  stop: number;
}

/** Computes one lane's stripes (on the calling thread or in beta-worker.ts). */
export function runBetaTask(task: BetaTask): void {
  const options = { tree: task.tree, alpha: task.alpha, pseudocount: task.pseudocount };
  const n = task.table.sampleIds.length;
  const source = task.shared && listStripes(task.shared.units, task.shared.term, task.shared.lists);
  const { table, metricId, start, stop, out } = task;
  if (task.layout === "condensed") {
    // (all stripes, on one lane, take the whole-matrix path where the metric has one: same bytes)
    betaStripesInto(table, metricId, options, start, stop, out, source);
  } else {
    const onChunk = (k0: number, _k1: number, d: Float64Array) => out.set(d, (k0 - task.origin) * n);
    forEachStripeDistances(table, metricId, options, start, stop, onChunk, undefined, source);
  }
}

/** Computes the lists of one range of samples. */
export function runListsTask(task: ListsTask): SampleLists {
  return sampleLists(task.table, task.tree!, task.units, task.term, task.start, task.stop);
}

/** Buffers behind the lists, to transfer (not copy) them to the main thread. */
export function listBuffers(lists: SampleLists): ArrayBuffer[] {
  return [lists.ptr, lists.key, lists.bits, lists.value].map((a) => a.buffer as ArrayBuffer);
}

function shared<T extends Int32Array | Float64Array | Uint8Array>(a: T): T {
  const Ctor = a.constructor as new (buf: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

function sharedTable(t: FeatureTable): FeatureTable {
  return {
    sampleIds: t.sampleIds,
    featureIds: t.featureIds,
    colPtr: shared(t.colPtr),
    featureIndex: shared(t.featureIndex),
    values: shared(t.values),
  };
}

function sharedTree(t: Tree): Tree {
  return { parent: shared(t.parent), length: shared(t.length), names: t.names, isTip: shared(t.isTip) };
}

/**
 * Worker threads for one beta run, started ahead of it so that their start-up (loading the
 * modules) overlaps other work such as reading the table. Pass them to {@link betaDiversityParallel}
 * or {@link betaStripeJob}, which use and close them; idle, they do not keep the process alive.
 */
export interface BetaWorkers {
  readonly workers: readonly Worker[];
  /** Stops the workers (done by the run that uses them). */
  close(): Promise<void>;
}

/** Starts the `threads - 1` workers of a `threads`-lane run (the calling thread is a lane). */
export function startBetaWorkers(threads: number): BetaWorkers {
  const workers = Array.from({ length: Math.max(0, threads - 1) }, () => {
    const w = startWorker("beta-worker", undefined);
    w.unref();
    return w;
  });
  return {
    workers,
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** Sends one request to a worker and waits for its answer (the worker keeps the process alive
 * only meanwhile). */
function ask<R>(worker: Worker, message: BetaTask | ListsTask): Promise<R> {
  const answer = new Promise<R>((resolve, reject) => {
    const done = (): void => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      worker.unref();
    };
    const onMessage = (value: R): void => {
      done();
      resolve(value);
    };
    const onError = (e: Error): void => {
      done();
      reject(e);
    };
    const onExit = (code: number): void => {
      done();
      reject(new Error(`worker beta-worker exited with code ${code} before answering`));
    };
    worker.ref();
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.postMessage(message);
  });
  // awaited after this thread's own lane; should that lane throw first, a worker's failure must
  // not surface as an unhandled rejection instead of the lane's error
  answer.catch(() => undefined);
  return answer;
}

/** Splits samples [0, n) into `parts` ranges of near-equal stored entries (list-building work). */
function sampleSplit(table: FeatureTable, parts: number): [number, number][] {
  const n = table.sampleIds.length;
  const total = table.colPtr[n]!;
  const out: [number, number][] = [];
  let a = 0;
  for (let p = 1; p <= parts; p++) {
    let b = a;
    const goal = (p * total) / parts;
    while (b < n && (p === parts || table.colPtr[b + 1]! <= goal)) b++;
    out.push([a, b]);
    a = b;
  }
  return out;
}

/**
 * Runs stripes [start, stop) on the calling thread and the workers, each lane writing into the
 * shared `out`; UniFrac's lists are built on all lanes first.
 */
async function runLanes(
  table: FeatureTable,
  id: BetaMetricId,
  options: BetaDiversityOptions,
  [start, stop]: [number, number],
  workers: BetaWorkers,
  out: Float64Array,
  layout: BetaTask["layout"],
): Promise<void> {
  const lanes = workers.workers.slice(0, Math.max(0, Math.min(workers.workers.length + 1, stop - start) - 1));
  const inputs: BetaInputs = {
    table: sharedTable(table),
    tree: options.tree && sharedTree(options.tree),
    metricId: id,
    alpha: options.alpha,
    pseudocount: options.pseudocount,
  };
  const metric = betaMetrics[id];
  const term = "lists" in metric ? metric.lists : undefined;
  let lists: SharedLists | undefined;
  if (term !== undefined && options.tree !== undefined) {
    const u = listUnits(table, options.tree, featureTipNodes(options.tree, table.featureIds), term);
    const units: ListUnits = {
      tipNodes: shared(u.tipNodes),
      unitOf: shared(u.unitOf),
      weight: shared(u.weight),
      lengths: shared(u.lengths),
    };
    const [mine, ...theirs] = sampleSplit(table, lanes.length + 1);
    const asked = theirs.map(([a, b], w) =>
      ask<SampleLists>(lanes[w]!, { ...inputs, kind: "lists", units, term, start: a, stop: b }),
    );
    const own = sampleLists(table, options.tree, units, term, mine![0], mine![1]);
    const parts = [own, ...(await Promise.all(asked))];
    lists = { units, term, lists: joinSampleLists(parts, (bytes) => new SharedArrayBuffer(bytes)) };
  }
  const count = lanes.length + 1;
  const [mine, ...theirs] = Array.from(
    { length: count },
    (_, t): BetaTask => ({
      ...inputs,
      kind: "stripes",
      start: start + Math.floor((t * (stop - start)) / count),
      stop: start + Math.floor(((t + 1) * (stop - start)) / count),
      out,
      layout,
      origin: start,
      shared: lists,
    }),
  );
  const asked = theirs.map((task, w) => ask<true>(lanes[w]!, task));
  runBetaTask(mine!);
  await Promise.all(asked);
}

/**
 * The distance matrix of one beta metric on `threads` threads (default: all cores), identical bit
 * for bit to `betaDiversity`. `workers` (from {@link startBetaWorkers}; they set the default
 * `threads`) are used and closed; without them the run starts its own.
 * @throws {InputError} as `betaDiversity`, before any worker is asked.
 */
export async function betaDiversityParallel(
  table: FeatureTable,
  metricId: string,
  options: BetaDiversityOptions & { threads?: number; workers?: BetaWorkers } = {},
): Promise<DistanceMatrix> {
  const { workers } = options;
  const threads = options.threads ?? (workers ? workers.workers.length + 1 : availableParallelism());
  let pool = workers;
  try {
    validateBeta(table, metricId, options);
    const id = metricId as BetaMetricId;
    const n = table.sampleIds.length;
    const size = (n * (n - 1)) / 2;
    if (threads <= 1 || nStripes(n) < 2) {
      const condensed = new Float64Array(size);
      betaStripesInto(table, id, options, 0, nStripes(n), condensed);
      return { ids: [...table.sampleIds], condensed };
    }
    const condensed = new Float64Array(new SharedArrayBuffer(size * 8));
    pool ??= startBetaWorkers(threads);
    await runLanes(table, id, options, [0, nStripes(n)], pool, condensed, "condensed");
    return { ids: [...table.sampleIds], condensed };
  } finally {
    await pool?.close();
  }
}

/**
 * Distances of stripes [start, stop) in stripe layout, handed to `onChunk` in order (inputs must be
 * valid). One thread: chunk by chunk (~32 MB each); several: one block of (stop - start) n values.
 * `workers` as in {@link betaDiversityParallel}.
 */
export async function betaStripeJob(
  table: FeatureTable,
  id: BetaMetricId,
  options: BetaDiversityOptions,
  [start, stop]: [number, number],
  threads: number,
  onChunk: (k0: number, k1: number, d: Float64Array) => void,
  workers?: BetaWorkers,
): Promise<void> {
  let pool = workers;
  try {
    if (threads <= 1 || stop - start < 2) {
      forEachStripeDistances(table, id, options, start, stop, onChunk);
      return;
    }
    const n = table.sampleIds.length;
    const out = new Float64Array(new SharedArrayBuffer((stop - start) * n * 8));
    pool ??= startBetaWorkers(threads);
    await runLanes(table, id, options, [start, stop], pool, out, "stripes");
    onChunk(start, stop, out);
  } finally {
    await pool?.close();
  }
}
