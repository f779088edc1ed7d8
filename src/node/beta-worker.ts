/**
 * Worker entry of beta-parallel.ts: computes the stripes [start, stop) of one beta metric chunk by
 * chunk and writes their distances into the shared output (condensed matrix or stripe layout).
 */
import { parentPort, workerData } from "node:worker_threads";
import { betaStripesInto, forEachStripeDistances } from "../core/beta/stripe-chunks.js";
import type { BetaTask } from "./beta-parallel.js";

const task = workerData as BetaTask;
const options = { tree: task.tree, alpha: task.alpha, pseudocount: task.pseudocount };
const n = task.table.sampleIds.length;
if (task.layout === "condensed") {
  betaStripesInto(task.table, task.metricId, options, task.start, task.stop, task.out);
} else {
  forEachStripeDistances(task.table, task.metricId, options, task.start, task.stop, (k0, _k1, d) =>
    task.out.set(d, (k0 - task.origin) * n),
  );
}
parentPort!.postMessage(true);
