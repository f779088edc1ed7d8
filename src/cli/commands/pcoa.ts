/** `gutresponse pcoa`: principal coordinates of a distance matrix (spec: specs/pcoa.ts). */
import { type Cell, formatTsv } from "../../io/tsv-format.js";
import { loadDistanceMatrix } from "../../node/load.js";
import { gowerAllocate } from "../../core/ordination/gower-product.js";
import { pcoaParallel } from "../../node/pcoa-parallel.js";
import { WorkerTeam } from "../../node/worker-team.js";
import { implement } from "../command.js";
import { besideTsv, checkOutputFiles, writeOutputFile } from "../output.js";
import { spec } from "../specs/pcoa.js";

/** `gutresponse pcoa`, run with its arguments checked against specs/pcoa.ts. */
export const pcoa = implement(spec, async ({ values, problems, checked }, ctx) => {
  const out = values.out;
  if (out !== undefined)
    await problems.load(() => checkOutputFiles([out, besideTsv(out, "eigen")], values.force));
  // the workers start (importing their modules) while the matrix is read; unused ones are closed
  const threads = values.threads ?? 1;
  const team = threads > 1 ? WorkerTeam.start("gower-worker", threads - 1) : undefined;
  // an HDF5 matrix is read straight into the memory the Gower product reads (no 64 MB copy at
  // n = 4,000; lsmat text is parsed as usual and copied there)
  const dm = await problems.loadPath(values.dm, (path) =>
    loadDistanceMatrix(path, { allocate: gowerAllocate(threads > 1) }),
  );
  const v = checked();
  const eigenFile = besideTsv(v.out, "eigen");
  const res = await pcoaParallel(dm!, {
    dimensions: v.dimensions,
    correction: v.correction,
    solver: v.solver,
    threads: v.threads,
    team,
  });
  const k = res.axes.length;
  const rows = res.ids.map((id, i): Cell[] => [id, ...res.coordinates.subarray(i * k, (i + 1) * k)]);
  const eigen = Array.from(res.eigenvalues, (l, j): Cell[] => [`PC${j + 1}`, l, res.proportionExplained[j]!]);
  await writeOutputFile(ctx, "pcoa", v.out, formatTsv(["sample-id", ...res.axes], rows));
  await writeOutputFile(ctx, "pcoa", eigenFile, formatTsv(["axis", "eigenvalue", "proportion"], eigen));
  for (const w of res.warnings) ctx.stderr(`warning: ${w}\n`);
  ctx.stdout(`wrote ${v.out} and ${eigenFile}: ${res.ids.length} samples, ${k} axes\n`);
  return 0;
});
