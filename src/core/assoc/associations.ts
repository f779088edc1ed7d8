/**
 * Taxon <-> host-outcome associations. Models (`model`):
 * - "agreement" (default): the links both models below call with the same sign (agreement.ts), the
 *   list that stayed calibrated (FDP <= 0.10) on the simulated designs (docs/DA.md);
 * - "linda": CLR(taxon) ~ outcome + covariates by LinDA, with its zero handling and
 *   compositional bias correction (linda-associations.ts);
 * - "outcome_on_clr" (the earlier default, kept as an option): for each taxon j passing the
 *   prevalence filter, outcome ~ CLR(taxon j) + covariates. Not calibrated: a zero-count taxon's
 *   CLR (with a pseudocount) is -mean(log x) plus a constant, a proxy for the whole composition,
 *   so rare taxa "associate" with anything the composition does (docs/DA.md, associations).
 *
 * "outcome_on_clr", with CLR in natural-log units (clr-abundance.ts), is fitted by
 * - "continuous": OLS (t test; estimate per unit CLR);
 * - "binary": logistic regression (Wald z; log odds ratio per unit CLR); the outcome is coded 1 for
 *   `positive` (default: the second level in R's factor order (table/level-order.ts) of a
 *   categorical column, or 1 of a 0/1 numeric column), as R's `glm` codes a factor response;
 * - "count": Poisson or negative binomial regression, log link (Wald z; log rate ratio per unit
 *   CLR). The family is chosen once per outcome from the covariates-only model: negative binomial
 *   when the likelihood-ratio test of overdispersion (Poisson vs NB, LR = 2(l_NB - l_Pois),
 *   p = P(chi2_1 > LR) / 2 for the boundary) has p < 0.05, else Poisson; the test is returned in
 *   `dispersion`, and the choice is stated in `notes` and in every row's method.
 * q = BH across taxa for the outcome. Samples with a missing outcome or covariate are dropped with a
 * warning; table samples missing from the metadata are an InputError, and so are an outcome missing
 * in every sample, a binary outcome with one level (or a `positive` level that does not occur,
 * naming the levels present) and a continuous or count outcome with a single value. Each row's
 * `contrast` says what the estimate compares: "yes vs no" for a binary outcome, else the outcome.
 * References: Aitchison J (1986) The Statistical Analysis of Compositional Data; Cameron AC,
 * Trivedi PK (1990) J Econometrics 46:347-364 (overdispersion tests), doi:10.1016/0304-4076(90)90014-K;
 * Self SG, Liang KY (1987) JASA 82:605-610 (boundary chi-square mixture), doi:10.2307/2289471.
 */
import { InputError, listIds } from "../errors.js";
import { samplesWithCounts } from "../da/prepare.js";
import { type DesignMatrix, designMatrix } from "../stats/design-matrix.js";
import { pChiSquareUpper } from "../stats/distributions/chi-square.js";
import { glm } from "../stats/glm.js";
import { glmNegativeBinomial } from "../stats/glm-nb.js";
import { ols } from "../stats/ols.js";
import { adjustPValues } from "../stats/p-adjust.js";
import type { FeatureTable } from "../table/feature-table.js";
import type { SampleMetadata } from "../table/metadata.js";
import { clrAbundance } from "./clr-abundance.js";
import { agreementRows } from "./agreement.js";
import { lindaAssociations } from "./linda-associations.js";
import { outcomeVector } from "./outcome-vector.js";
import {
  ASSOCIATION_MODELS,
  type AssociationMethod,
  type AssociationModel,
  type AssociationOptions,
  type AssociationsResult,
  type TaxonAssociationRow,
} from "./types.js";

export { ASSOCIATION_MODELS, type AssociationModel, type AssociationOptions, type AssociationsResult };

export { OUTCOME_TYPES, type OutcomeType } from "./outcome-vector.js";

type OutcomeOnClrMethod = Exclude<AssociationMethod, "dose_response_ols" | "linda" | "linda_agreement">;

const SCALE: Record<OutcomeOnClrMethod, string> = {
  ols: "per unit CLR",
  logistic: "log odds ratio per unit CLR",
  poisson: "log rate ratio per unit CLR",
  negative_binomial: "log rate ratio per unit CLR",
};

/**
 * Taxon ↔ host-outcome associations, one row per taxon, q = BH across taxa. The default model
 * "agreement" keeps the links LinDA (CLR(taxon) ~ outcome) and outcome ~ CLR(taxon) both call with
 * the same sign; see the module header for each model and its references.
 * @throws {InputError} `bad_argument` (unknown model), `id_mismatch` (table samples not in the
 *   metadata), `missing_column` / `bad_value` / `bad_level` (outcome missing, constant, or a binary
 *   outcome without two levels), plus those of the design and DA input preparation.
 */
export function associations(
  table: FeatureTable,
  metadata: SampleMetadata,
  options: AssociationOptions,
): AssociationsResult {
  const model = options.model ?? "agreement";
  if (!ASSOCIATION_MODELS.includes(model)) {
    throw InputError.single({
      code: "bad_argument",
      message: `unknown association model '${model}'`,
      hint: `choose from ${ASSOCIATION_MODELS.join(", ")}`,
      key: "model",
    });
  }
  if (model === "agreement") {
    return agreementRows(lindaAssociations(table, metadata, options), outcomeOnClr(table, metadata, options));
  }
  return model === "linda"
    ? lindaAssociations(table, metadata, options)
    : outcomeOnClr(table, metadata, options);
}

function outcomeOnClr(
  table: FeatureTable,
  metadata: SampleMetadata,
  options: AssociationOptions,
): AssociationsResult {
  const { sampleIds: withCounts, warnings, minPrevalence } = samplesWithCounts(table, metadata, options);
  const {
    values: outcomeValues,
    ids: outcomeIds,
    dropped,
    contrast,
  } = outcomeVector(metadata, options, withCounts);
  if (dropped.length > 0)
    warnings.push(`dropped ${dropped.length} sample(s) with a missing outcome: ${listIds(dropped)}`);
  const covariates = options.covariates ?? [];
  const base = designMatrix(covariates.length > 0 ? `~ ${covariates.join(" + ")}` : "~ 1", metadata, {
    ids: outcomeIds,
  });
  if (base.droppedIds.length > 0) {
    warnings.push(
      `dropped ${base.droppedIds.length} sample(s) with missing covariates: ${listIds(base.droppedIds)}`,
    );
  }
  const ids = Array.from(base.rows, (r) => outcomeIds[r]!);
  const y = Float64Array.from(base.rows, (r) => outcomeValues[r]!);
  const abundance = clrAbundance(table, ids, minPrevalence);
  warnings.push(...abundance.warnings);
  const n = ids.length;
  const m = abundance.taxa.length;
  let method: OutcomeOnClrMethod =
    options.type === "continuous" ? "ols" : options.type === "binary" ? "logistic" : "poisson";
  let dispersion: AssociationsResult["dispersion"];
  const notes: string[] = [];
  if (options.type === "count") {
    dispersion = overdispersionTest(base, y);
    if (dispersion.p < 0.05) method = "negative_binomial";
    notes.push(
      `count outcome '${options.outcome}': ${method === "poisson" ? "Poisson" : "negative binomial"} regression ` +
        `(overdispersion LR = ${dispersion.lrStatistic.toPrecision(4)}, p = ${dispersion.p.toPrecision(3)}, theta = ${dispersion.theta.toPrecision(4)})`,
    );
  }
  const x = withExtraColumn(base);
  const est = new Float64Array(m);
  const se = new Float64Array(m);
  const stat = new Float64Array(m);
  const p = new Float64Array(m);
  const last = base.nCols;
  const fitWarnings = new Set<string>();
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) x.x[i * x.nCols + last] = abundance.clr[i * m + j]!;
    const fit =
      method === "ols"
        ? ols(x, y)
        : method === "logistic"
          ? glm(x, y, "binomial")
          : method === "poisson"
            ? glm(x, y, "poisson")
            : glmNegativeBinomial(x, y);
    for (const w of fit.warnings) fitWarnings.add(`${abundance.taxa[j]}: ${w}`);
    est[j] = fit.coefficients[last]!;
    se[j] = fit.se[last]!;
    stat[j] = "t" in fit ? fit.t[last]! : fit.z[last]!;
    p[j] = fit.p[last]!;
  }
  if (fitWarnings.size > 0)
    warnings.push(`${fitWarnings.size} model warning(s): ${listIds([...fitWarnings])}`);
  const q = adjustPValues(p, "bh");
  const rows: TaxonAssociationRow[] = abundance.taxa.map((taxon, j) => ({
    outcome: options.outcome,
    taxon,
    method,
    contrast,
    estimate: est[j]!,
    estimate_scale: SCALE[method],
    se: se[j]!,
    statistic: stat[j]!,
    p: p[j]!,
    q: q[j]!,
    n,
  }));
  return {
    rows,
    method,
    warnings,
    notes,
    n,
    taxaTested: m,
    minPrevalence,
    ...(dispersion === undefined ? {} : { dispersion }),
  };
}

/** The design plus one empty trailing column named "clr" (filled per taxon). */
function withExtraColumn(base: DesignMatrix): {
  x: Float64Array;
  nRows: number;
  nCols: number;
  columnNames: string[];
} {
  const nCols = base.nCols + 1;
  const x = new Float64Array(base.nRows * nCols);
  for (let i = 0; i < base.nRows; i++)
    x.set(base.x.subarray(i * base.nCols, (i + 1) * base.nCols), i * nCols);
  return { x, nRows: base.nRows, nCols, columnNames: [...base.columnNames, "clr"] };
}

/** Poisson vs negative binomial likelihood-ratio test on the covariates-only model. */
function overdispersionTest(
  base: DesignMatrix,
  y: Float64Array,
): { lrStatistic: number; p: number; theta: number } {
  const poisson = glm(base, y, "poisson");
  const logLikPoisson = -(poisson.aic - 2 * base.nCols) / 2;
  const nb = glmNegativeBinomial(base, y);
  const lr = Math.max(0, nb.twoLogLik - 2 * logLikPoisson);
  return { lrStatistic: lr, p: lr > 0 ? pChiSquareUpper(lr, 1) / 2 : 0.5, theta: nb.theta };
}
