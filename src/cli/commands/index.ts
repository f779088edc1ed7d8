/**
 * The command registry: every `gutresponse <command>`, in the order --help lists them. Each entry
 * names its spec (specs/NAME.ts: usage, options, examples) and its implementation
 * (commands/NAME.ts) and loads each only when needed: `gutresponse --help` imports neither,
 * `gutresponse NAME --help` only the spec, so no analysis, chart or HDF5 code is loaded to print
 * help (test/cli/registry.test.ts checks each pair and what --help imports).
 */
import type { Command, CommandSpec } from "../command.js";

/** One registry entry: what `gutresponse --help` lists, and how to load the command. */
export interface CommandEntry {
  name: string;
  summary: string;
  /** The command's declarative definition, for --help. */
  spec(): Promise<CommandSpec>;
  /** The command's implementation (with the same spec), to run it. */
  load(): Promise<Command>;
}

/** Every command, in `gutresponse --help` order. */
export const commands: readonly CommandEntry[] = [
  {
    name: "demo",
    summary: "simulate the reference 65-person kratom cohort and run the full study on it",
    spec: async () => (await import("../specs/demo.js")).spec,
    load: async () => (await import("./demo.js")).demo,
  },
  {
    name: "init",
    summary: "create a study folder to fill in: study.yaml, metadata template, data dictionary",
    spec: async () => (await import("../specs/init.js")).spec,
    load: async () => (await import("./init.js")).init,
  },
  {
    name: "run",
    summary: "run every analysis of a study (study.yaml) into one results folder with report.html",
    spec: async () => (await import("../specs/run.js")).spec,
    load: async () => (await import("./run.js")).run,
  },
  {
    name: "validate",
    summary: "check a table and its metadata, tree and taxonomy; print what was read and every problem",
    spec: async () => (await import("../specs/validate.js")).spec,
    load: async () => (await import("./validate.js")).validate,
  },
  {
    name: "summarize",
    summary: "samples, features, depth quantiles, sparsity and total count of a table",
    spec: async () => (await import("../specs/summarize.js")).spec,
    load: async () => (await import("./summarize.js")).summarize,
  },
  {
    name: "convert",
    summary: "convert a table between BIOM HDF5, BIOM JSON and classic TSV",
    spec: async () => (await import("../specs/convert.js")).spec,
    load: async () => (await import("./convert.js")).convert,
  },
  {
    name: "alpha",
    summary: "alpha diversity per sample (observed features, Shannon, Simpson, Chao1, Faith PD, ...)",
    spec: async () => (await import("../specs/alpha.js")).spec,
    load: async () => (await import("./alpha.js")).alpha,
  },
  {
    name: "beta",
    summary: "beta diversity distance matrix (Bray-Curtis, Jaccard, Aitchison, UniFrac family)",
    spec: async () => (await import("../specs/beta.js")).spec,
    load: async () => (await import("./beta.js")).beta,
  },
  {
    name: "beta-merge",
    summary: "assemble the partial files of `beta --stripes I/N` jobs into one distance matrix",
    spec: async () => (await import("../specs/beta-merge.js")).spec,
    load: async () => (await import("./beta-merge.js")).betaMerge,
  },
  {
    name: "pcoa",
    summary: "principal coordinates of a distance matrix (eigenvalues, proportion explained)",
    spec: async () => (await import("../specs/pcoa.js")).spec,
    load: async () => (await import("./pcoa.js")).pcoa,
  },
  {
    name: "permanova",
    summary: "PERMANOVA on a distance matrix (as vegan adonis2): terms, margins, strata",
    spec: async () => (await import("../specs/permanova.js")).spec,
    load: async () => (await import("./permanova.js")).permanova,
  },
  {
    name: "permdisp",
    summary: "PERMDISP: do groups differ in dispersion? (as vegan betadisper + permutest)",
    spec: async () => (await import("../specs/permdisp.js")).spec,
    load: async () => (await import("./permdisp.js")).permdisp,
  },
  {
    name: "anosim",
    summary: "ANOSIM R statistic on a distance matrix (as vegan anosim)",
    spec: async () => (await import("../specs/anosim.js")).spec,
    load: async () => (await import("./anosim.js")).anosim,
  },
  {
    name: "mantel",
    summary: "Mantel test between two distance matrices (as vegan mantel)",
    spec: async () => (await import("../specs/mantel.js")).spec,
    load: async () => (await import("./mantel.js")).mantel,
  },
  {
    name: "da",
    summary: "differential abundance (LinDA, ANCOM-BC, ALDEx2, MaAsLin, Wilcoxon-CLR) and their consensus",
    spec: async () => (await import("../specs/da.js")).spec,
    load: async () => (await import("./da.js")).da,
  },
  {
    name: "assoc",
    summary: "associations of each taxon with a host outcome, called where LinDA and outcome ~ CLR agree",
    spec: async () => (await import("../specs/assoc.js")).spec,
    load: async () => (await import("./assoc.js")).assoc,
  },
  {
    name: "simulate",
    summary: "simulate a cohort (a reference design or a null design) as a ready study folder",
    spec: async () => (await import("../specs/simulate.js")).spec,
    load: async () => (await import("./simulate.js")).simulate,
  },
  {
    name: "power",
    summary: "power and false discoveries across sample sizes, on simulated cohorts with planted effects",
    spec: async () => (await import("../specs/power.js")).spec,
    load: async () => (await import("./power.js")).power,
  },
  {
    name: "meta",
    summary: "meta-analysis of several cohorts' results (DL and REML random effects, heterogeneity)",
    spec: async () => (await import("../specs/meta.js")).spec,
    load: async () => (await import("./meta.js")).meta,
  },
  {
    name: "power-merge",
    summary: "combine the partial files of `power --replicates A..B` jobs into the power tables",
    spec: async () => (await import("../specs/power-merge.js")).spec,
    load: async () => (await import("./power-merge.js")).powerMerge,
  },
  {
    name: "model",
    summary: "train a response-prediction model on a study (model train) for 'predict'",
    spec: async () => (await import("../specs/model.js")).spec,
    load: async () => (await import("./model.js")).model,
  },
  {
    name: "predict",
    summary: "personal profiles (prediction, percentiles, drivers, hypotheses) from a trained model",
    spec: async () => (await import("../specs/predict.js")).spec,
    load: async () => (await import("./predict.js")).predict,
  },
  {
    name: "serve",
    summary: "serve the in-browser app on 127.0.0.1 (your data never leave the machine)",
    spec: async () => (await import("../specs/serve.js")).spec,
    load: async () => (await import("./serve.js")).serve,
  },
];
