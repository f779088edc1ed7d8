/** `gutresponse mantel`: declarative definition (help, options); the run is commands/mantel.ts. */
import type { MantelAlternative, MantelMethod } from "../../core/community/mantel.js";
import { defineCommand } from "../command.js";
import { DM, PERMUTATION_OPTIONS } from "./shared.js";

const METHODS = ["pearson", "spearman"] as const satisfies readonly MantelMethod[];
const ALTERNATIVES = ["greater", "less", "two-sided"] as const satisfies readonly MantelAlternative[];

/** `gutresponse mantel`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: ["--dm A.tsv --dm2 B.tsv [options]"],
  description: `Correlation between two distance matrices over the same samples (Mantel 1967), equal to
vegan 2.6-4 mantel. Writes columns: method, r, p, permutations`,
  options: {
    dm: { ...DM, value: "A.tsv", description: "distance matrix (lsmat TSV or HDF5)" },
    dm2: { ...DM, value: "B.tsv", description: "second distance matrix; reordered to A's IDs" },
    method: { kind: "choice", choices: METHODS, default: "pearson", description: "correlation" },
    alternative: {
      kind: "choice",
      choices: ALTERNATIVES,
      default: "greater",
      description: "alternative hypothesis (vegan's)",
    },
    ...PERMUTATION_OPTIONS,
  },
  examples: ["gutresponse mantel --dm beta/braycurtis.tsv --dm2 diet_distance.tsv --method spearman"],
});
