/** `gutresponse predict`: declarative definition (help, options); the run is commands/predict.ts. */
import { defineCommand } from "../command.js";
import { forceOption, outOption } from "./shared.js";

/** `gutresponse predict`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: [
    "--model MODEL.json --table TABLE [--taxonomy TAXONOMY.tsv] [--sample ID] [--better higher|lower] --out DIR [--force]",
  ],
  description: `Writes a personal profile for each sample of TABLE (or only --sample): the model's prediction with
its interval (or risk, for a yes/no target), where the person's key taxa and gut diversity sit among
the study cohort (and, at genus level, among reference adult gut profiles), which taxa pushed the
prediction up or down, and the cohort's taxa linked to outcomes, worded as hypotheses. When the
model is no better than chance, the profile says so first. Not medical advice.`,
  options: {
    model: {
      kind: "text",
      value: "FILE",
      required: true,
      description: "a model file from 'gutresponse model train'",
    },
    table: {
      kind: "text",
      value: "FILE",
      required: true,
      description: "BIOM (HDF5/JSON), TSV, QIIME 2 .qza or MetaPhlAn table",
    },
    taxonomy: {
      kind: "text",
      value: "FILE",
      description: "taxonomy for collapsing to the model's rank",
      defaultText: "the table's own",
    },
    sample: { kind: "text", value: "ID", description: "only this sample (files go directly into DIR)" },
    better: {
      kind: "choice",
      value: "DIR",
      choices: ["higher", "lower"],
      description: "which direction of the target is better; only changes the wording",
      defaultText: "higher for numeric targets,\nlower risk for yes/no targets",
    },
    out: outOption("DIR", "output folder (must be empty or new, unless --force)"),
    force: forceOption("a non-empty DIR"),
  },
  notes:
    "Writes: DIR/<sample>/profile.html and profile.json (or DIR/profile.html, DIR/profile.json with --sample)",
  examples: [
    "gutresponse predict --model pain.model.json --table cohort/table.biom --sample P001 --out profile/",
    "gutresponse predict --model pain.model.json --table new.tsv --taxonomy taxonomy.tsv --out profiles/",
  ],
});
