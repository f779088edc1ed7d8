/**
 * Worker entry of beta-parallel.ts: computes the stripes [start, stop) of one beta metric and
 * writes them into the shared stripe arrays at offset start * n.
 */
import { parentPort, workerData } from "node:worker_threads";
import { betaStripes } from "../core/beta/beta-diversity.js";
import type { BetaTask } from "./beta-parallel.js";

const task = workerData as BetaTask;
const block = betaStripes(
  task.table,
  task.metricId,
  { tree: task.tree, alpha: task.alpha, pseudocount: task.pseudocount },
  task.start,
  task.stop,
);
const n = task.table.sampleIds.length;
task.acc1.set(block.acc1, task.start * n);
if (block.acc2.length > 0) task.acc2.set(block.acc2, task.start * n);
parentPort!.postMessage(true);
