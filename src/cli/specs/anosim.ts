/** `gutresponse anosim`: declarative definition (help, options); the run is commands/anosim.ts. */
import { defineCommand } from "../command.js";
import { GROUPING_OPTIONS } from "./shared.js";

/** `gutresponse anosim`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: ["--dm F.tsv --metadata M.tsv --column C [--permutations N] [--seed N] [--out F.tsv [--force]]"],
  description: `Analysis of similarities (Clarke 1993): R = (mean between rank - mean within rank) / (M/2),
equal to vegan 2.6-4 anosim. Writes columns: term, R, p, permutations`,
  options: GROUPING_OPTIONS,
  examples: [
    "gutresponse anosim --dm beta/braycurtis.tsv --metadata metadata.tsv --column kratom_use --permutations 9999",
  ],
});
