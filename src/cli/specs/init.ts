/** `gutresponse init`: declarative definition (help, options); the run is commands/init.ts. */
import { defineCommand } from "../command.js";
import { designOption } from "./shared.js";

/** `gutresponse init`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: ["[--design NAME] DIR"],
  description: `Writes DIR/study.yaml (the reference design, kratom by default: exposure, covariates, outcomes, dose columns,
analysis and prediction settings), DIR/metadata.tsv (a QIIME 2 metadata template: the
questionnaire's columns with their types, one row per participant to add) and
DIR/data_dictionary.tsv (each column's meaning, unit and allowed values or range; 'validate' and
'run' reject cells outside them). Refuses a non-empty DIR.`,
  positionals: { name: "DIR", min: 1 },
  options: { design: designOption() },
  examples: ["gutresponse init --design kratom my-study && gutresponse validate my-study/study.yaml"],
});
