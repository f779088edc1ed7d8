/** `gutresponse assoc`: declarative definition (help, options); the run is commands/assoc.ts. */
import { ASSOCIATION_MODELS } from "../../core/assoc/types.js";
import { OUTCOME_TYPES } from "../../core/assoc/outcome-vector.js";
import { defineCommand } from "../command.js";
import { COUNT_TABLE, forceOption, LEVEL_OPTIONS, METADATA, MIN_PREVALENCE, outOption } from "./shared.js";

/** `gutresponse assoc`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: ["--table T --metadata M --outcome COL --out F.tsv [options]"],
  description: `For each taxon present in at least --min-prevalence of the samples, fits CLR(taxon) ~ outcome +
covariates by LinDA (zeros handled as LinDA does, CLR in log2 units, the shift every taxon shares
through compositionality removed) and the earlier outcome ~ CLR(taxon) + covariates (OLS, logistic,
or Poisson / negative binomial for counts). The default --model agreement calls a link only when
both models call it with the same sign (p and q: the larger of the two; Berger 1982), the list
that stayed calibrated on simulated cohorts (docs/DA.md); estimate = LinDA's log2 fold change of
the taxon per unit outcome, or between the two levels of a binary outcome. --model linda or
--model outcome_on_clr runs one model alone (outcome_on_clr is not calibrated: a rare taxon's
zero-count CLR tracks the whole composition).
q = BH across taxa. Associations are not causal effects.`,
  options: {
    table: COUNT_TABLE,
    metadata: METADATA,
    taxonomy: LEVEL_OPTIONS.taxonomy,
    outcome: {
      kind: "text",
      value: "COL",
      required: true,
      description: "metadata column of the host response",
    },
    type: {
      kind: "choice",
      value: "TYPE",
      choices: OUTCOME_TYPES,
      default: "continuous",
      description: OUTCOME_TYPES.join(" | "),
    },
    positive: {
      kind: "text",
      value: "LEVEL",
      description: "level of a binary outcome coded 1",
      defaultText: "its second level in R's\nfactor order, sorted: e.g. yes after no",
    },
    covariates: {
      kind: "list",
      value: "LIST",
      description: "comma-separated metadata columns to adjust for",
    },
    level: LEVEL_OPTIONS.level,
    "min-prevalence": MIN_PREVALENCE,
    model: {
      kind: "choice",
      value: "M",
      choices: ASSOCIATION_MODELS,
      default: "agreement",
      description: `${ASSOCIATION_MODELS.join(" | ")}; agreement: links both models call`,
    },
    out: outOption("F.tsv", "results"),
    force: forceOption("F.tsv if it exists"),
  },
  examples: [
    "gutresponse assoc --table table.biom --metadata metadata.tsv --outcome constipation \\\n  --type binary --positive yes --covariates age,sex --level genus --out assoc.tsv",
  ],
});
