/** `gutresponse alpha`: declarative definition (help, options); the run is commands/alpha.ts. */
import { ALPHA_METRIC_IDS } from "../../core/alpha/metric-ids.js";
import { defineCommand } from "../command.js";
import { forceOption, outOption, TABLE, TREE } from "./shared.js";

/** `gutresponse alpha`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: ["--table T [--tree X] [--metrics a,b] [--shannon-base 2] --out F.tsv [--force]"],
  description: `Computes alpha diversity of every sample. Output: TSV with columns sample-id and one per metric
(full precision; NA where a metric is undefined, e.g. Shannon of an empty sample, with a
warning on stderr).

Metrics: ${ALPHA_METRIC_IDS.join(", ")}
  chao1 and goods_coverage need integer counts; faith_pd needs --tree.`,
  options: {
    table: TABLE,
    tree: { ...TREE, description: `${TREE.description} (for faith_pd)` },
    metrics: {
      kind: "list",
      value: "a,b",
      description: "comma-separated metric IDs",
      defaultText: "all that apply",
    },
    "shannon-base": {
      kind: "number",
      value: "B",
      range: { min: 0, minOpen: true, not: [1] },
      description: "logarithm base of shannon (2 for bits)",
      defaultText: "e",
    },
    out: outOption("F.tsv", "output file"),
    force: forceOption("F.tsv if it exists"),
  },
  examples: [
    "gutresponse alpha --table table.biom --tree tree.nwk --metrics observed_features,shannon,faith_pd --out alpha.tsv",
  ],
});
