/** `gutresponse da`: declarative definition (help, options); the run is commands/da.ts. */
import { DA_METHODS } from "../../core/da/types.js";
import { defineCommand } from "../command.js";
import {
  COUNT_TABLE,
  fdrOption,
  forceOption,
  LEVEL_OPTIONS,
  MC,
  METADATA,
  MIN_PREVALENCE,
  outOption,
  seedOption,
  threadsOption,
} from "./shared.js";

/** `gutresponse da`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: ['--table T --metadata M --formula "~ exposure + age" --out F.tsv [options]'],
  description: `Tests every taxon for a difference in abundance with the exposure (the first formula term, or
--term), adjusted for the other terms, by each method; writes one row per taxon, method and
exposure level (log2 fold changes for every method; the contrast column says which way round,
e.g. "user vs non_user": positive = higher in user) and, next to it, F.consensus.tsv: per taxon
the methods calling it at q < --fdr and the direction. Without covariates wilcoxon_clr votes in
the consensus; with covariates it is reported but does not vote (it cannot adjust). Taxa present in fewer than --min-prevalence of
the samples are not tested. ALDEx2's Monte Carlo instances run on --threads threads, with the
same results for any number. Associations in observational data are not causal effects.`,
  options: {
    table: COUNT_TABLE,
    metadata: METADATA,
    taxonomy: LEVEL_OPTIONS.taxonomy,
    formula: {
      kind: "text",
      value: "F",
      required: true,
      description: 'R-style formula, e.g. "~ kratom_use + age + sex"',
    },
    term: {
      kind: "text",
      value: "NAME",
      description: "the exposure term to test",
      defaultText: "the first term",
    },
    reference: {
      kind: "text",
      value: "LEVEL",
      description: "reference level of the exposure",
      defaultText: "its first level in R's\nfactor order, sorted: e.g. non_user before user",
    },
    level: LEVEL_OPTIONS.level,
    methods: {
      kind: "list",
      value: "LIST",
      description: `comma-separated subset of ${DA_METHODS.join(",")}`,
      defaultText: "all;\nwilcoxon_clr only for a two-level exposure",
    },
    fdr: fdrOption("q threshold of the consensus"),
    "min-prevalence": MIN_PREVALENCE,
    mc: { ...MC, default: 128 },
    seed: seedOption("seed of ALDEx2's sampling"),
    threads: threadsOption("threads for ALDEx2's Monte Carlo instances; results are identical for any N"),
    out: outOption("F.tsv", "results (F.consensus.tsv is written next to it)"),
    force: forceOption("them if they exist"),
  },
  examples: [
    'gutresponse da --table table.biom --metadata metadata.tsv --formula "~ kratom_use + age" \\\n  --reference non_user --level genus --out da.tsv',
  ],
});
