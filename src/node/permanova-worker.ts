/** Worker entry of permanova-parallel.ts: exceedance counts over the chunks of permutations it claims. */
import { preparePermanova } from "../core/community/permanova.js";
import { claimFrom, type PermanovaTask } from "./permanova-parallel.js";
import { serveOneTask } from "./worker-team.js";

serveOneTask((task: PermanovaTask) =>
  // the distances themselves are not needed: the squared ones come shared
  preparePermanova({ ids: task.ids, condensed: new Float64Array(0) }, task.design, {
    ...task.options,
    squared: task.squared,
    claim: claimFrom(task.counter),
  }).exceedances(),
);
