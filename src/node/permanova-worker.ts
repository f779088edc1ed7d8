/** Worker entry of permanova-parallel.ts: exceedance counts over one range of permutations. */
import { parentPort, workerData } from "node:worker_threads";
import { permanovaExceedances } from "../core/community/permanova.js";
import type { PermanovaTask } from "./permanova-parallel.js";

const task = workerData as PermanovaTask;
// the distances themselves are not needed: the squared ones come shared
const counts = permanovaExceedances({ ids: task.ids, condensed: new Float64Array(0) }, task.design, {
  ...task.options,
  squared: task.squared,
  range: task.range,
});
parentPort!.postMessage(counts);
