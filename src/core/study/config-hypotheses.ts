/**
 * The study.yaml keys of confirmatory hypotheses and of the sensitivity panel (docs/STUDY.md):
 *
 *   hypotheses:                       # stated before the data are seen; Holm across this list
 *     - { taxon: Clostridium, outcome: constipation, direction: positive }
 *     - { taxon: Faecalibacterium, exposure: kratom_use, direction: up }
 *   analysis:
 *     hypothesis_alpha: 0.05          # a hypothesis is confirmed when its Holm-adjusted p < this
 *     hypothesis_method: linda        # DA method answering exposure hypotheses
 *   sensitivity: true                 # or a block naming the variants
 *
 * A hypothesis names one taxon and exactly one target: an `outcome` (direction positive/negative:
 * the sign of the taxon–outcome association) or the design's `exposure` (direction up/down: the
 * taxon is more/less abundant in the exposed group than in the reference). Without a direction the
 * test is two-sided. `level` picks the compared exposure level when the exposure has more than two.
 * Checks against the data (taxon at the analysis rank, columns) live in validate-study.ts.
 */
import { z } from "zod";
import { DA_METHODS } from "../da/types.js";
import type { DaMethodName } from "../da/types.js";

export const OUTCOME_DIRECTIONS = ["positive", "negative"] as const;
export const EXPOSURE_DIRECTIONS = ["up", "down"] as const;

export const hypothesisSchema = z
  .strictObject({
    taxon: z.string().min(1),
    outcome: z.string().min(1).optional(),
    exposure: z.string().min(1).optional(),
    /** For an exposure with more than two levels: the level compared with the reference. */
    level: z.string().min(1).optional(),
    direction: z.enum([...OUTCOME_DIRECTIONS, ...EXPOSURE_DIRECTIONS]).optional(),
  })
  .superRefine((h, ctx) => {
    if ((h.outcome === undefined) === (h.exposure === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: "a hypothesis names exactly one target: `outcome: COLUMN` or `exposure: COLUMN`",
      });
      return;
    }
    if (h.direction === undefined) return;
    const allowed: readonly string[] = h.outcome !== undefined ? OUTCOME_DIRECTIONS : EXPOSURE_DIRECTIONS;
    if (!allowed.includes(h.direction)) {
      ctx.addIssue({
        code: "custom",
        path: ["direction"],
        message: `direction '${h.direction}' does not fit ${h.outcome !== undefined ? "an outcome" : "an exposure"} hypothesis: use ${allowed.join(" or ")} (or leave it out for a two-sided test)`,
      });
    }
    if (h.level !== undefined && h.outcome !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["level"],
        message: "`level` applies to exposure hypotheses only",
      });
    }
  });

export type HypothesisSpec = z.infer<typeof hypothesisSchema>;

/** Keys of the `analysis` block that belong to the confirmatory tests. */
export const confirmatoryAnalysisKeys = {
  /** Significance level of the confirmatory tests (Holm-adjusted p < alpha confirms). */
  hypothesis_alpha: z.number().gt(0).lt(1).default(0.05),
  /** DA method that answers exposure hypotheses (default: the first of da_methods). */
  hypothesis_method: z.enum(DA_METHODS as readonly [DaMethodName, ...DaMethodName[]]).optional(),
};

const sensitivityBlock = z.strictObject({
  /** Prevalence cuts tried besides the run's own. */
  min_prevalence: z.array(z.number().min(0).max(1)).default([0.05, 0.1, 0.2]),
  /** LinDA pseudocounts tried (zeros replaced by count + pseudocount). */
  pseudocounts: z.array(z.number().gt(0)).default([0.5, 1]),
  /** Refit without each covariate in turn. */
  drop_covariates: z.boolean().default(true),
  /** PERMANOVA on distances of the rarefied table and of the unrarefied one. */
  rarefy: z.boolean().default(true),
});

export type SensitivitySettings = z.infer<typeof sensitivityBlock>;

export const sensitivitySchema = z.union([z.boolean(), sensitivityBlock]).default(true);

/** The panel's settings, or null when `sensitivity: false`. */
export function sensitivitySettings(value: boolean | SensitivitySettings): SensitivitySettings | null {
  if (value === false) return null;
  return value === true ? sensitivityBlock.parse({}) : value;
}

/** The DA method that answers exposure hypotheses: `hypothesis_method`, else the first configured. */
export function hypothesisMethod(analysis: {
  hypothesis_method?: DaMethodName | undefined;
  da_methods: readonly DaMethodName[];
}): DaMethodName {
  return analysis.hypothesis_method ?? analysis.da_methods[0] ?? "linda";
}
