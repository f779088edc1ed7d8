/**
 * Checks that a study's config fits its data before anything runs: columns exist with the right
 * types, the reference level exists, each group is large enough, outcomes and doses are present for
 * the exposed participants, table and metadata IDs agree, and the data dictionary's declared ranges
 * and levels hold. Returns every issue at once, plus the plan of what will run.
 */
import { type Issue, listIds } from "../errors.js";
import { getColumn, isMissing, type MetadataColumn } from "../table/metadata.js";
import type { StudyConfig } from "./config.js";
import { checkMetadata } from "./dictionary.js";
import { selectSamples } from "./steps/select-samples.js";
import type { StudyData } from "./types.js";
import { confirmatoryPlan, hypothesisIssues } from "./validate-hypotheses.js";
import { repeatedMeasuresIssues } from "./validate-repeated.js";

/** A study's data, as `run`, `validate` and the web app load them. */
export type { StudyData };

function missingIn(col: MetadataColumn, rows: readonly number[], ids: readonly string[]): string[] {
  return rows
    .filter((i) => (col.kind === "numeric" ? Number.isNaN(col.values[i]!) : col.values[i] === null))
    .map((i) => ids[i]!);
}

export function validateStudy(config: StudyConfig, inputs: StudyData): { issues: Issue[]; plan: string[] } {
  const { metadata: md, table } = inputs;
  const file = inputs.sources.metadata;
  const issues: Issue[] = [];
  const columnHint = `available columns: ${md.columns.map((c) => c.name).join(", ")}`;
  const requireColumn = (name: string, key: string): MetadataColumn | undefined => {
    const col = getColumn(md, name);
    if (!col)
      issues.push({
        code: "missing_column",
        file,
        key,
        message: `no column '${name}' in the metadata`,
        hint: columnHint,
      });
    return col;
  };

  const metaIds = new Set(md.ids);
  const notInMetadata = table.sampleIds.filter((id) => !metaIds.has(id));
  if (notInMetadata.length > 0) {
    issues.push({
      code: "id_mismatch",
      file,
      message: `${notInMetadata.length} table sample(s) have no metadata row: ${listIds(notInMetadata)}`,
      hint: "add the participants to the metadata, or remove the samples from the table",
    });
  }

  const exposure = requireColumn(config.design.exposure, "design.exposure");
  let exposedRows: number[] = [];
  if (exposure) {
    if (exposure.kind !== "categorical") {
      issues.push({
        code: "bad_config",
        file,
        key: "design.exposure",
        message: `exposure column '${exposure.name}' must be categorical (groups), but it is numeric`,
        hint: "declare it categorical in the #q2:types row, or choose a categorical column",
      });
    } else {
      // An empty reference: none given and none to choose (no levels), reported below.
      if (config.design.reference !== "" && !exposure.levels.includes(config.design.reference)) {
        issues.push({
          code: "bad_level",
          file,
          key: "design.reference",
          message: `reference level '${config.design.reference}' does not occur in '${exposure.name}'`,
          hint: `levels present: ${exposure.levels.join(", ")}`,
        });
      }
      if (exposure.levels.length < 2) {
        issues.push({
          code: "bad_config",
          file,
          key: "design.exposure",
          message: `'${exposure.name}' has fewer than two groups`,
        });
      }
      // Group sizes as `run` will see them: after the exposure, depth and rarefaction filters.
      if (exposure.levels.length >= 2 && exposure.levels.includes(config.design.reference)) {
        issues.push(...selectSamples(config, inputs).issues);
      }
      exposedRows = exposure.values.flatMap((v, i) =>
        v !== null && v !== config.design.reference ? [i] : [],
      );
    }
  }
  config.design.covariates.forEach((c, k) => {
    requireColumn(c, `design.covariates.${k}`);
  });
  if (config.design.strata) requireColumn(config.design.strata, "design.strata");
  if (config.design.subject) requireColumn(config.design.subject, "design.subject");
  issues.push(...repeatedMeasuresIssues(config, md, table.sampleIds, file));

  const requirePresentForExposed = (col: MetadataColumn, key: string, what: string) => {
    const missing = missingIn(col, exposedRows, md.ids);
    if (missing.length > 0) {
      issues.push({
        code: "bad_value",
        file,
        key,
        column: col.name,
        message: `${what} '${col.name}' is missing for ${missing.length} exposed participant(s): ${listIds(missing)}`,
        hint: "fill in the value, or remove those participants",
      });
    }
  };

  config.outcomes.forEach((outcome, k) => {
    const key = `outcomes.${k}`;
    const col = requireColumn(outcome.column, `${key}.column`);
    if (!col) return;
    if (col.values.every((_, i) => isMissing(col, i))) {
      issues.push({
        code: "bad_value",
        file,
        key,
        column: col.name,
        message: `outcome '${col.name}' is missing in every sample`,
        hint: "check the column name, or remove the outcome",
      });
      return;
    }
    if (outcome.type === "binary") {
      if (col.kind !== "categorical" || col.levels.length !== 2) {
        issues.push({
          code: "bad_config",
          file,
          key,
          message: `binary outcome '${col.name}' must be categorical with exactly two levels${col.kind === "categorical" ? ` (has ${col.levels.length}: ${col.levels.join(", ")})` : ""}`,
        });
      } else if (outcome.positive !== undefined && !col.levels.includes(outcome.positive)) {
        issues.push({
          code: "bad_level",
          file,
          key: `${key}.positive`,
          message: `positive level '${outcome.positive}' does not occur in '${col.name}'`,
          hint: `levels present: ${col.levels.join(", ")}`,
        });
      }
    } else if (col.kind !== "numeric") {
      issues.push({
        code: "non_numeric",
        file,
        key,
        message: `${outcome.type} outcome '${col.name}' must be numeric`,
      });
    } else if (
      outcome.type === "count" &&
      col.values.some((v) => !Number.isNaN(v) && (v < 0 || !Number.isInteger(v)))
    ) {
      issues.push({
        code: "bad_value",
        file,
        key,
        message: `count outcome '${col.name}' must hold non-negative integers`,
      });
    }
    requirePresentForExposed(col, key, "outcome");
  });

  config.dose.forEach((d, k) => {
    const col = requireColumn(d, `dose.${k}`);
    if (!col) return;
    if (col.kind !== "numeric")
      issues.push({
        code: "non_numeric",
        file,
        key: `dose.${k}`,
        message: `dose column '${d}' must be numeric`,
      });
    else requirePresentForExposed(col, `dose.${k}`, "dose");
  });
  config.prediction?.targets.forEach((t, k) => {
    requireColumn(t, `prediction.targets.${k}`);
  });

  issues.push(...hypothesisIssues(config, inputs, file));
  if (inputs.dictionary) {
    issues.push(...checkMetadata(md, inputs.dictionary, inputs.sources.metadata));
  }
  return { issues, plan: planOf(config, inputs) };
}

/** Human-readable list of the analyses `run` will perform with these inputs. */
export function planOf(config: StudyConfig, inputs: StudyData): string[] {
  const hasTree = inputs.tree !== undefined;
  const covariates = config.design.covariates.length > 0 ? ` + ${config.design.covariates.join(" + ")}` : "";
  const plan = [
    `read ${inputs.table.sampleIds.length} samples x ${inputs.table.featureIds.length} features; drop samples below ${config.analysis.min_depth} reads`,
    `rarefaction: ${config.analysis.rarefy} (for alpha diversity and non-compositional distances)`,
    `alpha diversity${hasTree ? " incl. Faith PD" : " (no tree: no Faith PD)"}; group tests and ~ ${config.design.exposure}${covariates}`,
    `beta diversity${hasTree ? " incl. UniFrac" : " (no tree: no UniFrac)"}; PCoA; PERMANOVA ~ ${config.design.exposure}${covariates} (${config.analysis.permutations} permutations); PERMDISP`,
    inputs.taxonomy
      ? `differential abundance at ${config.analysis.level} level: ${config.analysis.da_methods.join(", ")}; consensus at q < ${config.analysis.fdr}`
      : "differential abundance on features (no taxonomy given)",
  ];
  for (const o of config.outcomes)
    plan.push(`associations: ${o.column} (${o.type}) ~ CLR(taxon)${covariates}`);
  for (const d of config.dose) plan.push(`dose–response among exposed: CLR(taxon) ~ ${d}${covariates}`);
  plan.push(...confirmatoryPlan(config));
  for (const t of config.prediction?.targets ?? [])
    plan.push(`prediction of ${t}: ${config.prediction!.models.join(", ")} (nested CV)`);
  return plan;
}
