/**
 * `gutresponse init --design NAME DIR`: a study folder to fill in — study.yaml, a QIIME 2
 * metadata template with the questionnaire's columns and types, and the data dictionary (meaning,
 * unit, allowed values of each column) that `validate` and `run` enforce.
 */
import { stringify } from "yaml";
import { dictionaryRows } from "../../core/simulate/data-dictionary.js";
import { type CohortDesign, studyOutcomes } from "../../core/simulate/design.js";
import { type ReferenceDesign, referenceDesign } from "../../core/simulate/designs/index.js";
import type { DataDictionary } from "../../core/study/dictionary.js";
import { formatDataDictionary } from "../../io/data-dictionary.js";
import { checkOutputDir, writeOutputDir } from "../../node/output-dir.js";
import { implement } from "../command.js";
import { announceParentFolders } from "../output.js";
import { spec } from "../specs/init.js";

/** QIIME 2 metadata header with #q2:types and one example row per group, to be replaced. */
function metadataTemplate(dictionary: DataDictionary): string {
  const header = ["sample-id", ...dictionary.map((d) => d.column)];
  const types = ["#q2:types", ...dictionary.map((d) => d.type)];
  return `${header.join("\t")}\n${types.join("\t")}\n`;
}

/** The commented hypotheses example (the design's own) and the sensitivity switch, appended to study.yaml. */
function confirmatoryExample(design: CohortDesign): string {
  const flow = (h: object): string =>
    `{ ${Object.entries(h)
      .map(([k, v]) => `${k}: ${v}`)
      .join(", ")} }`;
  return `
# Confirmatory hypotheses: write them down BEFORE the data are seen, then uncomment. Each is tested
# alone with the exploratory scan's model (one-sided when a direction is given: positive/negative
# for an outcome, up/down for the exposure) and Holm-corrected across this list only, instead of
# across every taxon. Taxa are names at analysis.level. See docs/STUDY.md.
# hypotheses:
${design.hypotheses.map((h) => `#   - ${flow(h)}`).join("\n")}
# Sensitivity panel: re-checks the findings with other prevalence cuts, pseudocounts, each covariate
# left out, and unrarefied distances (false to skip; or a block, see docs/STUDY.md).
sensitivity: true
`;
}

function studyYaml(reference: ReferenceDesign): string {
  const design = reference.design();
  const c = design.columns;
  const config = {
    name: reference.title,
    ...(design.caveats.length > 0 ? { caveats: [...design.caveats] } : {}),
    data: {
      table: "table.biom",
      taxonomy: "taxonomy.tsv",
      tree: "tree.nwk",
      metadata: "metadata.tsv",
      dictionary: "data_dictionary.tsv",
    },
    design: {
      exposure: c.exposure,
      reference: c.reference,
      covariates: ["age", "sex", "bmi", "antibiotics_3mo"],
      strata: null,
      subject: null,
    },
    outcomes: studyOutcomes(design),
    dose: [c.dosePerDay, c.dosesPerWeek],
    analysis: {
      level: "genus",
      min_prevalence: 0.1,
      min_depth: 1000,
      rarefy: "auto",
      permutations: 999,
      fdr: 0.1,
    },
    prediction: {
      targets: studyOutcomes(design).map((o) => o.column),
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
${stringify(config, { version: "1.1", lineWidth: 0 })}${confirmatoryExample(design)}`;
}

/** `gutresponse init`, run with its arguments checked against specs/init.ts. */
export const init = implement(spec, async ({ positionals, checked }, ctx) => {
  const values = checked();
  const reference = referenceDesign(values.design);
  const dir = positionals[0]!;
  await checkOutputDir(dir, false);
  await announceParentFolders(ctx, "init", dir);
  const dictionary: DataDictionary = dictionaryRows(reference.dictionary);
  await writeOutputDir(
    dir,
    [
      { path: "study.yaml", content: studyYaml(reference) },
      { path: "metadata.tsv", content: metadataTemplate(dictionary) },
      { path: "data_dictionary.tsv", content: formatDataDictionary(dictionary) },
    ],
    false,
  );
  ctx.stdout(`study folder written to ${dir}/: study.yaml, metadata.tsv (template), data_dictionary.tsv\n`);
  return 0;
});
