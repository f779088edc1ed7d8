/** Worker entry of permanova-parallel.ts: exceedance counts over the chunks of permutations it claims. */
import { preparePermanova } from "../core/community/permanova.js";
import { claimFrom, type PermanovaTask } from "./permanova-parallel.js";
import { markJoined, serveOneTask } from "./worker-team.js";

serveOneTask((task: PermanovaTask) => {
  markJoined(task.counter, 1);
  // dm.condensed is not read: the design's distances come shared
  return preparePermanova({ ids: task.ids, condensed: new Float64Array(0) }, task.design, {
    ...task.options,
    distances: task.distances,
    claim: claimFrom(task.counter),
  }).exceedances();
});
