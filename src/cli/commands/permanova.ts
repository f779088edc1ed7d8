/** `gutresponse permanova`: PERMANOVA on a distance matrix (spec: specs/permanova.ts). */
import { designMatrix } from "../../core/stats/design-matrix.js";
import { loadDistanceMatrix, loadMetadata } from "../../node/load.js";
import { permanovaParallel, permanovaWorkers } from "../../node/permanova-parallel.js";
import { WorkerTeam } from "../../node/worker-team.js";
import { implement } from "../command.js";
import { checkOutputFiles } from "../output.js";
import { spec } from "../specs/permanova.js";
import { labelsFor, permutationSettings, printWarnings, writeResult } from "../community-io.js";

/** `gutresponse permanova`, run with its arguments checked against specs/permanova.ts. */
export const permanova = implement(spec, async ({ values, problems, checked }, ctx) => {
  await problems.load(() => checkOutputFiles([values.out], values.force));
  // the workers start (importing their modules) while the matrix is read
  const workers = permanovaWorkers(values.threads ?? 1, values.permutations ?? 999);
  const team = workers > 0 ? WorkerTeam.start("permanova-worker", workers) : undefined;
  const dm = await problems.loadPath(values.dm, (path) => loadDistanceMatrix(path, { shared: workers > 0 }));
  const md = await problems.loadPath(values.metadata, loadMetadata);
  const v = checked();
  const design = designMatrix(v.formula, md!, { ids: dm!.ids });
  if (design.droppedIds.length > 0) {
    printWarnings(ctx, "permanova", [`${design.droppedIds.length} sample(s) with missing values left out`]);
  }
  const result = await permanovaParallel(dm!, design, {
    threads: v.threads,
    team,
    by: v.by,
    strata: v.strata ? labelsFor("permanova", dm!, md!, v.strata, v.metadata) : undefined,
    ...permutationSettings("permanova", v, ctx),
  });
  const header = ["term", "df", "sum_of_squares", "r2", "F", "p", "permutations"];
  const rows = result.rows.map((r) => [
    r.term,
    r.df,
    r.sumOfSquares,
    r.r2,
    r.F,
    r.p,
    r.p === null ? null : result.permutations,
  ]);
  await writeResult(ctx, "permanova", result, v.out, header, rows);
  return 0;
});
