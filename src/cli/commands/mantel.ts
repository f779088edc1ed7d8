/** `gutresponse mantel`: Mantel test between two distance matrices (spec: specs/mantel.ts). */
import { mantel as runMantel } from "../../core/community/mantel.js";
import { loadDistanceMatrix } from "../../node/load.js";
import { implement } from "../command.js";
import { checkOutputFiles } from "../output.js";
import { spec } from "../specs/mantel.js";
import { permutationSettings, writeResult } from "../community-io.js";

/** `gutresponse mantel`, run with its arguments checked against specs/mantel.ts. */
export const mantel = implement(spec, async ({ values, problems, checked }, ctx) => {
  await problems.load(() => checkOutputFiles([values.out], values.force));
  const a = await problems.loadPath(values.dm, loadDistanceMatrix);
  const b = await problems.loadPath(values.dm2, loadDistanceMatrix);
  const v = checked();
  const result = runMantel(a!, b!, {
    method: v.method,
    alternative: v.alternative,
    ...permutationSettings("mantel", v, ctx),
  });
  const row = [v.method, result.r, result.p, result.permutations];
  await writeResult(ctx, "mantel", result, v.out, ["method", "r", "p", "permutations"], [row]);
  return 0;
});
