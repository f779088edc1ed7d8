/** `gutresponse simulate`: declarative definition (help, options); the run is commands/simulate.ts. */
import { defineCommand } from "../command.js";
import { designOption, forceOption, outOption, seedOption } from "./shared.js";

/** `gutresponse simulate`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: ["--design NAME [--n N] [--seed N] --out DIR [--force]"],
  description: `Simulates a cohort by signal implantation (Wirbel et al. 2024): each participant's gut profile is
a real human stool profile (Arumugam et al. 2011) with effects planted where the design says, reads
are drawn at a realistic depth, and outcomes come from the true abundances. The data are simulated:
no real participant is represented.`,
  options: {
    design: designOption(),
    n: {
      kind: "number",
      value: "N",
      range: { integer: true, min: 1 },
      description: "participants",
      defaultText: "the design's, e.g. 65 for kratom",
    },
    seed: seedOption("random seed; the same seed gives the same data"),
    out: outOption("DIR", "output folder (must be empty or new, unless --force)"),
    force: forceOption("a non-empty DIR"),
  },
  notes: "Writes: table.biom (BIOM 2.1 HDF5), table.tsv, taxonomy.tsv, metadata.tsv, truth.json, study.yaml",
  examples: [
    "gutresponse simulate --design kratom --n 65 --seed 1 --out cohort && gutresponse run cohort/study.yaml",
  ],
});
