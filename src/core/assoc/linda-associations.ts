/**
 * Taxon <- host-outcome associations the LinDA way (the default association model): the outcome
 * enters as a predictor and every taxon's log-ratio is the response,
 *
 *   CLR(taxon j) ~ outcome + covariates        (one linear model per taxon, shared design)
 *
 * fitted by LinDA (src/core/da/linda.ts, called through its public `linda()`): zeros handled as
 * LinDA does (pseudocount 0.5, or depth-proportional imputation when depth goes with the design),
 * CLR in log2 units, and the compositional bias removed by subtracting the mode of the outcome's
 * coefficients across taxa; t test with df = n - p; q = BH across taxa.
 * estimate = log2 fold change of the taxon (relative to the bulk of the community) per unit of a
 * continuous or count outcome, or between the levels of a binary outcome (positive vs the other).
 *
 * Why not `outcome ~ CLR(taxon)`: with a pseudocount, a taxon's CLR in a sample where it is absent
 * is log(0.5) - mean(log x), a function of the whole composition (and of depth), so a rare taxon
 * "predicts" whatever the composition does; and a taxon's CLR moves whenever any abundant taxon
 * moves (compositionality). Regressing the log-ratio on the outcome lets the mode correction take
 * out the shift every taxon shares and keeps rare taxa's zeros out of the predictor. The p-value of
 * the outcome coefficient in this model tests the same null (no association given the covariates)
 * for continuous, binary and count outcomes alike. Reference: Zhou H, He K, Chen J, Zhang X (2022)
 * Genome Biol 23:95, doi:10.1186/s13059-022-02655-5 (LinDA; a continuous variable of interest is
 * tested the same way as a group).
 */
import { linda } from "../da/linda.js";
import { prepareDaInput } from "../da/prepare.js";
import type { FeatureTable } from "../table/feature-table.js";
import { categorical, getColumn, type SampleMetadata } from "../table/metadata.js";
import { outcomeVector } from "./outcome-vector.js";
import type { AssociationOptions, AssociationsResult } from "./types.js";
import type { TaxonAssociationRow } from "./types.js";

export function lindaAssociations(
  table: FeatureTable,
  metadata: SampleMetadata,
  options: AssociationOptions,
): AssociationsResult {
  const coded = outcomeVector(metadata, options, metadata.ids);
  const levels = coded.levels;
  const column = getColumn(metadata, options.outcome)!;
  // a binary outcome becomes a two-level factor whose reference is the non-positive level, so its
  // design column is 1 for the positive level whatever the column's own coding or level order
  const predictor =
    levels === null
      ? metadata
      : {
          ...metadata,
          columns: metadata.columns.map((c) =>
            c === column
              ? categorical(
                  c.name,
                  Array.from(metadata.ids, (_, i) => {
                    const v = c.kind === "numeric" ? c.values[i]! : c.values[i];
                    if (v === null || (typeof v === "number" && Number.isNaN(v))) return null;
                    return String(v) === levels.positive ? levels.positive : levels.negative;
                  }),
                  [levels.negative, levels.positive],
                )
              : c,
          ),
        };
  const covariates = options.covariates ?? [];
  const input = prepareDaInput(table, predictor, {
    formula: `~ ${[options.outcome, ...covariates].join(" + ")}`,
    term: options.outcome,
    ...(levels === null ? {} : { reference: levels.negative }),
    ...(options.minPrevalence === undefined ? {} : { minPrevalence: options.minPrevalence }),
  });
  // the outcome enters unscaled (LinDA would z-score a numeric variable) so the estimate is per unit
  // of the outcome; scaling a predictor changes neither the t statistics nor the bias-corrected test
  const fit = linda({ ...input, standardizedDesign: input.design });
  const scale =
    levels === null
      ? `log2 fold change of the taxon per unit ${options.outcome}`
      : `log2 fold change of the taxon, ${levels.positive} vs ${levels.negative}`;
  const rows: TaxonAssociationRow[] = fit.rows.map((r) => ({
    outcome: options.outcome,
    taxon: r.taxon,
    method: "linda",
    contrast: coded.contrast,
    estimate: r.log2_fold_change,
    estimate_scale: scale,
    se: r.se,
    statistic: r.statistic,
    p: r.p,
    q: r.q,
    n: input.nSamples,
  }));
  return {
    rows,
    method: "linda",
    warnings: [...input.warnings, ...fit.summary.warnings],
    notes: [
      `'${options.outcome}': CLR(taxon) ~ ${[options.outcome, ...covariates].join(" + ")} by LinDA (${fit.summary.zeroHandling}; compositional bias ${String(fit.summary.parameters.bias)} removed)`,
    ],
    n: input.nSamples,
    taxaTested: input.nTaxa,
    minPrevalence: input.minPrevalence,
  };
}
