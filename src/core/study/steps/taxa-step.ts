/**
 * Study step 4 — taxon-level questions on the table collapsed to the configured rank:
 * - differential abundance of the exposure, adjusted for the covariates, by several compositional
 *   methods with a consensus (src/core/da);
 * - taxon–outcome associations for each configured outcome, CLR(taxon) ~ outcome + covariates by
 *   LinDA, and dose–response among exposed participants, CLR(taxon) ~ dose + covariates
 *   (src/core/assoc).
 * Also gathers the per-sample points the report plots for the top hits.
 */
import { doseResponse } from "../../assoc/dose-response.js";
import { type AssociationOptions, associations } from "../../assoc/associations.js";
import type { TaxonAssociationRow } from "../../assoc/types.js";
import { type DifferentialAbundanceOptions, differentialAbundance } from "../../da/differential-abundance.js";
import { clr } from "../../table/clr.js";
import { denseBlock, nFeatures } from "../../table/feature-table.js";
import { getColumn } from "../../table/metadata.js";
import { relativeAbundance } from "../../table/relative-abundance.js";
import type {
  AssociationPoint,
  AssociationResults,
  AssociationRow,
  DifferentialAbundanceResults,
  TaxonAbundancePoint,
} from "../results.js";
import type { OutcomeSpec, StudyConfig } from "../config.js";
import type { PreparedStudy } from "./prepare.js";
import { nullable, studyFormula, targetVector } from "./shared.js";

/** How many top consensus taxa and associations get per-sample plots in the report. */
export const TOP_HITS = 6;

/** The differential-abundance options of a study (also used by the calibration shuffles). */
export function daOptions(config: StudyConfig): DifferentialAbundanceOptions {
  return {
    formula: studyFormula(config),
    term: config.design.exposure,
    reference: config.design.reference,
    methods: config.analysis.da_methods,
    fdr: config.analysis.fdr,
    minPrevalence: config.analysis.min_prevalence,
    seed: config.seed,
    ...(config.design.subject ? { subject: config.design.subject } : {}),
  };
}

/** The association-scan options of one outcome (also used by the calibration shuffles). */
export function associationOptions(config: StudyConfig, outcome: OutcomeSpec): AssociationOptions {
  return {
    outcome: outcome.column,
    type: outcome.type,
    ...(outcome.positive !== undefined ? { positive: outcome.positive } : {}),
    covariates: config.design.covariates,
    minPrevalence: config.analysis.min_prevalence,
    model: config.analysis.association_model,
  };
}

export function daStep(
  config: StudyConfig,
  prepared: PreparedStudy,
): { da: DifferentialAbundanceResults; warnings: string[] } {
  const result = differentialAbundance(prepared.collapsed, prepared.metadata, daOptions(config));
  const top = [...result.consensus]
    .filter((c) => c.methods_significant > 0)
    .sort(
      (a, b) =>
        b.methods_significant - a.methods_significant ||
        Math.abs(b.log2_fold_change_median ?? 0) - Math.abs(a.log2_fold_change_median ?? 0),
    )
    .slice(0, TOP_HITS)
    .map((c) => c.taxon);
  const da: DifferentialAbundanceResults = {
    methods: result.methods.map((m) => m.method),
    consensusMethods: [...result.consensusMethods],
    term: result.term,
    contrasts: [...result.contrasts],
    rows: result.rows.map((r) => ({
      ...r,
      log2_fold_change: nullable(r.log2_fold_change),
      se: nullable(r.se),
      statistic: nullable(r.statistic),
      p: nullable(r.p),
      q: nullable(r.q),
    })),
    consensus: result.consensus.map((c) => ({
      ...c,
      log2_fold_change_median: nullable(c.log2_fold_change_median),
    })),
    topAbundances: abundancePoints(prepared, top),
  };
  return { da, warnings: result.warnings };
}

function abundancePoints(prepared: PreparedStudy, taxa: readonly string[]): TaxonAbundancePoint[] {
  const rel = relativeAbundance(prepared.collapsed);
  const dense = denseBlock(rel);
  const m = nFeatures(rel);
  return taxa.flatMap((taxon) => {
    const f = rel.featureIds.indexOf(taxon);
    return rel.sampleIds.map((sampleId, s) => ({
      taxon,
      sampleId,
      group: prepared.groupOf.get(sampleId)!,
      relative_abundance: dense[s * m + f]!,
    }));
  });
}

export function associationStep(
  config: StudyConfig,
  prepared: PreparedStudy,
): { associations: AssociationResults; warnings: string[] } {
  const rows: AssociationRow[] = [];
  const warnings: string[] = [];
  const covariates = config.design.covariates;
  for (const outcome of config.outcomes) {
    const result = associations(prepared.collapsed, prepared.metadata, associationOptions(config, outcome));
    rows.push(...result.rows.map(toRow));
    warnings.push(
      ...result.warnings.map((w) => `${outcome.column}: ${w}`),
      // the count-family choice of the outcome ~ CLR(taxon) model is a modelling decision worth a
      // line; the LinDA model's note (zero handling, bias) is in the methods and the CLI output
      ...(result.dispersion === undefined ? [] : result.notes.map((n) => `${outcome.column}: ${n}`)),
    );
  }
  const exposure = getColumn(prepared.metadata, config.design.exposure);
  const exposedLevels =
    exposure?.kind === "categorical" ? exposure.levels.filter((l) => l !== config.design.reference) : [];
  for (const dose of config.dose) {
    const result = doseResponse(prepared.collapsed, prepared.metadata, {
      dose,
      covariates,
      exposure: config.design.exposure,
      ...(exposedLevels.length === 1 ? { exposedLevel: exposedLevels[0]! } : {}),
      minPrevalence: config.analysis.min_prevalence,
    });
    rows.push(...result.rows.map(toRow));
    warnings.push(...result.warnings.map((w) => `dose ${dose}: ${w}`));
  }
  return { associations: { rows, scatter: scatterPoints(config, prepared, rows) }, warnings };
}

function toRow(r: TaxonAssociationRow): AssociationRow {
  return {
    ...r,
    estimate: nullable(r.estimate),
    se: nullable(r.se),
    statistic: nullable(r.statistic),
    p: nullable(r.p),
    q: nullable(r.q),
  };
}

function scatterPoints(
  config: StudyConfig,
  prepared: PreparedStudy,
  rows: readonly AssociationRow[],
): AssociationPoint[] {
  const significant = rows
    .filter((r) => r.q !== null && r.q < config.analysis.fdr)
    .sort((a, b) => (a.q ?? 1) - (b.q ?? 1))
    .slice(0, TOP_HITS);
  if (significant.length === 0) return [];
  const logRatios = clr(prepared.collapsed);
  const m = logRatios.featureIds.length;
  return significant.flatMap((row) => {
    const f = logRatios.featureIds.indexOf(row.taxon);
    if (f < 0) return [];
    const { y } = targetVector(config, prepared, row.outcome);
    return logRatios.sampleIds.flatMap((sampleId, s) => {
      const value = y[s]!;
      return Number.isNaN(value)
        ? []
        : [
            {
              outcome: row.outcome,
              taxon: row.taxon,
              sampleId,
              clr: logRatios.values[s * m + f]!,
              outcomeValue: value,
            },
          ];
    });
  });
}
