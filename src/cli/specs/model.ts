/** `gutresponse model`: declarative definition (help, options); the run is commands/model.ts. */
import { PREDICTION_MODELS } from "../../core/models/model-names.js";
import { defineCommand } from "../command.js";
import { forceOption, outOption, threadsOption } from "./shared.js";

/** `gutresponse model`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: [
    `train --study STUDY.yaml --target COLUMN [--model ${PREDICTION_MODELS.join("|")}] [--seed N] [--threads N] --out MODEL.json`,
  ],
  subcommands: ["train"],
  description: `Trains a model predicting one target (a metadata column: numeric -> regression, two levels ->
classification) from the study's taxa at its configured rank, with the study's prediction
settings (nested repeated cross-validation, bootstrap CI, label-permutation test of "better than
chance"). Writes one JSON model file, atomically, for 'gutresponse predict'.`,
  options: {
    study: {
      kind: "text",
      value: "FILE",
      required: true,
      description: "study.yaml (its table, metadata and taxonomy are loaded as 'run' does)",
    },
    target: {
      kind: "text",
      value: "COL",
      required: true,
      description: "the column to predict (e.g. pain_relief, constipation)",
    },
    model: {
      kind: "choice",
      value: "NAME",
      choices: PREDICTION_MODELS,
      description: PREDICTION_MODELS.join(" or "),
      defaultText: "both, the better one is kept",
    },
    seed: {
      kind: "number",
      value: "N",
      range: { integer: true, min: 0 },
      description: "random seed",
      defaultText: "the study's seed",
    },
    threads: threadsOption("threads for the permutation test; results are identical for any N"),
    out: outOption("FILE", "the model file to write"),
    force: forceOption("FILE if it exists"),
  },
  examples: [
    "gutresponse simulate --design kratom --n 65 --seed 1 --out cohort",
    "gutresponse model train --study cohort/study.yaml --target pain_relief --model elastic_net --out pain.model.json",
    "gutresponse predict --model pain.model.json --table cohort/table.biom --sample P001 --out profile/",
  ],
});
