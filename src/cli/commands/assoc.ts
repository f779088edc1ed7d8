/** `gutresponse assoc`: associations of each taxon (CLR) with a host outcome (spec: specs/assoc.ts). */
import { associations } from "../../core/assoc/associations.js";
import { ASSOCIATION_COLUMNS } from "../../core/assoc/types.js";
import { formatRecords } from "../../io/tsv-format.js";
import { loadMetadata } from "../../node/load.js";
import { implement } from "../command.js";
import { checkOutputFiles, writeOutputFile } from "../output.js";
import { spec } from "../specs/assoc.js";
import { loadTableAtLevel } from "../table-at-level.js";

/** `gutresponse assoc`, run with its arguments checked against specs/assoc.ts. */
export const assoc = implement(spec, async ({ values, problems, checked }, ctx) => {
  await problems.load(() => checkOutputFiles([values.out], values.force));
  const table = await problems.loadPath(values.table, (path) =>
    loadTableAtLevel(path, values.taxonomy, values.level),
  );
  const metadata = await problems.loadPath(values.metadata, loadMetadata);
  const v = checked();
  const result = associations(table!, metadata!, {
    outcome: v.outcome,
    type: v.type,
    ...(v.positive === undefined ? {} : { positive: v.positive }),
    covariates: v.covariates,
    minPrevalence: v["min-prevalence"],
    model: v.model,
  });
  await writeOutputFile(ctx, "assoc", v.out, formatRecords([...ASSOCIATION_COLUMNS], result.rows));
  for (const note of result.notes) ctx.stdout(`${note}\n`);
  for (const w of result.warnings) ctx.stderr(`warning: ${w}\n`);
  const hits = result.rows.filter((r) => r.q < 0.1).length;
  const coding =
    v.type === "binary" ? `, log odds of ${result.rows[0]?.contrast ?? "the positive level"}` : "";
  ctx.stdout(
    `${result.taxaTested} taxa on ${result.n} samples (${result.method}${coding}); ${hits} at q < 0.1\nwrote ${v.out}\n`,
  );
  return 0;
});
