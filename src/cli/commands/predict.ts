/**
 * `gutresponse predict`: personal profiles from a model file (`gutresponse model train`) for the
 * samples of any supported table. The table is collapsed to the model's rank with a taxonomy (the
 * table's own, or --taxonomy) when the model's features are taxa, then mapped onto the model's
 * features by name (missing ones are 0, with a warning). Writes profile.html + profile.json per
 * sample (DIR/<sample>/...), or directly into DIR for the one --sample; the folder is written
 * atomically. At genus level, Shannon is also placed among the shipped adult gut reference profiles.
 */
import { InputError, listIds } from "../../core/errors.js";
import { alignFeatures } from "../../core/profile/align-features.js";
import { personalProfile } from "../../core/profile/personal-profile.js";
import { parseSavedModel, type SavedModel } from "../../core/profile/saved-model.js";
import { excludeTemplateTaxa, gutTemplate, type Template } from "../../core/simulate/template.js";
import { collapseToRank } from "../../core/table/collapse.js";
import type { FeatureTable } from "../../core/table/feature-table.js";
import { type Rank, RANKS } from "../../core/table/taxonomy.js";
import { loadTable, loadTaxonomy } from "../../node/load.js";
import { readInputText } from "../../node/files.js";
import { checkOutputDir, type OutputFile, writeOutputDir } from "../../node/output-dir.js";
import { renderProfileHtml } from "../../report/profile-html.js";
import { VERSION } from "../../core/version.js";
import { implement } from "../command.js";
import { announceParentFolders } from "../output.js";
import { spec } from "../specs/predict.js";

async function tableAtModelRank(
  model: SavedModel,
  tablePath: string,
  taxonomyPath: string | undefined,
): Promise<FeatureTable> {
  const read = await loadTable(tablePath);
  if (model.featureLevel === "feature") return read.table;
  if (!(RANKS as readonly string[]).includes(model.featureLevel)) {
    throw InputError.single({
      code: "corrupt_file",
      message: `unknown model featureLevel '${model.featureLevel}'`,
    });
  }
  const taxonomy = taxonomyPath === undefined ? read.taxonomy : await loadTaxonomy(taxonomyPath);
  if (!taxonomy) {
    throw InputError.single({
      code: "bad_argument",
      file: tablePath,
      message: `the model's features are ${model.featureLevel}-level taxa, but the table carries no taxonomy`,
      hint: "pass --taxonomy taxonomy.tsv (QIIME 2 format)",
    });
  }
  return collapseToRank(read.table, taxonomy, model.featureLevel as Rank).table;
}

/** A folder name from a sample ID: unsafe characters become '_', clashes get a numeric suffix. */
function folderNames(ids: readonly string[]): string[] {
  const used = new Set<string>();
  return ids.map((id) => {
    const base = id.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_") || "_";
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    return name;
  });
}

/** `gutresponse predict`, run with its arguments checked against specs/predict.ts. */
export const predict = implement(spec, async ({ checked }, ctx) => {
  const values = checked();
  const { model: modelPath, table: tablePath, out, better } = values;
  await checkOutputDir(out, values.force);
  await announceParentFolders(ctx, "predict", out);
  const model = parseSavedModel(await readInputText(modelPath), modelPath);
  const table = await tableAtModelRank(model, tablePath, values.taxonomy);
  const aligned = alignFeatures(table, model.featureNames);
  const warnings: string[] = [];
  if (aligned.missing.length > 0) {
    warnings.push(
      `${aligned.missing.length} of the model's ${model.featureNames.length} features are not in the table and count as 0: ${listIds(aligned.missing)}`,
    );
  }
  if (aligned.ignored > 0)
    warnings.push(`${aligned.ignored} table feature(s) are not in the model and are ignored`);
  let template: Template | undefined;
  if (model.featureLevel === "genus") template = excludeTemplateTaxa(gutTemplate(), ["unassigned"]);
  else
    warnings.push(
      `the reference gut profiles are genus-level; the model is at ${model.featureLevel} level, so no reference percentile is given`,
    );
  const p = model.featureNames.length;
  let samples = table.sampleIds.map((id, s) => ({ id, s }));
  if (values.sample !== undefined) {
    samples = samples.filter((x) => x.id === values.sample);
    if (samples.length === 0) {
      throw InputError.single({
        code: "id_mismatch",
        file: tablePath,
        sampleId: values.sample,
        message: "no such sample in the table",
      });
    }
  }
  const folders = values.sample === undefined ? folderNames(samples.map((x) => x.id)) : [""];
  const files: OutputFile[] = [];
  for (const [k, { id, s }] of samples.entries()) {
    const profile = personalProfile(
      model,
      { sampleId: id, counts: aligned.x.subarray(s * p, (s + 1) * p) },
      {
        cohort: {
          levels: model.training.quantileLevels,
          features: model.training.features,
          alpha: model.cohortAlpha,
        },
        ...(template ? { template } : {}),
        ...(better ? { better } : {}),
      },
    );
    profile.warnings.push(...warnings);
    const dir = folders[k] ? `${folders[k]}/` : "";
    files.push({ path: `${dir}profile.json`, content: `${JSON.stringify(profile, null, 2)}\n` });
    files.push({ path: `${dir}profile.html`, content: await renderProfileHtml(profile, VERSION) });
  }
  await writeOutputDir(out, files, values.force);
  for (const w of warnings) ctx.stderr(`warning: ${w}\n`);
  ctx.stdout(`wrote ${samples.length} profile(s) for ${model.target} -> ${out}/\n`);
  return 0;
});
