/**
 * Dose–response among exposed participants only: for each taxon j passing the prevalence filter
 * (among those participants),
 *
 *   CLR(taxon j) ~ dose + covariates
 *
 * by OLS (one shared design for all taxa, src/core/da/shared-design-ols.ts), CLR in natural-log
 * units with a pseudocount of 0.5 (clr-abundance.ts); estimate = change in CLR per unit dose, t test
 * with df = n - p, q = BH across taxa. Exposed participants are those whose `exposure` column
 * equals `exposedLevel` when given, else those with dose > 0. Samples with a missing dose or
 * covariate are dropped with a warning.
 * Reference: the per-taxon linear model of MaAsLin2 (Mallick H et al. (2021) PLoS Comput Biol
 * 17:e1009442) on CLR abundances, restricted to the exposed.
 */
import { clrAbundance } from "./clr-abundance.js";
import { InputError, listIds } from "../errors.js";
import { samplesWithCounts } from "../da/prepare.js";
import { coefficientSe, fitSharedDesign, sharedDesignSolver } from "../da/shared-design-ols.js";
import { designMatrix } from "../stats/design-matrix.js";
import { pStudentTTwoSided } from "../stats/distributions/student-t.js";
import { adjustPValues } from "../stats/p-adjust.js";
import type { FeatureTable } from "../table/feature-table.js";
import { columnOfKind, type SampleMetadata } from "../table/metadata.js";
import type { AssociationResult, TaxonAssociationRow } from "./types.js";

/**
 * Options of {@link doseResponse}: the dose column, covariates, who counts as exposed, and the prevalence
 * filter.
 */
export interface DoseResponseOptions {
  /** Numeric dose column (e.g. dose_g_per_day). */
  dose: string;
  covariates?: readonly string[];
  /** Exposure column and the level that marks exposed participants (default: dose > 0). */
  exposure?: string;
  exposedLevel?: string;
  minPrevalence?: number;
}

/**
 * Dose–response among exposed participants: per taxon, OLS of CLR(taxon) (natural log, pseudocount
 * 0.5) on dose + covariates, estimate = change in CLR per unit dose, q = BH across taxa; the
 * per-taxon linear model of MaAsLin2 (Mallick et al. 2021, doi:10.1371/journal.pcbi.1009442).
 * @throws {InputError} `missing_column` / `bad_argument` (dose not numeric, exposure not
 *   categorical), `bad_level` (exposed level absent), plus those of the DA input preparation.
 */
export function doseResponse(
  table: FeatureTable,
  metadata: SampleMetadata,
  options: DoseResponseOptions,
): AssociationResult {
  const { sampleIds: withCounts, warnings, minPrevalence } = samplesWithCounts(table, metadata, options);
  const doseColumn = columnOfKind(metadata, options.dose, "numeric", "dose");
  const exposed = exposedSamples(metadata, options, withCounts, doseColumn.values);
  const formula = `~ ${[options.dose, ...(options.covariates ?? [])].join(" + ")}`;
  const design = designMatrix(formula, metadata, { ids: exposed });
  if (design.droppedIds.length > 0) {
    warnings.push(
      `dropped ${design.droppedIds.length} sample(s) with missing dose or covariates: ${listIds(design.droppedIds)}`,
    );
  }
  const ids = Array.from(design.rows, (r) => exposed[r]!);
  const abundance = clrAbundance(table, ids, minPrevalence);
  warnings.push(...abundance.warnings);
  const m = abundance.taxa.length;
  const solver = sharedDesignSolver(design);
  const fit = fitSharedDesign(solver, abundance.clr, m);
  const doseTerm = design.terms.find((t) => t.label === options.dose)!;
  const c = doseTerm.columns[0]!;
  const p = new Float64Array(m);
  const rows: TaxonAssociationRow[] = abundance.taxa.map((taxon, j) => {
    const estimate = fit.coef[c * m + j]!;
    const se = coefficientSe(solver, fit, c, j);
    const statistic = se > 0 ? estimate / se : 0;
    p[j] = se > 0 ? pStudentTTwoSided(statistic, solver.df) : 1;
    return {
      outcome: options.dose,
      taxon,
      method: "dose_response_ols",
      contrast: doseTerm.contrasts[0]!,
      estimate,
      estimate_scale: "CLR per unit dose",
      se,
      statistic,
      p: p[j]!,
      q: 0,
      n: ids.length,
    };
  });
  const q = adjustPValues(p, "bh");
  rows.forEach((r, j) => {
    r.q = q[j]!;
  });
  return { rows, method: "dose_response_ols", warnings, n: ids.length, taxaTested: m, minPrevalence };
}

function exposedSamples(
  metadata: SampleMetadata,
  options: DoseResponseOptions,
  sampleIds: readonly string[],
  dose: Float64Array,
): string[] {
  const row = new Map(metadata.ids.map((id, i) => [id, i]));
  if (options.exposure === undefined) return sampleIds.filter((id) => dose[row.get(id)!]! > 0);
  const column = columnOfKind(metadata, options.exposure, "categorical", "exposure");
  const level = options.exposedLevel ?? column.levels[column.levels.length - 1];
  if (level === undefined || !column.levels.includes(level)) {
    throw InputError.single({
      code: "bad_level",
      message: `exposed level '${level ?? ""}' is not a level of '${options.exposure}'`,
      column: options.exposure,
      hint: `levels present: ${column.levels.join(", ") || "(none: every value is missing)"}`,
    });
  }
  return sampleIds.filter((id) => column.values[row.get(id)!] === level);
}
