/** Worker entry of permanova-parallel.ts: exceedance counts over one range of permutations. */
import { parentPort, workerData } from "node:worker_threads";
import { permanovaExceedances } from "../core/community/permanova.js";
import type { PermanovaTask } from "./permanova-parallel.js";

const task = workerData as PermanovaTask;
const counts = permanovaExceedances({ ids: task.ids, condensed: task.condensed }, task.design, {
  ...task.options,
  range: task.range,
});
parentPort!.postMessage(counts);
