/** `gutresponse permanova`: declarative definition (help, options); the run is commands/permanova.ts. */
import type { PermanovaBy } from "../../core/community/permanova.js";
import { defineCommand } from "../command.js";
import { DM, METADATA, PERMUTATION_OPTIONS, threadsOption } from "./shared.js";

const BY = ["terms", "margin", "none"] as const satisfies readonly PermanovaBy[];

/** `gutresponse permanova`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: ['--dm F.tsv --metadata M.tsv --formula "~ a + b" [options]'],
  description: `Permutational multivariate analysis of variance (Anderson 2001), equal to vegan 2.6-4 adonis2.
Writes one row per term plus Residual and Total, columns:
  term, df, sum_of_squares, r2, F, p, permutations`,
  options: {
    dm: DM,
    metadata: { ...METADATA, value: "M.tsv" },
    formula: {
      kind: "text",
      value: '"~ a + b"',
      required: true,
      description: "model; categorical variables get treatment contrasts",
    },
    by: {
      kind: "choice",
      choices: BY,
      default: "terms",
      description:
        "sequential (as adonis2 in vegan 2.6-4), marginal (only terms not contained in a\nhigher-order term, as vegan), or whole model",
    },
    strata: {
      kind: "text",
      value: "COL",
      description: "permute only within the levels of COL (e.g. household, subject)",
    },
    threads: threadsOption("split the permutations over N threads; same p for any N"),
    ...PERMUTATION_OPTIONS,
  },
  examples: [
    'gutresponse permanova --dm beta/braycurtis.tsv --metadata metadata.tsv \\\n  --formula "~ kratom_use + age" --by margin --permutations 9999 --seed 1 --out permanova.tsv',
  ],
});
