/**
 * Checks of the config's `hypotheses` against the data, for `validate` and `run`: each taxon exists
 * at the analysis rank (with the closest names suggested), each outcome is a metadata column and a
 * configured outcome (its type fixes the model), each exposure is the design's exposure (with a
 * `level` that exists when it has more than two levels), and the DA method answering exposure
 * hypotheses is one the scan runs. Every issue names the hypothesis (`hypotheses.K.key`).
 */
import type { Issue } from "../errors.js";
import type { FeatureTable } from "../table/feature-table.js";
import { getColumn, type SampleMetadata } from "../table/metadata.js";
import { labelAtRank, lineageMap, type Taxonomy } from "../table/taxonomy.js";
import { closestNames } from "./closest-names.js";
import { hypothesisMethod, sensitivitySettings } from "./config-hypotheses.js";
import type { StudyConfig } from "./config.js";

/** Taxon names at the analysis rank: labels of the table's features (feature IDs at "feature"). */
export function taxaAtRank(
  config: StudyConfig,
  table: FeatureTable,
  taxonomy: Taxonomy | undefined,
): string[] {
  const level = config.analysis.level;
  if (level === "feature" || !taxonomy) return [...table.featureIds];
  const lineageOf = lineageMap(taxonomy);
  const names = new Set<string>();
  for (const id of table.featureIds) {
    const lineage = lineageOf.get(id);
    if (lineage) names.add(labelAtRank(lineage, level));
  }
  return [...names];
}

export function hypothesisIssues(
  config: StudyConfig,
  inputs: { table: FeatureTable; metadata: SampleMetadata; taxonomy?: Taxonomy | undefined },
  file: string,
): Issue[] {
  const issues: Issue[] = [];
  const taxa = config.hypotheses.length > 0 ? taxaAtRank(config, inputs.table, inputs.taxonomy) : [];
  const known = new Set(taxa);
  const rank = !inputs.taxonomy ? "feature" : config.analysis.level;
  const columns = inputs.metadata.columns.map((c) => c.name);
  config.hypotheses.forEach((h, k) => {
    const key = `hypotheses.${k}`;
    const missingColumn = (field: "outcome" | "exposure", name: string): Issue => ({
      code: "missing_column",
      file,
      key: `${key}.${field}`,
      message: `hypothesis ${field} '${name}' is not a column of the metadata`,
      hint: `available columns: ${columns.join(", ")}`,
    });
    if (!known.has(h.taxon)) {
      const close = closestNames(h.taxon, taxa);
      issues.push({
        code: "bad_config",
        key: `${key}.taxon`,
        message: `hypothesis taxon '${h.taxon}' is not a ${rank} in the table`,
        hint:
          close.length > 0
            ? `did you mean ${close.map((c) => `'${c}'`).join(" or ")}? (names at analysis.level ${rank}, as the report shows them)`
            : `no ${rank} name is close; check analysis.level and the taxonomy`,
      });
    }
    if (h.outcome !== undefined) {
      if (!getColumn(inputs.metadata, h.outcome)) {
        issues.push(missingColumn("outcome", h.outcome));
      } else if (!config.outcomes.some((o) => o.column === h.outcome)) {
        issues.push({
          code: "bad_config",
          key: `${key}.outcome`,
          message: `hypothesis outcome '${h.outcome}' is not one of the configured outcomes`,
          hint: `add '- { column: ${h.outcome}, type: continuous | binary | count }' under outcomes: (the type chooses the model)`,
        });
      }
    }
    if (h.exposure !== undefined) {
      const column = getColumn(inputs.metadata, h.exposure);
      if (!column) {
        issues.push(missingColumn("exposure", h.exposure));
      } else if (h.exposure !== config.design.exposure) {
        issues.push({
          code: "bad_config",
          key: `${key}.exposure`,
          message: `hypothesis exposure '${h.exposure}' is not the design's exposure '${config.design.exposure}'`,
          hint: "exposure hypotheses are answered by the differential-abundance scan of design.exposure; state a link to another column as an outcome hypothesis",
        });
      } else if (column.kind === "categorical") {
        const compared = column.levels.filter((l) => l !== config.design.reference);
        if (h.level !== undefined && !compared.includes(h.level)) {
          issues.push({
            code: "bad_level",
            file,
            key: `${key}.level`,
            message: `level '${h.level}' is not a non-reference level of '${h.exposure}'`,
            hint: `levels compared with '${config.design.reference}': ${compared.join(", ")}`,
          });
        } else if (h.level === undefined && compared.length > 1) {
          issues.push({
            code: "bad_config",
            key: `${key}.level`,
            message: `'${h.exposure}' has ${compared.length} levels besides '${config.design.reference}': the hypothesis must say which one (level: ...)`,
            hint: `one of: ${compared.join(", ")}`,
          });
        }
      }
    }
  });
  // The method answers exposure hypotheses and re-checks DA findings in the sensitivity panel.
  if (config.hypotheses.some((h) => h.exposure !== undefined) || config.analysis.hypothesis_method) {
    const m = hypothesisMethod(config.analysis);
    if (!config.analysis.da_methods.includes(m)) {
      issues.push({
        code: "bad_config",
        key: "analysis.hypothesis_method",
        message: `exposure hypotheses are answered by '${m}', which is not among analysis.da_methods (${config.analysis.da_methods.join(", ") || "none"})`,
        hint: `add ${m} to analysis.da_methods, or set analysis.hypothesis_method to one of them`,
      });
    }
  }
  return issues;
}

/** The plan lines of the confirmatory tests and the sensitivity panel (`validate` prints them). */
export function confirmatoryPlan(config: StudyConfig): string[] {
  const plan: string[] = [];
  if (config.hypotheses.length > 0) {
    const list = config.hypotheses
      .map((h) => `${h.taxon} ~ ${h.outcome ?? h.exposure}${h.direction ? ` (${h.direction})` : ""}`)
      .join("; ");
    plan.push(
      `confirmatory hypotheses (Holm across ${config.hypotheses.length}, alpha ${config.analysis.hypothesis_alpha}): ${list}`,
    );
  }
  const s = sensitivitySettings(config.sensitivity);
  if (s) {
    plan.push(
      `sensitivity panel (${hypothesisMethod(config.analysis)}): min_prevalence ${s.min_prevalence.join("/")}${hypothesisMethod(config.analysis) === "linda" ? `, pseudocount ${s.pseudocounts.join("/")}` : ""}${s.drop_covariates ? ", without each covariate" : ""}${s.rarefy ? ", PERMANOVA not rarefied" : ""}`,
    );
  }
  return plan;
}
