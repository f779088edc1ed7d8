/**
 * `gutresponse init --design kratom DIR`: a study folder to fill in — study.yaml, a QIIME 2
 * metadata template with the questionnaire's columns and types, and the data dictionary (meaning,
 * unit, allowed values of each column) that `validate` and `run` enforce.
 */
import { stringify } from "yaml";
import { InputError } from "../../core/errors.js";
import { kratomDataDictionary } from "../../core/simulate/data-dictionary.js";
import type { DataDictionary } from "../../core/study/dictionary.js";
import { formatDataDictionary } from "../../io/data-dictionary.js";
import { checkOutputDir, writeOutputDir } from "../../node/output-dir.js";
import { parseCommandArgs, requireOption } from "../args.js";
import type { Command } from "../command.js";
import { announceParentFolders } from "../output.js";

export function kratomDictionary(): DataDictionary {
  return Object.entries(kratomDataDictionary).map(([column, e]) => ({
    column,
    type: e.type,
    description: `${e.description} (missing: ${e.missing})`,
    ...("unit" in e && e.unit ? { unit: e.unit } : {}),
    ...("min" in e && e.min !== undefined ? { min: e.min } : {}),
    ...("max" in e && e.max !== undefined ? { max: e.max } : {}),
    ...("levels" in e && e.levels ? { levels: [...e.levels] } : {}),
  }));
}

/** QIIME 2 metadata header with #q2:types and one example row per group, to be replaced. */
function metadataTemplate(dictionary: DataDictionary): string {
  const header = ["sample-id", ...dictionary.map((d) => d.column)];
  const types = ["#q2:types", ...dictionary.map((d) => d.type)];
  return `${header.join("\t")}\n${types.join("\t")}\n`;
}

/** The commented hypotheses example and the sensitivity switch, appended to study.yaml. */
const CONFIRMATORY_EXAMPLE = `
# Confirmatory hypotheses: write them down BEFORE the data are seen, then uncomment. Each is tested
# alone with the exploratory scan's model (one-sided when a direction is given: positive/negative
# for an outcome, up/down for the exposure) and Holm-corrected across this list only, instead of
# across every taxon. Taxa are names at analysis.level. See docs/STUDY.md.
# hypotheses:
#   - { taxon: Clostridium, outcome: constipation, direction: positive }
#   - { taxon: Faecalibacterium, exposure: kratom_use, direction: up }
# Sensitivity panel: re-checks the findings with other prevalence cuts, pseudocounts, each covariate
# left out, and unrarefied distances (false to skip; or a block, see docs/STUDY.md).
sensitivity: true
`;

function studyYaml(): string {
  const config = {
    name: "Kratom use and the gut microbiome",
    data: {
      table: "table.biom",
      taxonomy: "taxonomy.tsv",
      tree: "tree.nwk",
      metadata: "metadata.tsv",
      dictionary: "data_dictionary.tsv",
    },
    design: {
      exposure: "kratom_use",
      reference: "non_user",
      covariates: ["age", "sex", "bmi", "antibiotics_3mo"],
      strata: null,
      subject: null,
    },
    outcomes: [
      { column: "pain_relief", type: "continuous" },
      { column: "constipation", type: "binary", positive: "yes" },
    ],
    dose: ["dose_g_per_day", "doses_per_week"],
    analysis: {
      level: "genus",
      min_prevalence: 0.1,
      min_depth: 1000,
      rarefy: "auto",
      permutations: 999,
      fdr: 0.1,
    },
    prediction: {
      targets: ["pain_relief", "constipation"],
      models: ["elastic_net", "random_forest"],
      folds: 5,
      repeats: 3,
      permutations: 99,
    },
    seed: 42,
  };
  return `# gutresponse study — every key is described in docs/STUDY.md. Paths are relative to this file.
# Put your feature table (BIOM, TSV or .qza), taxonomy, rooted tree and the filled-in metadata here,
# then: gutresponse validate study.yaml && gutresponse run study.yaml --out results
${stringify(config, { version: "1.1", lineWidth: 0 })}${CONFIRMATORY_EXAMPLE}`;
}

export const init: Command = {
  name: "init",
  summary: "create a study folder to fill in: study.yaml, metadata template, data dictionary",
  help: `gutresponse init --design kratom DIR

Writes DIR/study.yaml (the reference kratom design: exposure, covariates, outcomes, dose columns,
analysis and prediction settings), DIR/metadata.tsv (a QIIME 2 metadata template: the
questionnaire's columns with their types, one row per participant to add) and
DIR/data_dictionary.tsv (each column's meaning, unit and allowed values or range; 'validate' and
'run' reject cells outside them). Refuses a non-empty DIR.

Example:
  gutresponse init --design kratom my-study && gutresponse validate my-study/study.yaml`,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs("init", argv, { design: { type: "string" } }, true);
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    const design = values.design ?? "kratom";
    if (design !== "kratom") {
      throw InputError.single({
        code: "bad_argument",
        message: `unknown --design '${design}'`,
        hint: "available: kratom",
      });
    }
    const dir = requireOption("init", positionals[0], "DIR (first argument)");
    await checkOutputDir(dir, false);
    await announceParentFolders(ctx, "init", dir);
    const dictionary = kratomDictionary();
    await writeOutputDir(
      dir,
      [
        { path: "study.yaml", content: studyYaml() },
        { path: "metadata.tsv", content: metadataTemplate(dictionary) },
        { path: "data_dictionary.tsv", content: formatDataDictionary(dictionary) },
      ],
      false,
    );
    ctx.stdout(`study folder written to ${dir}/: study.yaml, metadata.tsv (template), data_dictionary.tsv\n`);
    return 0;
  },
};
