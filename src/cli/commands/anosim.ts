/** `gutresponse anosim`: ANOSIM R statistic on a distance matrix (spec: specs/anosim.ts). */
import { anosim as runAnosim } from "../../core/community/anosim.js";
import { implement } from "../command.js";
import { spec } from "../specs/anosim.js";
import { runGroupingTest } from "../community-io.js";

/** `gutresponse anosim`, run with its arguments checked against specs/anosim.ts. */
export const anosim = implement(spec, (args, ctx) =>
  runGroupingTest("anosim", args, ctx, "R", (dm, labels, settings) => {
    const result = runAnosim(dm, labels, settings);
    return { ...result, statistic: result.R };
  }),
);
