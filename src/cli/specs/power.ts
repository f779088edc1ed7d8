/** `gutresponse power`: declarative definition (help, options); the run is commands/power.ts. */
import { ASSOCIATION_MODELS } from "../../core/assoc/types.js";
import { DA_METHODS } from "../../core/da/types.js";
import { DEFAULT_POWER_METHODS } from "../../core/simulate/power-methods.js";
import { defineCommand } from "../command.js";
import {
  designOption,
  integerOption,
  fdrOption,
  forceOption,
  MC,
  outOption,
  seedOption,
  threadsOption,
} from "./shared.js";

/** `gutresponse power`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: ["--design kratom [--n 30,65,100,200,400] [--reps 100] --out F.tsv [options]"],
  description: `For each sample size and replicate, simulates a cohort (signal implantation, as 'gutresponse
simulate'), collapses it to genus, runs the differential-abundance methods (exposure adjusted for
age, sex and BMI) and the taxon -> outcome association tests, and scores the calls (q < --fdr, right
sign) against the planted truth. Writes one row per sample size, method and planted effect (power
with a Wilson 95% interval, mean false discovery proportion) and, next to it, F.fdp.tsv: per sample
size and method the mean false discovery proportion, its standard error, calls per replicate and
the share of replicates with any false call. The design's pre-registered hypotheses (Clostridium ~
constipation positive, Faecalibacterium up) are scored as two more families: 'confirmatory' (Holm
across the list, one-sided, p < 0.05) and 'single_test' (each alone). The result is identical for
any --threads.`,
  options: {
    design: { ...designOption(), default: "kratom" },
    n: {
      kind: "numbers",
      value: "LIST",
      range: { integer: true, min: 1 },
      default: [30, 65, 100, 200, 400],
      description: "comma-separated sample sizes",
    },
    reps: integerOption(1, 100, "replicates per sample size"),
    methods: {
      kind: "list",
      value: "LIST",
      description: `DA methods, a subset of ${DA_METHODS.join(",")}`,
      defaultText: DEFAULT_POWER_METHODS.join(","),
    },
    effect: {
      kind: "number",
      value: "X",
      default: 1,
      description: "multiplies planted log fold changes and outcome slopes",
    },
    fdr: fdrOption("q threshold of a call"),
    mc: { ...MC, defaultText: "128" },
    "assoc-model": {
      kind: "choice",
      value: "M",
      choices: ASSOCIATION_MODELS,
      description:
        "association model: agreement (links both models call), linda, or\noutcome_on_clr (the earlier outcome ~ CLR(taxon) scan, not calibrated)",
      defaultText: "agreement",
    },
    seed: seedOption(),
    threads: threadsOption("worker threads"),
    out: outOption("F.tsv", "power table (F.fdp.tsv is written next to it)"),
    replicates: {
      kind: "text",
      value: "A..B",
      description: `run only replicates A..B (1-based, of every sample size) and write their
results to --out as a partial file; \`gutresponse power-merge\` combines the
parts into the same tables, byte for byte, as one run`,
    },
    force: forceOption("them if they exist"),
  },
  notes: "Progress goes to stderr.",
  examples: [
    "gutresponse power --design kratom --n 30,65,100,200 --reps 50 --methods linda,ancombc,maaslin \\\n  --threads 4 --out power.tsv",
  ],
});
