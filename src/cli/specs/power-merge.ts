/** `gutresponse power-merge`: declarative definition (help, options); the run is commands/power-merge.ts. */
import { defineCommand } from "../command.js";
import { forceOption, outOption, partsNeeded } from "./shared.js";

/** `gutresponse power-merge`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: ["PART... --out F.tsv [--force]"],
  description: `Combines the partial files written by \`gutresponse power --replicates A..B\` into the power table
F.tsv and F.fdp.tsv, identical byte for byte to one \`gutresponse power\` run with the same
settings. Before writing anything it checks every part and lists every problem: all from the same
settings (design, sizes, reps, methods, effect, fdr, mc, seed), replicates 1..reps each covered
exactly once, none truncated.`,
  positionals: partsNeeded("power-merge", "part-1.json part-2.json ... --out power.tsv"),
  options: {
    out: outOption("F.tsv", "power table (F.fdp.tsv is written next to it)"),
    force: forceOption("them if they exist"),
  },
  examples: ["gutresponse power-merge parts/power.*.json --out power.tsv"],
});
