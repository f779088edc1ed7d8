/**
 * Beta diversity on several threads: the stripes [0, nStripes) are cut into one block per thread
 * (stripes.ts); each worker (beta-worker.ts) reads the table and tree from SharedArrayBuffers and
 * writes its block's accumulators into a shared stripe array; the main thread computes the row
 * terms meanwhile and merges. Every slot is computed exactly as in a single-thread run, so the
 * result is identical bit for bit whatever the number of threads.
 */
import { availableParallelism } from "node:os";
import {
  type BetaDiversityOptions,
  type BetaMetricId,
  betaDiversity,
  betaStripes,
  mergeBetaStripes,
  validateBeta,
} from "../core/beta/beta-diversity.js";
import type { DistanceMatrix } from "../core/beta/distance-matrix.js";
import { nStripes, stripeRanges } from "../core/beta/stripes.js";
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
  acc1: Float64Array;
  acc2: Float64Array;
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

export async function betaDiversityParallel(
  table: FeatureTable,
  metricId: string,
  options: BetaDiversityOptions & { threads?: number } = {},
): Promise<DistanceMatrix> {
  const threads = options.threads ?? availableParallelism();
  const n = table.sampleIds.length;
  if (threads <= 1 || nStripes(n) < 2) return betaDiversity(table, metricId, options);
  validateBeta(table, metricId, options);
  const id = metricId as BetaMetricId;
  const total = nStripes(n) * n;
  const acc1 = new Float64Array(new SharedArrayBuffer(total * 8));
  const acc2 = new Float64Array(new SharedArrayBuffer(id === "generalized_unifrac" ? total * 8 : 0));
  const sTable = sharedTable(table);
  const sTree = options.tree ? sharedTree(options.tree) : undefined;
  const tasks: BetaTask[] = stripeRanges(n, threads).map(([start, stop]) => ({
    table: sTable,
    tree: sTree,
    metricId: id,
    alpha: options.alpha,
    pseudocount: options.pseudocount,
    start,
    stop,
    acc1,
    acc2,
  }));
  const running = runOnWorkers<BetaTask, true>("beta-worker", tasks, threads);
  const rows = betaStripes(table, id, options, 0, 0).rows;
  await running;
  return mergeBetaStripes(table, id, options, [{ n, start: 0, stop: nStripes(n), rows, acc1, acc2 }]);
}
