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
import type { Aldex2InstanceCache, Aldex2Threads } from "../../da/aldex2.js";
import { type DifferentialAbundanceOptions, differentialAbundance } from "../../da/differential-abundance.js";
import { clr } from "../../table/clr.js";
import { denseBlock, nFeatures } from "../../table/feature-table.js";
import { getColumn } from "../../table/metadata.js";
import { relativeAbundance } from "../../table/relative-abundance.js";
import type { Rng } from "../../random/rng.js";
import { relativeTo } from "../../stats/contrast-words.js";
import type {
  AssociationPoint,
  AssociationResults,
  AssociationRow,
  DifferentialAbundanceResults,
  MethodRecord,
  TaxonAbundancePoint,
} from "../results.js";
import type { OutcomeSpec, StudyConfig } from "../config.js";
import { method } from "../methods.js";
import type { PreparedStudy } from "./shared.js";
import { type AnalysisConfig, type StepOutput, studyFormula, targetVector } from "./shared.js";
import { nullable } from "../nullable.js";

/** The slice of the study config the association scans read. */
export type AssociationConfig = AnalysisConfig & Pick<StudyConfig, "outcomes" | "dose">;

const ASSOCIATION_METHOD_TEXT: Record<StudyConfig["analysis"]["association_model"], string> = {
  linda:
    "Each taxon's CLR abundance was regressed on each outcome plus covariates by LinDA (compositional bias removed by the mode of the outcome coefficients across taxa)",
  agreement:
    "Each taxon's CLR abundance was regressed on each outcome plus covariates by LinDA, and each outcome on each taxon's CLR plus covariates; a link was called only when both models called it with the same sign (p and q the larger of the two)",
  outcome_on_clr:
    "Each outcome was regressed on each taxon's CLR abundance plus covariates (OLS, logistic, Poisson or negative binomial by outcome type)",
};

/** How many top consensus taxa and associations get per-sample plots in the report. */
export const TOP_HITS = 6;

/**
 * The differential-abundance options of a study (also used by the calibration shuffles); `seed`:
 * the DA methods' random seed (the step's stream, or a shuffle's).
 */
export function daOptions(config: AnalysisConfig, seed: number): DifferentialAbundanceOptions {
  return {
    formula: studyFormula(config),
    term: config.design.exposure,
    reference: config.design.reference,
    methods: config.analysis.da_methods,
    fdr: config.analysis.fdr,
    minPrevalence: config.analysis.min_prevalence,
    seed,
    ...(config.design.subject ? { subject: config.design.subject } : {}),
  };
}

/** The association-scan options of one outcome (also used by the calibration shuffles). */
export function associationOptions(config: AnalysisConfig, outcome: OutcomeSpec): AssociationOptions {
  return {
    outcome: outcome.column,
    type: outcome.type,
    ...(outcome.positive !== undefined ? { positive: outcome.positive } : {}),
    covariates: config.design.covariates,
    minPrevalence: config.analysis.min_prevalence,
    model: config.analysis.association_model,
  };
}

/**
 * Differential abundance of the exposure by every configured method, on the step's stream `rng`.
 * `aldex2Cache` keeps ALDEx2's Monte Carlo instances for the calibration shuffles, which test their
 * labels on the same instances (the results are the same with or without it); `aldex2Threads` runs
 * them on several threads (the same results).
 */
export function daStep(
  config: AnalysisConfig,
  prepared: PreparedStudy,
  rng: Rng,
  aldex2Cache?: Aldex2InstanceCache,
  aldex2Threads?: Aldex2Threads,
): StepOutput<DifferentialAbundanceResults> {
  const result = differentialAbundance(prepared.collapsed, prepared.metadata, {
    ...daOptions(config, rng.seed),
    ...(aldex2Cache ? { aldex2Cache } : {}),
    ...(aldex2Threads ? { aldex2Threads } : {}),
  });
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
  return { result: da, warnings: result.warnings, methods: daMethods(config, prepared, da) };
}

function daMethods(
  config: AnalysisConfig,
  prepared: PreparedStudy,
  da: DifferentialAbundanceResults,
): MethodRecord[] {
  const contrasts = da.contrasts.map((c) => relativeTo(c)).join("; ");
  return [
    ...da.methods.map((m) =>
      method(
        m as "linda",
        `Differential abundance of ${config.design.exposure} at ${prepared.level} level (log2 fold changes ${contrasts}), ` +
          `adjusted for ${config.design.covariates.join(", ") || "no covariates"}` +
          (da.consensusMethods.includes(m)
            ? "."
            : "; unadjusted, so reported but not counted in the consensus."),
      ),
    ),
    method(
      "bh",
      `p-values were adjusted per method (and per outcome) across taxa by Benjamini–Hochberg, except where the reference package adjusts otherwise (ANCOM-BC: Holm; ALDEx2: expected per-instance BH, Holm with covariates; MaAsLin2: BH over all non-intercept coefficients); results with q < ${config.analysis.fdr} are called.`,
    ),
  ];
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

/** Taxon–outcome associations per configured outcome and dose–response per dose column. */
export function associationStep(
  config: AssociationConfig,
  prepared: PreparedStudy,
): StepOutput<AssociationResults> {
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
  return {
    result: { rows, scatter: scatterPoints(config, prepared, rows) },
    warnings,
    methods: [
      method(
        "associations",
        `${ASSOCIATION_METHOD_TEXT[config.analysis.association_model]}; dose–response as CLR(taxon) ~ dose + covariates among exposed participants.`,
      ),
    ],
  };
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
  config: AssociationConfig,
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
