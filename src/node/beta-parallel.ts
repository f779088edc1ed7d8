/**
 * Beta diversity on several threads, in bounded memory: the stripes [0, nStripes) are cut into one
 * block per thread (stripes.ts); each worker (beta-worker.ts) reads the table and tree from
 * SharedArrayBuffers and computes its block chunk by chunk (core/beta/stripe-chunks.ts), writing
 * distances straight into one shared condensed matrix (blocks own disjoint pairs). Memory: one
 * condensed matrix plus one ~32 MB chunk per thread. Every pair is computed exactly as in a
 * single-thread run, so the result is identical bit for bit whatever the number of threads.
 *
 * `betaStripeJob` computes one stripe job (`beta --stripes I/N`) the same way: on one thread it
 * streams chunk by chunk; on several it fills one shared block of distances in stripe layout.
 */
import { availableParallelism } from "node:os";
import { type BetaDiversityOptions, type BetaMetricId, validateBeta } from "../core/beta/beta-diversity.js";
import type { DistanceMatrix } from "../core/beta/distance-matrix.js";
import { betaStripesInto, forEachStripeDistances } from "../core/beta/stripe-chunks.js";
import { nStripes } from "../core/beta/stripes.js";
import type { Tree } from "../core/phylo/tree.js";
import type { FeatureTable } from "../core/table/feature-table.js";
import { runOnWorkers } from "./pool.js";

export interface BetaTask {
  table: FeatureTable;
  tree: Tree | undefined;
  metricId: BetaMetricId;
  alpha: number | undefined;
  pseudocount: number | undefined;
  start: number;
  stop: number;
  /** Shared output: the condensed matrix, or (layout "stripes") distances of stripes from `origin` on. */
  out: Float64Array;
  layout: "condensed" | "stripes";
  origin: number;
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

/** Runs stripes [start, stop) on `threads` workers, each writing into the shared `out`. */
async function runBlocks(
  table: FeatureTable,
  id: BetaMetricId,
  options: BetaDiversityOptions,
  [start, stop]: [number, number],
  threads: number,
  out: Float64Array,
  layout: BetaTask["layout"],
): Promise<void> {
  const sTable = sharedTable(table);
  const sTree = options.tree ? sharedTree(options.tree) : undefined;
  const parts = Math.max(1, Math.min(threads, stop - start));
  const tasks: BetaTask[] = Array.from({ length: parts }, (_, t): [number, number] => [
    start + Math.floor((t * (stop - start)) / parts),
    start + Math.floor(((t + 1) * (stop - start)) / parts),
  ])
    .filter(([a, b]) => b > a)
    .map(([a, b]) => ({
      table: sTable,
      tree: sTree,
      metricId: id,
      alpha: options.alpha,
      pseudocount: options.pseudocount,
      start: a,
      stop: b,
      out,
      layout,
      origin: start,
    }));
  await runOnWorkers<BetaTask, true>("beta-worker", tasks, threads);
}

export async function betaDiversityParallel(
  table: FeatureTable,
  metricId: string,
  options: BetaDiversityOptions & { threads?: number } = {},
): Promise<DistanceMatrix> {
  const threads = options.threads ?? availableParallelism();
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
  await runBlocks(table, id, options, [0, nStripes(n)], threads, condensed, "condensed");
  return { ids: [...table.sampleIds], condensed };
}

/**
 * Distances of stripes [start, stop) in stripe layout, handed to `onChunk` in order (inputs must be
 * valid). One thread: chunk by chunk (~32 MB each); several: one block of (stop - start) n values.
 */
export async function betaStripeJob(
  table: FeatureTable,
  id: BetaMetricId,
  options: BetaDiversityOptions,
  [start, stop]: [number, number],
  threads: number,
  onChunk: (k0: number, k1: number, d: Float64Array) => void,
): Promise<void> {
  if (threads <= 1 || stop - start < 2) {
    forEachStripeDistances(table, id, options, start, stop, onChunk);
    return;
  }
  const n = table.sampleIds.length;
  const out = new Float64Array(new SharedArrayBuffer((stop - start) * n * 8));
  await runBlocks(table, id, options, [start, stop], threads, out, "stripes");
  onChunk(start, stop, out);
}
