/** `gutresponse meta`: declarative definition (help, options); the run is commands/meta.ts. */
import { defineCommand } from "../command.js";
import { fdrOption, integerOption, forceOption, outOption } from "./shared.js";

/** `gutresponse meta`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: ["RESULTS_A RESULTS_B [RESULTS_C ...] --out DIR [--min-cohorts 2] [--fdr 0.1] [--top 10] [--force]"],
  description: `Pools several cohorts' results (folders written by 'gutresponse run') taxon by taxon: fixed-effect,
DerSimonian–Laird and REML random-effects meta-analysis (as R metafor::rma) of each DA method's
log2 fold changes and of each outcome's association estimates, with heterogeneity (Cochran's Q, tau²,
I², H²) and Benjamini–Hochberg q-values across taxa per method and outcome. The cohorts must share
the analysis rank, DA methods, exposure, reference level and contrast, and outcomes; otherwise an
error names the cohort and the setting, and nothing is written. Observational data: pooled
estimates are associations, not causes.`,
  positionals: {
    name: "RESULTS...",
    min: 2,
    missing: {
      message: (given) => `a meta-analysis needs at least 2 cohorts' results folders, got ${given}`,
      hint: "gutresponse meta study_a/results study_b/results --out meta/",
    },
  },
  options: {
    out: outOption("DIR", "output folder (must be empty or new, unless --force)"),
    "min-cohorts": {
      kind: "number",
      value: "K",
      range: { integer: true, min: 2 },
      default: 2,
      description:
        "pool a taxon only when at least K cohorts estimate it; the others\nare listed in not_pooled.tsv",
    },
    fdr: fdrOption("q threshold for the report's highlights"),
    top: integerOption(0, 10, "pooled taxa shown first in the report, each with a forest plot"),
    force: forceOption("a non-empty DIR"),
  },
  notes: `Writes: DIR/meta_analysis.tsv, DIR/cohort_estimates.tsv, DIR/not_pooled.tsv, DIR/report.html,
DIR/provenance.json (see docs/META.md)`,
  examples: [
    "gutresponse meta study_a/results study_b/results --out meta/",
    "gutresponse meta a/results b/results c/results --min-cohorts 3 --out meta3/",
  ],
});
