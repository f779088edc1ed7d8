/** `gutresponse permdisp`: homogeneity of multivariate dispersions (spec: specs/permdisp.ts). */
import { permdisp as runPermdisp } from "../../core/community/permdisp.js";
import { implement } from "../command.js";
import { spec } from "../specs/permdisp.js";
import { runGroupingTest } from "../community-io.js";

/** `gutresponse permdisp`, run with its arguments checked against specs/permdisp.ts. */
export const permdisp = implement(spec, (args, ctx) =>
  runGroupingTest("permdisp", args, ctx, "F", (dm, labels, settings) => {
    const result = runPermdisp(dm, labels, { type: args.checked().type, ...settings });
    return { ...result, statistic: result.F };
  }),
);
