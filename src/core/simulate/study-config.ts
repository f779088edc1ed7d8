/**
 * The study configuration (DESIGN.md section 6) that goes with a simulated cohort, as plain data;
 * the CLI writes it as study.yaml next to the files it names. The config schema itself belongs to
 * the study pipeline (core/study); this object follows the documented format.
 */
import type { CohortDesign } from "./design.js";

export interface SimulatedStudyFiles {
  table: string;
  taxonomy: string;
  metadata: string;
}

/**
 * The pre-registered hypotheses of the kratom design (stated before any cohort is simulated): the
 * reference study's two headline links, tested alone with Holm across the two.
 */
export const KRATOM_HYPOTHESES = [
  { taxon: "Clostridium", outcome: "constipation", direction: "positive" },
  { taxon: "Faecalibacterium", exposure: "kratom_use", direction: "up" },
] as const;

export function simulatedStudyConfig(design: CohortDesign, seed: number, files: SimulatedStudyFiles) {
  // a longitudinal design (two visits per participant): random intercept per subject_id, the
  // exposure is the visit's status, no host outcomes
  const longitudinal = design.visits !== undefined;
  return {
    name: `${design.description}`,
    data: { table: files.table, taxonomy: files.taxonomy, metadata: files.metadata },
    design: {
      exposure: "kratom_use",
      reference: "non_user",
      covariates: longitudinal ? [] : ["age", "sex", "bmi"],
      strata: null,
      ...(longitudinal ? { subject: "subject_id" } : {}),
    },
    outcomes: longitudinal
      ? []
      : [
          { column: "pain_relief", type: "continuous" },
          { column: "constipation", type: "binary", positive: "yes" },
        ],
    dose: longitudinal ? [] : ["dose_g_per_day", "doses_per_week"],
    analysis: { level: "genus", min_prevalence: 0.1, rarefy: "auto", permutations: 999, fdr: 0.1 },
    hypotheses: KRATOM_HYPOTHESES.filter((h) => !longitudinal || "exposure" in h).map((h) => ({ ...h })),
    seed,
  };
}
