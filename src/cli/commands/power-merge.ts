/** `gutresponse power-merge`: combines the partial files of `power --replicates A..B` jobs (spec: specs/power-merge.ts). */
import { summarisePower } from "../../core/simulate/power.js";
import { readPowerParts } from "../../node/power-partial.js";
import { implement } from "../command.js";
import { besideTsv, checkOutputFiles } from "../output.js";
import { powerOptionsOf, writePowerTables } from "../power-tables.js";
import { spec } from "../specs/power-merge.js";

/** `gutresponse power-merge`, run with its arguments checked against specs/power-merge.ts. */
export const powerMerge = implement(spec, async ({ positionals, checked }, ctx) => {
  const { out, force } = checked();
  await checkOutputFiles([out, besideTsv(out, "fdp")], force);
  const { settings, results } = await readPowerParts(positionals);
  const result = summarisePower(powerOptionsOf(settings), results);
  await writePowerTables(ctx, "power-merge", out, result);
  ctx.stdout(
    `${settings.sizes.length} sample sizes x ${settings.reps} replicates from ${positionals.length} part(s)\n` +
      `wrote ${out}\nwrote ${besideTsv(out, "fdp")}\n`,
  );
  return 0;
});
