/**
 * What `power` and `power-merge` share: the analysis options of saved power settings, and the
 * writing of the power table with the FDP table next to it.
 */
import type { DaMethodName } from "../core/da/types.js";
import { referenceDesign } from "../core/simulate/designs/index.js";
import {
  FDP_ROW_COLUMNS,
  POWER_ROW_COLUMNS,
  type PowerOptions,
  type PowerResult,
} from "../core/simulate/power.js";
import { formatRecords } from "../io/tsv-format.js";
import type { PowerSettings } from "../node/power-partial.js";
import type { CliContext } from "./command.js";
import { besideTsv, writeOutputFile } from "./output.js";

/**
 * The analysis options of power settings (the design built from its name).
 * @throws InputError when the design name is unknown
 */
export function powerOptionsOf(s: PowerSettings): PowerOptions {
  return {
    design: referenceDesign(s.design).design(),
    sizes: s.sizes,
    reps: s.reps,
    methods: s.methods as DaMethodName[],
    effect: s.effect,
    fdr: s.fdr,
    seed: s.seed,
    ...(s.mc === null ? {} : { mc: s.mc }),
    ...(s.assocModel === null ? {} : { assocModel: s.assocModel }),
  };
}

/** Writes the power table to `out` and the FDP table to F.fdp.tsv next to it; prints the warnings. */
export async function writePowerTables(
  ctx: CliContext,
  command: string,
  out: string,
  result: PowerResult,
): Promise<void> {
  await writeOutputFile(ctx, command, out, formatRecords([...POWER_ROW_COLUMNS], result.rows));
  await writeOutputFile(ctx, command, besideTsv(out, "fdp"), formatRecords([...FDP_ROW_COLUMNS], result.fdp));
  for (const w of result.warnings) ctx.stderr(`warning: ${w}\n`);
}
