/** `gutresponse permdisp`: declarative definition (help, options); the run is commands/permdisp.ts. */
import type { PermdispType } from "../../core/community/permdisp.js";
import { defineCommand } from "../command.js";
import { GROUPING_OPTIONS } from "./shared.js";

/** The `--type` choices. */
export const PERMDISP_TYPES = ["centroid", "median"] as const satisfies readonly PermdispType[];

/** `gutresponse permdisp`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: ["--dm F.tsv --metadata M.tsv --column C [options]"],
  description: `Test of homogeneity of multivariate dispersions (Anderson 2006), equal to vegan 2.6-4
betadisper + permutest (negative-eigenvalue axes kept). A significant PERMANOVA with a
significant PERMDISP may reflect differences in spread rather than in location.
Writes columns: term, F, p, permutations`,
  options: {
    ...GROUPING_OPTIONS,
    type: {
      kind: "choice",
      choices: PERMDISP_TYPES,
      default: "median",
      description: "distance to the group's spatial median (vegan's and scikit-bio's default) or centroid",
    },
  },
  examples: ["gutresponse permdisp --dm beta/braycurtis.tsv --metadata metadata.tsv --column kratom_use"],
});
