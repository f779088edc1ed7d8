/** `gutresponse power-merge`: combines the partial files of `power --replicates A..B` jobs. */
import { InputError } from "../../core/errors.js";
import { summarisePower } from "../../core/simulate/power.js";
import { readPowerParts } from "../../node/power-partial.js";
import { parseCommandArgs, requireOption } from "../args.js";
import type { Command } from "../command.js";
import { checkOutputFiles, OUT_FILE_ARGS } from "../output.js";
import { fdpPathOf, powerOptionsOf, writePowerTables } from "./power.js";

export const powerMerge: Command = {
  name: "power-merge",
  summary: "combine the partial files of `power --replicates A..B` jobs into the power tables",
  help: `gutresponse power-merge PART... --out F.tsv [--force]

Combines the partial files written by \`gutresponse power --replicates A..B\` into the power table
F.tsv and F.fdp.tsv, identical byte for byte to one \`gutresponse power\` run with the same
settings. Before writing anything it checks every part and lists every problem: all from the same
settings (design, sizes, reps, methods, effect, fdr, mc, seed), replicates 1..reps each covered
exactly once, none truncated.

Example:
  gutresponse power-merge parts/power.*.json --out power.tsv`,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs("power-merge", argv, { ...OUT_FILE_ARGS }, true);
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    const out = requireOption("power-merge", values.out, "out");
    if (positionals.length === 0) {
      throw InputError.single({
        code: "bad_argument",
        message: "power-merge needs the partial files",
        hint: "gutresponse power-merge part-1.json part-2.json ... --out power.tsv",
      });
    }
    await checkOutputFiles([out, fdpPathOf(out)], values.force);
    const { settings, results } = await readPowerParts(positionals);
    const result = summarisePower(powerOptionsOf(settings), results);
    await writePowerTables(ctx, "power-merge", out, result);
    ctx.stdout(
      `${settings.sizes.length} sample sizes x ${settings.reps} replicates from ${positionals.length} part(s)\n` +
        `wrote ${out}\nwrote ${fdpPathOf(out)}\n`,
    );
    return 0;
  },
};
