/**
 * Study step — confirmatory hypotheses (config `hypotheses:`), answered from the exploratory scan's
 * own tests so they use exactly its model: an outcome hypothesis takes the scan's association row
 * of (outcome, taxon); an exposure hypothesis takes the `hypothesis_method` DA row of the taxon for
 * the exposure's contrast (the single non-reference level, or the hypothesis's `level`). Then
 * one-sided p and Holm across the list (../hypotheses.ts). `confirmatoryStep` is the pipeline's
 * form, with its method record.
 */
import { hypothesisMethod, type HypothesisSpec } from "../config-hypotheses.js";
import type { StudyConfig } from "../config.js";
import {
  type HypothesisInput,
  type HypothesisResults,
  type TaxonTest,
  testHypotheses,
} from "../hypotheses.js";
import { method } from "../methods.js";
import type { AssociationResults, DifferentialAbundanceResults } from "../results.js";
import type { StepOutput } from "./shared.js";

/** The pipeline's hypotheses step: `hypothesesStep` with its method record. */
export function confirmatoryStep(
  config: Pick<StudyConfig, "analysis" | "hypotheses">,
  da: DifferentialAbundanceResults,
  associations: AssociationResults | undefined,
): StepOutput<HypothesisResults> {
  const { hypotheses, warnings } = hypothesesStep(config, da, associations);
  return {
    result: hypotheses,
    warnings,
    methods: [
      method(
        "holm",
        `${config.hypotheses.length} pre-registered hypothesis(es) were each tested with the exploratory scan's own model for that taxon (exposure hypotheses by ${hypotheses.daMethod}), one-sided where a direction was stated, Holm-adjusted across the list; confirmed when the adjusted p < ${hypotheses.alpha}.`,
      ),
    ],
  };
}

/** The confirmatory hypotheses answered from the scan's own tests, Holm-adjusted (see header). */
export function hypothesesStep(
  config: Pick<StudyConfig, "analysis" | "hypotheses">,
  da: DifferentialAbundanceResults,
  associations: AssociationResults | undefined,
): { hypotheses: HypothesisResults; warnings: string[] } {
  const daMethod = hypothesisMethod(config.analysis);
  const warnings: string[] = [];
  const inputs = config.hypotheses.map((h): HypothesisInput => {
    const { target, test } =
      h.outcome !== undefined
        ? { target: h.outcome, test: outcomeTest(h.outcome, h.taxon, associations) }
        : exposureTest(h, daMethod, da);
    if (test === null) {
      warnings.push(
        `hypothesis ${h.taxon} ~ ${target}: the taxon was not tested by the scan (below the prevalence filter at ${config.analysis.min_prevalence}, or its fit failed); it counts as not confirmed (p = 1 in Holm's family)`,
      );
    }
    return { taxon: h.taxon, target, direction: h.direction ?? "two-sided", test };
  });
  return {
    hypotheses: {
      rows: testHypotheses(inputs, config.analysis.hypothesis_alpha),
      alpha: config.analysis.hypothesis_alpha,
      daMethod,
    },
    warnings,
  };
}

function outcomeTest(
  outcome: string,
  taxon: string,
  associations: AssociationResults | undefined,
): TaxonTest | null {
  const row = associations?.rows.find((r) => r.outcome === outcome && r.taxon === taxon);
  return row ? { estimate: row.estimate, se: row.se, p: row.p } : null;
}

function exposureTest(
  h: HypothesisSpec,
  daMethod: string,
  da: DifferentialAbundanceResults,
): { target: string; test: TaxonTest | null } {
  const exposure = h.exposure!;
  const rows = da.rows.filter(
    (r) =>
      r.method === daMethod &&
      r.taxon === h.taxon &&
      (h.level === undefined || r.term === `${exposure}${h.level}`),
  );
  const target = h.level === undefined ? exposure : `${exposure}:${h.level}`;
  const row = rows.length === 1 ? rows[0]! : undefined;
  return { target, test: row ? { estimate: row.log2_fold_change, se: row.se, p: row.p } : null };
}
